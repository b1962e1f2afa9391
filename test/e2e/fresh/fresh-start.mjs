// The README's `npm start` on a fresh machine: a new, empty HOME and ECS_LENS_CACHE (so Node 24 and the
// VS Code server install from nothing), run through npm as users run it. Waits for the URL, opens it in
// Debian's Chromium, opens an example, types a mistake and sees ECS Lens report it, then stops with
// SIGINT as Ctrl+C does and checks that nothing is left running and the repository is unchanged.
// Exits 0 when all of that held; prints the time each part took. Output: test-results/fresh-start.log.
// ECS_LENS_FRESH_SEED=<cache dir> hard-links Node 24 and the VS Code server from that cache into the new
// one (a quicker run of everything after the install, for working on this check; CI never sets it).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { cleanEnv, formatElapsed } from '../../../scripts/process-env.mjs';
import { chromiumArgs, chromiumPath, ensureSystemPackages } from '../../../scripts/vscode-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const results = join(root, 'test-results');
const logFile = join(results, 'fresh-start.log');
const URL_TIMEOUT_MS = 25 * 60_000;
const UI_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;
const started = Date.now();
const times = [];

function note(message) {
  const line = `[fresh-start ${formatElapsed(Date.now() - started)}] ${message}`;
  console.log(line);
  appendFileSync(logFile, `${line}\n`);
}

function gitStatus() {
  if (!existsSync(join(root, '.git'))) return undefined;
  const r = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}

