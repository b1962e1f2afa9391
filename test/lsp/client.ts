import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const repoRoot = join(__dirname, '..', '..', '..');

/** VS Code's answers to the capabilities the server asks about. */
export const fullCapabilities = { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { completion: { completionItem: { snippetSupport: true } } } };

export interface ClientOptions {
  /** Answer every request from the server with an error, as a client that supports none of them. */
  refuseRequests?: boolean;
}

/** A real LSP client: the server bin as a child process, JSON-RPC over its stdio. */
export class LspClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  private readonly waiters: Array<{ uri: string; resolve: (p: PublishDiagnosticsParams) => void; match: (p: PublishDiagnosticsParams) => boolean }> = [];
  readonly published: PublishDiagnosticsParams[] = [];
  settings: Record<string, unknown> = {};
  /** Methods of the requests the server sent, in order. */
  readonly requestsFromServer: string[] = [];
  readonly logMessages: string[] = [];

  constructor(options: ClientOptions = {}) {
    this.process = spawn(process.execPath, [join(repoRoot, 'bin', 'ecs-lens-language-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
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
    this.connection.onNotification('window/logMessage', (p: { message: string }) => void this.logMessages.push(p.message));
    this.connection.listen();
  }

  async initialize(rootUri: string | null = null, capabilities: object = fullCapabilities): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'w' }] : null,
      capabilities,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `match`. */
  diagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, resolve, match }));
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version, text } });
  }

  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
