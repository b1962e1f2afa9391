import { parseDocument, type EcsDocument } from '../service/document';
import type { Problem } from '../service/problem';
import type { EcsLensSettings } from '../service/settings';
import { toSourceProblems } from './mapBack';
import { surfaceFor } from './registry';
import type { SourceFile } from './types';

export type { SourceFile, Surface, SurfaceId, SurfaceOrigin } from './types';
export { isSourceFileName, prepareSurfaces, surfaceFor, surfaceOf } from './registry';
export { toSourceProblems };

/**
 * A source file as the API-shaped documents it holds: a JSON file is one document, as it always was; a
 * Terraform or CloudFormation file is one document per ECS resource, each with a map back to the source.
 */
export function readSourceFile(uri: string, text: string, settings: EcsLensSettings): SourceFile {
  const surface = surfaceFor(uri, text, settings);
  if (!surface) return { uri, text, surface: 'json', documents: [parseDocument(uri, text, settings)], problems: [] };
  const reading = surface.read(uri, text, settings);
  const documents: EcsDocument[] = reading.documents.map((d) => {
    const doc = parseDocument(`${uri}#${d.origin.address}`, d.text, settings, d.kind);
    doc.origin = d.origin;
    if (d.pairingFamily !== undefined) doc.family = d.pairingFamily;
    return doc;
  });
  return { uri, text, surface: surface.id, documents, problems: reading.problems };
}

/** The source file's problems and its documents' problems, all at source offsets. */
export function sourceProblems(file: SourceFile, problemsOf: (doc: EcsDocument) => Problem[]): Problem[] {
  const out = file.problems.slice();
  for (const doc of file.documents) for (const p of toSourceProblems(doc, problemsOf(doc), file.text)) out.push(p);
  return out;
}
