import {
  InsertTextFormat,
  InsertTextMode,
  SymbolKind,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument, type EcsDocument } from '../service/document';
import { documentSymbols } from '../service/symbols';
import type { EcsLensSettings } from '../service/settings';
import { readSourceFile, surfaceOf, type SourceFile } from '../surfaces';
import { documentAt } from './parsedDocuments';

/**
 * A request at a position of a source file, as the language service sees it: the API-shaped document
 * there, a TextDocument over its text, and the offset in it. For a JSON file these are the file itself.
 */
export interface DocumentHit {
  doc: EcsDocument;
  /** The document's own text (the source file's, for JSON). */
  inner: TextDocument;
  offset: number;
  source: TextDocument;
  /** The request's position in the source. */
  position: Position;
}

export function hitAt(file: SourceFile, source: TextDocument, position: Position): DocumentHit | undefined {
  const found = documentAt(file, source.offsetAt(position));
  if (!found) return undefined;
  const inner = found.doc.origin ? TextDocument.create(found.doc.uri, 'json', source.version, found.doc.text) : source;
  return { doc: found.doc, inner, offset: found.offset, source, position };
}

/**
 * A range of the document's text as a range of the source. `exact` asks for a range the source holds
 * character for character (an edit's range); otherwise the source range of the node it falls in will do.
 */
export function sourceRange(hit: DocumentHit, range: Range, exact: boolean): Range | undefined {
  const origin = hit.doc.origin;
  if (!origin) return range;
  const start = hit.inner.offsetAt(range.start);
  const length = hit.inner.offsetAt(range.end) - start;
  if (exact && !origin.map.segmentAtVirtual(start, length)?.exact) return undefined;
  const mapped = origin.map.toSource(start, length);
  if (!mapped) return undefined;
  return { start: hit.source.positionAt(mapped.offset), end: hit.source.positionAt(mapped.offset + mapped.length) };
}

/**
 * Completion at a position of a source file: in text the source holds as JSON (a JSON file, a heredoc, a
 * string), the document's own items; elsewhere in a surface file, member names written by the surface.
 */
export function completionsAt(
  file: SourceFile,
  hit: DocumentHit,
  settings: EcsLensSettings,
  completeAt: (doc: EcsDocument, inner: TextDocument, offset: number) => CompletionList,
): CompletionList {
  const origin = hit.doc.origin;
  if (origin && !origin.map.segmentAtSource(hit.source.offsetAt(hit.position))?.exact) {
    const slot = sourceSlotCompletions(file, hit.source, hit.position, settings, completeAt);
    if (slot) return slot;
    const values = sourceValueCompletions(file, hit, completeAt);
    if (values) return values;
    const members = memberCompletionsAt(file, hit.source, hit.position, settings, completeAt);
    if (members) return members;
  }
  return sourceCompletions(hit, completeAt(hit.doc, hit.inner, hit.offset));
}

/** Completion items whose edits land in text the source holds as written; the others cannot be applied there. */
export function sourceCompletions(hit: DocumentHit, list: CompletionList): CompletionList {
  if (!hit.doc.origin) return list;
  const items: CompletionItem[] = [];
  for (const item of list.items) {
    const mapped = sourceItem(hit, item);
    if (mapped) items.push(mapped);
  }
  return { ...list, items };
}

/**
 * Member names where the cursor is not in text the source holds as JSON (an HCL object, a resource's
 * arguments): the word being typed is blanked (same length, so every offset stays) and the file read again,
 * so that a half-typed name no longer breaks the object it stands in; the cursor then falls in that
 * object's range, the names the object may take are completed there, and the surface writes each in its
 * own syntax. Undefined when the cursor is not in an object of a document, or the surface cannot write names.
 */
