import * as vscode from 'vscode';
import type { EcsLensApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'ecs-lens.ecs-lens';
export const SOURCE = 'ecs-lens';
const DEFAULT_TIMEOUT = 30_000;

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the in-editor suite needs test/e2e/workspace open as the workspace folder');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function openFile(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

export async function activateExtension(): Promise<EcsLensApi> {
  const extension = vscode.extensions.getExtension<EcsLensApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

export function isActive(): boolean {
  return vscode.extensions.getExtension(EXTENSION_ID)?.isActive ?? false;
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function ecsDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function describe(diagnostics: vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => ({ code: codeOf(d), message: d.message, line: d.range.start.line })));
}

/** Resolves with the document's ecs-lens diagnostics once `accept` holds, re-checking on every diagnostics change. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT,
  sources: 'ecs-lens' | 'all' = 'ecs-lens',
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = sources === 'all' ? vscode.languages.getDiagnostics(uri) : ecsDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} on ${uri.path}; last: ${describe(ecsDiagnostics(uri))}`,
        ),
      );
    }, timeoutMs);
    function finish(): void {
      subscription.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

export function waitForCode(uri: vscode.Uri, code: string, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === code), `a diagnostic ${code}`, timeoutMs);
}

/** The next value of `event`, or a rejection after `timeoutMs`. */
export function nextEvent<T>(event: vscode.Event<T>, what: string, timeoutMs = DEFAULT_TIMEOUT): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const subscription = event((value) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** Position just inside the first occurrence of `needle` (plus `delta` characters). */
export function positionOf(document: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  const offset = document.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found in ${document.uri.path}`);
  return document.positionAt(offset + delta);
}

export function labelOf(item: vscode.CompletionItem): string {
  const label = typeof item.label === 'string' ? item.label : item.label.label;
  return label.replace(/^"|"$/g, '');
}

export function hoverText(hover: vscode.Hover): string {
  return hover.contents
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n')
    .trim();
}
