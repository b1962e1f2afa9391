import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { explainTask, simulate } from '../placement';
import { explainTaskMethod, simulateMethod, workspaceFilesMethod, type ExplainTaskParams, type SimulateParams, type WorkspaceFile, type WorkspaceFilesResponse } from '../protocol';
import { codeActionsFor } from '../service/codeActions';
import { complete } from '../service/completion';
import { definition } from '../service/definition';
import { hover } from '../service/hover';
import { documentSymbols } from '../service/symbols';
import type { ClientDialect } from './clientDialect';
import type { Guard } from './guard';
import type { ParsedDocuments } from './parsedDocuments';
import type { SettingsStore } from './settings';
import type { WorkspaceIndex } from './workspaceIndex';

interface Context {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  parsed: ParsedDocuments;
  settings: SettingsStore;
  index: WorkspaceIndex;
  guard: Guard;
  client: ClientDialect;
}

/** Language features and custom requests: each reads the shared parse of the document and answers. */
export function registerHandlers({ connection, documents, parsed, settings, index, guard, client }: Context): void {
  async function docAt(uri: string) {
    const textDocument = documents.get(uri);
    if (!textDocument) return undefined;
    return { textDocument, doc: parsed.get(textDocument, await settings.for(uri)) };
  }

  connection.onCompletion(guard('completion', null, async (params) => {
    const at = await docAt(params.textDocument.uri);
    if (!at || at.doc.kind === 'unknown') return null;
    return complete(at.doc, at.textDocument, at.textDocument.offsetAt(params.position), index, { snippets: client.snippets });
  }));

  connection.onHover(guard('hover', null, async (params) => {
    const at = await docAt(params.textDocument.uri);
    if (!at || at.doc.kind === 'unknown') return null;
    return hover(at.doc, at.textDocument, at.textDocument.offsetAt(params.position)) ?? null;
  }));

  connection.onCodeAction(guard('code action', [], (params) => {
    const textDocument = documents.get(params.textDocument.uri);
    if (!textDocument) return [];
    // Fixes computed for an older version would edit the wrong text.
    const current = params.context.diagnostics.filter((d) => (d.data as { version?: number } | undefined)?.version === textDocument.version);
    return codeActionsFor(textDocument, current);
  }));

  connection.onDocumentSymbol(guard('document symbols', [], async (params) => {
    const at = await docAt(params.textDocument.uri);
    return at ? documentSymbols(at.doc, at.textDocument) : [];
  }));

  connection.onDefinition(guard('definition', [], async (params) => {
    const at = await docAt(params.textDocument.uri);
    if (!at) return [];
    return definition(at.doc, at.textDocument.offsetAt(params.position), index).map((t) => {
      const target = documents.get(t.doc.uri) ?? TextDocument.create(t.doc.uri, 'json', 0, t.doc.text);
      return { uri: t.doc.uri, range: { start: target.positionAt(t.offset), end: target.positionAt(t.offset + t.length) } };
    });
  }));

  connection.onRequest(simulateMethod, guard('simulate', undefined, (params: SimulateParams) => simulate(params)));
  connection.onRequest(explainTaskMethod, guard('explainTask', null, (params: ExplainTaskParams) => explainTask(params, params?.task) ?? null));

  connection.onRequest(workspaceFilesMethod, guard('workspace files', { files: [] }, (): WorkspaceFilesResponse => ({
    files: index.documents()
      .filter((d) => d.kind !== 'unknown')
      .map((d): WorkspaceFile => ({ uri: d.uri, kind: d.kind as WorkspaceFile['kind'], family: d.family })),
  })));

  connection.onRequest('ecsLens/documentKind', guard('document kind', 'unknown', async (params: { uri: string }) => {
    const at = await docAt(params.uri);
    return at ? at.doc.kind : 'unknown';
  }));
}
