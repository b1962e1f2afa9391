// The environment the project's scripts give the npm and node processes they start (scripts/process-env.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const modulePath = path.join(root, 'scripts', 'process-env.mjs');

interface ProcessEnvModule {
  cleanEnv(extra?: Record<string, string>, env?: NodeJS.ProcessEnv): Record<string, string>;
  runWithProgress(
    what: string,
    command: string,
    args: string[],
    options: { logFile: string; log: (line: string) => void; everyMs?: number; env?: NodeJS.ProcessEnv },
  ): Promise<void>;
}
const load = () => import(pathToFileURL(modulePath).href) as Promise<ProcessEnvModule>;

const underNpm = {
  HOME: '/home/u',
  ECS_LENS_CACHE: '/c',
  PATH: '/repo/node_modules/.bin:/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/local/bin:/usr/bin',
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_nodedir: '/usr',
  npm_lifecycle_event: 'start',
  npm_package_name: 'ecs-lens',
  NPM_CONFIG_CACHE: '/x',
  NODE: '/usr/bin/node',
  INIT_CWD: '/repo',
  COLOR: '0',
};

test('nested processes start without what npm added: its variables, its PATH entries', async () => {
  const { cleanEnv } = await load();
  const env = cleanEnv({ npm_config_nodedir: '/node24' }, underNpm);
  assert.deepEqual(env, {
    HOME: '/home/u',
    ECS_LENS_CACHE: '/c',
    PATH: '/usr/local/bin:/usr/bin',
    npm_config_nodedir: '/node24',
  });
  // Outside npm, NODE and PATH are the user's own and stay.
  assert.deepEqual(cleanEnv({}, { PATH: '/a/node_modules/.bin:/usr/bin', NODE: '/opt/node' }), {
    PATH: '/a/node_modules/.bin:/usr/bin',
    NODE: '/opt/node',
  });
});

test('a nested npm reports its own user agent to its scripts, not the one npm exported (what code-server checks)', async () => {
  const { cleanEnv } = await load();
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-lens-agent-'));
  try {
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({
        name: 'agent',
        version: '1.0.0',
        scripts: { agent: 'node -e "console.log(process.env.npm_config_user_agent)"' },
      }),
    );
    const outer = { ...process.env, npm_config_user_agent: 'npm/0.0.0 node/v99.0.0 linux x64' };
    const agent = (env: NodeJS.ProcessEnv) =>
      spawnSync('npm', ['run', '--silent', 'agent'], { cwd: dir, env, encoding: 'utf8' }).stdout.trim();
    assert.match(agent(outer), /node\/v99/, 'npm passes the inherited variable on (the failure this prevents)');
    assert.match(agent(cleanEnv({}, outer)), new RegExp(`node/${process.version.replace(/\./g, '\\.')} `));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a long install prints what it does, the time elapsed and its latest output until it ends', async () => {
  const { runWithProgress } = await load();
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-lens-progress-'));
  try {
    const lines: string[] = [];
    // The command waits until it has been reported twice with its latest output, then ends.
    const marker = path.join(dir, 'seen');
    const script = `console.log('fetching packages'); const fs = require('fs'); setInterval(() => { if (fs.existsSync(${JSON.stringify(marker)})) process.exit(0); }, 20);`;
    await runWithProgress('installing things', process.execPath, ['-e', script], {
      logFile: path.join(dir, 'install.log'),
      everyMs: 50,
      log: (line) => {
        lines.push(line);
        if (lines.filter((l) => /fetching packages/.test(l)).length >= 2) writeFileSync(marker, '');
      },
    });
    assert.match(lines[0], /^installing things: .* \(output in .*install\.log\)$/);
    assert.ok(
      lines.some((l) => /^installing things: \dm\d\ds, last output: fetching packages$/.test(l)),
      lines.join('\n'),
    );
    assert.match(lines[lines.length - 1], /^installing things: done in \dm\d\ds$/);
    await assert.rejects(
      runWithProgress('failing', process.execPath, ['-e', 'console.error("no space left"); process.exit(3)'], {
        logFile: path.join(dir, 'f.log'),
        log: () => {},
      }),
      /failing failed: .* exited with 3; the end of .*f\.log:\nno space left/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
