/** Builders for the placement tests: small task definitions, services and compact clusters. */
import type { SimulationResult } from '../../../server/src/placement';

export interface TaskSpec {
  family?: string;
  cpu?: number | string;
  memory?: number | string;
  containerCpu?: number;
  containerMemory?: number;
  networkMode?: string;
  portMappings?: Array<{ containerPort: number; hostPort?: number; protocol?: string }>;
  gpus?: number;
  memberOf?: string;
  requiresCompatibilities?: string[];
}

export function taskDef(spec: TaskSpec = {}): Record<string, unknown> {
  const container: Record<string, unknown> = {
    name: 'app',
    image: 'public.ecr.aws/docker/library/nginx:latest',
    essential: true,
  };
  container.cpu = spec.containerCpu ?? 256;
  container.memory = spec.containerMemory ?? 512;
  if (spec.portMappings) container.portMappings = spec.portMappings;
  if (spec.gpus) container.resourceRequirements = [{ type: 'GPU', value: String(spec.gpus) }];
  const td: Record<string, unknown> = { family: spec.family ?? 'app', containerDefinitions: [container] };
  if (spec.cpu !== undefined) td.cpu = spec.cpu;
  if (spec.memory !== undefined) td.memory = spec.memory;
  if (spec.networkMode) td.networkMode = spec.networkMode;
  if (spec.memberOf) td.placementConstraints = [{ type: 'memberOf', expression: spec.memberOf }];
  if (spec.requiresCompatibilities) td.requiresCompatibilities = spec.requiresCompatibilities;
  return td;
}

export function service(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { serviceName: 'web', taskDefinition: 'app', desiredCount: 1, ...extra };
}

export function cluster(...instanceGroups: Record<string, unknown>[]): Record<string, unknown> {
  return { name: 'test', instanceGroups };
}

/** Tasks placed per instance id. */
export function perInstance(result: SimulationResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of result.placements) out[p.instance] = (out[p.instance] ?? 0) + 1;
  return out;
}

/** Tasks placed per Availability Zone. */
export function perZone(result: SimulationResult): Record<string, number> {
  const zoneOf = new Map(result.instances.map((i) => [i.instance, i.availabilityZone ?? '']));
  const out: Record<string, number> = {};
  for (const p of result.placements) {
    const z = zoneOf.get(p.instance) ?? '';
    out[z] = (out[z] ?? 0) + 1;
  }
  return out;
}
