import {
  DiagnosticSeverity,
  DiagnosticTag,
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { simulate } from '../placement';
import { simulateMethod, workspaceFilesMethod, type SimulateParams, type WorkspaceFile, type WorkspaceFilesResponse } from '../protocol';
import { codeActionsFor, type DiagnosticData } from '../service/codeActions';
import { complete } from '../service/completion';
import { definition } from '../service/definition';
import { maxDocumentLength, parseDocument, type EcsDocument } from '../service/document';
import { globProblem } from '../service/glob';
import { hover } from '../service/hover';
import type { Problem } from '../service/problem';
import { warmUpSchemas } from '../service/schema';
import { defaultSettings, type EcsLensSettings } from '../service/settings';
import { documentSymbols } from '../service/symbols';
import { validateDocument } from '../service/validation';
import { WorkspaceIndex } from './workspaceIndex';

const severities: Record<Problem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const debounceMs = 150;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const parsed = new Map<string, { version: number; doc: EcsDocument }>();
  const settingsCache = new Map<string, Promise<EcsLensSettings>>();
  const pending = new Map<string, NodeJS.Timeout>();
  let globalSettings: EcsLensSettings = defaultSettings;
  let canPullConfiguration = false;
  let folders: string[] = [];
  const index = new WorkspaceIndex(() => globalSettings);
  const reportedPatterns = new Set<string>();
  /** An unusable file pattern is said once in the output channel; the other patterns keep working. */
  const reportPattern = (pattern: string, problem: string) => {
    if (reportedPatterns.has(pattern) || reportedPatterns.size > 100) return;
    reportedPatterns.add(pattern);
    connection.console.warn(`ECS Lens ignores the file pattern ${JSON.stringify(pattern.slice(0, 200))}: ${problem}.`);
  };

  /** Wraps a handler so that an exception is logged and answered with a default, never a dead server. */
  function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>) {
    return async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (error) {
        connection.console.error(`${name} failed: ${(error as Error).stack ?? error}`);
        return fallback;
      }
    };
  }

  function settingsFor(uri: string): Promise<EcsLensSettings> {
    if (!canPullConfiguration) return Promise.resolve(globalSettings);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'ecsLens' }).then(
        (raw) => normalizeSettings(raw, reportPattern),
        () => globalSettings,
      );
      settingsCache.set(uri, s);
    }
    return s;
  }

  function docFor(textDocument: TextDocument, settings: EcsLensSettings): EcsDocument {
    const cached = parsed.get(textDocument.uri);
    if (cached && cached.version === textDocument.version) return cached.doc;
    const text = textDocument.getText();
    const doc = text.length > maxDocumentLength
      ? { uri: textDocument.uri, text: '', root: undefined, kind: 'unknown' as const, body: undefined, family: undefined, syntaxProblems: [] }
      : parseDocument(textDocument.uri, text, settings);
    parsed.set(textDocument.uri, { version: textDocument.version, doc });
    index.setOpen(doc);
    return doc;
  }

  async function validate(textDocument: TextDocument): Promise<void> {
    const version = textDocument.version;
    const settings = await settingsFor(textDocument.uri);
    const current = documents.get(textDocument.uri);
    if (!current || current.version !== version) return; // a newer version is on its way
    if (!settings.validate.enable) {
      void connection.sendDiagnostics({ uri: textDocument.uri, version, diagnostics: [] });
      return;
    }
    const doc = docFor(textDocument, settings);
    const problems = validateDocument(doc, settings, index);
    const diagnostics = problems.map((p) => toDiagnostic(p, textDocument));
    void connection.sendDiagnostics({ uri: textDocument.uri, version, diagnostics });
  }

  function schedule(textDocument: TextDocument, delay = debounceMs): void {
    clearTimeout(pending.get(textDocument.uri));
    pending.set(textDocument.uri, setTimeout(() => {
      pending.delete(textDocument.uri);
      void guard('validation', undefined, validate)(textDocument);
    }, delay));
  }

  /** Services are checked against their task definitions: a change there re-checks the open services. */
  function revalidateServices(except: string): void {
    for (const d of documents.all()) {
      // A document already waiting for its validation keeps its (earlier) turn.
      if (d.uri === except || pending.has(d.uri)) continue;
      if (parsed.get(d.uri)?.doc.kind === 'service') schedule(d, debounceMs * 2);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    warmUpSchemas();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', ':', ' ', '[', ','], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        documentSymbolProvider: true,
        definitionProvider: true,
      },
      serverInfo: { name: 'ecs-lens', version: '0.1.0' },
    };
  });

  /** Indexes the workspace in the background (requests are answered meanwhile), then re-checks the open services. */
  async function rescan(): Promise<void> {
    try {
      await index.scan(folders, (message) => connection.console.warn(message));
      revalidateServices('');
    } catch (error) {
      connection.console.error(`workspace scan failed: ${error}`);
    }
  }

  connection.onInitialized(() => {
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ecsLens' });
    // Index the workspace after the first diagnostics, so start-up is not held up by a large folder.
    setTimeout(() => void rescan(), 50);
  });

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    parsed.clear();
    // File-name patterns may have changed: classify the workspace's files again.
    if (!canPullConfiguration) {
      globalSettings = normalizeSettings(change.settings?.ecsLens, reportPattern);
      void rescan();
    } else {
      void connection.workspace.getConfiguration('ecsLens').then((raw) => { globalSettings = normalizeSettings(raw, reportPattern); void rescan(); }, () => undefined);
    }
    for (const d of documents.all()) schedule(d, 0);
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (change.type === FileChangeType.Deleted) index.deleteFile(change.uri);
      else index.refreshFile(change.uri);
    }
    revalidateServices('');
  });

  // TextDocuments reports an open as a content change too: a document seen for the first time is checked at once.
  documents.onDidChangeContent((e) => {
    const before = parsed.get(e.document.uri)?.doc.kind;
    schedule(e.document, before ? debounceMs : 0);
    // Editing a service or a cluster file changes no other file's diagnostics.
    if (before !== 'service' && before !== 'cluster') revalidateServices(e.document.uri);
  });
  documents.onDidClose((e) => {
    clearTimeout(pending.get(e.document.uri));
    parsed.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    index.closeOpen(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCompletion(guard('completion', null, async (params) => {
    const textDocument = documents.get(params.textDocument.uri);
    if (!textDocument) return null;
    const doc = docFor(textDocument, await settingsFor(textDocument.uri));
    if (doc.kind === 'unknown') return null;
    return complete(doc, textDocument, textDocument.offsetAt(params.position), index);
  }));

  connection.onHover(guard('hover', null, async (params) => {
    const textDocument = documents.get(params.textDocument.uri);
    if (!textDocument) return null;
    const doc = docFor(textDocument, await settingsFor(textDocument.uri));
    if (doc.kind === 'unknown') return null;
    return hover(doc, textDocument, textDocument.offsetAt(params.position)) ?? null;
  }));

  connection.onCodeAction(guard('code action', [], (params) => {
    const textDocument = documents.get(params.textDocument.uri);
    if (!textDocument) return [];
    // Fixes computed for an older version would edit the wrong text.
    const current = params.context.diagnostics.filter((d) => (d.data as { version?: number } | undefined)?.version === textDocument.version);
    return codeActionsFor(textDocument, current);
  }));

  connection.onDocumentSymbol(guard('document symbols', [], async (params) => {
    const textDocument = documents.get(params.textDocument.uri);
    if (!textDocument) return [];
    return documentSymbols(docFor(textDocument, await settingsFor(textDocument.uri)), textDocument);
  }));

  connection.onDefinition(guard('definition', [], async (params) => {
    const textDocument = documents.get(params.textDocument.uri);
    if (!textDocument) return [];
    const doc = docFor(textDocument, await settingsFor(textDocument.uri));
    return definition(doc, textDocument.offsetAt(params.position), index).map((t) => {
      const target = documents.get(t.doc.uri) ?? TextDocument.create(t.doc.uri, 'json', 0, t.doc.text);
      return { uri: t.doc.uri, range: { start: target.positionAt(t.offset), end: target.positionAt(t.offset + t.length) } };
    });
  }));

  connection.onRequest(simulateMethod, guard('simulate', undefined, (params: SimulateParams) => simulate(params)));

  connection.onRequest(workspaceFilesMethod, guard('workspace files', { files: [] }, (): WorkspaceFilesResponse => ({
    files: index.documents()
      .filter((d) => d.kind !== 'unknown')
      .map((d): WorkspaceFile => ({ uri: d.uri, kind: d.kind as WorkspaceFile['kind'], family: d.family })),
  })));

  connection.onRequest('ecsLens/documentKind', guard('document kind', 'unknown', async (params: { uri: string }) => {
    const textDocument = documents.get(params.uri);
    if (!textDocument) return 'unknown';
    return docFor(textDocument, await settingsFor(textDocument.uri)).kind;
  }));

  documents.listen(connection);
  connection.listen();
}

function toDiagnostic(p: Problem, textDocument: TextDocument): Diagnostic {
  const data: DiagnosticData & { version: number } = { fixes: p.fixes, version: textDocument.version };
  return {
    range: { start: textDocument.positionAt(p.offset), end: textDocument.positionAt(p.offset + p.length) },
    severity: severities[p.severity],
    code: p.code,
    codeDescription: { href: ruleHref(p.code) },
    source: 'ecs-lens',
    message: p.message,
    tags: p.unnecessary ? [DiagnosticTag.Unnecessary] : undefined,
    data,
  };
}

/** The rule reference shipped with the extension (docs/rules.md next to dist/). */
const rulesDoc = pathToFileURL(join(__dirname, '..', 'docs', 'rules.md')).toString();

function ruleHref(code: string): string {
  return `${rulesDoc}#${code.replace(/[^a-z0-9-]/gi, '').toLowerCase()}`;
}

/** Patterns per file-kind setting, at most; a list needs a handful. */
const maxPatternsPerSetting = 100;

/** Settings from the client, with defaults for anything missing or of the wrong type. */
export function normalizeSettings(raw: unknown, reportPattern?: (pattern: string, problem: string) => void): EcsLensSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<string, any>>;
  const list = (v: unknown, d: string[]) => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return d;
    return v.slice(0, maxPatternsPerSetting).filter((pattern: string) => {
      const problem = globProblem(pattern);
      if (problem) reportPattern?.(pattern, problem);
      return !problem;
    });
  };
  return {
    validate: { enable: r.validate?.enable !== false },
    files: {
      taskDefinition: list(r.files?.taskDefinition, defaultSettings.files.taskDefinition),
      service: list(r.files?.service, defaultSettings.files.service),
      cluster: list(r.files?.cluster, defaultSettings.files.cluster),
    },
    rules: r.rules && typeof r.rules === 'object' ? r.rules : {},
    trace: { server: r.trace?.server ?? 'off' },
  };
}
