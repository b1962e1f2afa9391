import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { Script } from 'node:vm';

/**
 * How the editor and the bin start the language server (dist/launch.js): it runs the server bundle beside it with
 * V8's code cache, so a start after the first skips compiling the functions the bundle runs while it loads, as
 * Node's own compile cache does (module.enableCompileCache, from Node 22). The files the server requires later from
 * its own folder (the rest of the server, the libraries and validators beside it) are loaded the same way, each
 * with a cache of its own. The cache lives in a folder only this user can write (V8 runs what it reads from it):
 * `ECS_LENS_CODE_CACHE` names one, `off` turns the cache off. Without a usable folder the files are compiled as a
 * plain require would.
 */
const installed = __dirname;
const bundle = join(installed, 'server.js');

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

const folder = cacheFolder();
/** The files loaded so far, as Node's require keeps them: a file is run once, and a cycle sees its exports so far. */
const modules = new Map<string, { exports: unknown }>();

/** `require` for a file loaded here: a relative `.js` path inside the installation is loaded with the cache. */
function requireFrom(file: string): NodeJS.Require {
  const plain = createRequire(file);
  const own = (id: string): unknown => {
    if (id.startsWith('.') && id.endsWith('.js')) {
      const target = resolve(dirname(file), id);
      if (target.startsWith(installed + sep)) return load(target);
    }
    return plain(id);
  };
  return Object.assign(own, {
    resolve: plain.resolve,
    cache: plain.cache,
    main: plain.main,
    extensions: plain.extensions,
  });
}

function load(file: string): unknown {
  const known = modules.get(file);
  if (known) return known.exports;
  const source = readFileSync(file, 'utf8');
  // A file with an import() (the HCL parser's runtime reads its grammar with one) is required as usual: V8 calls
  // no import() handler in a script made from cached data (Node 20), so such a file is not cached.
  if (source.includes('import(')) return createRequire(file)(file);
  const { size, mtimeMs } = statSync(file);
  // A new build, Node or V8 gets a file of its own; V8 also rejects data made by another version or other flags.
  // Each installation (path) has its own files, so two never remove each other's.
  const place = `${basename(file, '.js')}-${pathHash(file)}-`;
  const cache =
    folder && join(folder, `${place}${size}-${Math.round(mtimeMs)}-${process.version}-${process.arch}.cache`);
  let cachedData: Buffer | undefined;
  try {
    if (cache) cachedData = readFileSync(cache);
  } catch {
    // No cache yet: this start makes one.
  }
  const script = new Script(wrap(source), {
    filename: file,
    cachedData,
  });
  const module = { exports: {}, filename: file, id: file };
  modules.set(file, module);
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(
      module.exports,
      module.exports,
      requireFrom(file),
      module,
      file,
      dirname(file),
    );
  } catch (error) {
    modules.delete(file);
    throw error;
  }
  if (folder && cache && (cachedData === undefined || script.cachedDataRejected)) {
    const save = () => {
      try {
        const temporary = `${cache}.${process.pid}`;
        writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        renameSync(temporary, cache);
        for (const name of readdirSync(folder))
          if (name.startsWith(place) && name.endsWith('.cache') && join(folder, name) !== cache)
            rmSync(join(folder, name), { force: true });
      } catch {
        // A read-only or full disk: the next start compiles the file again.
      }
    };
    // What loading compiled, written in the next turn of the event loop; the caches of older builds are removed.
    setImmediate(save);
    // Written again once the first requests are answered, with the functions answering them compiled.
    setTimeout(save, 2000).unref();
  }
  return module.exports;
}

load(bundle);
