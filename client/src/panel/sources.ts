import type { WorkspaceFile } from '../../../server/src/protocol';
import type { FileRef, PanelSources } from './messages';
import { InputError } from './request';

export interface ResolvedSources {
  sources: PanelSources;
  clusters: FileRef[];
  /** The family the panel is about, for its title. */
  family: string | undefined;
}

/**
 * The files a simulation of `activeUri` needs, from the server's list of ECS files:
 * a service brings its task definition (by family), a task definition brings a service of its family if there is one.
 */
export function resolveSources(activeUri: string, files: readonly WorkspaceFile[], label: (uri: string) => string): ResolvedSources {
  const ref = (f: WorkspaceFile): FileRef => ({ uri: f.uri, label: label(f.uri) });
  const clusters = nearestFirst(activeUri, files.filter((f) => f.kind === 'cluster')).map(ref);
  const active = files.find((f) => f.uri === activeUri);
  if (!active || active.kind === 'cluster') {
    throw new InputError(`${label(activeUri)} is not a task definition or service file. Open one and run "Preview Task Placement" again.`);
  }
  const family = active.family;
  if (active.kind === 'service') {
    // The server pairs a service with its task definition by the function its diagnostics use.
    const paired = active.taskDefinitionUri === undefined ? undefined : files.find((f) => f.uri === active.taskDefinitionUri);
    const taskDefinition = paired ?? (family === undefined ? undefined : nearestFirst(activeUri, files.filter((f) => isTaskDefinition(f) && f.family === family))[0]);
    if (!taskDefinition) {
      throw new InputError(
        family === undefined
          ? `${label(activeUri)} names no task definition family.`
          : `No task definition of family "${family}" in the workspace for ${label(activeUri)}.`,
      );
    }
    return { sources: { taskDefinition: ref(taskDefinition), service: ref(active) }, clusters, family };
  }
  const service = family === undefined ? undefined : nearestFirst(activeUri, files.filter((f) => f.kind === 'service' && f.family === family))[0];
  return { sources: { taskDefinition: ref(active), ...(service ? { service: ref(service) } : {}) }, clusters, family };
}

function isTaskDefinition(f: WorkspaceFile): boolean {
  return f.kind === 'task-definition' || f.kind === 'describe-output';
}

/** Files in the active file's folder first, then by path, so the pick is stable. */
function nearestFirst(activeUri: string, files: WorkspaceFile[]): WorkspaceFile[] {
  const folder = activeUri.slice(0, activeUri.lastIndexOf('/') + 1);
  const rank = (f: WorkspaceFile) => (f.uri.startsWith(folder) && !f.uri.slice(folder.length).includes('/') ? 0 : 1);
  return [...files].sort((a, b) => rank(a) - rank(b) || a.uri.localeCompare(b.uri));
}
