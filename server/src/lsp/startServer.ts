import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { initializeResult } from './capabilities';
import { EditorDocument } from './editorDocument';
import type { Features } from './features';
import { applyChanges } from './textChanges';

/**
 * The connection's start: the open documents and the answer to `initialize`. The rest of the server (features.ts,
 * a bundle of its own) is loaded once that answer is on its way, so the editor does not wait for it to compile.
 */
export function startServer(connection: Connection): void {
  // Required here, not imported: the start bundle loads the library only once the first message is answered.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TextDocuments } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
  // Each edit keeps the document's line table; a didChange of many changes is one pass over the text.
  const documents = new TextDocuments({
    create: (uri, languageId, version, text) => new EditorDocument(uri, languageId, version, text),
    update: applyChanges,
  });
  // What the client said in initialize; until then, what the LSP assumes by default: nothing optional.
  let initializeParams: InitializeParams = { processId: null, rootUri: null, capabilities: {} };
  let features: Features | undefined;
  const load = (): Features => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { installFeatures } = require('./features') as typeof import('./features');
    return (features ??= installFeatures(connection, documents, initializeParams));
  };

  connection.onInitialize((params): InitializeResult => {
    initializeParams = params;
    // The answer is written in a later turn of the event loop (vscode-jsonrpc queues its writes): loading the rest
    // after that turn lets it compile while the client reads the answer and sends `initialized`.
    setImmediate(() => setTimeout(() => void load(), 0));
    return initializeResult();
  });
  // The protocol has the client send nothing else between the answer to initialize and this notification: every
  // handler is in place before the first request.
  connection.onInitialized(() => load().initialized());

  documents.listen(connection);
  connection.listen();
}
