/**
 * How ECS reads a task definition: its size in every unit spelling the API accepts, its network
 * mode and the host ports its port mappings bind. The rules, completion and the simulator read
 * task definitions through this module only.
 */

/** A unit suffix a size string may carry, and how many base units (CPU units, MiB) one of it is. */
export interface SizeUnit {
  spelling: RegExp;
  factor: number;
}

// Source: @aws-sdk/client-ecs RegisterTaskDefinitionRequest.cpu doc comment ("1024", "1 vCPU", "1 vcpu").
export const cpuUnits: readonly SizeUnit[] = [{ spelling: /^vcpus?$/i, factor: 1024 }];

// Source: @aws-sdk/client-ecs RegisterTaskDefinitionRequest.memory doc comment ("1024", "1GB", "1 GB").
export const memoryUnits: readonly SizeUnit[] = [{ spelling: /^gb$/i, factor: 1024 }];

/** How a size is written in messages: the unit spellings the API documents. */
export const cpuSpellings = 'CPU units ("1024") or vCPUs ("1 vCPU")';
export const memorySpellings = 'MiB ("2048") or GB ("2 GB")';

/** Task cpu as CPU units: 1024, "1024", "1 vCPU", ".25 vcpu". Undefined when not a cpu value. */
export function parseCpu(value: unknown): number | undefined {
  return parseSize(value, cpuUnits);
}

/** Task memory as MiB: 2048, "2048", "2 GB", "2gb", ".5 GB". Undefined when not a memory value. */
export function parseMemory(value: unknown): number | undefined {
  return parseSize(value, memoryUnits);
}

function parseSize(value: unknown, units: readonly SizeUnit[]): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!m[2]) return Number.isInteger(n) ? n : undefined;
  const unit = units.find((u) => u.spelling.test(m[2]));
  if (!unit) return undefined;
  const scaled = n * unit.factor;
  return Number.isInteger(scaled) ? scaled : undefined;
}

// Source: @aws-sdk/client-ecs NetworkMode enum; the default is bridge on Linux and the Windows NAT
// driver ("default") on Windows container instances (RegisterTaskDefinitionRequest.networkMode).
export const networkModes = ['bridge', 'awsvpc', 'host', 'none'] as const;

/** A network mode as it behaves: the member's value, or the platform default when absent. */
export type NetworkMode = (typeof networkModes)[number] | 'windows-default';

/** The mode a task runs with; undefined when the member holds something that is not a mode. */
export function effectiveNetworkMode(value: unknown, windows: boolean): NetworkMode | undefined {
  if (value === undefined) return windows ? 'windows-default' : 'bridge';
  return typeof value === 'string' && (networkModes as readonly string[]).includes(value)
    ? (value as NetworkMode)
    : undefined;
}

/** Whether the operating-system family of runtimePlatform is a Windows one. */
export function isWindowsFamily(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('WINDOWS');
}

export type PortProtocol = 'tcp' | 'udp';

// Source: @aws-sdk/client-ecs TransportProtocol enum (tcp, udp); tcp when absent.
export function portProtocol(value: unknown): PortProtocol {
  return typeof value === 'string' && value.toLowerCase() === 'udp' ? 'udp' : 'tcp';
}

/** A port, container cpu or memory as the API takes it: a JSON integer; anything else is left to the schema. */
export function integerValue(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** Which member of a port mapping names the host port it binds. */
export type HostPortSource = 'hostPort' | 'containerPort';

/**
 * The static host port a port mapping binds on the container instance, or undefined when it binds
 * none. Source: @aws-sdk/client-ecs PortMapping.hostPort doc comment: with awsvpc there is no host
 * port; with host networking the host port is the container port; in bridge (and the Windows
 * default) mode an omitted or 0 hostPort takes a dynamic port from the ephemeral range.
 */
export function staticHostPort(
  mode: NetworkMode | undefined,
  containerPort: number | undefined,
  hostPort: number | undefined,
): { port: number; from: HostPortSource } | undefined {
  if (mode === 'host') {
    if (hostPort !== undefined && hostPort !== 0) return { port: hostPort, from: 'hostPort' };
    return containerPort !== undefined && containerPort !== 0
      ? { port: containerPort, from: 'containerPort' }
      : undefined;
  }
  if (mode === 'bridge' || mode === 'windows-default')
    return hostPort !== undefined && hostPort !== 0 ? { port: hostPort, from: 'hostPort' } : undefined;
  return undefined;
}

/** One port mapping as ECS reads it. */
export interface PortMappingModel {
  containerPort?: number;
  hostPort?: number;
  protocol: PortProtocol;
  /** The static host port it binds on the instance, when it binds one. */
  hostBinding?: number;
}

export interface ContainerModel {
  name?: string;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  gpus: number;
  portMappings: PortMappingModel[];
}

/** A task definition as ECS reads it, from plain JSON (register input or describe output). */
export interface TaskModel {
  family?: string;
  /** The task-level cpu member as given, and as CPU units when it is a cpu value. */
  cpu?: { given: unknown; units?: number };
  /** The task-level memory member as given, and as MiB when it is a memory value. */
  memory?: { given: unknown; mib?: number };
  /** The mode the task runs with; undefined when networkMode is not a mode. */
  networkMode: NetworkMode | undefined;
  windows: boolean;
  requiresCompatibilities: string[];
  containers: ContainerModel[];
}

// Source: @aws-sdk/client-ecs ResourceRequirement.value doc comment: a GPU count is a whole number, as a string.
function gpuCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  return typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** The task definition inside describe-task-definition output, or the value itself. */
export function taskDefinitionBody(input: unknown): Json | undefined {
  const td = isObject(input) && isObject(input.taskDefinition) ? input.taskDefinition : input;
  return isObject(td) ? td : undefined;
}

export function readTaskDefinition(input: unknown): TaskModel | undefined {
  const td = taskDefinitionBody(input);
  if (!td) return undefined;
  const windows = isObject(td.runtimePlatform) && isWindowsFamily(td.runtimePlatform.operatingSystemFamily);
  const networkMode = effectiveNetworkMode(td.networkMode, windows);
  const containers = objects(td.containerDefinitions).map((c): ContainerModel => ({
    name: typeof c.name === 'string' ? c.name : undefined,
    cpu: integerValue(c.cpu),
    memory: integerValue(c.memory),
    memoryReservation: integerValue(c.memoryReservation),
    gpus: objects(c.resourceRequirements).reduce(
      (sum, r) => sum + (r.type === 'GPU' ? (gpuCount(r.value) ?? 0) : 0),
      0,
    ),
    portMappings: objects(c.portMappings).map((pm) => {
      const containerPort = integerValue(pm.containerPort);
      const hostPort = integerValue(pm.hostPort);
      return {
        containerPort,
        hostPort,
        protocol: portProtocol(pm.protocol),
        hostBinding: staticHostPort(networkMode, containerPort, hostPort)?.port,
      };
    }),
  }));
  return {
    family: typeof td.family === 'string' ? td.family : undefined,
    cpu: td.cpu === undefined || td.cpu === null ? undefined : { given: td.cpu, units: parseCpu(td.cpu) },
    memory:
      td.memory === undefined || td.memory === null ? undefined : { given: td.memory, mib: parseMemory(td.memory) },
    networkMode,
    windows,
    requiresCompatibilities: Array.isArray(td.requiresCompatibilities)
      ? td.requiresCompatibilities.filter((v): v is string => typeof v === 'string')
      : [],
    containers,
  };
}
