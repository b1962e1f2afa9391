import type { TextDocument } from 'vscode-languageserver-textdocument';
import { maxDocumentLength, type EcsDocument } from '../service/document';
import type { EcsLensSettings } from '../service/settings';
import { prepareSurfaces, readSourceFile, type SourceFile } from '../surfaces';
import type { WorkspaceIndex } from './workspaceIndex';

/** One read per document version, shared by diagnostics and every request; open documents feed the index. */
export class ParsedDocuments {
  private readonly parsed = new Map<string, { version: number; file: SourceFile }>();

  constructor(private readonly index: WorkspaceIndex) {}

  /** The source file at its current version: its API-shaped documents (one for a JSON file) and its own problems. */
  async file(textDocument: TextDocument, settings: EcsLensSettings): Promise<SourceFile> {
    await prepareSurfaces();
    const cached = this.parsed.get(textDocument.uri);
    if (cached && cached.version === textDocument.version) return cached.file;
    const text = textDocument.getText();
    const file: SourceFile =
      text.length > maxDocumentLength
        ? { uri: textDocument.uri, text: '', surface: 'json', documents: [unread(textDocument.uri)], problems: [] }
        : readSourceFile(textDocument.uri, text, settings);
    this.parsed.set(textDocument.uri, { version: textDocument.version, file });
    this.index.setOpen(file);
    return file;
  }

  /** True when the last read of the file found a document of this kind, without reading it again. */
  holds(uri: string, kind: EcsDocument['kind']): boolean {
    return this.parsed.get(uri)?.file.documents.some((d) => d.kind === kind) ?? false;
  }

  /** True when the file was read before (a change to it is an edit, not an open). */
  seen(uri: string): boolean {
    return this.parsed.has(uri);
  }

  delete(uri: string): void {
    this.parsed.delete(uri);
  }

  clear(): void {
    this.parsed.clear();
  }
}

function unread(uri: string): EcsDocument {
  return { uri, text: '', root: undefined, kind: 'unknown', body: undefined, family: undefined, syntaxProblems: [] };
}

/**
 * The document of a source file at an offset, and the offset in that document's text: a JSON file's one
 * document as it is; in a Terraform file or template, the resource the offset falls in, through its map.
 */
export function documentAt(file: SourceFile, offset: number): { doc: EcsDocument; offset: number } | undefined {
  if (file.surface === 'json') return file.documents[0] ? { doc: file.documents[0], offset } : undefined;
  for (const doc of file.documents) {
    const origin = doc.origin;
    if (!origin || offset < origin.range.offset || offset > origin.range.offset + origin.range.length) continue;
    const inner = origin.map.toVirtual(offset);
    return inner === undefined ? undefined : { doc, offset: inner };
  }
  return undefined;
}
