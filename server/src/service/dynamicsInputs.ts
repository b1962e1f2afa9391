/**
 * What the panel's Deployment and Scaling tabs run on: the active file's service and task
 * definition (paired as the diagnostics pair them), a cluster file or a quick cluster, and for
 * scaling the scalable target, scaling policies and load profile of the workspace (nearest first).
 * Pure: documents in, a simulator request or a message out.
 */
import { getNodeValue } from 'jsonc-parser';
import { deferJson } from '../workspace/deferredJson';
import { resourceMatch, type ResourceMatch } from '../dynamics/scalingResource';
import type { DeploymentRequest, ScalingRequest } from '../dynamics/types';
import type { DynamicsClusterSource, DynamicsInput, DynamicsSources, ScalingInput } from './dynamicsTypes';
import type { DocumentKind, EcsDocument } from './document';
import { activeDocument, taskDefinitionOfService, type WorkspaceView } from './workspace';
import { normalizeUri } from '../workspace/uri';
import { withDeclaredCapacity } from '../surfaces/capacity';

export type { DynamicsClusterSource, DynamicsInput, DynamicsSources, ScalingInput } from './dynamicsTypes';

type Resolved<T> = { ok: true; value: T } | { ok: false; error: string };

function label(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

function nearest(uri: string, docs: EcsDocument[]): EcsDocument[] {
  const folder = folderOf(uri);
  const rank = (d: EcsDocument) => (folderOf(d.uri) === folder ? 0 : 1);
  return [...docs].sort((a, b) => rank(a) - rank(b) || a.uri.localeCompare(b.uri));
}

function valueOf(doc: EcsDocument): Resolved<unknown> {
  if (doc.refused !== undefined) return { ok: false, error: doc.refused };
  if (doc.parseOffThread) return { ok: true, value: deferJson(doc.text, label(doc.uri)) };
  const problem = doc.syntaxProblems[0];
  if (problem) {
    const line = doc.text.slice(0, problem.offset).split('\n').length;
    return { ok: false, error: `${label(doc.uri)}, line ${line}: ${problem.message} Fix the JSON to simulate.` };
  }
  if (doc.unparsed || !doc.root) return { ok: false, error: `${label(doc.uri)} is not JSON ECS Lens can read.` };
  return { ok: true, value: getNodeValue(doc.root) };
}

function clusterValue(ws: WorkspaceView, source: DynamicsClusterSource): Resolved<unknown> {
  if ('quick' in source) {
    const zones = source.quick.availabilityZones.map((z) => z.trim()).filter((z) => z !== '');
    return {
      ok: true,
      value: {
        instanceGroups: [
          {
            instanceType: source.quick.instanceType.trim(),
            ...(zones.length > 0 ? { availabilityZones: zones } : {}),
            count: source.quick.count,
          },
        ],
      },
    };
  }
  const wanted = normalizeUri(source.uri);
  const doc = ws.documents().find((d) => normalizeUri(d.uri) === wanted);
  if (!doc || doc.kind !== 'cluster')
    return { ok: false, error: `${label(source.uri)} is not a cluster file of the workspace.` };
  return valueOf(doc);
}

/** The service and task definition of the active file. */
function pair(ws: WorkspaceView, uri: string): { service?: EcsDocument; taskDefinition?: EcsDocument; error?: string } {
  const docs = ws.documents();
  const key = normalizeUri(uri);
  const active = docs.find((d) => normalizeUri(d.uri) === key) ?? activeDocument(docs, uri);
  if (!active) return { error: `${label(uri)} is not open or not an ECS file.` };
  // In a Terraform file or template, the resource taken from it.
  uri = active.uri;
  if (active.kind === 'service') {
    const taskDefinition = taskDefinitionOfService(ws, active);
    if (!taskDefinition)
      return {
        service: active,
        error: `No task definition of family "${active.family ?? '?'}" in the workspace for ${label(uri)}.`,
      };
    return { service: active, taskDefinition };
  }
  if (active.kind !== 'task-definition' && active.kind !== 'describe-output')
    return { error: `${label(uri)} is not a task definition or service file.` };
  const service = nearest(
    uri,
    docs.filter((d) => d.kind === 'service' && d.family !== undefined && d.family === active.family),
  ).find((s) => normalizeUri(taskDefinitionOfService(ws, s)?.uri ?? '') === key);
  return { service, taskDefinition: active };
}

export function deploymentRequest(
  ws: WorkspaceView,
  input: DynamicsInput,
): { sources: DynamicsSources; request?: DeploymentRequest; error?: string } {
  const { service, taskDefinition, error } = pair(ws, input.uri);
  const sources: DynamicsSources = {
    service: service?.uri,
    taskDefinition: taskDefinition?.uri,
    cluster: 'uri' in input.cluster ? input.cluster.uri : undefined,
  };
  if (error) return { sources, error };
  if (!service || !taskDefinition)
    return {
      sources,
      error: `A deployment needs the service: no service file in the workspace names the family of ${label(input.uri)}.`,
    };
  const values = [valueOf(taskDefinition), valueOf(service), clusterValue(ws, input.cluster)];
  const failed = values.find((v): v is { ok: false; error: string } => !v.ok);
  if (failed) return { sources, error: failed.error };
  const [td, svc, clusterFile] = values.map((v) => (v as { value: unknown }).value);
  // Capacity providers the service's file declares beside it (a template's) join the cluster's.
  const cluster = withDeclaredCapacity(clusterFile, service.origin?.capacity);
  return { sources, request: { taskDefinition: td, service: svc, cluster, options: input.options ?? {} } };
}

export function scalingRequest(
  ws: WorkspaceView,
  input: ScalingInput,
): { sources: DynamicsSources; request?: ScalingRequest; error?: string } {
  const deployment = deploymentRequest(ws, input);
  const docs = ws.documents();
  const ofKind = (kind: DocumentKind) =>
    nearest(
      input.uri,
      docs.filter((d) => d.kind === kind),
    );
  const targets = ofKind('scalable-target');
  const policies = ofKind('scaling-policy');
  const loads = ofKind('load-profile');
  const sources: DynamicsSources = {
    ...deployment.sources,
    targets: targets.map((d) => d.uri),
    policies: policies.map((d) => d.uri),
    loads: loads.map((d) => d.uri),
  };
  if (deployment.error || !deployment.request) return { sources, error: deployment.error };
  const theService = deployment.request.service;
  // Unchosen, a target or policy is the nearest whose ResourceId names the service, else one that names none.
  const ofService = (list: EcsDocument[], kind: 'ScalableTargets' | 'ScalingPolicies') => {
    const matches = list.map((d): { doc: EcsDocument; match: ResourceMatch } => {
      const v = valueOf(d);
      return {
        doc: d,
        match: v.ok ? resourceMatch(theService, v.value, kind) : { kind: 'unknown' },
      };
    });
    return (
      matches.find((m) => m.match.kind === 'match') ??
      matches.find((m) => m.match.kind === 'unknown') ?? { doc: undefined, match: matches[0]?.match }
    );
  };
  const pick = (
    chosen: string | undefined,
    list: EcsDocument[],
    what: string,
    kind?: 'ScalableTargets' | 'ScalingPolicies',
  ): Resolved<EcsDocument> => {
    if (chosen) {
      const doc = list.find((d) => normalizeUri(d.uri) === normalizeUri(chosen));
      return doc ? { ok: true, value: doc } : { ok: false, error: `${label(chosen)} is not ${what} of the workspace.` };
    }
    if (list.length === 0) return { ok: false, error: `No ${what} in the workspace: add one to run auto scaling.` };
    if (!kind) return { ok: true, value: list[0] };
    const found = ofService(list, kind);
    if (found.doc) return { ok: true, value: found.doc };
    const expected = found.match?.kind === 'other' ? found.match.expected : 'this service';
    return {
      ok: false,
      error: `No ${what.replace(/^an? /, '')} in the workspace names ${expected} in its ResourceId (${list
        .map((d) => label(d.uri))
        .join(
          ', ',
        )} name${list.length === 1 ? 's' : ''} another service): add one whose ResourceId names this service.`,
    };
  };
  const target = pick(input.target, targets, 'a scalable target (register-scalable-target input)', 'ScalableTargets');
  const policy = pick(input.policy, policies, 'a scaling policy (put-scaling-policy input)', 'ScalingPolicies');
  const load = pick(input.load, loads, 'a load profile (*.load.json)');
  for (const r of [target, policy, load]) if (!r.ok) return { sources, error: r.error };
  const [t, p, l] = [target, policy, load].map((r) => (r as { value: EcsDocument }).value);
  Object.assign(sources, { target: t.uri, policy: p.uri, load: l.uri });
  const values = [valueOf(t), valueOf(p), valueOf(l)];
  const failed = values.find((v): v is { ok: false; error: string } => !v.ok);
  if (failed) return { sources, error: failed.error };
  const [tv, pv, lv] = values.map((v) => (v as { value: unknown }).value);
  const { taskDefinition, service, cluster, options } = deployment.request;
  return {
    sources,
    request: {
      taskDefinition,
      service,
      cluster,
      options,
      target: tv,
      policy: pv,
      load: lv,
      durationSeconds: input.durationSeconds,
    },
  };
}
