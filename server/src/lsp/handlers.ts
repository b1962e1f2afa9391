import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Position,
  type Connection,
  type TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EcsDocument } from '../service/document';
import {
  deployContextRequest,
  documentAtRequest,
  documentKindRequest,
  explainTaskRequest,
  placementOptionsRequest,
  type PlacementOptionsResponse,
  deployRequest,
  scaleRequest,
  simulateRequest,
  simulationSourcesRequest,
  workspaceFilesRequest,
  type ExplainTaskResponse,
  type DeployResponse,
  type ScaleResponse,
  type NamedErrors,
  type SimulateResponse,
  type WorkspaceFile,
  type WorkspaceFilesResponse,
} from '../protocol';
import { inputErrors, simulationRequest, simulationSources } from '../service/simulationInputs';
import { defaultSettings, type EcsLensSettings } from '../service/settings';
import { placementOptions } from '../service/placementOptions';
import type { DeploymentResult, ScalingResult } from '../dynamics';
import type { SimulationResult } from '../placement/types';
import { deploymentRequest, scalingRequest } from '../service/dynamicsInputs';
import { codeActionsFor } from '../service/codeActions';
import { complete } from '../service/completion';
import { definition } from '../service/definition';
import { hover } from '../service/hover';
import { deployContextMarkdown } from '../service/context/apply';
import { activeDocument, deployContextFor } from '../service/workspace';
import { documentSymbols } from '../service/symbols';
import type { ClientDialect } from './clientDialect';
import type { Guard } from './guard';
import { documentAt, type ParsedDocuments } from './parsedDocuments';
import type { SettingsStore } from './settings';
import { SimulationStopped, type ParamsOf, type SimulationMethod, type Simulations } from './simulations';
import type { WorkspaceIndex } from './workspaceIndex';
import { completionsAt, hitAt, memberCompletionsAt, resourceSymbol, sourceRange } from './surfacePositions';
import { namedInputErrors, type InputError, type InputFiles, type SimulationInput } from '../placement/inputErrors';

interface Context {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  parsed: ParsedDocuments;
  settings: SettingsStore;
  index: WorkspaceIndex;
  guard: Guard;
  simulations: Simulations;
  client: ClientDialect;
}

