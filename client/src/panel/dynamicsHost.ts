/**
 * The host's side of the Deployment and Scaling tabs: asks the server to run the active file's
 * deployment or auto scaling on the panel's cluster, and checks what the webview sent first.
 */
import {
  deployRequest,
  scaleRequest,
  type DeployResponse,
  type DynamicsClusterSource,
  type ScaleResponse,
} from '../../../server/src/protocol';
import type { RequestType } from 'vscode-languageserver-protocol';
import type { ClusterChoice, DynamicsRunOptions } from './messages';

export interface DynamicsRunner {
  sendRequest<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
}

export function clusterSource(choice: ClusterChoice): DynamicsClusterSource {
  return choice.kind === 'file'
    ? { uri: choice.uri }
    : {
        quick: { instanceType: choice.instanceType, count: choice.count, availabilityZones: choice.availabilityZones },
      };
}

/** Whole seconds at least 0, or nothing: the server sees only meaningful overrides. */
export function cleanRunOptions(raw: unknown): DynamicsRunOptions {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const out: DynamicsRunOptions = {};
  for (const key of [
    'deregistrationDelaySeconds',
    'taskStartSeconds',
    'instanceLaunchSeconds',
    'maxInstances',
    'durationSeconds',
  ] as const) {
    const v = o[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) out[key] = v;
  }
  if (o.failHealthChecks === true) out.failHealthChecks = true;
  return out;
}

export async function runDeployment(
  client: DynamicsRunner,
  uri: string,
  cluster: ClusterChoice,
  options: DynamicsRunOptions,
): Promise<DeployResponse> {
  const { durationSeconds, ...rest } = options;
  void durationSeconds;
  const response: DeployResponse | null | undefined = await client.sendRequest(deployRequest, {
    uri,
    cluster: clusterSource(cluster),
    options: rest,
  });
  return response ?? { sources: {}, error: 'The server returned no deployment (see the ECS Lens output channel).' };
}

export async function runScaling(
  client: DynamicsRunner,
  uri: string,
  cluster: ClusterChoice,
  options: DynamicsRunOptions,
): Promise<ScaleResponse> {
  const { durationSeconds, failHealthChecks, ...rest } = options;
  void failHealthChecks;
  const response: ScaleResponse | null | undefined = await client.sendRequest(scaleRequest, {
    uri,
    cluster: clusterSource(cluster),
    options: rest,
    durationSeconds,
  });
  return response ?? { sources: {}, error: 'The server returned no scaling run (see the ECS Lens output channel).' };
}
