import type { EcsDocument } from './document';
import { member, numberValue, stringValue } from './json';
import { revisionOfReference } from '../ecs/taskDefinitionRefs';
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

/**
 * The consumer of a document: the tool its surface is applied by (a Terraform resource goes to ECS through
 * `terraform apply`, whatever the repository's scripts do), else what the repository and the settings say.
 */
export function deployContextFor(ws: WorkspaceView, doc: Pick<EcsDocument, 'uri' | 'origin'>): DeployContext {
  return doc.origin?.deployContext ?? ws.deployContextOf?.(doc.uri) ?? defaultDeployContext;
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

/** How a service's task definition was found: the revision it names, the nearest file by path, or not at all. */
export interface TaskDefinitionResolution {
  doc: EcsDocument | undefined;
  /** When no single file wins: the files of the family that tie, by path. */
  ambiguous: EcsDocument[];
}

/**
 * The task definition a service runs, whatever order the files were found in: of its family, the revision
 * it names (family:N, an ARN) when a file of that revision is present (naming none, files without a
 * revision come first: they are what gets registered next); else the file nearest the service by
 * path (fewest folders between them); a tie is left unresolved and its candidates named. The editor, the
 * CLI and the placement panel all pair files through this function.
 */
export function resolveTaskDefinition(ws: WorkspaceView, service: EcsDocument): TaskDefinitionResolution {
  if (!service.family) return { doc: undefined, ambiguous: [] };
  let candidates = taskDefinitionsOfFamily(ws, service.family).filter(
    (d) => d.body?.type === 'object' && mayPair(service, d),
  );
  if (candidates.length <= 1) return { doc: candidates[0], ambiguous: [] };
  const reference = service.body ? stringValue(member(service.body, 'taskDefinition')) : undefined;
  const revision = revisionOfReference(reference);
  if (revision !== undefined) {
    const same = candidates.filter((d) => numberValue(member(d.body, 'revision')) === revision);
    if (same.length === 1) return { doc: same[0], ambiguous: [] };
    if (same.length > 1) candidates = same;
  } else {
    // No revision named: the file to be registered next, not a snapshot of an older revision (describe output).
    const unrevised = candidates.filter((d) => member(d.body, 'revision') === undefined);
    if (unrevised.length) candidates = unrevised;
  }
  const from = folders(service);
  const distance = (d: EcsDocument) => {
    const to = folders(d);
    let common = 0;
    while (common < from.length && common < to.length && from[common] === to[common]) common++;
    return from.length - common + (to.length - common);
  };
  const distances = candidates.map(distance);
  const best = Math.min(...distances);
  const nearest = candidates
    .filter((_, i) => distances[i] === best)
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  return nearest.length === 1 ? { doc: nearest[0], ambiguous: [] } : { doc: undefined, ambiguous: nearest };
}

/**
 * Whether a service and a task definition of its family may pair: one that pairs through a reference of its
 * surface (a Terraform service naming `aws_ecs_task_definition.app`) pairs only within its module, where the
 * reference resolves; two modules that each declare `aws_ecs_task_definition.app` do not mix.
 */
export function mayPair(service: EcsDocument, taskDefinition: EcsDocument): boolean {
  const s = service.origin;
  const t = taskDefinition.origin;
  if (!s?.pairsWithinModule && !t?.pairsWithinModule) return true;
  return s?.module !== undefined && s.module === t?.module;
}

export function taskDefinitionOfService(ws: WorkspaceView, service: EcsDocument): EcsDocument | undefined {
  return resolveTaskDefinition(ws, service).doc;
}

const folderLists = new WeakMap<EcsDocument, string[]>();

/** The folders of a document's uri, split once per document: every service of its family asks for them. */
function folders(doc: EcsDocument): string[] {
  let list = folderLists.get(doc);
  if (!list) folderLists.set(doc, (list = doc.uri.slice(0, doc.uri.lastIndexOf('/')).split('/')));
  return list;
}

/** A WorkspaceView over a fixed list, as the CLI and tests build it. */
/**
 * The document a request names: the file itself, or in a Terraform file or template (whose documents are
 * `<file uri>#<address>`) the resource `#address` names, else its first service, else its first task definition.
 */
export function activeDocument(docs: readonly EcsDocument[], uri: string): EcsDocument | undefined {
  const exact = docs.find((d) => d.uri === uri);
  if (exact || uri.includes('#')) return exact;
  const inFile = docs.filter((d) => d.origin !== undefined && d.uri.startsWith(`${uri}#`));
  return (
    inFile.find((d) => d.kind === 'service') ??
    inFile.find((d) => d.kind === 'task-definition' || d.kind === 'describe-output')
  );
}

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
