/**
 * What a placement simulation of a file runs on: the file, its partner (a service's task
 * definition, a task definition's service) paired by the function the diagnostics use, and a
 * cluster file or a quick cluster. Pure: documents in, a simulator request or a message out.
 */
import { getNodeValue } from 'jsonc-parser';
import { deferJson } from '../workspace/deferredJson';
import type { EcsDocument } from './document';
import { activeDocument, taskDefinitionOfService, type WorkspaceView } from './workspace';
import type { SimulationOptions, SimulationRequest } from '../placement/types';
import type { ClusterSource, InputErrors, QuickClusterSpec, SimulationSources } from './simulationTypes';
import type { EcsLensSettings } from './settings';
import { validateDocument } from './validation';
import { withDeclaredCapacity } from '../surfaces/capacity';

export type { ClusterSource, QuickClusterSpec, SimulationSources } from './simulationTypes';

export interface SimulationInput {
  /** The active file: a task definition, describe-task-definition output or service. */
  uri: string;
  cluster: ClusterSource;
  options?: SimulationOptions;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; error: string };

/** A short name of a file for messages. */
export function fileLabel(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function isTaskDefinition(d: EcsDocument): boolean {
  return d.kind === 'task-definition' || d.kind === 'describe-output';
}

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/** Files in `uri`'s folder first, then by URI, so a pick is stable. */
function nearestFirst(uri: string, docs: EcsDocument[]): EcsDocument[] {
  const folder = folderOf(uri);
  const rank = (d: EcsDocument) => (folderOf(d.uri) === folder ? 0 : 1);
  return [...docs].sort((a, b) => rank(a) - rank(b) || a.uri.localeCompare(b.uri));
}

/** The files a simulation of `uri` uses, or why it has none. */
export function simulationSources(ws: WorkspaceView, uri: string): SimulationSources & { error?: string } {
  const docs = ws.documents();
  const clusters = nearestFirst(
    uri,
    docs.filter((d) => d.kind === 'cluster'),
  ).map((d) => d.uri);
  const active = activeDocument(docs, uri);
  if (!active || (active.kind !== 'service' && !isTaskDefinition(active))) {
    return {
      clusters,
      error: `${fileLabel(uri)} is not a task definition or service file. Open one and run "Preview Task Placement" again.`,
    };
  }
  // In a Terraform file or template, the resource taken from it.
  uri = active.uri;
  const label = fileLabel(uri);
  if (active.kind === 'service') {
    const sources: SimulationSources = { service: uri, family: active.family, clusters };
    if (active.family === undefined) {
      const value = valueOf(active);
      return { ...sources, error: value.ok ? `${label} names no task definition family.` : value.error };
    }
    const taskDefinition = taskDefinitionOfService(ws, active);
    if (!taskDefinition)
      return { ...sources, error: `No task definition of family "${active.family}" in the workspace for ${label}.` };
    return { ...sources, taskDefinition: taskDefinition.uri };
  }
  // A task definition brings the service that the diagnostics pair with it, nearest first.
  const service = nearestFirst(
    uri,
    docs.filter((d) => d.kind === 'service' && d.family !== undefined && d.family === active.family),
  ).find((s) => taskDefinitionOfService(ws, s)?.uri === uri);
  return { taskDefinition: uri, ...(service ? { service: service.uri } : {}), family: active.family, clusters };
}

/** A document's JSON value, or why it has none (a syntax error). */
function valueOf(doc: EcsDocument): Resolved<unknown> {
  const label = fileLabel(doc.uri);
  if (doc.refused !== undefined) return { ok: false, error: doc.refused };
  if (doc.parseOffThread) return { ok: true, value: deferJson(doc.text, label) };
  const problem = doc.syntaxProblems[0];
  if (problem) {
    const line = doc.text.slice(0, problem.offset).split('\n').length;
    return { ok: false, error: `${label}, line ${line}: ${problem.message} Fix the JSON to simulate.` };
  }
  if (doc.unparsed || !doc.root) return { ok: false, error: `${label} is not JSON ECS Lens can read.` };
  // The whole file: the simulator unwraps describe output itself.
  return {
    ok: true,
    value: doc.bodyValue !== undefined && doc.kind !== 'describe-output' ? doc.bodyValue : getNodeValue(doc.root),
  };
}

/** The compact cluster file format (schemas/cluster.schema.json) for a quick cluster. */
export function quickCluster(spec: QuickClusterSpec): unknown {
  const availabilityZones = spec.availabilityZones.map((az) => az.trim()).filter((az) => az !== '');
  // The schema wants at least one zone when the list is given.
  return {
    instanceGroups: [
      {
        instanceType: spec.instanceType.trim(),
        ...(availabilityZones.length > 0 ? { availabilityZones } : {}),
        count: spec.count,
      },
    ],
  };
}

/** The simulator request for `input`, with the sources it used, or why there is none. */
export function simulationRequest(
  ws: WorkspaceView,
  input: SimulationInput,
): { sources: SimulationSources; request?: SimulationRequest; error?: string } {
  const { error, ...sources } = simulationSources(ws, input.uri);
  if (error !== undefined || sources.taskDefinition === undefined)
    return { sources, error: error ?? 'No task definition to simulate.' };
  const byUri = (uri: string) => ws.documents().find((d) => d.uri === uri);
  const taskDefinition = valueOf(byUri(sources.taskDefinition)!);
  if (!taskDefinition.ok) return { sources, error: taskDefinition.error };
  let service: unknown;
  const serviceDoc = sources.service !== undefined ? byUri(sources.service) : undefined;
  if (sources.service !== undefined) {
    const value = valueOf(byUri(sources.service)!);
    if (!value.ok) return { sources, error: value.error };
    service = value.value;
  }
  let cluster: unknown;
  if ('quick' in input.cluster) cluster = quickCluster(input.cluster.quick);
  else {
    const doc = byUri(input.cluster.uri);
    if (!doc || doc.kind !== 'cluster')
      return { sources, error: `${fileLabel(input.cluster.uri)} is not a cluster file of the workspace.` };
    const value = valueOf(doc);
    if (!value.ok) return { sources, error: value.error };
    cluster = value.value;
  }
  // Capacity providers the service's file declares beside it (a template's) join the cluster's.
  cluster = withDeclaredCapacity(cluster, serviceDoc?.origin?.capacity);
  const request: SimulationRequest = { taskDefinition: taskDefinition.value, cluster, options: input.options ?? {} };
  if (service !== undefined) request.service = service;
  return { sources, request };
}

/**
 * The errors of the simulated files (task definition first, then service) as their diagnostics report them:
 * a preview of a file ECS would refuse says so above its result.
 */
export function inputErrors(
  ws: WorkspaceView,
  uris: Array<string | undefined>,
  settingsFor: (uri: string) => EcsLensSettings,
): InputErrors | undefined {
  let count = 0;
  let first: InputErrors['first'] | undefined;
  for (const uri of uris) {
    const doc = uri ? ws.documents().find((d) => d.uri === uri) : undefined;
    if (!doc) continue;
    const settings = settingsFor(doc.uri);
    if (!settings.validate.enable) continue;
    const errors = validateDocument(doc, settings, ws)
      .filter((p) => p.severity === 'error')
      .sort((a, b) => a.offset - b.offset);
    count += errors.length;
    if (!first && errors[0]) {
      const before = doc.text.slice(0, errors[0].offset);
      const line = before.split('\n').length - 1;
      first = {
        uri: doc.uri,
        line,
        character: errors[0].offset - (before.lastIndexOf('\n') + 1),
        code: errors[0].code,
        message: errors[0].message,
      };
    }
  }
  return first ? { count, first } : undefined;
}
