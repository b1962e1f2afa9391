import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { SimulateResponse } from '../../../server/src/protocol';

/** The placement panel as seen from the extension (and the in-editor tests). */
export interface PlacementPanelController {
  /** The last simulation the panel rendered, if any. */
  readonly lastResult: SimulateResponse | undefined;
  /** Fires after the panel received and rendered a simulation result. */
  readonly onDidSimulate: vscode.Event<SimulateResponse>;
  readonly visible: boolean;
}

export function registerPlacementPanel(context: vscode.ExtensionContext, client: LanguageClient): PlacementPanelController {
  throw new Error('not implemented');
}