/** Processes whose command line or working directory lies in `dir` (everything the fresh install runs does). */
function processesUnder(dir) {
  const found = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (cmdline.includes(dir)) found.push({ pid: Number(pid), cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function portOpen(port) {
  return new Promise((resolvePort) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolvePort(true);
    });
    socket.once('error', () => resolvePort(false));
  });
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main() {
  mkdirSync(join(results, 'screenshots'), { recursive: true });
  writeFileSync(logFile, '');
  ensureSystemPackages({ chromium: true });
  const home = mkdtempSync(join(tmpdir(), 'ecs-lens-fresh-home-'));
  const cache = mkdtempSync(join(tmpdir(), 'ecs-lens-fresh-cache-'));
  const seed = process.env.ECS_LENS_FRESH_SEED;
  if (seed) {
    for (const part of ['node24', 'vscode']) {
      const r = spawnSync('cp', ['-al', join(seed, part), join(cache, part)]);
      if (r.status !== 0) throw new Error(`cannot seed ${cache} from ${seed}`);
    }
    note(`seeded from ${seed}: the install itself is not checked`);
  }
  const env = cleanEnv({ HOME: home, ECS_LENS_CACHE: cache });
  for (const name of ['XDG_CACHE_HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'ECS_LENS_VERBOSE']) delete env[name];
  const statusBefore = gitStatus();
  // Every file of examples/, its folders (the Terraform module, the CloudFormation stack) included, by relative path.
  const examplesBefore = Object.fromEntries(
    readdirSync(join(root, 'examples'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(join(root, 'examples'), join(e.parentPath ?? e.path, e.name)))
      .map((f) => [f, readFileSync(join(root, 'examples', f), 'utf8')]),
  );
  note(`npm start with HOME=${home} ECS_LENS_CACHE=${cache}`);

  // detached: npm and its script form one process group, as in a terminal, where Ctrl+C signals the group.
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exit;
  const exited = new Promise((resolveExit) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolveExit(exit);
    }),
  );
  const onData = (chunk) => {
    output += chunk;
    appendFileSync(logFile, chunk);
    process.stdout.write(chunk.toString().replace(/^(?=.)/gm, '[npm start] '));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  // Ended from outside (the CI stage's timeout): take down what npm start began, which runs in its own group.
  for (const signal of ['SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      for (const p of processesUnder(cache)) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      process.exit(1);
    });
  }

  let browser;
  let failure;
  try {
    const url = await new Promise((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within ${URL_TIMEOUT_MS / 60_000} min`)), URL_TIMEOUT_MS);
      const check = () => {
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[1]);
        }
      };
      child.stdout.on('data', check);
      exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (${exit.code ?? exit.signal}) before printing a URL`));
      });
    });
    times.push([
      'empty cache to URL (install Node 24 and the VS Code server, build, package, start)',
      Date.now() - started,
    ]);
    note(`URL: ${url}`);

    // The install showed progress: what, and the time elapsed, while it ran.
    if (!seed) {
      assert.match(
        output,
        /installing code-server [^\n]*: \d+m\d\ds/,
        'the code-server install printed progress lines with the elapsed time',
      );
      assert.match(
        output,
        /\[vscode-server\] installing code-server[^\n]*: done in/,
        'the code-server install said when it was done',
      );
    }

    // The editor opens a scratch copy of examples/, outside the repository, whose path was printed.
    const folder = new URL(url).searchParams.get('folder');
    assert.ok(folder, 'the URL names a folder');
    assert.ok(output.includes(`\n  ${folder}\n`), 'npm start printed the scratch workspace path');
    assert.ok(relative(root, folder).startsWith('..'), `the workspace ${folder} is outside the repository`);
    for (const f of Object.keys(examplesBefore))
      assert.ok(existsSync(join(folder, f)), `${f} was copied to the workspace`);

    const t0 = Date.now();
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'web-task-def.json' }).waitFor();
    // The first start shows the editor, not an empty secondary side bar.
    assert.equal(
      await page.locator('.part.auxiliarybar').isVisible(),
      false,
      'the secondary side bar is hidden on the first start',
    );

    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.fill('web-task-def.json');
    await page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: 'web-task-def.json' })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'web-task-def.json' }).waitFor();
    await page.locator('.monaco-editor .view-lines').first().click();
    // Line 2, column 1: a member ECS does not have.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.press('Home');
    await page.keyboard.type('"cpuu": "512",');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+S');
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'cpuu' }).first();
    await problem.waitFor();
    const text = await problem.innerText();
    await page.screenshot({ path: join(results, 'screenshots', 'fresh-start.png') });
    note(`diagnostic: ${text.replace(/\s+/g, ' ')}`);
    assert.match(text, /ecs-lens/, 'the problem is reported by ECS Lens');
    times.push(['open the URL, open an example, see the diagnostic', Date.now() - t0]);

    // The edit was saved in the scratch copy; the repository is as it was.
    await assert.doesNotReject(async () => {
      const deadline = Date.now() + 10_000;
      while (!readFileSync(join(folder, 'web-task-def.json'), 'utf8').includes('cpuu')) {
        if (Date.now() > deadline) throw new Error('the edit was not saved to the workspace');
        await new Promise((r) => setTimeout(r, 200));
      }
    });
    for (const [f, content] of Object.entries(examplesBefore))
      assert.equal(readFileSync(join(root, 'examples', f), 'utf8'), content, `examples/${f} is unchanged`);
    assert.equal(gitStatus(), statusBefore, 'git status is as before npm start');
    await browser.close();
    browser = undefined;

    // Ctrl+C: SIGINT to the foreground process group.
    const port = Number(new URL(url).port);
    const running = processesUnder(cache);
    assert.ok(running.length > 0, 'the VS Code server runs from the fresh cache');
    note(`${running.length} processes run from the cache before Ctrl+C`);
    const t1 = Date.now();
    process.kill(-child.pid, 'SIGINT');
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), STOP_TIMEOUT_MS)),
    ]);
    assert.ok(stopped, `npm start exited within ${STOP_TIMEOUT_MS / 1000} s of SIGINT`);
    times.push(['SIGINT to exit', Date.now() - t1]);
    assert.match(output, /SIGINT: stopping the VS Code server/);
    // What the server started may need a moment after the server itself.
    let left = processesUnder(cache);
    for (let i = 0; i < 20 && left.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      left = processesUnder(cache);
    }
    assert.deepEqual(
      left.map((p) => `${p.pid} ${p.cmdline.slice(0, 160)}`),
      [],
      'no process is left running from the cache',
    );
    assert.equal(groupAlive(child.pid), false, "no process is left in npm start's process group");
    assert.equal(await portOpen(port), false, `nothing listens on port ${port} any more`);
  } catch (error) {
    failure = error;
  } finally {
    await browser?.close().catch(() => {});
    if (!exit) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    for (const p of processesUnder(cache)) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    if (!process.env.ECS_LENS_KEEP_FRESH) {
      rmSync(home, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  }
  for (const [what, ms] of times) note(`${formatElapsed(ms)}  ${what}`);
  if (failure) {
    note(`FAILED: ${failure instanceof Error ? failure.message : failure}`);
    process.exitCode = 1;
  } else {
    note(`passed in ${formatElapsed(Date.now() - started)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
