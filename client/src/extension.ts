import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { deployContextMethod, simulateMethod, type DeployContextResponse, type SimulateParams, type SimulateResponse } from '../../server/src/protocol';
import { registerPlacementPanel, type PlacementPanelController } from './panel';

/** What activate() returns: used by the in-editor tests and by other extensions. */
export interface EcsLensApi {
  client: LanguageClient;
  simulate(request: SimulateParams): Promise<SimulateResponse>;
  placement: PlacementPanelController;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<EcsLensApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'untitled', language: 'json' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.json') },
    initializationOptions: {},
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, withoutDuplicateSyntaxErrors(uri, diagnostics)),
    },
  };
  client = new LanguageClient('ecsLens', 'ECS Lens', serverOptions, clientOptions);
  await client.start();
  const languageClient = client;

  const placement = registerPlacementPanel(context, languageClient);
  context.subscriptions.push(
    vscode.commands.registerCommand('ecsLens.restartServer', () => languageClient.restart()),
    vscode.commands.registerCommand('ecsLens.showRules', () =>
      vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(context.asAbsolutePath('docs/rules.md'))),
    ),
  );
  trackEcsFileContext(context, languageClient);
  showDeployContext(context, languageClient);

  return {
    client: languageClient,
    simulate: (request) => languageClient.sendRequest<SimulateResponse>(simulateMethod, request),
    placement,
  };
}

/**
 * VS Code's own JSON support already reports syntax errors (comments and trailing commas included)
 * in `json` documents; showing ours too would underline each mistake twice. In `jsonc` documents,
 * where VS Code accepts comments and trailing commas but ECS does not, ours stay.
 */
function withoutDuplicateSyntaxErrors(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (document?.languageId !== 'json' || vscode.workspace.getConfiguration('json', document).get('validate.enable') === false) return diagnostics;
  return diagnostics.filter((d) => {
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    return !(d.source === 'ecs-lens' && typeof code === 'string' && ['json.syntax', 'json.comment', 'json.trailing-comma'].includes(code));
  });
}

/** Keeps the `ecsLens.isEcsFile` context key in step with the active editor, for the editor-title button. */
function trackEcsFileContext(context: vscode.ExtensionContext, languageClient: LanguageClient): void {
  const update = async (editor: vscode.TextEditor | undefined) => {
    let isEcs = false;
    if (editor && (editor.document.languageId === 'json' || editor.document.languageId === 'jsonc')) {
      try {
        const kind = await languageClient.sendRequest<string>('ecsLens/documentKind', { uri: editor.document.uri.toString() });
        isEcs = kind === 'task-definition' || kind === 'service' || kind === 'describe-output';
      } catch {
        isEcs = false;
      }
    }
    await vscode.commands.executeCommand('setContext', 'ecsLens.isEcsFile', isEcs);
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(update));
  void update(vscode.window.activeTextEditor);
}

/** A status bar item naming the deploy context of the active ECS file (its tooltip says why). */
function showDeployContext(context: vscode.ExtensionContext, languageClient: LanguageClient): void {
  const item = vscode.window.createStatusBarItem('ecsLens.deployContext', vscode.StatusBarAlignment.Right, 100);
  item.name = 'ECS Lens deploy context';
  const update = async (editor: vscode.TextEditor | undefined) => {
    let answer: DeployContextResponse = null;
    if (editor && (editor.document.languageId === 'json' || editor.document.languageId === 'jsonc')) {
      try {
        answer = await languageClient.sendRequest<DeployContextResponse>(deployContextMethod, { uri: editor.document.uri.toString() });
      } catch {
        answer = null;
      }
    }
    if (!answer) { item.hide(); return; }
    item.text = `ECS: ${answer.name}`;
    item.tooltip = new vscode.MarkdownString(answer.markdown);
    item.show();
  };
  context.subscriptions.push(item, vscode.window.onDidChangeActiveTextEditor(update));
  void update(vscode.window.activeTextEditor);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