export function memberCompletionsAt(
  file: SourceFile,
  source: TextDocument,
  position: Position,
  settings: EcsLensSettings,
  completeAt: (doc: EcsDocument, inner: TextDocument, offset: number) => CompletionList,
): CompletionList | undefined {
  const surface = surfaceOf(file.surface);
  if (!surface?.renderMember) return undefined;
  const offset = source.offsetAt(position);
  const text = file.text;
  let start = offset;
  let end = offset;
  while (start > 0 && /[\w-]/.test(text[start - 1])) start--;
  while (end < text.length && /[\w-]/.test(text[end])) end++;
  // A name in quotes (a JSON template, a quoted key) is replaced with its quotes.
  const quoted = text[start - 1] === '"' && text[end] === '"';
  if (quoted) {
    start--;
    end++;
  }
  // A name with a value already after it is edited by renaming (a quick fix), not completed here.
  if (!/^[ \t]*(\r?\n|$)/.test(text.slice(end))) return undefined;
  let blanked = text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
  // A comma typed before the name would be left before a closing brace: blanked too, so that the file reads.
  const comma = /,\s*$/.exec(blanked.slice(Math.max(0, start - 4096), start));
  if (quoted && comma && /^\s*[}\]]/.test(blanked.slice(end))) {
    const at = start - comma[0].length;
    blanked = blanked.slice(0, at) + ' ' + blanked.slice(at + 1);
  }
  // Where the syntax places a member by its indentation (YAML), the surface says which object it joins.
  const anchor = surface.memberAnchor ? surface.memberAnchor(blanked, start) : offset;
  if (anchor === undefined) return undefined;
  const reread = readSourceFile(file.uri, blanked, settings);
  const doc = reread.documents.find(
    (d) => d.origin && d.origin.range.offset < anchor && anchor < d.origin.range.offset + d.origin.range.length,
  );
  const segment = doc?.origin?.map.segmentAtSource(anchor);
  if (!doc || !segment || segment.exact || doc.text[segment.vOffset] !== '{') return undefined;
  // The cursor is in the object and in none of its members: complete at a space opened just inside its
  // opening brace, where a new member would start.
  const at = segment.vOffset + 1;
  const opened = parseDocument(doc.uri, `${doc.text.slice(0, at)} ${doc.text.slice(at)}`, settings, doc.kind);
  opened.family = doc.family;
  const list = completeAt(opened, TextDocument.create(doc.uri, 'json', source.version, opened.text), at);
  const range = { start: source.positionAt(start), end: source.positionAt(end) };
  const items: CompletionItem[] = [];
  for (const item of list.items) {
    const edit = item.textEdit;
    const head = `"${item.label}": `;
    if (!edit || !edit.newText.startsWith(head)) continue;
    const valueSnippet = edit.newText.slice(head.length).replace(/,$/, '');
    const plain = item.insertTextFormat !== InsertTextFormat.Snippet;
    for (const written of surface.renderMember({ name: item.label, valueSnippet }, blanked, start))
      items.push({
        ...item,
        label: written.label,
        filterText: quoted ? JSON.stringify(written.label) : written.label,
        textEdit: { range, newText: plain ? withoutPlaceholders(written.newText) : written.newText },
        additionalTextEdits: undefined,
        ...(written.asIs ? { insertTextMode: InsertTextMode.asIs } : {}),
      });
  }
  return { isIncomplete: list.isIncomplete, items };
}

/**
 * Values where the cursor is in a value the source does not hold as JSON (a plain YAML scalar, or nothing
 * yet after `Key: `): the document's value items there, each written by the surface as the value it
 * replaces (enum values in the template's own syntax). Undefined when the cursor is not at a value.
 */
