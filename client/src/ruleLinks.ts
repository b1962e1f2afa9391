import * as vscode from 'vscode';

/**
 * Rule codes open the rule: a diagnostic's code links to `<uriScheme>://<extension id>/rule?<code>`,
 * which the editor hands to this extension (desktop and browser alike), and the extension opens the
 * rendered rule reference at that rule. A `file:` link would open the raw Markdown in the desktop
 * and nothing useful in the browser.
 */
export function registerRuleLinks(context: vscode.ExtensionContext): {
  rewrite(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[];
} {
  const reference = vscode.Uri.file(context.asAbsolutePath('docs/rules.md'));
  const showRule = (code?: string) =>
    vscode.commands.executeCommand(
      'vscode.openWith',
      code ? reference.with({ fragment: ruleAnchor(code) }) : reference,
      'vscode.markdown.preview.editor',
    );
  context.subscriptions.push(
    vscode.window.registerUriHandler({
      handleUri(uri) {
        if (uri.path === '/rule') void showRule(decodeURIComponent(uri.query));
      },
    }),
    vscode.commands.registerCommand('ecsLens.showRule', (code?: unknown) =>
      showRule(typeof code === 'string' ? code : undefined),
    ),
  );
  const linkOf = (code: string) =>
    vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: context.extension.id, path: '/rule', query: code });
  return {
    rewrite(diagnostics) {
      for (const d of diagnostics) {
        if (d.source !== 'ecs-lens') continue;
        const value = typeof d.code === 'object' ? d.code.value : d.code;
        if (typeof value === 'string') d.code = { value, target: linkOf(value) };
      }
      return diagnostics;
    },
  };
}

/** The heading id the Markdown preview gives `## <code>` in docs/rules.md. */
export function ruleAnchor(code: string): string {
  return code.replace(/[^a-z0-9-]/gi, '').toLowerCase();
}
