import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createMessageConnection,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';

export const repoRoot = join(__dirname, '..', '..', '..');

/** How long a test waits for the server before it fails (generous: the test machine is shared). */
const defaultTimeoutMs = 20_000;

/** `promise`, or a rejection naming what did not happen within `ms`. */
/** A diagnostic's message as text (LSP 3.18 allows markup; this server sends plain strings). */
export function messageText(d: { message: string | { value: string } }): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting until ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** VS Code's answers to the capabilities the server asks about. */
export const fullCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
  textDocument: { completion: { completionItem: { snippetSupport: true } } },
};

export interface ClientOptions {
  /** Answer every request from the server with an error, as a client that supports none of them. */
  refuseRequests?: boolean;
}

/** A real LSP client: the server bin as a child process, JSON-RPC over its stdio. */
export class LspClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  private readonly waiters: Array<{
    uri: string;
    resolve: (p: PublishDiagnosticsParams) => void;
    match: (p: PublishDiagnosticsParams) => boolean;
  }> = [];
  readonly published: PublishDiagnosticsParams[] = [];
  settings: Record<string, unknown> = {};
  /** Methods of the requests the server sent, in order. */
  readonly requestsFromServer: string[] = [];
  readonly logMessages: string[] = [];
  /** Messages encoded by `prepare`, by their parameters. */
  private readonly encoded = new WeakMap<object, Buffer>();

  constructor(options: ClientOptions = {}) {
    this.process = spawn(process.execPath, [join(repoRoot, 'bin', 'ecs-lens-language-server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!, {
        contentTypeEncoder: {
          name: 'application/json',
          encode: (msg) => {
            const params = (msg as { params?: unknown }).params;
            const prepared = typeof params === 'object' && params !== null ? this.encoded.get(params) : undefined;
            if (prepared) this.encoded.delete(params as object);
            return Promise.resolve(prepared ?? Buffer.from(JSON.stringify(msg), 'utf8'));
          },
        },
      }),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.match(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    if (options.refuseRequests) {
      this.connection.onRequest((method: string) => {
        this.requestsFromServer.push(method);
        return new ResponseError(-32601, `${method} is not supported by this client`);
      });
    } else {
      this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => {
        this.requestsFromServer.push('workspace/configuration');
        return params.items.map(() => this.settings);
      });
      this.connection.onRequest('client/registerCapability', () => {
        this.requestsFromServer.push('client/registerCapability');
        return null;
      });
    }
    this.connection.onNotification(
      'window/logMessage',
      (p: { message: string }) => void this.logMessages.push(p.message),
    );
    this.connection.listen();
  }

  async initialize(
    rootUri: string | null = null,
    capabilities: object = fullCapabilities,
    initializationOptions?: unknown,
  ): Promise<unknown> {
    const result = await within(
      this.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        initializationOptions,
        workspaceFolders: rootUri ? [{ uri: rootUri, name: 'w' }] : null,
        capabilities,
      }),
      defaultTimeoutMs,
      'the server answered initialize',
    );
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /**
   * Resolves with the next diagnostics for `uri` that satisfy `match`; rejects after `timeoutMs` with
   * the last diagnostics the server published for `uri`, so a regression fails instead of hanging.
   */
  diagnostics(
    uri: string,
    match: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = defaultTimeoutMs,
  ): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const waiter = {
        uri,
        match,
        resolve: (p: PublishDiagnosticsParams) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        const last = this.published.filter((p) => p.uri === uri).at(-1);
        const shown = last
          ? last.diagnostics
              .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${messageText(d)}`)
              .join('\n  ') || '(none)'
          : '(nothing published)';
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; the last published:\n  ${shown}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'json', version, text },
    });
  }

  /** Changes `uri` to `version`: the whole new text, or changes of ranges as VS Code sends them. */
  change(uri: string, change: string | Array<{ range: Range; text: string }>, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: typeof change === 'string' ? [{ text: change }] : change,
    });
  }

  /**
   * Encodes the notification `method` with `params` now, so that sending it later writes the bytes made here: a bench
   * that sends a large message prepares it before its clock runs, and its own serialisation is not counted as the
   * server's wait. The message still goes through the connection's one writer, in order.
   */
  prepare(method: string, params: object): () => Promise<void> {
    this.encoded.set(params, Buffer.from(JSON.stringify({ jsonrpc: '2.0', method, params }), 'utf8'));
    return () => this.connection.sendNotification(method, params);
  }

  /** A request that fails after `timeoutMs` instead of waiting forever. */
  request<R>(method: string, params: unknown, timeoutMs = defaultTimeoutMs): Promise<R> {
    return within(this.connection.sendRequest<R>(method, params), timeoutMs, `${method} answered`);
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await within(this.connection.sendRequest('shutdown'), defaultTimeoutMs, 'the server answered shutdown');
    await this.connection.sendNotification('exit');
    const code = await within(exited, defaultTimeoutMs, 'the server exited after shutdown and exit');
    this.connection.dispose();
    return code;
  }
}
