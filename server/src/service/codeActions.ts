import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix } from './problem';

/** The data a diagnostic carries so that code actions need no second validation. */
export interface DiagnosticData {
  fixes?: Fix[];
}

/** Quick fixes for the diagnostics in the request's context, from the fixes their problems carried. */
export function codeActionsFor(textDocument: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'ecs-lens') continue;
    const fixes = (diagnostic.data as DiagnosticData | undefined)?.fixes ?? [];
    for (const fix of fixes) {
      // The same fix (e.g. "remove all read-only members") hangs off several diagnostics.
      const key = fix.title + JSON.stringify(fix.edits);
      if (seen.has(key)) continue;
      seen.add(key);
      const edits: TextEdit[] = fix.edits.map((e) => ({
        range: { start: textDocument.positionAt(e.offset), end: textDocument.positionAt(e.offset + e.length) },
        newText: e.newText,
      }));
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred,
        edit: { changes: { [textDocument.uri]: edits } },
      });
    }
  }
  return actions;
}