/** Language features and custom requests: each reads the shared parse of the document and answers. */
export function registerHandlers({
  connection,
  documents,
  parsed,
  settings,
  index,
  guard,
  simulations,
  client,
}: Context): void {
  async function fileAt(uri: string) {
    const textDocument = documents.get(uri);
    if (!textDocument) return undefined;
    const file = await parsed.file(textDocument, await settings.for(uri));
    // Undefined when a newer version arrived meanwhile: the editor asks again about that one.
    return file && { textDocument, file };
  }

  /**
   * The document a custom request names: a JSON file; in a surface file the resource `#address` names, else
   * the one the position falls in, else the file's first service, else its first task definition.
   */
  async function requestDocument(uri: string, position?: Position) {
    const at = await fileAt(uri.replace(/#.*$/, ''));
    if (!at) return undefined;
    const { file, textDocument } = at;
    const under =
      position && file.surface !== 'json' && !uri.includes('#')
        ? documentAt(file, textDocument.offsetAt(position))?.doc
        : undefined;
    return under ?? activeDocument(file.documents, uri) ?? (uri.includes('#') ? undefined : file.documents[0]);
  }

  /** The API-shaped document at a position (the resource it falls in, in a Terraform file or template). */
  async function hitFor(uri: string, position: Position) {
    const at = await fileAt(uri);
    const hit = at && hitAt(at.file, at.textDocument, position);
    return hit && hit.doc.kind !== 'unknown' ? { ...at, hit } : undefined;
  }

  connection.onCompletion(
    guard('completion', null, async (params) => {
      const options = { snippets: client.snippets };
      const completeAt = (doc: EcsDocument, inner: TextDocument, offset: number) =>
        complete(doc, inner, offset, index, options);
      const at = await hitFor(params.textDocument.uri, params.position);
      if (at) return completionsAt(at.file, at.hit, await settings.for(params.textDocument.uri), completeAt);
      // A half-typed name can leave a surface file unreadable (a YAML key without its colon): names are
      // then completed from the file read with that name blanked.
      const file = await fileAt(params.textDocument.uri);
      if (!file || file.file.surface === 'json') return null;
      const s = await settings.for(params.textDocument.uri);
      return memberCompletionsAt(file.file, file.textDocument, params.position, s, completeAt) ?? null;
    }),
  );

  connection.onHover(
    guard('hover', null, async (params) => {
      const at = await hitFor(params.textDocument.uri, params.position);
      if (!at) return null;
      const { doc } = at.hit;
      let found = hover(doc, at.hit.inner, at.hit.offset) ?? null;
      if (found?.range) found = { ...found, range: sourceRange(at.hit, found.range, false) };
      if (params.position.line !== 0 || doc.kind === 'cluster' || doc.unparsed || doc.origin) return found;
      // The first line says which deploy context judges the file, and why.
      const context = deployContextMarkdown(deployContextFor(index, doc), doc.kind);
      const text = at.textDocument.getText();
      const lineEnd = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');
      if (!found)
        return {
          contents: { kind: 'markdown', value: context },
          range: { start: { line: 0, character: 0 }, end: at.textDocument.positionAt(lineEnd) },
        };
      const value = typeof found.contents === 'object' && 'value' in found.contents ? found.contents.value : '';
      return { ...found, contents: { kind: 'markdown', value: `${value}\n\n---\n\n${context}` } };
    }),
  );

  connection.onCodeAction(
    guard('code action', [], (params) => {
      const textDocument = documents.get(params.textDocument.uri);
      if (!textDocument) return [];
      // Fixes computed for an older version would edit the wrong text.
      const current = params.context.diagnostics.filter(
        (d) => (d.data as { version?: number } | undefined)?.version === textDocument.version,
      );
      return codeActionsFor(textDocument, current);
    }),
  );

  connection.onDocumentSymbol(
    guard('document symbols', [], async (params) => {
      const at = await fileAt(params.textDocument.uri);
      if (!at) return [];
      if (at.file.surface === 'json') return documentSymbols(at.file.documents[0], at.textDocument);
      return at.file.documents.map((doc) => resourceSymbol(doc, at.textDocument));
    }),
  );

  connection.onDefinition(
    guard('definition', [], async (params) => {
      const at = await hitFor(params.textDocument.uri, params.position);
      if (!at) return [];
      return definition(at.hit.doc, at.hit.offset, index).flatMap((t) => {
        const origin = t.doc.origin;
        const uri = origin?.uri ?? t.doc.uri;
        const text = origin ? index.sourceFile(uri)?.text : t.doc.text;
        if (text === undefined) return [];
        const target = documents.get(uri) ?? TextDocument.create(uri, 'json', 0, text);
        const range = origin ? origin.map.toSource(t.offset, t.length) : { offset: t.offset, length: t.length };
        if (!range) return [];
        return [
          {
            uri,
            range: { start: target.positionAt(range.offset), end: target.positionAt(range.offset + range.length) },
          },
        ];
      });
    }),
  );

  /** What errors call each input of a run: its file's path inside the workspace folder. */
  function fileNames(
    sources: Partial<Record<'taskDefinition' | 'service' | 'cluster' | 'target' | 'policy' | 'load', string>>,
  ) {
    const files: InputFiles = {};
    const name = (uri: string | undefined) => (uri ? index.displayName(uri) : undefined);
    const put = (input: SimulationInput, uri: string | undefined) => {
      const named = name(uri);
      if (named !== undefined) files[input] = named;
    };
    put('task definition', sources.taskDefinition);
    put('service', sources.service);
    put('cluster', sources.cluster);
    put('scalable target', sources.target);
    put('scaling policy', sources.policy);
    put('alarm', sources.policy);
    put('load profile', sources.load);
    return files;
  }

  /** The result with each error named by its input's file, as the CLI names it (placement/inputErrors.ts). */
  function named<R extends { errors: InputError[] }>(result: R, files: InputFiles): NamedErrors<R> {
    return { ...result, errors: namedInputErrors(result.errors, files) };
  }

  /** The index with every open document at its current version (unsaved edits included). */
  async function currentIndex() {
    for (const textDocument of documents.all()) await parsed.file(textDocument, await settings.for(textDocument.uri));
    return index;
  }

  connection.onRequest(
    simulationSourcesRequest,
    guard(
      'simulation sources',
      { clusters: [], error: 'The language server could not list the files (see its output).' },
      async (params) => simulationSources(await currentIndex(), params.uri),
    ),
  );

  /**
   * Runs a simulation on its own thread, with a time and memory budget. Over budget, the answer
   * says which budget; replaced by a newer request of its kind (or cancelled), the request fails as
   * cancelled. Its place in line (`ticket`) is taken on arrival, so a request cancelled or replaced
   * while its files are read never runs. The server's own thread never waits for a simulation.
   */
  async function simulated<M extends SimulationMethod>(
    method: M,
    token: CancellationToken,
    ticket: number,
    params: ParamsOf<M>,
  ): Promise<{ result: unknown } | { error: string }> {
    const lane = simulations.lane(method);
    if (token.isCancellationRequested)
      throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The simulation was cancelled.');
    const cancelled = token.onCancellationRequested(() => lane.cancel(ticket));
    try {
      return { result: await lane.run(method, params, ticket) };
    } catch (error) {
      if (error instanceof SimulationStopped) {
        if (error.cancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, error.message);
        connection.console.warn(`${method}: ${error.message}`);
        return { error: error.message };
      }
      connection.console.error(`${method} failed: ${(error as Error).stack ?? String(error)}`);
      return { error: `The simulation failed: ${(error as Error).message}` };
    } finally {
      cancelled.dispose();
    }
  }

  connection.onRequest(simulateRequest, async (params, token): Promise<SimulateResponse> => {
    const ticket = simulations.lane('simulate').claim();
    let resolved;
    try {
      resolved = simulationRequest(await currentIndex(), params);
    } catch (error) {
      connection.console.error(`simulate failed: ${(error as Error).stack ?? String(error)}`);
      return { sources: { clusters: [] }, error: 'The simulation failed (see the language server output).' };
    }
    const { sources, request, error } = resolved;
    // What ECS would reject the files for, named above any result.
    const uris = [sources.taskDefinition, sources.service];
    const fileSettings = new Map<string, EcsLensSettings>();
    for (const uri of uris) if (uri) fileSettings.set(uri, await settings.for(uri));
    const errors = inputErrors(await currentIndex(), uris, (uri) => fileSettings.get(uri) ?? defaultSettings);
    const withErrors = errors ? { inputErrors: errors } : {};
    if (!request) return { sources, error, ...withErrors };
    const answer = await simulated('simulate', token, ticket, request);
    const files = fileNames({ ...sources, cluster: 'uri' in params.cluster ? params.cluster.uri : undefined });
    return 'error' in answer
      ? { sources, error: answer.error, ...withErrors }
      : { sources, result: named(answer.result as SimulationResult, files), ...withErrors };
  });

  // An explanation runs on its own thread: asking for one does not end the simulation it explains.
  connection.onRequest(explainTaskRequest, async (params, token) => {
    const ticket = simulations.lane('explainTask').claim();
    const { request } = simulationRequest(await currentIndex(), params);
    if (!request) return null;
    const answer = await simulated('explainTask', token, ticket, { ...request, task: params.task });
    return 'error' in answer ? null : (answer.result as ExplainTaskResponse);
  });

  // The Deployment and Scaling tabs: the server reads the files (open documents with their edits) by URI,
  // and the simulation runs on its own thread like a placement.
  connection.onRequest(deployRequest, async (params, token): Promise<DeployResponse> => {
    const ticket = simulations.lane('deploy').claim();
    let resolved;
    try {
      resolved = deploymentRequest(await currentIndex(), params);
    } catch (error) {
      connection.console.error(`deploy failed: ${(error as Error).stack ?? String(error)}`);
      return { sources: {}, error: 'The deployment failed (see the language server output).' };
    }
    const { sources, request, error } = resolved;
    if (!request) return { sources, error };
    const answer = await simulated('deploy', token, ticket, {
      ...request,
      options: { timelineInstances: 40, ...request.options },
    });
    return 'error' in answer
      ? { sources, error: answer.error }
      : { sources, result: named(answer.result as DeploymentResult, fileNames(sources)) };
  });
  connection.onRequest(scaleRequest, async (params, token): Promise<ScaleResponse> => {
    const ticket = simulations.lane('scale').claim();
    let resolved;
    try {
      resolved = scalingRequest(await currentIndex(), params);
    } catch (error) {
      connection.console.error(`scale failed: ${(error as Error).stack ?? String(error)}`);
      return { sources: {}, error: 'Auto scaling failed (see the language server output).' };
    }
    const { sources, request, error } = resolved;
    if (!request) return { sources, error };
    const answer = await simulated('scale', token, ticket, request);
    return 'error' in answer
      ? { sources, error: answer.error }
      : { sources, result: named(answer.result as ScalingResult, fileNames(sources)) };
  });

  connection.onRequest(
    placementOptionsRequest,
    guard('placement options', null, (): PlacementOptionsResponse | null => placementOptions()),
  );

  connection.onRequest(
    workspaceFilesRequest,
    guard('workspace files', { files: [] }, (): WorkspaceFilesResponse => ({
      files: index
        .documents()
        .filter((d) => d.kind !== 'unknown')
        .map((d): WorkspaceFile => ({ uri: d.uri, kind: d.kind as WorkspaceFile['kind'], family: d.family })),
    })),
  );

  connection.onRequest(
    documentKindRequest,
    guard(
      'document kind',
      'unknown' as const,
      async (params) => (await requestDocument(params.uri))?.kind ?? 'unknown',
    ),
  );

  connection.onRequest(
    documentAtRequest,
    guard('document at', null, async (params) => {
      const doc = await requestDocument(params.uri, params.position);
      return doc && doc.kind !== 'unknown' ? { uri: doc.uri, kind: doc.kind } : null;
    }),
  );

  connection.onRequest(
    deployContextRequest,
    guard('deploy context', null, async (params) => {
      const doc = await requestDocument(params.uri);
      if (!doc || doc.kind === 'unknown' || doc.kind === 'cluster') return null;
      const context = deployContextFor(index, doc);
      return { name: context.name, reason: context.reason, markdown: deployContextMarkdown(context, doc.kind) };
    }),
  );
}
