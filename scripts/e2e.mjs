// `npm run test:e2e`: builds and packages the extension, runs the in-editor suite inside a real
// VS Code extension host, then the user suite (Playwright + Chromium, packaged .vsix), then the package check.
//
// ECS_LENS_E2E_RUNNER=server (default: VS Code server + Debian Chromium) | electron (@vscode/test-electron, downloads VS Code)
// Flags: --skip-build (reuse dist/, out/ and ecs-lens.vsix), --only=editor|user|package (repeatable)
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { cleanEnv } from './process-env.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'test-results');
const runner = process.env.ECS_LENS_E2E_RUNNER || 'server';
const args = process.argv.slice(2);
const only = args.filter((a) => a.startsWith('--only=')).map((a) => a.slice('--only='.length));
const wants = (step) => only.length === 0 || only.includes(step);
const EDITOR_SUITE_TIMEOUT_MS = 10 * 60_000;

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function npm(script) {
  const result = spawnSync('npm', ['run', script], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: cleanEnv(),
  });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (${result.status ?? result.signal})`);
}

function freshWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-e2e-ws-'));
  cpSync(join(root, 'test', 'e2e', 'workspace'), dir, { recursive: true });
  // The Terraform example, as a module folder of its own.
  cpSync(join(root, 'examples', 'infra'), join(dir, 'infra'), { recursive: true });
  // The CloudFormation example stack.
  cpSync(join(root, 'examples', 'cloudformation'), join(dir, 'cloudformation'), { recursive: true });
  return dir;
}

function readOutcomes(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')).outcomes;
  } catch {
    return undefined;
  }
}

/** In-editor suite in the VS Code server's extension host, driven through Chromium (RECIPES step 4). */
async function editorSuiteOnServer(extensionTestsPath, workspace, resultsFile) {
  const { chromium } = await import('playwright-core');
  const {
    ensureAll,
    startServer,
    workbenchUrl,
    remoteUri,
    chromiumPath,
    chromiumArgs,
    quietSettings,
    writeUserSettings,
  } = await import('./vscode-server.mjs');
  await ensureAll();
  // The extension host inherits the server's environment: that is how the suite finds its results file.
  process.env.ECS_LENS_E2E_RESULTS = resultsFile;
  const dataDir = mkdtempSync(join(tmpdir(), 'ecs-lens-e2e-editor-'));
  writeUserSettings(dataDir, quietSettings);
  const serverLog = join(resultsDir, 'vscode-server-editor.log');
  const server = await startServer({ dataDir, smokeTestDriver: true, quiet: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    let resolveExit;
    const exitCode = new Promise((resolve) => {
      resolveExit = resolve;
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    const consoleLog = join(resultsDir, 'e2e-editor-console.log');
    writeFileSync(consoleLog, '');
    await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
      const text = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      appendFileSync(consoleLog, `[${type}] ${text}\n`);
      // The workbench's own chatter goes to the log file only; mocha's report goes to the terminal too.
      if (!/^\s*\[[A-Za-z]+\]|^\s*at |https?:\/\//.test(text)) process.stdout.write(`${text}\n`);
    });
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server, root)],
      ['extensionTestsPath', remoteUri(server, extensionTestsPath)],
    ];
    await page.goto(workbenchUrl(server, workspace, payload));
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`in-editor suite did not finish within ${EDITOR_SUITE_TIMEOUT_MS / 60000} min`)),
        EDITOR_SUITE_TIMEOUT_MS,
      );
    });
    try {
      return Number(await Promise.race([exitCode, timeout]));
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser.close().catch(() => {});
    writeFileSync(serverLog, server.output());
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same suite in VS Code desktop, where it can be downloaded (not on this project's offline machines). */
async function editorSuiteOnElectron(extensionTestsPath, workspace, resultsFile) {
  const { runTests } = await import('@vscode/test-electron');
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: { ECS_LENS_E2E_RESULTS: resultsFile },
    });
    return 0;
  } catch (error) {
    console.error(error);
    return 1;
  }
}

async function editorSuite() {
  const extensionTestsPath = join(root, 'out', 'test', 'e2e', 'suite', 'index.js');
  if (!existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} is missing: run the build`);
  const resultsFile = join(resultsDir, 'e2e-editor.json');
  rmSync(resultsFile, { force: true });
  const workspace = freshWorkspace();
  try {
    const code =
      runner === 'electron'
        ? await editorSuiteOnElectron(extensionTestsPath, workspace, resultsFile)
        : await editorSuiteOnServer(extensionTestsPath, workspace, resultsFile);
    const outcomes = readOutcomes(resultsFile);
    if (outcomes) {
      const failed = outcomes.filter((o) => o.state === 'failed');
      for (const o of failed) console.log(`\n--- ${o.title}\n${o.error}`);
      const passed = outcomes.filter((o) => o.state === 'passed').length;
      return { ok: code === 0 && failed.length === 0, detail: `${passed}/${outcomes.length} passed (${runner})` };
    }
    return { ok: false, detail: `no results (exit code ${code}; the suite did not load or the extension host died)` };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

/**
 * The failed tests of a TAP report with the first lines of their errors: the innermost tests only (a suite fails
 * because one of them did).
 */
export function tapFailures(tap, linesEach = 8) {
  const failures = [];
  const lines = tap.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const failed = /^\s*not ok \d+ - (.*)$/.exec(lines[i]);
    if (!failed) continue;
    const error = [];
    for (let j = i + 1; j < lines.length && !/^\s*\.\.\.$/.test(lines[j]); j++) {
      const start = /^(\s*)error: (\|-)?(.*)$/.exec(lines[j]);
      if (!start) continue;
      if (start[3]) error.push(start[3].replace(/^'|'$/g, ''));
      for (let k = j + 1; k < lines.length && lines[k].startsWith(`${start[1]}  `); k++) error.push(lines[k].trim());
      break;
    }
    if (error[0] === 'subtestsFailed' || /^\d+ subtests? failed$/.test(error[0] ?? '')) continue;
    failures.push({ title: failed[1], error: error.slice(0, linesEach) });
  }
  return failures;
}

