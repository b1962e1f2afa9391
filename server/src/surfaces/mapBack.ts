import type { EcsDocument } from '../service/document';
import { schemaFor, type JsonSchema } from '../service/schema';
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
      message: surface?.memberName ? renamedMembers(p.message, doc, surface) : p.message,
      offset: range.offset,
      length: range.length,
      fixes: fixes && fixes.length > 0 ? fixes : undefined,
    };
    if (range.assumption) {
      mapped.message = `${range.assumption}: ${mapped.message}`;
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

/**
 * A message with the API member names it writes in the surface's spelling. Rules name members in three
 * forms: a path (`healthCheck.interval`, `containerDefinitions[0].memory`), a name in quotes
 * (`"readonlyRootFilesystem": true`), or a name opening a clause (`memory is 4 MiB`). A word counts as a
 * member name when the document's schema has a member so named; in quotes, also no enum value so spelt
 * (`"host"` is a network mode). Other quoted words (container names, values) are left as they are.
 */
export function renamedMembers(message: string, doc: EcsDocument, surface: Surface): string {
  const names = memberNamesOf(doc);
  if (!names) return message;
  const render = (name: string, quoted = false) =>
    (quoted ? names.unambiguous : names.all).has(name) ? surface.memberName!(name) : undefined;
  return message
    .replace(
      /\b[a-z][A-Za-z0-9]*(?:\[\d+\])*(?:\.[a-z][A-Za-z0-9]*(?:\[\d+\])*)+\b|\b[a-z][A-Za-z0-9]*\[\d+\]/g,
      (path) => {
        const steps = path.split(/(\[\d+\]|\.)/);
        const renamed = steps.map((step) => (/^[a-z]/.test(step) ? render(step) : step));
        return renamed.every((r) => r !== undefined) ? renamed.join('') : path;
      },
    )
    .replace(/"([a-z][A-Za-z0-9]*)"/g, (quoted, name: string) => {
      const r = render(name, true);
      return r ? `"${r}"` : quoted;
    })
    .replace(
      /(^|[.;:] )([a-z][A-Za-z0-9]*)(?= (?:is|are|must|takes|needs)\b)/g,
      (whole, head: string, name: string) => {
        const r = render(name);
        return r ? head + r : whole;
      },
    );
}

interface MemberNames {
  all: Set<string>;
  /** Less those spelt like an enum value. */
  unambiguous: Set<string>;
}

const namesByRoot = new WeakMap<JsonSchema, MemberNames>();

/** The member names of every object in a document kind's schema. */
function memberNamesOf(doc: EcsDocument): MemberNames | undefined {
  const root = schemaFor(doc.kind);
  if (!root) return undefined;
  let names = namesByRoot.get(root);
  if (names) return names;
  const members = new Set<string>();
  const values = new Set<unknown>();
  const seen = new Set<JsonSchema>();
  const walk = (schema: JsonSchema | undefined): void => {
    if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
    seen.add(schema);
    for (const [name, member] of Object.entries(schema.properties ?? {})) {
      members.add(name);
      walk(member);
    }
    for (const v of schema.enum ?? []) values.add(v);
    walk(schema.items);
    for (const alternative of schema.anyOf ?? []) walk(alternative);
    if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties);
  };
  walk(root);
  for (const definition of Object.values(root.definitions ?? {})) walk(definition);
  names = { all: members, unambiguous: new Set([...members].filter((m) => !values.has(m))) };
  namesByRoot.set(root, names);
  return names;
}
