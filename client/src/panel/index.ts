import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient, RequestType } from 'vscode-languageclient/node';
import { documentAtRequest, type SimulationResult } from '../../../server/src/protocol';
import { watchedFiles } from '../documentSelector';
import { PlacementPanelHost, type PanelView } from './host';
import { buildPanelHtml, createNonce } from './html';
import type { HostMessage, PanelInputs } from './messages';

/** The placement panel as seen from the extension (and the in-editor tests). */
export interface PlacementPanelController {
  /** The last simulation the panel rendered, if any. */
  readonly lastResult: SimulationResult | undefined;
  /** Fires after the panel received and rendered a simulation result. */
  readonly onDidSimulate: vscode.Event<SimulationResult>;
  readonly visible: boolean;
}

const viewType = 'ecsLens.placement';

export function registerPlacementPanel(
  context: vscode.ExtensionContext,
  client: LanguageClient,
): PlacementPanelController {
  const host = new PlacementPanelHost({
    client: {
      sendRequest: <P, R>(type: RequestType<P, R, void>, params: P) => client.sendRequest(type, params as never),
    },
    label: (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false),
    createView: () => wrapPanel(context, createPanel(context)),
    // A Terraform or CloudFormation resource (`file.tf#aws_ecs_service.web`) opens its file.
    openFile: (uri) =>
      void vscode.window.showTextDocument(vscode.Uri.parse(uri).with({ fragment: '' }), {
        viewColumn: vscode.ViewColumn.One,
        preview: false,
      }),
  });

  context.subscriptions.push(
    host,
    vscode.commands.registerCommand('ecsLens.previewPlacement', async (resource?: vscode.Uri) => {
      // From the editor title VS Code passes the file; from the palette, use the active editor.
      const uri = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
      if (!uri) {
        void vscode.window.showInformationMessage(
          'Open an ECS task definition or service file to preview its task placement.',
        );
        return;
      }
      await host.open(await resourceAtCursor(client, uri));
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) host.documentChanged(e.document.uri.toString());
    }),
  );
  // Files changed on disk (a checkout, another tool); open ones are already followed through their documents.
  const watcher = vscode.workspace.createFileSystemWatcher(watchedFiles, true, false, true);
  context.subscriptions.push(
    watcher,
    watcher.onDidChange((uri) => {
      const key = uri.toString();
      if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) host.documentChanged(key);
    }),
  );
  // After a window reload VS Code recreates the panel; its saved webview state names the files it showed.
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(viewType, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        const saved = (state ?? {}) as {
          sources?: { service?: { uri?: string }; taskDefinition?: { uri?: string } };
          inputs?: PanelInputs;
        };
        panel.webview.options = webviewOptions(context);
        await host.restore(
          wrapPanel(context, panel),
          saved.sources?.service?.uri ?? saved.sources?.taskDefinition?.uri,
          saved.inputs,
        );
      },
    }),
  );
  return host;
}

/**
 * The document to preview: a resource the URI names (`#address`) as it is; the active editor's file as the
 * server reads it at the cursor (in a Terraform or CloudFormation file, the resource under the cursor).
 */
async function resourceAtCursor(client: LanguageClient, uri: vscode.Uri): Promise<string> {
  const editor = vscode.window.activeTextEditor;
  if (uri.fragment || editor?.document.uri.toString() !== uri.toString()) return uri.toString();
  const { line, character } = editor.selection.active;
  try {
    const at = await client.sendRequest(documentAtRequest, { uri: uri.toString(), position: { line, character } });
    return at?.uri ?? uri.toString();
  } catch {
    return uri.toString();
  }
}

function webviewOptions(context: vscode.ExtensionContext): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')] };
}

function createPanel(context: vscode.ExtensionContext): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(
    viewType,
    'Task Placement',
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    // The webview keeps its own state (getState/setState), so a hidden panel need not stay in memory.
    { ...webviewOptions(context), retainContextWhenHidden: false },
  );
}

function wrapPanel(context: vscode.ExtensionContext, panel: vscode.WebviewPanel): PanelView {
  const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
  panel.webview.html = buildPanelHtml({
    cspSource: panel.webview.cspSource,
    scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
    nonce: createNonce((n) => randomBytes(n)),
  });
  return {
    get visible() {
      return panel.visible;
    },
    postMessage: (message: HostMessage) => panel.webview.postMessage(message),
    onDidReceiveMessage: (listener) => panel.webview.onDidReceiveMessage(listener),
    onDidChangeVisibility: (listener) => panel.onDidChangeViewState((e) => listener(e.webviewPanel.visible)),
    onDidDispose: (listener) => panel.onDidDispose(listener),
    reveal: () => panel.reveal(undefined, true),
    setTitle: (title) => {
      panel.title = title;
    },
    dispose: () => {
      panel.dispose();
    },
  };
}
