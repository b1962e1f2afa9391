/**
 * What one task of a task definition asks of a container instance.
 */
import type { PlacementConstraintInput } from './types';
import { inputError, type InputError } from './inputErrors';
import { cpuSpellings, memorySpellings, readTaskDefinition, taskDefinitionBody } from '../ecs/taskModel';

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
  errors: InputError[];
  notes: string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseTaskDefinition(input: unknown): ParsedTaskDefinition {
  const errors: InputError[] = [];
  const notes: string[] = [];
  const td = taskDefinitionBody(input);
  const model = readTaskDefinition(input);
  if (!td || !model) return { errors: [inputError('task definition', 'expected a JSON object')], notes };
  const containers = model.containers;
  if (containers.length === 0)
    errors.push(inputError('task definition', 'is missing or empty', 'containerDefinitions'));

  // A networkMode that is not a mode is the schema's to report; the task is simulated as bridge.
  const mode = model.networkMode ?? 'bridge';
  const networkMode: TaskRequirement['networkMode'] = mode === 'windows-default' ? 'bridge' : mode;

  let cpu = model.cpu?.units;
  if (model.cpu && cpu === undefined)
    errors.push(inputError('task definition', `must be written in ${cpuSpellings}`, 'cpu'));
  if (cpu === undefined) cpu = containers.reduce((sum, c) => sum + (c.cpu ?? 0), 0);

  let memory = model.memory?.mib;
  if (model.memory && memory === undefined)
    errors.push(inputError('task definition', `must be written in ${memorySpellings}`, 'memory'));
  if (memory === undefined) {
    memory = containers.reduce((sum, c) => sum + (c.memoryReservation ?? c.memory ?? 0), 0);
    if (memory === 0 && containers.length > 0)
      notes.push('The task definition sets no memory at task or container level; the simulation counts 0 MiB.');
  }

  const tcpPorts: number[] = [];
  const udpPorts: number[] = [];
  let gpus = 0;
  for (const c of containers) {
    for (const pm of c.portMappings) {
      if (pm.hostBinding !== undefined) (pm.protocol === 'udp' ? udpPorts : tcpPorts).push(pm.hostBinding);
    }
    gpus += c.gpus;
  }

  const constraints: PlacementConstraintInput[] = [];
  for (const pc of Array.isArray(td.placementConstraints) ? td.placementConstraints.filter(isObject) : []) {
    if (pc.type === 'memberOf' && typeof pc.expression === 'string')
      constraints.push({ type: 'memberOf', expression: pc.expression });
  }

  const requiresCompatibilities = model.requiresCompatibilities;

  return {
    task: {
      family: model.family ?? 'task',
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
