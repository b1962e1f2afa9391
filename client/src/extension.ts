import * as path from 'node:path';
import { documentSelector, watchedFiles } from './documentSelector';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { simulateRequest, type SimulateParams, type SimulateResponse } from '../../server/src/protocol';
import { registerPlacementPanel, type PlacementPanelController } from './panel';
import { outlinedElsewhere } from './outline';
import { registerRuleLinks } from './ruleLinks';
import { registerStatusBar } from './statusBar';

/** What activate() returns: used by the in-editor tests and by other extensions. */
export interface EcsLensApi {
  client: LanguageClient;
  simulate(request: SimulateParams): Promise<SimulateResponse>;
  placement: PlacementPanelController;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<EcsLensApi> {
  // The server bundle, run with V8's code cache (server/src/launch.ts).
  const serverModule = context.asAbsolutePath(path.join('dist', 'launch.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };
  const ruleLinks = registerRuleLinks(context);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher(watchedFiles) },
    initializationOptions: {},
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) =>
        next(uri, ruleLinks.rewrite(withoutDuplicateSyntaxErrors(uri, diagnostics))),
      provideDocumentSymbols: (document, token, next) =>
        outlinedElsewhere(document.languageId, (id) => vscode.extensions.getExtension(id) !== undefined)
          ? []
          : next(document, token),
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
  registerStatusBar(context, languageClient);

  return {
    client: languageClient,
    simulate: (request) => languageClient.sendRequest(simulateRequest, request),
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
  if (
    document?.languageId !== 'json' ||
    vscode.workspace.getConfiguration('json', document).get('validate.enable') === false
  )
    return diagnostics;
  return diagnostics.filter((d) => {
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    return !(
      d.source === 'ecs-lens' &&
      typeof code === 'string' &&
      ['json.syntax', 'json.comment', 'json.trailing-comma'].includes(code)
    );
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
