import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root, whether the tests run from out/ (transpiled) or from the sources. */
const fromOut = join(__dirname, '..', '..', '..');
export const repoRoot = existsSync(join(fromOut, 'server', 'src')) ? fromOut : process.cwd();

/** Every TypeScript file under `dir`, for tests that read the project's own sources. */
export function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tsFiles(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}
