import type { EcsDocument } from '../service/document';
import type { Fix, Problem, TextEdit } from '../service/problem';
import { surfaceOf } from './registry';
import type { Segment, SourceRange } from './sourceMap';
import type { Surface } from './types';

/**
 * A document's problems at the offsets of its source file. A problem on a value taken from elsewhere (a
 * variable's default) says which, and is at most a warning; a fix is kept only when each of its edits can
 * be written in the source's syntax.
 */
export function toSourceProblems(doc: EcsDocument, problems: Problem[], sourceText: string): Problem[] {
  const origin = doc.origin;
  if (!origin) return problems;
  const surface = surfaceOf(origin.surface);
  const out: Problem[] = [];
  for (const p of problems) {
    // A reference or a variable is ordinary in its syntax: the placeholder standing for it is not one to note.
    if (p.code === 'placeholder.value' && origin.map.segmentAtVirtual(p.offset, p.length)?.role === 'unknown') continue;
    const range: SourceRange = origin.map.toSource(p.offset, p.length) ?? origin.nameRange;
    const fixes = p.fixes
      ?.map((f) => (surface ? sourceFix(f, doc, surface, sourceText) : undefined))
      .filter((f): f is Fix => f !== undefined);
    const mapped: Problem = {
      ...p,
      offset: range.offset,
      length: range.length,
      fixes: fixes && fixes.length > 0 ? fixes : undefined,
    };
    if (range.assumption) {
      mapped.message = `${range.assumption}: ${p.message}`;
      if (p.severity === 'error') mapped.severity = 'warning';
    }
    const annotated = surface?.annotate ? surface.annotate(mapped, doc) : mapped;
    if (annotated) out.push(annotated);
  }
  return out;
}

function sourceFix(fix: Fix, doc: EcsDocument, surface: Surface, sourceText: string): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const e of fix.edits) {
    const edit = sourceEdit(e, doc, surface, sourceText);
    if (!edit) return undefined;
    edits.push(edit);
  }
  return { ...fix, edits };
}

/**
 * An edit of the API-shaped text as an edit of the source: inside text the source holds verbatim (a JSON
 * heredoc) it moves as it is; over a whole value or member name the surface writes it in its own syntax.
 */
function sourceEdit(e: TextEdit, doc: EcsDocument, surface: Surface, sourceText: string): TextEdit | undefined {
  const map = doc.origin!.map;
  const segment: Segment | undefined = map.segmentAtVirtual(e.offset, e.length);
  if (!segment) return undefined;
  if (segment.assumption) return undefined; // the value is not written here: editing it here would not change it
  const whole = segment.vOffset === e.offset && segment.vLength === e.length;
  if (segment.exact && !whole) {
    const offset = segment.sOffset + (e.offset - segment.vOffset);
    return { offset, length: e.length, newText: e.newText };
  }
  if (!whole) return undefined;
  if (segment.exact) return { offset: segment.sOffset, length: segment.sLength, newText: e.newText };
  const newText = surface.renderEdit(e.newText, segment, sourceText);
  return newText === undefined ? undefined : { offset: segment.sOffset, length: segment.sLength, newText };
}
