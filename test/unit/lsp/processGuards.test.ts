import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

test('an unhandled rejection is logged and the process keeps running', () => {
  const guards = path.resolve(__dirname, '..', '..', '..', 'server', 'src', 'lsp', 'processGuards.js');
  const script = `
    require(${JSON.stringify(guards)}).logUnhandledRejections((m) => console.log(m));
    Promise.reject(new Error('client/registerCapability refused'));
    setTimeout(() => console.log('still running'), 50);`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /unhandled rejection \(the server keeps running\): Error: client\/registerCapability refused/);
  assert.match(r.stdout, /still running/);
  // Without the handler, the same script ends with an error: the behaviour the handler exists for.
  const bare = spawnSync(process.execPath, ['-e', script.replace(/require\(.*\n/, '\n')], { encoding: 'utf8' });
  assert.notEqual(bare.status, 0);
});
