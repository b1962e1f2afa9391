// The environment and output of the programs the project's scripts start (npm, node, the VS Code server).
//
// Under `npm start` or `npm run …`, npm exports its own state into the environment: `npm_config_*`
// (every setting, including `npm_config_user_agent`, which names the Node version npm runs on),
// `npm_package_*`, `npm_lifecycle_*`, `NODE`, `INIT_CWD`, and the project's node_modules/.bin on PATH.
// A nested `npm install` reads its settings from those variables before its own, so it would take
// the outer npm's Node version for its own: code-server's postinstall then refuses to install.
// Nested programs therefore start from the user's environment, not npm's.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, sep } from 'node:path';

/** Variables npm sets for the scripts it runs, by name; all `npm_*` variables are npm's too. */
const NPM_VARIABLES = new Set(['NODE', 'INIT_CWD', 'COLOR']);

/** PATH entries npm run-script prepends: every ancestor's node_modules/.bin and npm's node-gyp-bin. */
function isNpmPathEntry(entry) {
  return entry.endsWith(`${sep}node_modules${sep}.bin`) || entry.endsWith(`${sep}node-gyp-bin`);
}

/**
 * `env` (default: this process's) without what npm added to it, plus `extra`.
 * The user's own settings stay: npm reads its npmrc files again in the nested process.
 */
export function cleanEnv(extra = {}, env = process.env) {
  const underNpm = Object.keys(env).some((name) => /^npm_/i.test(name));
  const clean = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || /^npm_/i.test(name)) continue;
    if (underNpm && NPM_VARIABLES.has(name)) continue;
    clean[name] = value;
  }
  if (underNpm && clean.PATH)
    clean.PATH = clean.PATH.split(':')
      .filter((entry) => !isNpmPathEntry(entry))
      .join(':');
  return { ...clean, ...extra };
}

export function formatElapsed(ms) {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * Runs a long command (an install) with its output in `logFile`, printing through `log` what is being
 * done, the time elapsed and the command's latest output line every `everyMs`. Rejects with the log's
 * tail when the command fails.
 */
export function runWithProgress(what, command, args, { logFile, log, everyMs = 5000, ...options }) {
  mkdirSync(dirname(logFile), { recursive: true });
  const out = createWriteStream(logFile);
  const started = Date.now();
  log(`${what}: ${command} ${args.join(' ')} (output in ${logFile})`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let tail = '';
    let latest = '';
    const onData = (chunk) => {
      out.write(chunk);
      tail = (tail + chunk.toString()).slice(-8000);
      // Lines that say something: not a compiler's caret or source excerpt under a warning.
      const lines = tail
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => /[A-Za-z]{3}/.test(line) && !/^\d*\s*\|/.test(line));
      if (lines.length > 0) latest = lines[lines.length - 1];
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const ticker = setInterval(() => {
      const line = latest.length > 100 ? `${latest.slice(0, 97)}…` : latest;
      log(`${what}: ${formatElapsed(Date.now() - started)}${line ? `, last output: ${line}` : ''}`);
    }, everyMs);
    const finish = (error) => {
      clearInterval(ticker);
      out.end();
      if (error) reject(error);
      else {
        log(`${what}: done in ${formatElapsed(Date.now() - started)}`);
        resolve();
      }
    };
    child.once('error', finish);
    child.once('exit', (code, signal) => {
      if (code === 0) finish();
      else
        finish(
          new Error(
            `${what} failed: ${command} exited with ${code ?? signal}; the end of ${logFile}:\n${tail.split('\n').slice(-40).join('\n')}`,
          ),
        );
    });
  });
}
