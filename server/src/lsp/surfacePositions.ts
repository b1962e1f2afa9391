import {
  SymbolKind,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EcsDocument } from '../service/document';
import { documentSymbols } from '../service/symbols';
import type { SourceFile } from '../surfaces';
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
}

export function hitAt(file: SourceFile, source: TextDocument, position: Position): DocumentHit | undefined {
  const found = documentAt(file, source.offsetAt(position));
  if (!found) return undefined;
  const inner = found.doc.origin ? TextDocument.create(found.doc.uri, 'json', source.version, found.doc.text) : source;
  return { doc: found.doc, inner, offset: found.offset, source };
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
