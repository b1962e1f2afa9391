import { parseDocument, parseDocumentSteps, type EcsDocument } from '../service/document';
import { runInSlices, runSteps, type Steps } from '../shared/steps';
import type { Problem } from '../service/problem';
import type { EcsLensSettings } from '../service/settings';
import { toSourceProblems } from './mapBack';
import { surfaceFor, turnedOffSurfaceFor } from './registry';
import type { SourceFile } from './types';

export type { SourceFile, Surface, SurfaceId, SurfaceOrigin } from './types';
export { isSourceFileName, lengthLimitFor, prepareSurfaces, surfaceFor, surfaceOf } from './registry';
export { toSourceProblems };

/**
 * A source file as the API-shaped documents it holds: a JSON file is one document, as it always was; a
 * Terraform or CloudFormation file is one document per ECS resource, each with a map back to the source.
 */
export function readSourceFile(uri: string, text: string, settings: EcsLensSettings): SourceFile {
  return runSteps(readSourceFileSteps(uri, text, settings));
}

/**
 * The same read in slices that give the thread back (the language server's way with large files); undefined when
 * `stopped()` turns true between slices (a newer version of the file has arrived).
 */
export function readSourceFileInSlices(
  uri: string,
  text: string,
  settings: EcsLensSettings,
  stopped: () => boolean,
): Promise<SourceFile | undefined> {
  return runInSlices(readSourceFileSteps(uri, text, settings), stopped);
}

/** A JSON document over this many characters is parsed in steps (smaller ones take the one-step path). */
const steppedJsonLength = 256 * 1024;

/** The read in steps that may pause (between resources, and inside a parse of many tokens). */
export function* readSourceFileSteps(uri: string, text: string, settings: EcsLensSettings): Steps<SourceFile> {
  const surface = surfaceFor(uri, text, settings);
  if (!surface) {
    // A Terraform file when the settings turn Terraform off: no ECS resource in it, and not JSON with errors.
    const off = turnedOffSurfaceFor(uri, text, settings);
    if (off) return { uri, text, surface: off.id, documents: [], problems: [] };
    const doc =
      text.length > steppedJsonLength
        ? yield* parseDocumentSteps(uri, text, settings)
        : parseDocument(uri, text, settings);
    return { uri, text, surface: 'json', documents: [doc], problems: [] };
  }
  const reading = yield* surface.read(uri, text, settings);
  const documents: EcsDocument[] = [];
  for (const d of reading.documents) {
    yield;
    const doc = parseDocument(`${uri}#${d.origin.address}`, d.text, settings, d.kind);
    doc.origin = d.origin;
    if (d.pairingFamily !== undefined) doc.family = d.pairingFamily;
    documents.push(doc);
  }
  return { uri, text, surface: surface.id, documents, problems: reading.problems };
}

/** The source file's problems and its documents' problems, all at source offsets. */
export function sourceProblems(file: SourceFile, problemsOf: (doc: EcsDocument) => Problem[]): Problem[] {
  return runSteps(
    // eslint-disable-next-line require-yield -- one step: each document checked at once
    sourceProblemsSteps(file, function* (doc) {
      return problemsOf(doc);
    }),
  );
}

/** The same, in steps that may pause between documents and wherever a document's check pauses. */
export function* sourceProblemsSteps(
  file: SourceFile,
  problemsOf: (doc: EcsDocument) => Steps<Problem[]>,
): Steps<Problem[]> {
  const out = file.problems.slice();
  for (const doc of file.documents) {
    yield;
    for (const p of toSourceProblems(doc, yield* problemsOf(doc), file.text)) out.push(p);
  }
  return out;
}
