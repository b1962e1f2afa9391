import type { EcsDocument } from './document';

/** What a document may see of the other ECS files in the workspace (or given to the CLI). */
export interface WorkspaceView {
  /** Every known ECS document, the one being checked included. */
  documents(): readonly EcsDocument[];
}

export const emptyWorkspace: WorkspaceView = { documents: () => [] };

/** Task definitions (plain or describe output) of a family. */
export function taskDefinitionsOfFamily(ws: WorkspaceView, family: string): EcsDocument[] {
  return ws.documents().filter((d) => (d.kind === 'task-definition' || d.kind === 'describe-output') && d.family === family);
}

/** A WorkspaceView over a fixed list, as the CLI and tests build it. */
export function staticWorkspace(docs: readonly EcsDocument[]): WorkspaceView {
  return { documents: () => docs };
}
