import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { explainTask, simulate } from '../placement';
import {
  documentKindRequest,
  explainTaskRequest,
  simulateRequest,
  simulationSourcesRequest,
  workspaceFilesRequest,
  type SimulateResponse,
  type WorkspaceFile,
  type WorkspaceFilesResponse,
} from '../protocol';
import { simulationRequest, simulationSources } from '../service/simulationInputs';
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

  /** The index with every open document at its current version (unsaved edits included). */
  async function currentIndex() {
    for (const textDocument of documents.all()) parsed.get(textDocument, await settings.for(textDocument.uri));
    return index;
  }

  connection.onRequest(simulationSourcesRequest, guard('simulation sources', { clusters: [], error: 'The language server could not list the files (see its output).' }, async (params) =>
    simulationSources(await currentIndex(), params.uri)));

  connection.onRequest(simulateRequest, guard('simulate', { sources: { clusters: [] }, error: 'The simulation failed (see the language server output).' }, async (params): Promise<SimulateResponse> => {
    const { sources, request, error } = simulationRequest(await currentIndex(), params);
    return request ? { sources, result: simulate(request) } : { sources, error };
  }));

  connection.onRequest(explainTaskRequest, guard('explainTask', null, async (params) => {
    const { request } = simulationRequest(await currentIndex(), params);
    return request ? (explainTask(request, params.task) ?? null) : null;
  }));

  connection.onRequest(workspaceFilesRequest, guard('workspace files', { files: [] }, (): WorkspaceFilesResponse => ({
    files: index.documents()
      .filter((d) => d.kind !== 'unknown')
      .map((d): WorkspaceFile => ({ uri: d.uri, kind: d.kind as WorkspaceFile['kind'], family: d.family })),
  })));

  connection.onRequest(documentKindRequest, guard('document kind', 'unknown' as const, async (params) => {
    const at = await docAt(params.uri);
    return at ? at.doc.kind : 'unknown';
  }));
}
