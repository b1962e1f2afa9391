import type { TextDocument } from 'vscode-languageserver-textdocument';
import { maxDocumentLength, parseDocument, type EcsDocument } from '../service/document';
import type { EcsLensSettings } from '../service/settings';
import type { WorkspaceIndex } from './workspaceIndex';

/** One parse per document version, shared by diagnostics and every request; open documents feed the index. */
export class ParsedDocuments {
  private readonly parsed = new Map<string, { version: number; doc: EcsDocument }>();

  constructor(private readonly index: WorkspaceIndex) {}

  get(textDocument: TextDocument, settings: EcsLensSettings): EcsDocument {
    const cached = this.parsed.get(textDocument.uri);
    if (cached && cached.version === textDocument.version) return cached.doc;
    const text = textDocument.getText();
    const doc =
      text.length > maxDocumentLength
        ? {
            uri: textDocument.uri,
            text: '',
            root: undefined,
            kind: 'unknown' as const,
            body: undefined,
            family: undefined,
            syntaxProblems: [],
          }
        : parseDocument(textDocument.uri, text, settings);
    this.parsed.set(textDocument.uri, { version: textDocument.version, doc });
    this.index.setOpen(doc);
    return doc;
  }

  /** The kind of the last parse, without parsing again. */
  kindOf(uri: string): EcsDocument['kind'] | undefined {
    return this.parsed.get(uri)?.doc.kind;
  }

  delete(uri: string): void {
    this.parsed.delete(uri);
  }

  clear(): void {
    this.parsed.clear();
  }
}
