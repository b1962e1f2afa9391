import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The one spelling of a document's URI inside ECS Lens. Clients encode file URIs their own way (VS Code
 * writes `+` as `%2B` and `(` as `%28`; Node leaves them), so the same file can arrive under two names:
 * every map of documents is keyed by this spelling, and every comparison of URIs goes through it.
 */
export function normalizeUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  // A resource inside a file (`main.tf#aws_ecs_service.web`) keeps its fragment as written.
  const hash = uri.indexOf('#');
  const file = hash < 0 ? uri : uri.slice(0, hash);
  try {
    return pathToFileURL(fileURLToPath(file)).href + (hash < 0 ? '' : uri.slice(hash));
  } catch {
    return uri;
  }
}
