import type { Position } from 'vscode-languageserver/node';
import { activeDocument } from '../service/workspace';
import type { HandlerContext } from './handlerContext';
import { documentAt } from './parsedDocuments';
import { hitAt } from './surfacePositions';

type Files = Pick<HandlerContext, 'documents' | 'parsed' | 'settings'>;

/** The open document at `uri` and its parse at the current version. */
export async function fileAt({ documents, parsed, settings }: Files, uri: string) {
  const textDocument = documents.get(uri);
  if (!textDocument) return undefined;
  const file = await parsed.file(textDocument, await settings.for(uri));
  // Undefined when a newer version arrived meanwhile: the editor asks again about that one.
  return file && { textDocument, file };
}

/**
 * The document a custom request names: a JSON file; in a surface file the resource `#address` names, else
 * the one the position falls in, else the file's first service, else its first task definition.
 */
export async function requestDocument(files: Files, uri: string, position?: Position) {
  const at = await fileAt(files, uri.replace(/#.*$/, ''));
  if (!at) return undefined;
  const { file, textDocument } = at;
  const under =
    position && file.surface !== 'json' && !uri.includes('#')
      ? documentAt(file, textDocument.offsetAt(position))?.doc
      : undefined;
  return under ?? activeDocument(file.documents, uri) ?? (uri.includes('#') ? undefined : file.documents[0]);
}

/** The API-shaped document at a position (the resource it falls in, in a Terraform file or template). */
export async function hitFor(files: Files, uri: string, position: Position) {
  const at = await fileAt(files, uri);
  const hit = at && hitAt(at.file, at.textDocument, position);
  return hit && hit.doc.kind !== 'unknown' ? { ...at, hit } : undefined;
}

/** The index with every open document at its current version (unsaved edits included). */
export async function currentIndex({ documents, parsed, settings, index }: Files & Pick<HandlerContext, 'index'>) {
  for (const textDocument of documents.all()) await parsed.file(textDocument, await settings.for(textDocument.uri));
  return index;
}
