// `npm start`: build, package, install the .vsix into a real VS Code server and open examples/ in it.
// Prints the URL to open in a browser; Ctrl+C stops the server.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, ensureCodeServer, installVsix, startServer, workbenchUrl } from './vscode-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');
const vsix = join(root, 'ecs-lens.vsix');
// Kept between runs so the browser finds its settings and opened editors again.
const dataDir = join(cacheDir, 'start');
const extensionsDir = join(dataDir, 'extensions');

function npm(script) {
  const result = spawnSync('npm', ['run', script], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (${result.status ?? result.signal})`);
}

async function main() {
  // The package script runs the build first.
  npm('package');
  ensureCodeServer();
  console.log(installVsix(vsix, { extensionsDir, dataDir }));
  const settings = join(dataDir, 'user', 'User', 'settings.json');
  if (!existsSync(settings)) {
    mkdirSync(dirname(settings), { recursive: true });
    writeFileSync(settings, `${JSON.stringify({ 'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true }, null, 2)}\n`);
  }
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
  console.log(`\nECS Lens is installed in a VS Code server with examples/ open. Open this URL in a browser:\n\n  ${workbenchUrl(server, examples)}\n\nPress Ctrl+C to stop.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
