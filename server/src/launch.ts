import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * How the editor and the bin start the language server (dist/launch.js): it runs the server bundle beside it with
 * V8's code cache, so a start after the first skips compiling the functions the bundle runs while it loads, as
 * Node's own compile cache does (module.enableCompileCache, from Node 22). The cache lives in a folder only this
 * user can write (V8 runs what it reads from it): `ECS_LENS_CODE_CACHE` names one, `off` turns the cache off.
 * Without a usable folder the bundle is compiled as a plain require would.
 */
const bundle = join(__dirname, 'server.js');

function cacheFolder(): string | undefined {
  const setting = process.env.ECS_LENS_CODE_CACHE;
  if (setting === 'off') return undefined;
  // Beside ECS Lens's other caches (scripts/vscode-server.mjs): a fresh HOME or ECS_LENS_CACHE starts without one.
  const folder = setting || join(process.env.ECS_LENS_CACHE || join(homedir(), '.cache', 'ecs-lens'), 'code-cache');
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = statSync(folder);
    // A folder another user owns or can write to is not used: the cache it holds could run anything.
    if (process.getuid && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return undefined;
    return folder;
  } catch {
    return undefined;
  }
}

/** FNV-1a, in hex: names a cache file after the bundle's path (loading node:crypto would cost more than it saves). */
function pathHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16);
}

function run(): void {
  const folder = cacheFolder();
  const source = readFileSync(bundle, 'utf8');
  const { size, mtimeMs } = statSync(bundle);
  // A new build, Node or V8 gets a file of its own; V8 also rejects data made by another version or other flags.
  // Each installation (path) has its own files, so two never remove each other's.
  const place = `server-${pathHash(bundle)}-`;
  const file =
    folder && join(folder, `${place}${size}-${Math.round(mtimeMs)}-${process.version}-${process.arch}.cache`);
  let cachedData: Buffer | undefined;
  try {
    if (file) cachedData = readFileSync(file);
  } catch {
    // No cache yet: this start makes one.
  }
  const script = new Script(wrap(source), { filename: bundle, cachedData });
  const module = { exports: {}, filename: bundle, id: bundle };
  (script.runInThisContext() as (...args: unknown[]) => void).call(
    module.exports,
    module.exports,
    createRequire(bundle),
    module,
    bundle,
    dirname(bundle),
  );
  if (file && (cachedData === undefined || script.cachedDataRejected)) {
    const save = () => {
      try {
        const temporary = `${file}.${process.pid}`;
        writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        renameSync(temporary, file);
        for (const name of readdirSync(folder))
          if (name.startsWith(place) && name.endsWith('.cache') && join(folder, name) !== file)
            rmSync(join(folder, name), { force: true });
      } catch {
        // A read-only or full disk: the next start compiles the bundle again.
      }
    };
    // What loading compiled, written in the next turn of the event loop; the caches of older builds are removed.
    setImmediate(save);
    // Written again once the first requests are answered, with the functions answering them compiled.
    setTimeout(save, 2000).unref();
  }
}

run();
