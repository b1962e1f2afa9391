/**
 * The one way a cluster file is read, by the CLI's `--cluster` and by the editor's index: through the bounded
 * reader, with the budget that grows with the instances the file lists (admitClusterText), so what the CLI
 * simulates the panel can simulate too.
 */
import { admitClusterText, maxClusterFileBytes } from './admission';
import { readFileBounded } from './walk';

export type ClusterRead = { ok: true; text: string } | { ok: false; message: string; reason: string };

/** `name` is what errors call the file; `roots`, when given, are the folders it must be inside. */
export function readClusterFile(path: string, name: string, roots?: readonly string[]): ClusterRead {
  const read = readFileBounded(path, { maxBytes: maxClusterFileBytes, ...(roots ? { roots } : {}) });
  if (!read.ok) return { ok: false, message: read.message, reason: read.reason };
  const refused = admitClusterText(read.text, name);
  return refused ? { ok: false, message: refused, reason: 'admission' } : { ok: true, text: read.text };
}
