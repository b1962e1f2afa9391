// Checks the packaged extension: its file list (test/package/vsix.test.ts) and that the real
// VS Code server installs it without error. `--no-build` reuses ecs-lens.vsix and out/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from './process-env.mjs';
import { ensureCodeServer, installVsix } from './vscode-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vsix = resolve(process.env.ECS_LENS_VSIX ?? join(root, 'ecs-lens.vsix'));

function run(command, args, env = cleanEnv()) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env });
  return result.status === 0;
}

let built = true;
if (!process.argv.includes('--no-build') || !existsSync(vsix)) built = run('npm', ['run', 'package']);
const test = join(root, 'out', 'test', 'package', 'vsix.test.js');
if (built && !existsSync(test)) built = run(process.execPath, ['scripts/build.mjs']);
let ok =
  built &&
  run(
    process.execPath,
    ['--test', '--test-timeout=300000', '--test-reporter=spec', test],
    cleanEnv({ ECS_LENS_VSIX: vsix }),
  );

// The install is checked even when the file list is not right: the two failures say different things.
if (built) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ecs-lens-package-'));
  const extensionsDir = join(dataDir, 'extensions');
  try {
    await ensureCodeServer();
    console.log(installVsix(vsix, { extensionsDir, dataDir }));
    const installed = readdirSync(extensionsDir).find((d) => d.startsWith('ecs-lens.ecs-lens-'));
    if (!installed || !existsSync(join(extensionsDir, installed, 'dist', 'client.js')))
      throw new Error(`the server installed no ecs-lens extension into ${extensionsDir}`);
    console.log(`installed into the VS Code server as ${installed}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    ok = false;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (existsSync(vsix))
  console.log(`package check ${ok ? 'passed' : 'FAILED'}: ${vsix} (${(statSync(vsix).size / 1024).toFixed(1)} KiB)`);
process.exitCode = ok ? 0 : 1;
