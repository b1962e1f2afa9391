import { maxDocumentLength, maxSourceFileLength } from '../service/document';
import type { EcsLensSettings } from '../service/settings';
import { terraformSurface } from './terraform';
import type { Surface, SurfaceId } from './types';
import { cloudFormationSurface } from './cloudformation';
import { appspecSurface } from './appspec';

/**
 * The surfaces besides ECS JSON, in the order they are asked whether a file is theirs. A new syntax is
 * one adapter and one row here; rules, completion, hover and the simulator need nothing else. An ECS
 * appspec declares `Type: AWS::ECS::Service` under `Resources`, as a template does: it is asked first.
 */
const surfaces: readonly Surface[] = [terraformSurface, appspecSurface, cloudFormationSurface];

export function surfaceOf(id: SurfaceId): Surface | undefined {
  return surfaces.find((s) => s.id === id);
}

/** The surface that reads a file: the first that recognises it and is not turned off; none for ECS JSON. */
export function surfaceFor(uri: string, text: string, settings: EcsLensSettings): Surface | undefined {
  return surfaces.find((s) => settings.surfaces?.[s.id as 'terraform'] !== false && s.recognises(uri, text, settings));
}

/** The longest text of this file that ECS Lens reads: a Terraform file or a template may hold many documents. */
export function lengthLimitFor(uri: string, text: string, settings: EcsLensSettings): number {
  return surfaceFor(uri, text, settings) ? maxSourceFileLength : maxDocumentLength;
}

/** The surface that would read the file but is turned off (`"surfaces": {"terraform": false}`). */
export function turnedOffSurfaceFor(uri: string, text: string, settings: EcsLensSettings): Surface | undefined {
  return surfaces.find((s) => settings.surfaces?.[s.id as 'terraform'] === false && s.recognises(uri, text, settings));
}

let prepared: Promise<void> | undefined;

/**
 * Loads every surface's parser once; the server and the CLI await it before reading files. A parser that
 * fails to load leaves its surface to say so on each file it recognises; it never stops the others.
 */
export function prepareSurfaces(): Promise<void> {
  return (prepared ??= Promise.allSettled(surfaces.map((s) => s.prepare?.() ?? Promise.resolve())).then(
    () => undefined,
  ));
}

/** True for a file name a folder walk should read: ECS JSON, or a file one of the surfaces may read. */
export function isSourceFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.json') || surfaces.some((s) => s.extensions.some((e) => lower.endsWith(e)));
}
