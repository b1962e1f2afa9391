/**
 * `initialize` answered before the LSP library loads (server/src/lsp/serverMain.ts), over the two transports that do
 * it: stdio and Node IPC (VS Code's). Each test starts the real server through its bin and reads what it writes.
 */
import * as assert from 'node:assert/strict';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, within } from './client';

const bin = join(repoRoot, 'bin', 'ecs-lens-language-server.js');
const uri = 'file:///work/app/task-definition.json';

interface Received {
  id?: number | string;
  method?: string;
  result?: unknown;
}

/** A server over stdio: raw bytes in, and the frames it wrote, parsed as they arrive. */
class StdioServer {
  readonly child: ChildProcess;
  readonly received: Received[] = [];
  private pending = Buffer.alloc(0);
  private waiters: Array<() => void> = [];

  constructor() {
    this.child = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.pending = Buffer.concat([this.pending, chunk]);
      for (;;) {
        const end = this.pending.indexOf('\r\n\r\n');
        if (end < 0) break;
        const length = Number(/Content-Length: (\d+)/.exec(this.pending.toString('ascii', 0, end))?.[1]);
        if (this.pending.length < end + 4 + length) break;
        this.received.push(JSON.parse(this.pending.toString('utf8', end + 4, end + 4 + length)) as Received);
        this.pending = this.pending.subarray(end + 4 + length);
      }
      for (const w of this.waiters.splice(0)) w();
    });
  }

  write(bytes: Buffer | string): void {
    this.child.stdin?.write(bytes);
  }

  send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  until(what: string, test: () => boolean): Promise<void> {
    const check = (resolve: () => void) => (test() ? resolve() : this.waiters.push(() => check(resolve)));
    return within(new Promise<void>(check), 20_000, what);
  }

  answers(id: number): Received[] {
    return this.received.filter((m) => m.id === id && m.method === undefined);
  }
}

function initialize(id: number, capabilities: object = {}, more: object = {}): object {
  return {
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { processId: null, rootUri: null, capabilities, ...more },
  };
}

const didOpen = {
  jsonrpc: '2.0',
  method: 'textDocument/didOpen',
  params: {
    textDocument: {
      uri,
      languageId: 'json',
      version: 1,
      text: '{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 512}]}',
    },
  },
};
const outline = (id: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'textDocument/documentSymbol',
  params: { textDocument: { uri } },
});

/** What the server logged about an early answer that differs from the library's (nothing, when they agree). */
function differences(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.includes('differs'));
}

/** Everything a child writes to stderr, as it comes. */
function collect(child: ChildProcess): { text: string } {
  const log = { text: '' };
  child.stderr?.on('data', (chunk: Buffer) => (log.text += chunk.toString()));
  return log;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}

describe('initialize answered before the LSP library loads', () => {
  it('over stdio: one answer, equal to the one the library gives, with a first frame split anywhere', async () => {
    // The library's own answer: a first message that is not `initialize` leaves every message to it.
    const reference = new StdioServer();
    try {
      reference.send({ jsonrpc: '2.0', method: '$/setTrace', params: { value: 'off' } });
      reference.send(initialize(1));
      await reference.until('the library answers initialize', () => reference.answers(1).length === 1);
      const fromLibrary = reference.answers(1)[0].result as { capabilities: object };
      assert.ok(Object.keys(fromLibrary.capabilities).length > 3, 'the library answered with our capabilities');

      const server = new StdioServer();
      const stderr = collect(server.child);
      try {
        // The frame in pieces: inside the header, inside the body, and inside a two-byte character of the body.
        const body = Buffer.from(JSON.stringify(initialize(1, {}, { locale: 'fr-ç' })));
        const frame = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
        const split = frame.indexOf('ç') + 1;
        for (const [from, to] of [
          [0, 7],
          [7, 40],
          [40, split],
          [split, frame.length],
        ]) {
          server.write(frame.subarray(from, to));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await server.until('initialize is answered', () => server.answers(1).length === 1);
        assert.deepEqual(server.answers(1)[0].result, fromLibrary);
        server.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
        server.send(didOpen);
        server.send(outline(2));
        await server.until('the outline is answered', () => server.answers(2).length === 1);
        assert.deepEqual((server.answers(2)[0].result as Array<{ name: string }>).map((s) => s.name).sort(), [
          'app',
          'family',
        ]);
        assert.equal(server.answers(1).length, 1, 'the library did not answer initialize a second time');
        assert.deepEqual(differences(stderr.text), []);
      } finally {
        await stop(server.child);
      }
    } finally {
      await stop(reference.child);
    }
  });

  it('over stdio: a first request other than initialize is the library’s to answer', async () => {
    const server = new StdioServer();
    try {
      server.send({ jsonrpc: '2.0', id: 7, method: 'textDocument/hover', params: {} });
      server.send(initialize(8));
      await server.until('both are answered', () => server.answers(7).length + server.answers(8).length === 2);
      assert.equal(server.answers(8).length, 1);
      assert.ok(server.answers(8)[0].result, 'the library answered initialize');
    } finally {
      await stop(server.child);
    }
  });

  it('over stdio: a first frame past the early reader’s bound is left to the library, which answers it', async () => {
    const server = new StdioServer();
    try {
      // Over 1 MiB: the early reader stops looking; the library reads the stream whole, from its first byte.
      const big = initialize(3, {}, { initializationOptions: { pad: 'x'.repeat(1_100_000) } });
      server.send(big);
      await server.until('initialize is answered', () => server.answers(3).length === 1);
      server.send(outline(4));
      await server.until('the next request is answered', () => server.answers(4).length === 1);
      assert.equal(server.answers(3).length, 1);
      assert.equal((server.answers(3)[0].result as { serverInfo: { name: string } }).serverInfo.name, 'ecs-lens');
    } finally {
      await stop(server.child);
    }
  });

  it('over Node IPC, as VS Code starts it: one answer, then the library serves the rest', async () => {
    const child = fork(bin, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const stderr = collect(child);
    const received: Received[] = [];
    const waiters: Array<() => void> = [];
    child.on('message', (m: Received) => {
      received.push(m);
      for (const w of waiters.splice(0)) w();
    });
    const until = (what: string, test: () => boolean) =>
      within(
        new Promise<void>((resolve) => {
          const check = () => (test() ? resolve() : waiters.push(check));
          check();
        }),
        20_000,
        what,
      );
    const answers = (id: number) => received.filter((m) => m.id === id && m.method === undefined);
    try {
      child.send(initialize(1, { workspace: { configuration: false } }));
      await until('initialize is answered', () => answers(1).length === 1);
      child.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
      child.send(didOpen);
      child.send(outline(2));
      await until('the outline is answered', () => answers(2).length === 1);
      assert.equal(answers(1).length, 1, 'the library did not answer initialize a second time');
      assert.equal((answers(1)[0].result as { serverInfo: { name: string } }).serverInfo.name, 'ecs-lens');
      assert.deepEqual(differences(stderr.text), []);
    } finally {
      await stop(child);
    }
  });
});
