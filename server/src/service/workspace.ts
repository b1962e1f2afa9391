import type { EcsDocument } from './document';
import { member, numberValue, stringValue } from './json';
import { defaultDeployContext } from './context/apply';
import type { DeployContext } from './context/types';

/** What a document may see of the other ECS files in the workspace (or given to the CLI). */
export interface WorkspaceView {
  /** Every known ECS document, the one being checked included. */
  documents(): readonly EcsDocument[];
  /** Task definitions of a family from an index, when the view keeps one (else the documents are filtered). */
  taskDefinitionsOfFamily?(family: string): readonly EcsDocument[];
  /** The consumer of a file, learnt from the repository and the settings; absent, the AWS CLI. */
  deployContextOf?(uri: string): DeployContext;
}

export function deployContextFor(ws: WorkspaceView, uri: string): DeployContext {
  return ws.deployContextOf?.(uri) ?? defaultDeployContext;
}

export const emptyWorkspace: WorkspaceView = { documents: () => [] };

/** Task definitions (plain or describe output) of a family. */
export function taskDefinitionsOfFamily(ws: WorkspaceView, family: string): EcsDocument[] {
  if (ws.taskDefinitionsOfFamily) return [...ws.taskDefinitionsOfFamily(family)];
  return ws.documents().filter((d) => isTaskDefinition(d) && d.family === family);
}

function isTaskDefinition(d: EcsDocument): boolean {
  return d.kind === 'task-definition' || d.kind === 'describe-output';
}

/** Task definitions by family, in document order: one pass, so pairing services stays linear. */
export function taskDefinitionsByFamily(docs: readonly EcsDocument[]): Map<string, EcsDocument[]> {
  const byFamily = new Map<string, EcsDocument[]>();
  for (const d of docs) {
    if (!isTaskDefinition(d) || d.family === undefined) continue;
    const list = byFamily.get(d.family);
    if (list) list.push(d);
    else byFamily.set(d.family, [d]);
  }
  return byFamily;
}

/**
 * The task definition a service runs: of its family, the revision it names when a describe output
 * of that revision is present, else one in the service's own folder, else the first.
 */
export function taskDefinitionOfService(ws: WorkspaceView, service: EcsDocument): EcsDocument | undefined {
  if (!service.family) return undefined;
  const candidates = taskDefinitionsOfFamily(ws, service.family).filter((d) => d.body?.type === 'object');
  const reference = service.body ? stringValue(member(service.body, 'taskDefinition')) : undefined;
  const revision = /:(\d+)$/.exec(reference ?? '')?.[1];
  const sameRevision = revision && candidates.find((d) => numberValue(member(d.body, 'revision')) === Number(revision));
  const folder = (uri: string) => uri.slice(0, uri.lastIndexOf('/'));
  return sameRevision || candidates.find((d) => folder(d.uri) === folder(service.uri)) || candidates[0];
}

/** A WorkspaceView over a fixed list, as the CLI and tests build it. */
export function staticWorkspace(docs: readonly EcsDocument[]): WorkspaceView {
  let byFamily: Map<string, EcsDocument[]> | undefined;
  return {
    documents: () => docs,
    taskDefinitionsOfFamily: (family) => (byFamily ??= taskDefinitionsByFamily(docs)).get(family) ?? [],
  };
}

/**
 * The version of an open document other files are checked against: while its text has syntax
 * errors (a member being typed), the last version that parsed cleanly, so a half-typed edit
 * changes no other file's diagnostics.
 */
export function crossFileVersion(previous: EcsDocument | undefined, next: EcsDocument): EcsDocument {
  return next.syntaxProblems.length === 0 || !previous || previous.syntaxProblems.length > 0 ? next : previous;
}
