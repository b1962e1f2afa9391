import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EcsDocument } from '../service/document';
import type { EcsLensSettings } from '../service/settings';
import { lengthLimitFor, prepareSurfaces, readSourceFileInSlices, type SourceFile } from '../surfaces';
import type { WorkspaceIndex } from './workspaceIndex';

interface Reading {
  version: number;
  file: Promise<SourceFile | undefined>;
}

/**
 * One read per document version, shared by diagnostics and every request; open documents feed the index. A file
 * is read in slices (a large one never holds the server's thread for long), and a read is dropped when a newer
 * version of the file arrives.
 */
export class ParsedDocuments {
  private readonly parsed = new Map<string, { version: number; file: SourceFile }>();
  private readonly reading = new Map<string, Reading>();

  constructor(
    private readonly index: WorkspaceIndex,
    /** False once the editor holds a newer version of the document than `version`. */
    private readonly isCurrent: (uri: string, version: number) => boolean = () => true,
  ) {}

  /**
   * The source file at this version: its API-shaped documents (one for a JSON file) and its own problems;
   * undefined when a newer version arrived while it was read.
   */
  async file(textDocument: TextDocument, settings: EcsLensSettings): Promise<SourceFile | undefined> {
    await prepareSurfaces();
    const { uri, version } = textDocument;
    const cached = this.parsed.get(uri);
    if (cached && cached.version === version) return cached.file;
    const pending = this.reading.get(uri);
    if (pending && pending.version === version) return pending.file;
    const text = textDocument.getText();
    if (text.length > lengthLimitFor(uri, text, settings)) {
      const file: SourceFile = { uri, text: '', surface: 'json', documents: [unread(uri)], problems: [] };
      this.keep(uri, version, file);
      return file;
    }
    const reading: Reading = { version, file: Promise.resolve(undefined) };
    const stopped = () => this.reading.get(uri) !== reading || !this.isCurrent(uri, version);
    reading.file = readSourceFileInSlices(uri, text, settings, stopped).then((file) => {
      if (!file || stopped()) return undefined;
      this.reading.delete(uri);
      this.keep(uri, version, file);
      return file;
    });
    this.reading.set(uri, reading);
    return reading.file;
  }

  private keep(uri: string, version: number, file: SourceFile): void {
    this.parsed.set(uri, { version, file });
    this.index.setOpen(file);
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
    this.reading.delete(uri);
  }

  clear(): void {
    this.parsed.clear();
    this.reading.clear();
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
