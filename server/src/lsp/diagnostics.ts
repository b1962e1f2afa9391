import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Connection,
  type Diagnostic,
  type TextDocuments,
} from 'vscode-languageserver/node';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EditorDocument } from './editorDocument';
import type { DiagnosticData } from '../service/codeActions';
import type { Problem } from '../service/problem';
import { capProblems, validateDocumentSteps } from '../service/validation';
import { runInSlices } from '../shared/steps';
import { sourceProblemsSteps } from '../surfaces';
import type { Guard } from './guard';
import type { ParsedDocuments } from './parsedDocuments';
import type { SettingsStore } from './settings';
import type { WorkspaceIndex } from './workspaceIndex';

const severities: Record<Problem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const debounceMs = 150;

/** Debounced validation per document; a result computed for an older version is dropped, never published. */
export class DiagnosticsScheduler {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<EditorDocument>,
    private readonly parsed: ParsedDocuments,
    private readonly settings: SettingsStore,
    private readonly index: WorkspaceIndex,
    private readonly guard: Guard,
  ) {}

  schedule(textDocument: EditorDocument, delay = debounceMs): void {
    clearTimeout(this.pending.get(textDocument.uri));
    this.pending.set(
      textDocument.uri,
      setTimeout(() => {
        this.pending.delete(textDocument.uri);
        void this.guard('validation', undefined, (d: EditorDocument) => this.validate(d))(textDocument);
      }, delay),
    );
  }

  /** Services and appspecs are checked against their task definitions: a change there re-checks the open ones. */
  revalidateServices(except: string): void {
    for (const d of this.documents.all()) {
      // A document already waiting for its validation keeps its (earlier) turn.
      if (d.uri === except || this.pending.has(d.uri)) continue;
      if (this.parsed.holds(d.uri, 'service') || this.parsed.holds(d.uri, 'appspec')) this.schedule(d, debounceMs * 2);
    }
  }

  scheduleAll(): void {
    for (const d of this.documents.all()) this.schedule(d, 0);
  }

  /** A closed document loses its pending check and its diagnostics. */
  closed(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async validate(textDocument: EditorDocument): Promise<void> {
    const version = textDocument.version;
    const settings = await this.settings.for(textDocument.uri);
    const current = this.documents.get(textDocument.uri);
    if (!current || current.version !== version) return; // a newer version is on its way
    if (!settings.validate.enable) {
      void this.connection.sendDiagnostics({ uri: textDocument.uri, version, diagnostics: [] });
      return;
    }
    const stale = () => this.documents.get(textDocument.uri)?.version !== version;
    // The line table first, in slices: edits that arrive while the file is checked keep it.
    await runInSlices(textDocument.lineSteps(), stale);
    if (stale()) return;
    const file = await this.parsed.file(textDocument, settings);
    if (!file || stale()) return;
    // Checked a document at a time, the editor answered between slices; a newer version ends the check.
    const found = await runInSlices(
      sourceProblemsSteps(file, (doc) => validateDocumentSteps(doc, settings, this.index)),
      stale,
    );
    if (!found || stale()) return;
    const diagnostics = capProblems(found).map((p) => toDiagnostic(p, version, textDocument));
    void this.connection.sendDiagnostics({ uri: textDocument.uri, version, diagnostics });
  }
}

function toDiagnostic(p: Problem, version: number, textDocument: EditorDocument): Diagnostic {
  const data: DiagnosticData & { version: number } = { fixes: p.fixes, version };
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