function sourceValueCompletions(
  file: SourceFile,
  hit: DocumentHit,
  completeAt: (doc: EcsDocument, inner: TextDocument, offset: number) => CompletionList,
): CompletionList | undefined {
  const surface = surfaceOf(file.surface);
  const origin = hit.doc.origin;
  if (!surface?.valueAt || !origin) return undefined;
  const offset = hit.source.offsetAt(hit.position);
  const at = surface.valueAt(file.text, offset);
  if (!at) return undefined;
  const segment = origin.map.segmentAtSource(at.offset);
  if (!segment || segment.role || segment.sOffset !== at.offset || segment.sLength !== at.length) return undefined;
  if (!/^["\d\-tfn]/.test(hit.doc.text[segment.vOffset] ?? '')) return undefined;
  const list = completeAt(hit.doc, hit.inner, segment.vOffset);
  const range = { start: hit.source.positionAt(at.offset), end: hit.source.positionAt(at.offset + at.length) };
  const items: CompletionItem[] = [];
  for (const item of list.items) {
    const edit = item.textEdit;
    if (!edit || !('range' in edit) || item.insertTextFormat === InsertTextFormat.Snippet) continue;
    const newText = surface.renderEdit(edit.newText, segment, file.text);
    if (newText === undefined) continue;
    items.push({ ...item, filterText: newText, textEdit: { range, newText }, additionalTextEdits: undefined });
  }
  return { isIncomplete: list.isIncomplete, items };
}

/**
 * Values where the surface sees a value yet to be written (`network_mode = |`): the file is read again with
 * the surface's placeholder there, which tells the member; its values are completed as in JSON and each is
 * written by the surface (`"awsvpc"` in HCL), replacing the word typed so far. Undefined when the cursor is
 * not at such a place; an empty list when it is but the member takes no value the surface can write.
 */
function sourceSlotCompletions(
  file: SourceFile,
  source: TextDocument,
  position: Position,
  settings: EcsLensSettings,
  completeAt: (doc: EcsDocument, inner: TextDocument, offset: number) => CompletionList,
): CompletionList | undefined {
  const surface = surfaceOf(file.surface);
  const offset = source.offsetAt(position);
  const slot = surface?.valueSlot?.(file.text, offset);
  if (!surface || !slot) return undefined;
  const probed = file.text.slice(0, slot.start) + slot.placeholder + file.text.slice(slot.end);
  const inside = slot.start + 1;
  const doc = readSourceFile(file.uri, probed, settings).documents.find(
    (d) => d.origin && d.origin.range.offset < inside && inside < d.origin.range.offset + d.origin.range.length,
  );
  const segment = doc?.origin?.map.segmentAtSource(inside);
  const none: CompletionList = { isIncomplete: false, items: [] };
  if (!doc || !segment?.exact || segment.sOffset !== slot.start || segment.sLength !== slot.placeholder.length)
    return none;
  // Completed after the placeholder's value, as in JSON after a value: items replace it whole, quoted.
  const list = completeAt(
    doc,
    TextDocument.create(doc.uri, 'json', source.version, doc.text),
    segment.vOffset + segment.vLength,
  );
  const range = { start: source.positionAt(slot.start), end: source.positionAt(slot.end) };
  const items: CompletionItem[] = [];
  for (const item of list.items) {
    const edit = item.textEdit;
    if (!edit || item.insertTextFormat === InsertTextFormat.Snippet) continue;
    const written = surface.renderEdit(edit.newText.replace(/,$/, ''), segment, probed);
    if (written === undefined) continue;
    let filterText = written;
    try {
      const value: unknown = JSON.parse(edit.newText.replace(/,$/, ''));
      if (typeof value === 'string') filterText = value;
    } catch {
      // Not JSON: filtered by what is written.
    }
    items.push({ ...item, filterText, textEdit: { range, newText: written }, additionalTextEdits: undefined });
  }
  return { isIncomplete: list.isIncomplete, items };
}

/** A snippet as plain text (for a client without snippets): each placeholder as its default, tab stops gone. */
function withoutPlaceholders(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\d+/g, '');
}

function sourceItem(hit: DocumentHit, item: CompletionItem): CompletionItem | undefined {
  const edit = item.textEdit;
  if (!edit) return undefined;
  let textEdit: CompletionItem['textEdit'];
  if ('range' in edit) {
    const range = sourceRange(hit, edit.range, true);
    if (!range) return undefined;
    textEdit = { range, newText: edit.newText };
  } else {
    const insert = sourceRange(hit, edit.insert, true);
    const replace = sourceRange(hit, edit.replace, true);
    if (!insert || !replace) return undefined;
    textEdit = { insert, replace, newText: edit.newText };
  }
  const additional: TextEdit[] = [];
  for (const e of item.additionalTextEdits ?? []) {
    const range = sourceRange(hit, e.range, true);
    if (!range) return undefined;
    additional.push({ range, newText: e.newText });
  }
  return { ...item, textEdit, additionalTextEdits: item.additionalTextEdits ? additional : undefined };
}

/** A resource of a Terraform file or template in the Outline: its address, with its document's symbols inside. */
export function resourceSymbol(doc: EcsDocument, source: TextDocument): DocumentSymbol {
  const origin = doc.origin!;
  const toRange = (offset: number, length: number): Range => ({
    start: source.positionAt(offset),
    end: source.positionAt(offset + length),
  });
  const range = toRange(origin.range.offset, origin.range.length);
  const hit: DocumentHit = {
    doc,
    inner: TextDocument.create(doc.uri, 'json', source.version, doc.text),
    offset: 0,
    source,
    position: source.positionAt(origin.range.offset),
  };
  const within = (r: Range, outer: Range) =>
    source.offsetAt(r.start) >= source.offsetAt(outer.start) && source.offsetAt(r.end) <= source.offsetAt(outer.end);
  // Values taken from elsewhere (a variable's default) map outside the resource: the Outline keeps to it.
  const inside = (symbols: DocumentSymbol[], outer: Range): DocumentSymbol[] =>
    symbols.flatMap((s) => {
      const r = sourceRange(hit, s.range, false);
      if (!r || !within(r, outer)) return [];
      const selection = sourceRange(hit, s.selectionRange, false);
      const selectionRange = selection && within(selection, r) ? selection : r;
      return [{ ...s, range: r, selectionRange, children: s.children ? inside(s.children, r) : undefined }];
    });
  return {
    name: origin.address,
    detail: origin.resourceType,
    kind: SymbolKind.Struct,
    range,
    selectionRange: toRange(origin.nameRange.offset, origin.nameRange.length),
    children: inside(documentSymbols(doc, hit.inner), range),
  };
}
