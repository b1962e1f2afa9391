/**
 * What one task of a task definition asks of a container instance.
 */
import type { PlacementConstraintInput } from './types';
import { textOf } from './text';
import { parseCpu, parseMemory } from './units';

export interface TaskRequirement {
  family: string;
  cpu: number;
  memory: number;
  networkMode: 'bridge' | 'host' | 'awsvpc' | 'none';
  /** Static host ports the task binds; awsvpc tasks bind none on the host. */
  tcpPorts: number[];
  udpPorts: number[];
  gpus: number;
  /** memberOf constraints of the task definition itself. */
  constraints: PlacementConstraintInput[];
  requiresCompatibilities: string[];
}

export interface ParsedTaskDefinition {
  task?: TaskRequirement;
  errors: string[];
  notes: string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

export function parseTaskDefinition(input: unknown): ParsedTaskDefinition {
  const errors: string[] = [];
  const notes: string[] = [];
  // describe-task-definition output wraps the definition.
  const td = isObject(input) && isObject(input.taskDefinition) ? input.taskDefinition : input;
  if (!isObject(td)) return { errors: ['task definition: expected a JSON object'], notes };
  const containers = Array.isArray(td.containerDefinitions) ? td.containerDefinitions.filter(isObject) : [];
  if (containers.length === 0) errors.push('task definition: containerDefinitions is missing or empty');

  const rawMode = typeof td.networkMode === 'string' ? td.networkMode : 'bridge';
  const networkMode = (['bridge', 'host', 'awsvpc', 'none'].includes(rawMode) ? rawMode : 'bridge') as TaskRequirement['networkMode'];

  let cpu = parseCpu(td.cpu);
  if (td.cpu !== undefined && cpu === undefined) errors.push(`task definition: cpu ${JSON.stringify(textOf(td.cpu, 80))} is not a number of CPU units or vCPUs`);
  if (cpu === undefined) cpu = containers.reduce((sum, c) => sum + (num(c.cpu) ?? 0), 0);

  let memory = parseMemory(td.memory);
  if (td.memory !== undefined && memory === undefined) errors.push(`task definition: memory ${JSON.stringify(textOf(td.memory, 80))} is not a number of MiB or GB`);
  if (memory === undefined) {
    memory = containers.reduce((sum, c) => sum + (num(c.memoryReservation) ?? num(c.memory) ?? 0), 0);
    if (memory === 0 && containers.length > 0) notes.push('The task definition sets no memory at task or container level; the simulation counts 0 MiB.');
  }

  const tcpPorts: number[] = [];
  const udpPorts: number[] = [];
  let gpus = 0;
  for (const c of containers) {
    for (const pm of Array.isArray(c.portMappings) ? c.portMappings.filter(isObject) : []) {
      const port = networkMode === 'host' ? num(pm.hostPort) ?? num(pm.containerPort) : networkMode === 'bridge' ? num(pm.hostPort) : undefined;
      // Bridge mode with hostPort 0 or absent takes an ephemeral port, which never conflicts.
      if (port === undefined || port === 0) continue;
      (typeof pm.protocol === 'string' && pm.protocol.toLowerCase() === 'udp' ? udpPorts : tcpPorts).push(port);
    }
    for (const r of Array.isArray(c.resourceRequirements) ? c.resourceRequirements.filter(isObject) : []) {
      if (r.type === 'GPU') gpus += num(r.value) ?? 0;
    }
  }

  const constraints: PlacementConstraintInput[] = [];
  for (const pc of Array.isArray(td.placementConstraints) ? td.placementConstraints.filter(isObject) : []) {
    if (pc.type === 'memberOf' && typeof pc.expression === 'string') constraints.push({ type: 'memberOf', expression: pc.expression });
  }

  const requiresCompatibilities = Array.isArray(td.requiresCompatibilities)
    ? td.requiresCompatibilities.filter((v): v is string => typeof v === 'string')
    : [];

  return {
    task: {
      family: typeof td.family === 'string' ? td.family : 'task',
      cpu,
      memory,
      networkMode,
      tcpPorts,
      udpPorts,
      gpus,
      constraints,
      requiresCompatibilities,
    },
    errors,
    notes,
  };
}
