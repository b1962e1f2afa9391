import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const repoRoot = join(__dirname, '..', '..', '..');

/** Starts the server through the bin with `ECS_LENS_CODE_CACHE=folder`, waits for its answer to initialize, stops it. */
function startOnce(folder: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'ecs-lens-language-server.js'), '--stdio'], {
      env: { ...process.env, ECS_LENS_CODE_CACHE: folder },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    let answered = false;
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('no answer to initialize within 60 s'));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('"id":1,"result"') && !answered) {
        answered = true;
        clearTimeout(timer);
        // The rest of the server is loaded by now, at the latest on this notification.
        const note = JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} });
        child.stdin.write(`Content-Length: ${Buffer.byteLength(note)}\r\n\r\n${note}`);
        // Long enough for the caches, written in the turn after loading, to reach the disk.
        setTimeout(() => child.kill(), 1000);
      }
    });
    child.on('exit', () => (out.includes('"id":1,"result"') ? resolve() : reject(new Error(out))));
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: null, rootUri: null, capabilities: {} },
    });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

describe('the server launcher (dist/launch.js)', () => {
  const root = mkdtempSync(join(tmpdir(), 'ecs-lens-launch-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('keeps one code cache per file and build in its folder, and a later start answers with them', async () => {
    const folder = join(root, 'cache');
    const bundles = () => {
      const names = readdirSync(folder).sort();
      for (const name of names) assert.match(name, /^[\w-]+-[0-9a-f]+-\d+-\d+-v[\d.]+-\w+\.cache$/);
      return names.map((name) => name.replace(/-[0-9a-f]+-\d+-\d+-v[\d.]+-\w+\.cache$/, ''));
    };
    await startOnce(folder);
    const first = readdirSync(folder).sort();
    // The start, the library it answers initialize with, and the rest of the server, loaded after that answer.
    for (const name of ['server', 'vscode-languageserver', 'features'])
      assert.ok(bundles().includes(name), first.join(', '));
    await startOnce(folder);
    const second = readdirSync(folder).sort();
    for (const name of first) assert.ok(second.includes(name), `${name} was made again or removed`);
    assert.equal(new Set(bundles()).size, second.length, second.join(', '));
  });

  it(
    'answers without a cache, and writes none, in a folder other users can write to',
    { skip: process.platform === 'win32' },
    async () => {
      const folder = join(root, 'shared');
      mkdirSync(folder);
      chmodSync(folder, 0o777);
      await startOnce(folder);
      assert.deepEqual(readdirSync(folder), []);
    },
  );

  it('answers without a cache when it is turned off', async () => {
    await startOnce('off');
  });
});
