import { fileURLToPath } from 'node:url';
import {
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { applyChanges } from './textChanges';
import { EditorDocument } from './editorDocument';
import { projectConfigFileName } from '../service/projectConfig';
import { warmUpSchemas } from '../service/schema';
import { prepareSurfaces } from '../surfaces';
import { version } from '../version';
import { clientDialect, type ClientDialect } from './clientDialect';
import { debounceMs, DiagnosticsScheduler } from './diagnostics';
import { guarded } from './guard';
import { registerHandlers } from './handlers';
import { ParsedDocuments } from './parsedDocuments';
import { SettingsStore } from './settings';
import { defaultSimulationBudget, Simulations, type SimulationBudget } from './simulations';
import { WorkspaceIndex } from './workspaceIndex';

export { normalizeSettings } from './settings';

/** Wiring: the connection's lifecycle and document events; each concern lives in its own module. */
export function startServer(connection: Connection): void {
  // Each edit keeps the document's line table; a didChange of many changes is one pass over the text.
  const documents = new TextDocuments({
    create: (uri, languageId, version, text) => EditorDocument.create(uri, languageId, version, text),
    update: applyChanges,
  });
  const settings = new SettingsStore(connection);
  const index = new WorkspaceIndex(() => settings.global);
  const parsed = new ParsedDocuments(index, (uri, version) => documents.get(uri)?.version === version);
  const guard = guarded(connection);
  const diagnostics = new DiagnosticsScheduler(connection, documents, parsed, settings, index, guard);
  let folders: string[] = [];
  const simulations = new Simulations();
  // Until initialize says otherwise, the client can do what the LSP assumes by default: nothing optional.
  const client: ClientDialect = clientDialect({});

  connection.onInitialize((params): InitializeResult => {
    Object.assign(client, clientDialect(params.capabilities));
    settings.canPull = client.pullConfiguration;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    settings.workspaceRoots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    simulations.budget = simulationBudget(params.initializationOptions);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', ':', ' ', '[', ','], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        documentSymbolProvider: true,
        definitionProvider: true,
      },
      serverInfo: { name: 'ecs-lens', version },
    };
  });

  /** Indexes the workspace in the background (requests are answered meanwhile), then re-checks the open services. */
  async function rescan(): Promise<void> {
    try {
      await index.scan(folders, (message) => connection.console.warn(message));
      diagnostics.revalidateServices('');
    } catch (error) {
      connection.console.error(`workspace scan failed: ${String(error)}`);
    }
  }

  connection.onInitialized(() => {
    // Loaded once the client has the answer to initialize (it sends this notification when it does), not before
    // answering: the editor is not kept waiting for what its first document needs. Documents await the parsers anyway.
    warmUpSchemas();
    void prepareSurfaces();
    // Registered only with a client that can; one that pushes its settings anyway is heard either way.
    if (client.pullConfiguration && client.registerConfigurationChange) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'ecsLens' })
        .catch((error: unknown) => {
          connection.console.warn(
            `the client refused to register workspace/didChangeConfiguration (${error instanceof Error ? error.message : String(error)}); settings changes are heard only if it sends them anyway`,
          );
        });
    }
    // Index the workspace after the first diagnostics, so start-up is not held up by a large folder.
    setTimeout(() => void rescan(), 50);
  });

  connection.onDidChangeConfiguration((change) => {
    parsed.clear();
    // File-name patterns may have changed: classify the workspace's files again.
    settings.changed(change.settings).then(
      () => void rescan(),
      () => undefined,
    );
    diagnostics.scheduleAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    let configChanged = false;
    for (const change of params.changes) {
      if (change.uri.endsWith(`/${projectConfigFileName}`)) configChanged = true;
      if (change.type === FileChangeType.Deleted) index.deleteFile(change.uri);
      else index.refreshFile(change.uri);
    }
    // A .ecs-lens.json created, saved or deleted changes the severities, ignores and deploy contexts of
    // every open file under it: check them all again, and learn the deploy contexts again.
    if (configChanged) {
      diagnostics.scheduleAll();
      void rescan();
    } else diagnostics.revalidateServices('');
  });

  // TextDocuments reports an open as a content change too: a document seen for the first time is checked at once.
  documents.onDidChangeContent((e) => {
    const seen = parsed.seen(e.document.uri);
    diagnostics.schedule(e.document, seen ? debounceMs : 0);
    // Editing only services or a cluster file changes no other file's diagnostics.
    const uri = e.document.uri;
    const onlyServices =
      (parsed.holds(uri, 'service') || parsed.holds(uri, 'cluster')) &&
      !parsed.holds(uri, 'task-definition') &&
      !parsed.holds(uri, 'describe-output');
    if (!onlyServices) diagnostics.revalidateServices(e.document.uri);
  });
  documents.onDidClose((e) => {
    parsed.delete(e.document.uri);
    settings.forget(e.document.uri);
    index.closeOpen(e.document.uri);
    diagnostics.closed(e.document.uri);
  });

  registerHandlers({ connection, documents, parsed, settings, index, guard, simulations, client });
  connection.onShutdown(() => simulations.dispose());

  documents.listen(connection);
  connection.listen();
}

/** `initializationOptions.simulation: {timeMs, memoryMb}` narrows the simulator's budget (editors on small machines, tests). */
function simulationBudget(options: unknown): SimulationBudget {
  const raw = (options as { simulation?: Partial<SimulationBudget> } | undefined)?.simulation;
  const within = (v: unknown, min: number, max: number, d: number) =>
    typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : d;
  return {
    timeMs: within(raw?.timeMs, 100, defaultSimulationBudget.timeMs, defaultSimulationBudget.timeMs),
    memoryMb: within(raw?.memoryMb, 64, defaultSimulationBudget.memoryMb, defaultSimulationBudget.memoryMb),
  };
}
