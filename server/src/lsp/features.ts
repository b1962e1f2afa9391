import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import {
  DidChangeConfigurationNotification,
  FileChangeType,
  type Connection,
  type InitializeParams,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { EditorDocument } from './editorDocument';
import { projectConfigFileName } from '../service/projectConfig';
import { warmUpSchemas } from '../service/schema';
import { prepareSurfaces } from '../surfaces';
import { clientDialect } from './clientDialect';
import { debounceMs, DiagnosticsScheduler } from './diagnostics';
import { guarded } from './guard';
import { registerHandlers } from './handlers';
import { ParsedDocuments } from './parsedDocuments';
import { SettingsStore } from './settings';
import { defaultSimulationBudget, Simulations, type SimulationBudget } from './simulations';
import { WorkspaceIndex } from './workspaceIndex';

// The simulator's worker thread runs this same file (simulations.ts), so the .vsix carries the simulation code once;
// there it loads the simulator and answers jobs, nothing else.
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (!isMainThread) require('./simulationWorker');

/** What the server does once `initialize` is answered: started by startServer.ts on the client's `initialized`. */
export interface Features {
  /** The client has the answer to initialize: load the parsers, register for settings, index the workspace. */
  initialized(): void;
}

/**
 * Everything past `initialize`: the documents' checks, the language features, the panel's requests. It is a bundle
 * of its own (dist/features.js), loaded once the editor has the answer to initialize (startServer.ts), so the server
 * answers initialize without compiling it. `params` is what the client sent with initialize.
 */
export function installFeatures(
  connection: Connection,
  documents: TextDocuments<EditorDocument>,
  params: InitializeParams,
): Features {
  const client = clientDialect(params.capabilities);
  const settings = new SettingsStore(connection);
  settings.canPull = client.pullConfiguration;
  const index = new WorkspaceIndex(() => settings.global);
  const parsed = new ParsedDocuments(index, (uri, version) => documents.get(uri)?.version === version);
  const guard = guarded(connection);
  const diagnostics = new DiagnosticsScheduler(connection, documents, parsed, settings, index, guard);
  const named = (params.workspaceFolders ?? []).map((f) => f.uri);
  const folders = named.length === 0 && params.rootUri ? [params.rootUri] : named;
  settings.workspaceRoots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  const simulations = new Simulations();
  simulations.budget = simulationBudget(params.initializationOptions);

  /** Indexes the workspace in the background (requests are answered meanwhile), then re-checks the open services. */
  async function rescan(): Promise<void> {
    try {
      await index.scan(folders, (message) => connection.console.warn(message));
      diagnostics.revalidateServices('');
    } catch (error) {
      connection.console.error(`workspace scan failed: ${String(error)}`);
    }
  }

  function initialized(): void {
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
  }

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
  // A client that opened documents before `initialized` (the protocol asks it not to): they are checked now.
  diagnostics.scheduleAll();
  return { initialized };
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
