// `npm start`: build, package, install the .vsix into a real VS Code server and open a copy of examples/ in it.
// Prints the URL to open in a browser; Ctrl+C stops the server.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from './process-env.mjs';
import {
  cacheDir,
  ensureCodeServer,
  installVsix,
  quietSettings,
  startServer,
  workbenchUrl,
  writeUserSettings,
} from './vscode-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');
const vsix = join(root, 'ecs-lens.vsix');
// Kept between runs so the browser finds its settings and opened editors again.
const dataDir = join(cacheDir, 'start');
const extensionsDir = join(dataDir, 'extensions');
// The folder the editor opens: a fresh copy of examples/ on each start, so trying things never edits the repository.
const workspace = join(dataDir, 'examples');

function npm(script) {
  const result = spawnSync('npm', ['run', script], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: cleanEnv(),
  });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (${result.status ?? result.signal})`);
}

function readSettings(file) {
  try {
    const settings = JSON.parse(readFileSync(file, 'utf8'));
    return settings && typeof settings === 'object' && !Array.isArray(settings) ? settings : {};
  } catch {
    return {};
  }
}

/** The workbench as a first start should look (no chat, no welcome page, no empty secondary side bar); the user's own settings win. */
const startSettings = { ...quietSettings };

async function main() {
  // The package script runs the build first.
  npm('package');
  await ensureCodeServer();
  console.log(installVsix(vsix, { extensionsDir, dataDir }));
  const settingsFile = join(dataDir, 'user', 'User', 'settings.json');
  writeUserSettings(dataDir, { ...startSettings, ...(existsSync(settingsFile) ? readSettings(settingsFile) : {}) });
  rmSync(workspace, { recursive: true, force: true });
  cpSync(examples, workspace, { recursive: true });
  const server = await startServer({ dataDir, extensionsDir, quiet: !process.env.ECS_LENS_VERBOSE });
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the VS Code server…`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  server.process.once('exit', (code) => {
    if (stopping) return;
    console.error(`the VS Code server exited (${code}):\n${server.output()}`);
    process.exit(1);
  });
  console.log(
    `\nECS Lens is installed in a VS Code server. The editor opens a fresh copy of examples/ (made on each start; edits there never touch the repository):\n\n  ${workspace}\n` +
      `\nOpen this URL in a browser:\n\n  ${workbenchUrl(server, workspace)}\n\nPress Ctrl+C to stop.`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
