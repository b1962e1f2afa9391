import type { InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { version } from '../version';

/** The protocol's value for incremental document sync: each change a range and its new text. */
const incremental: TextDocumentSyncKind = 2;

/**
 * The answer to `initialize`. It reads nothing from the client's parameters, so it can be written before the LSP
 * library is loaded (lsp/firstMessage.ts); the library's own answer, which must equal it, is checked and dropped.
 */
export function initializeResult(): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: incremental,
      completionProvider: { triggerCharacters: ['"', ':', ' ', '[', ','], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      documentSymbolProvider: true,
      definitionProvider: true,
    },
    serverInfo: { name: 'ecs-lens', version },
  };
}
