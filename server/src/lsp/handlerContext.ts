import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { EditorDocument } from './editorDocument';
import type { ClientDialect } from './clientDialect';
import type { Guard } from './guard';
import type { ParsedDocuments } from './parsedDocuments';
import type { SettingsStore } from './settings';
import type { Simulations } from './simulations';
import type { WorkspaceIndex } from './workspaceIndex';

/** What the request handlers share: the connection, the open documents and their parses, settings, the index. */
export interface HandlerContext {
  connection: Connection;
  documents: TextDocuments<EditorDocument>;
  parsed: ParsedDocuments;
  settings: SettingsStore;
  index: WorkspaceIndex;
  guard: Guard;
  simulations: Simulations;
  client: ClientDialect;
}
