import type { Connection, Message, MessageWriter } from 'vscode-languageserver/node';
import { initializeResult } from './capabilities';
import { firstFrame, framed, initializeId, type FirstFrame } from './firstMessage';
import { logUnhandledRejections } from './processGuards';
import { startServer } from './startServer';

type Library = typeof import('vscode-languageserver/node');

/** The LSP library, loaded once the first message is answered (or known to be the library's to answer). */
function library(): Library {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('vscode-languageserver/node') as Library;
}

/**
 * The language server on the process's main thread, over the transport named on the command line. Over stdio and
 * Node IPC (VS Code's), `initialize` is answered before the library loads (lsp/firstMessage.ts); a socket or a pipe
 * goes to the library from the start.
 */
export function main(): void {
  const transport = process.argv.slice(2).find((arg) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(arg));
  if (transport === '--stdio') overStdio();
  else if (transport === '--node-ipc' && process.send) overIpc();
  else serve(library().createConnection(library().ProposedFeatures.all));
}

function serve(connection: Connection): void {
  logUnhandledRejections((message) => connection.console.error(message));
  startServer(connection);
}

/** The answer sent early; the library's answer to the same request is compared with it and not sent again. */
function early(frame: FirstFrame): object | undefined {
  return frame.kind === 'initialize' ? { jsonrpc: '2.0', id: frame.id, result: initializeResult() } : undefined;
}

/**
 * A writer that drops the library's answer to the request already answered. A difference goes to stderr, which
 * every client keeps in the server's log (over stdio, `console` is not the protocol's).
 */
function droppingAnswer(writer: MessageWriter, sent: object | undefined): MessageWriter {
  if (!sent) return writer;
  const id = (sent as { id: unknown }).id;
  let pending = true;
  return {
    onError: writer.onError,
    onClose: writer.onClose,
    end: () => writer.end(),
    dispose: () => writer.dispose(),
    write: (message: Message) => {
      if (!pending || !('id' in message) || message.id !== id || 'method' in message) return writer.write(message);
      pending = false;
      if (JSON.stringify(message) !== JSON.stringify(sent))
        console.error(`the answer to initialize sent early differs from the library's: ${JSON.stringify(message)}`);
      return Promise.resolve();
    },
  };
}

/**
 * Over stdio: the first frame is read from stdin, answered, and put back (`unshift`) for the library to read. The
 * library, given the streams rather than `--stdio`, does not route `console` to the client; stdout carries the
 * protocol, so console output goes to stderr, which every client shows in its log.
 */
function overStdio(): void {
  const input = process.stdin;
  let bytes: Buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    bytes = bytes.length === 0 ? chunk : Buffer.concat([bytes, chunk]);
    const frame = firstFrame(bytes);
    if (frame.kind !== 'partial') handOver(frame);
  };
  // The stream ended before a whole first message: the library would have exited, as it does when stdin ends.
  const onEnd = () => process.exit(1);
  input.on('data', onData);
  input.on('end', onEnd);

  function handOver(frame: FirstFrame): void {
    input.off('data', onData);
    input.off('end', onEnd);
    input.pause();
    const sent = early(frame);
    if (sent) process.stdout.write(framed(sent));
    input.unshift(bytes);
    const lsp = library();
    for (const method of ['log', 'info', 'debug', 'dir', 'table', 'trace'] as const) console[method] = console.error;
    const writer = droppingAnswer(new lsp.StreamMessageWriter(process.stdout), sent);
    // Given stdin itself, the library ends the server when stdin ends, as under `--stdio`. It takes each side as a
    // stream or as a reader or writer (vscode-jsonrpc's createMessageConnection); its overloads only pair them.
    const create = lsp.createConnection as (
      features: typeof lsp.ProposedFeatures.all,
      input: NodeJS.ReadableStream,
      output: MessageWriter,
    ) => Connection;
    const connection = create(lsp.ProposedFeatures.all, input, writer);
    serve(connection);
    // Paused above, so that no byte came before the library listened: a paused stream stays paused when it does.
    input.resume();
  }
}

/** Over Node IPC, messages arrive parsed: the first is answered and emitted again once the library listens. */
function overIpc(): void {
  const first = (message: unknown) => {
    process.off('message', first);
    const sent = early(initializeId(message));
    // With a callback, a failed send (the client gone) is reported to it rather than thrown as an 'error' event that
    // nothing listens to yet.
    if (sent) process.send?.(sent, undefined, {}, (error) => error && console.error(`initialize: ${error.message}`));
    const lsp = library();
    const writer = droppingAnswer(new lsp.IPCMessageWriter(process), sent);
    const connection = lsp.createConnection(lsp.ProposedFeatures.all, new lsp.IPCMessageReader(process), writer);
    serve(connection);
    // Node emits each IPC message in a turn of its own: this one reaches the library before any later one.
    process.emit('message', message, undefined);
  };
  process.on('message', first);
}
