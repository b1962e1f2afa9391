import * as vscode from 'vscode';
import { sourceLanguages } from './documentSelector';
import { itemSubject } from './itemSubject';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  deployContextRequest,
  documentAtRequest,
  type DeployContextResponse,
  type DocumentAtResponse,
  type DocumentKind,
} from '../../server/src/protocol';

/** The item's name for each kind (none: no item); keyed by every kind, so a new kind does not compile without one. */
const labels: Record<DocumentKind, string | null> = {
  'task-definition': 'Task definition',
  'container-definitions': 'Container definitions',
  'describe-output': 'Task definition (describe output)',
  service: 'Service',
  cluster: 'Cluster',
  'scalable-target': 'Scalable target',
  'scaling-policy': 'Scaling policy',
  'load-profile': 'Load profile',
  'daemon-task-definition': 'Daemon task definition',
  'express-service': 'Express service',
  // A CodeDeploy AppSpec has no item: it is CodeDeploy's file, not an ECS document.
  appspec: null,
  unknown: null,
};

/** Kinds the placement preview starts from. */
const previewable = new Set<DocumentKind>(['task-definition', 'describe-output', 'service']);

/**
 * The kind of the active ECS file in the status bar (a click opens the placement preview), and the
 * `ecsLens.isEcsFile` context key for the editor-title button, from one question to the server.
 */
export function registerStatusBar(context: vscode.ExtensionContext, client: LanguageClient): void {
  const item = vscode.window.createStatusBarItem('ecsLens.kind', vscode.StatusBarAlignment.Right, 100);
  item.name = 'ECS Lens: file kind';
  context.subscriptions.push(item);
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** The resource the last answer named, in a Terraform or CloudFormation file (its URI has `#address`). */
  let resource: string | undefined;

  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    const question = ++asked;
    let kind: DocumentKind = 'unknown';
    let target: DocumentAtResponse = null;
    const document = editor?.document;
    if (document && (sourceLanguages.has(document.languageId) || document.uri.path.endsWith('.tf'))) {
      try {
        // In a Terraform or CloudFormation file, the resource under the cursor is the one meant.
        const { line, character } = editor.selection.active;
        target = await client.sendRequest(documentAtRequest, {
          uri: document.uri.toString(),
          position: { line, character },
        });
        kind = target?.kind ?? 'unknown';
      } catch {
        kind = 'unknown';
      }
    }
    if (question !== asked) return;
    resource = target?.uri.includes('#') ? target.uri : undefined;
    await vscode.commands.executeCommand('setContext', 'ecsLens.isEcsFile', previewable.has(kind));
    const label = labels[kind];
    if (!label) {
      item.hide();
      return;
    }
    // Which tool deploys the file decides what is a mistake: named in the item, explained in its tooltip.
    let deployContext: DeployContextResponse = null;
    if (kind !== 'cluster') {
      try {
        deployContext = await client.sendRequest(deployContextRequest, {
          uri: target?.uri ?? editor!.document.uri.toString(),
        });
      } catch {
        deployContext = null;
      }
      if (question !== asked) return;
    }
    item.text = `$(server-process) ECS: ${label}${deployContext ? ` · ${deployContext.name}` : ''}`;
    const subject = itemSubject(resource);
    if (previewable.has(kind)) {
      const text = `ECS Lens checks ${subject} as an ECS ${label.toLowerCase()}. Click to preview where its tasks would be placed.`;
      item.tooltip = deployContext ? new vscode.MarkdownString(`${text}\n\n${deployContext.markdown}`) : text;
      item.command = {
        title: 'Preview Task Placement',
        command: 'ecsLens.previewPlacement',
        arguments: [target ? vscode.Uri.parse(target.uri) : editor!.document.uri],
      };
    } else if (kind === 'container-definitions') {
      item.tooltip = deployContext
        ? new vscode.MarkdownString(deployContext.markdown)
        : 'ECS Lens checks this list of container definitions with the container rules.';
      item.command = undefined;
    } else {
      item.tooltip =
        kind === 'cluster'
          ? 'ECS Lens reads this file as a cluster for the placement preview.'
          : `ECS Lens checks ${subject} as ${label.toLowerCase()}.`;
      item.command = undefined;
    }
    // The file's name in the label: a screen reader (and a test) can tell which file the item speaks of, as
    // the text stays the same from one task definition to the next.
    const name = editor!.document.uri.path.split('/').pop() ?? '';
    item.accessibilityInformation = { label: `ECS Lens: ${label}, ${name}` };
    item.show();
  };

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    // A file may become an ECS file as it is typed (or stop being one); asked again once typing pauses.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== vscode.window.activeTextEditor?.document) return;
      clearTimeout(timer);
      timer = setTimeout(() => void update(), 500);
    }),
    // In a file of several resources the item follows the cursor from one resource to the next.
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor !== vscode.window.activeTextEditor || !resource) return;
      clearTimeout(timer);
      timer = setTimeout(() => void update(), 300);
    }),
    { dispose: () => clearTimeout(timer) },
  );
  void update();
}