function nodeStep(script, extraArgs = [], nodeArgs = []) {
  const result = spawnSync(process.execPath, [...nodeArgs, script, ...extraArgs], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: cleanEnv(),
  });
  return {
    ok: result.status === 0,
    detail: result.status === 0 ? 'passed' : `failed (exit ${result.status ?? result.signal})`,
  };
}

async function main() {
  const started = Date.now();
  mkdirSync(resultsDir, { recursive: true });
  if (!args.includes('--skip-build')) npm('package');
  const steps = [];
  const step = async (name, fn) => {
    const t0 = Date.now();
    console.log(`\n=== ${name}`);
    let outcome;
    try {
      outcome = await fn();
    } catch (error) {
      outcome = { ok: false, detail: error instanceof Error ? error.message : String(error) };
      console.error(error);
    }
    steps.push({ name, ...outcome, ms: Date.now() - t0 });
  };
  if (wants('editor')) await step('in-editor suite', editorSuite);
  if (wants('user'))
    await step('user suite', () => {
      const tap = join(resultsDir, 'e2e-user.tap');
      rmSync(tap, { force: true });
      const outcome = nodeStep(
        join(root, 'test', 'e2e', 'user', 'user.test.mjs'),
        [],
        [
          '--test-reporter=spec',
          '--test-reporter-destination=stdout',
          '--test-reporter=tap',
          `--test-reporter-destination=${tap}`,
        ],
      );
      if (!outcome.ok && existsSync(tap)) outcome.failures = tapFailures(readFileSync(tap, 'utf8'));
      return outcome;
    });
  if (wants('package'))
    await step('package check', () => nodeStep(join(root, 'scripts', 'package-check.mjs'), ['--no-build']));

  console.log('\n=== e2e summary');
  for (const s of steps) {
    console.log(`${s.ok ? 'PASS' : 'FAIL'}  ${s.name}: ${s.detail} (${seconds(s.ms)})`);
    // Repeated here, at the end of the log, where a CI summary that keeps only the last lines still shows why.
    for (const f of s.failures ?? [])
      console.log(`      ✖ ${f.title}\n${f.error.map((l) => `        ${l}`).join('\n')}`);
  }
  const ok = steps.every((s) => s.ok);
  console.log(`e2e ${ok ? 'passed' : 'FAILED'} in ${seconds(Date.now() - started)}`);
  process.exitCode = ok ? 0 : 1;
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
