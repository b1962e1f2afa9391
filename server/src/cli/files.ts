import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Input { path: string; explicit: boolean; size: number }

/** Files to check, and messages about what could not be read (the run goes on without it, and exits 2). */
export function collectFiles(paths: string[]): { inputs: Input[]; unreadable: string[] } {
  const inputs: Input[] = [];
  const unreadable: string[] = [];
  const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  const visited = new Set<string>();
  const walk = (dir: string) => {
    // Linked folders can form a loop: each real folder is walked once.
    let real: string;
    try { real = realpathSync(dir); } catch { real = dir; }
    if (visited.has(real)) return;
    visited.add(real);
    let names: string[];
    try { names = readdirSync(dir).sort(); } catch (error) { unreadable.push(`cannot read folder "${dir}": ${reason(error)}.`); return; }
    for (const name of names) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(dir, name);
      let stat;
      try {
        stat = statSync(p);
      } catch (error) {
        // A dangling link or an entry gone since the listing matters only when it would have been checked.
        if (name.endsWith('.json')) unreadable.push(`cannot read "${p}": ${reason(error)}.`);
        continue;
      }
      if (stat.isDirectory()) walk(p);
      else if (name.endsWith('.json') && stat.isFile()) inputs.push({ path: p, explicit: false, size: stat.size });
    }
  };
  for (const p of paths) {
    let stat;
    try { stat = statSync(p); } catch { throw new Error(`cannot read "${p}": no such file or folder.`); }
    if (stat.isDirectory()) walk(p);
    else inputs.push({ path: p, explicit: true, size: stat.size });
  }
  return { inputs, unreadable };
}

