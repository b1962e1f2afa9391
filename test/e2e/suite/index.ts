import * as fs from 'node:fs';
import * as path from 'node:path';

// mocha 12 is an ES module; its CommonJS entry loads in both the server and the Electron extension host.
const Mocha = require('mocha/lib/mocha.cjs') as typeof import('mocha');

interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

/** Entry point of the in-editor suite, called by the extension host (`extensionTestsPath`). */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  // The report travels through the workbench's log forwarding, where escape codes are noise.
  Mocha.reporters.Base.useColors = false;
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.e2e.js')) mocha.addFile(path.join(__dirname, file));
  }
  const outcomes: TestOutcome[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      writeOutcomes(outcomes);
      if (failures > 0) reject(new Error(`${failures} in-editor test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => outcomes.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    runner.on('fail', (test, err: Error) =>
      outcomes.push({ title: test.fullTitle(), state: 'failed', error: err?.stack ?? String(err) }),
    );
    runner.on('pending', (test) => outcomes.push({ title: test.fullTitle(), state: 'pending' }));
  });
}

/** The runner (scripts/e2e.mjs) reads this file: the workbench only hands back an exit code. */
function writeOutcomes(outcomes: TestOutcome[]): void {
  const file = process.env.ECS_LENS_E2E_RESULTS;
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ outcomes }, null, 2));
}
