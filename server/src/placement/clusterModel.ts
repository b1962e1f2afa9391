/**
 * The container instances of a cluster, from a compact cluster file or from
 * `aws ecs describe-container-instances` output, as mutable simulation state.
 */
import type { CqlInstance } from '../cql';
import { textOf } from './text';
import { overwrite, overwriteFrom } from './arrays';
import { PortSet } from './portSet';
import { stringHash } from './random';
import { agentReservedPorts, defaultReservedPorts } from '../ecs/reservedPorts';
import { revisionKey } from '../ecs/taskDefinitionRefs';
import { parseCapacityProviders, type CapacityProviderEntry } from './managedScaling';
import { parseStrategy, type ProviderShare } from './capacityProviders';
import { inputError, type InputError } from './inputErrors';
import {
  awsvpcTaskLimit,
  instanceTypeInfo,
  type InstanceTypeInfo,
  registeredCpu,
  registeredMemoryMiB,
  UNKNOWN_TYPE_AWSVPC_TASKS,
} from '../ecs/instanceTypes';

/** What a memberOf expression is evaluated against. */
export type InstanceView = CqlInstance;

export interface SimInstance {
  index: number;
  id: string;
  /** stringHash of the id, for the seeded tie-break: the id never changes, so it is hashed once. */
  idHash: number;
  availabilityZone?: string;
  instanceType?: string;
  status: string;
  agentConnected: boolean;
  registeredCpu: number;
  registeredMemory: number;
  remainingCpu: number;
  remainingMemory: number;
  existingCpu: number;
  existingMemory: number;
  tcpPorts: PortSet;
  udpPorts: PortSet;
  /** awsvpc tasks the instance can still take; Infinity when its ENI limit is unknown. */
  enisFree: number;
  gpusFree: number;
  /**
   * Tasks per task group (existing and simulated), for spread and distinctInstance. A group whose last task stopped
   * keeps its entry at 0: deleting a map's last key makes it allocate a smaller table, and a deployment stops thousands.
   */
  groupCounts: Map<string, number>;
  /** Tasks of the simulated task group on the instance, kept as a number for the hot loop. */
  sameGroup: number;
  existingTasks: number;
  simulatedTasks: number[];
  /** Bumped on every placement, so cached constraint results know when they are stale. */
  version: number;
  /** The capacity provider (Auto Scaling group) the instance belongs to, when the input says. */
  capacityProvider?: string;
  view: InstanceView;
}

export interface ClusterModel {
  name?: string;
  instances: SimInstance[];
  capacityProvider?: CapacityProviderEntry;
  /** Named Auto Scaling group capacity providers (cluster file `capacityProviders`), by name. */
  providers: Map<string, CapacityProviderEntry>;
  /** The cluster's default capacity provider strategy (cluster file `defaultCapacityProviderStrategy`). */
  defaultStrategy: ProviderShare[];
  /** Ports the ECS agent keeps on every instance, used for instances a capacity provider would add. */
  reservedPorts: number[];
  /** Task groups the cluster file marks as daemon tasks: an instance running only these counts as empty for managed scaling. */
  daemonGroups: string[];
  /** Running tasks whose task definition is known, per task group and family:revision. */
  revisions: Map<string, Map<string, number>>;
  errors: InputError[];
  notes: string[];
}

/** Twice ECS's default quota of 5,000 container instances per cluster: more is a typo, and would only exhaust memory. */
export const MAX_INSTANCES = 10_000;

type Json = Record<string, unknown>;

/** An error in the cluster file at a path in it. */
function at(path: string, message: string): InputError {
  return inputError('cluster', message, path);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Epoch seconds (as describe-container-instances gives them) to ISO text; undefined outside the Date range. */
function isoDate(seconds: number): string | undefined {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export interface NewInstanceSpec {
  id: string;
  instanceType: string;
  availabilityZone?: string;
  attributes?: Record<string, string | undefined>;
  trunking?: boolean;
  reservedPorts?: number[];
  /** Task IAM roles enabled on a Windows instance (the agent then reserves port 80). */
  taskIamRole?: boolean;
  status?: string;
  agentConnected?: boolean;
  agentVersion?: string;
  cpu?: number;
  memory?: number;
  osType?: string;
  capacityProvider?: string;
}

/** The attributes of an instance made from the spec: ECS's own, then the ones the spec gives. */
function instanceAttributes(
  spec: NewInstanceSpec,
  info: InstanceTypeInfo | undefined,
): Record<string, string | undefined> {
  const attributes: Record<string, string | undefined> = {
    'ecs.instance-type': spec.instanceType,
    'ecs.os-type': spec.osType ?? 'linux',
    'ecs.cpu-architecture': info?.architecture ?? 'x86_64',
  };
  if (spec.availabilityZone) attributes['ecs.availability-zone'] = spec.availabilityZone;
  if (spec.trunking) attributes['ecs.awsvpc-trunk-id'] = `trunk-${spec.id}`;
  Object.assign(attributes, spec.attributes ?? {});
  return attributes;
}

/**
 * An empty instance of a type from the instance-type table (or with explicit cpu/memory), or an error message.
 * `attributes`, when given, are those of an instance made from a spec that differs only in its id and is not trunked:
 * attributes are never written, so such instances share one object.
 */
export function createInstance(
  spec: NewInstanceSpec,
  index: number,
  attributes?: Record<string, string | undefined>,
): SimInstance | string {
  const info = instanceTypeInfo(spec.instanceType);
  if (!info && (spec.cpu === undefined || spec.memory === undefined)) {
    return `instanceType is not in the instance-type table; give cpu and memory for it`;
  }
  const cpu = spec.cpu ?? registeredCpu(info!);
  const memory = spec.memory ?? registeredMemoryMiB(info!, spec.instanceType);
  const agentConnected = spec.agentConnected ?? true;
  return {
    index,
    id: spec.id,
    idHash: stringHash(spec.id),
    availabilityZone: spec.availabilityZone,
    instanceType: spec.instanceType,
    status: spec.status ?? 'ACTIVE',
    agentConnected,
    registeredCpu: cpu,
    registeredMemory: memory,
    remainingCpu: cpu,
    remainingMemory: memory,
    existingCpu: 0,
    existingMemory: 0,
    tcpPorts: new PortSet(spec.reservedPorts ?? agentReservedPorts(spec.osType, spec.taskIamRole)),
    udpPorts: new PortSet(),
    enisFree: awsvpcTaskLimit(spec.instanceType, info, spec.trunking ?? false, spec.osType ?? 'linux'),
    gpusFree: info?.gpus ?? 0,
    groupCounts: new Map(),
    sameGroup: 0,
    existingTasks: 0,
    simulatedTasks: [],
    version: 0,
    ...(spec.capacityProvider ? { capacityProvider: spec.capacityProvider } : {}),
    view: {
      ec2InstanceId: spec.id,
      attributes: attributes ?? instanceAttributes(spec, info),
      agentConnected,
      agentVersion: spec.agentVersion,
      runningTasksCount: 0,
      taskGroups: [],
    },
  };
}

export function addGroupTask(instance: SimInstance, group: string, count = 1): void {
  const before = instance.groupCounts.get(group) ?? 0;
  instance.groupCounts.set(group, before + count);
  if (before === 0) instance.view.taskGroups.push(group);
  instance.view.runningTasksCount += count;
  instance.version++;
}

export function removeGroupTask(instance: SimInstance, group: string): void {
  const before = instance.groupCounts.get(group) ?? 0;
  if (before <= 0) return;
  instance.groupCounts.set(group, before - 1);
  if (before === 1) {
    // In place, without the array of removed items splice would make: a deployment stops thousands of tasks. `pop`, as
    // writing `length` can drop the array's store, and the next task's push then allocates a new one.
    const groups = instance.view.taskGroups;
    const at = groups.indexOf(group);
    if (at >= 0) {
      groups.copyWithin(at, at + 1);
      groups.pop();
    }
  }
  instance.view.runningTasksCount--;
  instance.version++;
}

/**
 * A copy a simulation may change (resources, ports, task groups) without touching the original: what-if runs start
 * from one parse of the cluster file. Attributes and recorded revisions are read only, so they are shared.
 */
export function cloneCluster(model: ClusterModel): ClusterModel {
  return {
    ...model,
    instances: model.instances.map((i) => ({
      ...i,
      tcpPorts: new PortSet(i.tcpPorts.values()),
      udpPorts: new PortSet(i.udpPorts.values()),
      groupCounts: new Map(i.groupCounts),
      simulatedTasks: [...i.simulatedTasks],
      view: { ...i.view, taskGroups: [...i.view.taskGroups] },
    })),
    errors: [...model.errors],
    notes: [...model.notes],
  };
}

/** The number fields of an instance (and its view) a simulation may write, in the order InstanceStates keeps them. */
const stateNumbers = 13;

/**
 * What a simulation may write on each instance of a cluster, as it was when recorded, in flat arrays read in order:
 * putting thousands of instances back reads these instead of a second copy of every instance, port set and map.
 * Identity and description (id, zone, type, capacity provider, attributes, agent version) are never written.
 */
class InstanceStates {
  private readonly numbers: Float64Array;
  private readonly connected: Uint8Array;
  private readonly status: string[] = [];
  /** Each list of every instance, one after another; instance k's is from at[k] to at[k + 1]. */
  private readonly tcp: number[] = [];
  private readonly tcpAt: Int32Array;
  private readonly udp: number[] = [];
  private readonly udpAt: Int32Array;
  private readonly groups: string[] = [];
  private readonly groupTasks: number[] = [];
  private readonly groupsAt: Int32Array;
  private readonly simulated: number[] = [];
  private readonly simulatedAt: Int32Array;
  private readonly taskGroups: string[] = [];
  private readonly taskGroupsAt: Int32Array;

  constructor(instances: readonly SimInstance[]) {
    const n = instances.length;
    this.numbers = new Float64Array(n * stateNumbers);
    this.connected = new Uint8Array(n * 2);
    this.tcpAt = new Int32Array(n + 1);
    this.udpAt = new Int32Array(n + 1);
    this.groupsAt = new Int32Array(n + 1);
    this.simulatedAt = new Int32Array(n + 1);
    this.taskGroupsAt = new Int32Array(n + 1);
    for (let k = 0; k < n; k++) {
      const i = instances[k];
      const x = k * stateNumbers;
      const v = this.numbers;
      v[x] = i.index;
      v[x + 1] = i.registeredCpu;
      v[x + 2] = i.registeredMemory;
      v[x + 3] = i.remainingCpu;
      v[x + 4] = i.remainingMemory;
      v[x + 5] = i.existingCpu;
      v[x + 6] = i.existingMemory;
      v[x + 7] = i.enisFree;
      v[x + 8] = i.gpusFree;
      v[x + 9] = i.sameGroup;
      v[x + 10] = i.existingTasks;
      v[x + 11] = i.version;
      v[x + 12] = i.view.runningTasksCount;
      this.connected[2 * k] = i.agentConnected ? 1 : 0;
      this.connected[2 * k + 1] = i.view.agentConnected ? 1 : 0;
      this.status.push(i.status);
      i.tcpPorts.appendTo(this.tcp);
      this.tcpAt[k + 1] = this.tcp.length;
      i.udpPorts.appendTo(this.udp);
      this.udpAt[k + 1] = this.udp.length;
      for (const [group, tasks] of i.groupCounts) {
        this.groups.push(group);
        this.groupTasks.push(tasks);
      }
      this.groupsAt[k + 1] = this.groups.length;
      for (let t = 0; t < i.simulatedTasks.length; t++) this.simulated.push(i.simulatedTasks[t]);
      this.simulatedAt[k + 1] = this.simulated.length;
      for (let g = 0; g < i.view.taskGroups.length; g++) this.taskGroups.push(i.view.taskGroups[g]);
      this.taskGroupsAt[k + 1] = this.taskGroups.length;
    }
  }

  /** Puts instance k back as recorded, in place: its sets, maps and arrays keep their stores. */
  restore(i: SimInstance, k: number): void {
    const x = k * stateNumbers;
    const v = this.numbers;
    i.index = v[x];
    i.registeredCpu = v[x + 1];
    i.registeredMemory = v[x + 2];
    i.remainingCpu = v[x + 3];
    i.remainingMemory = v[x + 4];
    i.existingCpu = v[x + 5];
    i.existingMemory = v[x + 6];
    i.enisFree = v[x + 7];
    i.gpusFree = v[x + 8];
    i.sameGroup = v[x + 9];
    i.existingTasks = v[x + 10];
    i.version = v[x + 11];
    i.view.runningTasksCount = v[x + 12];
    i.agentConnected = this.connected[2 * k] === 1;
    i.view.agentConnected = this.connected[2 * k + 1] === 1;
    i.status = this.status[k];
    i.tcpPorts.copyFrom(this.tcp, this.tcpAt[k], this.tcpAt[k + 1]);
    i.udpPorts.copyFrom(this.udp, this.udpAt[k], this.udpAt[k + 1]);
    this.restoreGroups(i.groupCounts, this.groupsAt[k], this.groupsAt[k + 1]);
    overwriteFrom(i.simulatedTasks, this.simulated, this.simulatedAt[k], this.simulatedAt[k + 1]);
    overwriteFrom(i.view.taskGroups, this.taskGroups, this.taskGroupsAt[k], this.taskGroupsAt[k + 1]);
  }

  /** With the same keys the counts are written over: a clear would allocate a new table (no result depends on key order). */
  private restoreGroups(counts: Map<string, number>, from: number, to: number): void {
    let sameKeys = counts.size === to - from;
    for (let g = from; g < to && sameKeys; g++) if (!counts.has(this.groups[g])) sameKeys = false;
    if (!sameKeys) counts.clear();
    for (let g = from; g < to; g++) counts.set(this.groups[g], this.groupTasks[g]);
  }
}

export interface ReusableCluster {
  /** The instances as handed over: a run adds to the model's list, not to this one. */
  readonly instances: readonly SimInstance[];
  reset: () => ClusterModel;
}

/**
 * Hands the cluster over to runs made one after another: `reset` puts it back to its state of now, in place, and
 * returns it, so what-if runs over thousands of instances neither copy the cluster nor allocate a new one. Instances a
 * run added are dropped. From then on the runs own the model's state: read only its identity and description between
 * them, and a run must be done with it before the next reset.
 */
export function reusableCluster(model: ClusterModel): ReusableCluster {
  const own = [...model.instances];
  const states = new InstanceStates(own);
  const errors = [...model.errors];
  const notes = [...model.notes];
  return {
    instances: own,
    reset: () => {
      overwrite(model.instances, own);
      for (let k = 0; k < own.length; k++) states.restore(own[k], k);
      overwrite(model.errors, errors);
      overwrite(model.notes, notes);
      return model;
    },
  };
}

export function parseCluster(input: unknown): ClusterModel {
  if (isObject(input) && Array.isArray(input.containerInstances)) return parseDescribeOutput(input);
  if (isObject(input) && Array.isArray(input.instanceGroups)) return parseCompact(input);
  return {
    instances: [],
    reservedPorts: [...defaultReservedPorts],
    daemonGroups: [],
    revisions: new Map(),
    providers: new Map(),
    defaultStrategy: [],
    errors: [
      inputError(
        'cluster',
        'expected a compact cluster file (with "instanceGroups") or describe-container-instances output (with "containerInstances")',
      ),
    ],
    notes: [],
  };
}

function countRevision(revisions: ClusterModel['revisions'], group: string, taskDefinition: string, n: number): void {
  const key = revisionKey(taskDefinition);
  let perGroup = revisions.get(group);
  if (!perGroup) revisions.set(group, (perGroup = new Map<string, number>()));
  perGroup.set(key, (perGroup.get(key) ?? 0) + n);
}

function parseCompact(input: Json): ClusterModel {
  const errors: InputError[] = [];
  const revisions: ClusterModel['revisions'] = new Map();
  const notes: string[] = [];
  const instances: SimInstance[] = [];
  const givenPorts = Array.isArray(input.reservedPorts)
    ? input.reservedPorts.filter((p): p is number => typeof p === 'number')
    : undefined;
  const reservedPorts = givenPorts ?? [...defaultReservedPorts];
  const perPrefix = new Map<string, number>();
  const groups = input.instanceGroups as unknown[];

  groups.forEach((raw, g) => {
    const where = `instanceGroups[${g}]`;
    if (!isObject(raw)) return void errors.push(at(where, 'expected an object'));
    if (typeof raw.instanceType !== 'string') return void errors.push(at(`${where}.instanceType`, 'is required'));
    const zones: (string | undefined)[] = Array.isArray(raw.availabilityZones)
      ? raw.availabilityZones.filter((z): z is string => typeof z === 'string')
      : typeof raw.availabilityZone === 'string'
        ? [raw.availabilityZone]
        : [undefined];
    if (zones.length === 0) zones.push(undefined);
    const count = raw.count === undefined ? 1 : num(raw.count);
    if (count === undefined || !Number.isInteger(count) || count < 0)
      return void errors.push(at(`${where}.count`, 'must be a whole number'));
    if (instances.length + count > MAX_INSTANCES)
      return void errors.push(
        at(
          `${where}.count`,
          `takes the cluster over ${MAX_INSTANCES.toLocaleString('en-US')} instances, more than the simulator models (ECS allows 5,000 per cluster by default)`,
        ),
      );
    const attributes: Record<string, string | undefined> = {};
    if (isObject(raw.attributes))
      for (const [k, v] of Object.entries(raw.attributes))
        attributes[k] = v === null || v === undefined ? '' : textOf(v);
    const tasks = Array.isArray(raw.runningTasks) ? raw.runningTasks : [];
    // The group's instances in one zone differ only in their ids: unless trunked (the trunk is named by the id), they
    // share one attributes object.
    const trunking = raw.awsvpcTrunking === true;
    const attributesByZone = new Map<string | undefined, Record<string, string | undefined>>();
    const prefixes = zones.map((az) => `${raw.instanceType as string}${az ? `-${az}` : ''}`);

    for (let k = 0; k < count; k++) {
      // Like an Auto Scaling group, instances are balanced over the zones in turn.
      const az = zones[k % zones.length];
      const prefix = prefixes[k % zones.length];
      const n = (perPrefix.get(prefix) ?? 0) + 1;
      perPrefix.set(prefix, n);
      const made = createInstance(
        {
          id: `${prefix}-${n}`,
          instanceType: raw.instanceType,
          availabilityZone: az,
          capacityProvider: typeof raw.capacityProvider === 'string' ? raw.capacityProvider : undefined,
          attributes,
          trunking,
          // Without a cluster-wide list, each instance gets the agent's defaults for its OS.
          reservedPorts: givenPorts,
          taskIamRole: typeof raw.taskIamRole === 'boolean' ? raw.taskIamRole : undefined,
          status: typeof raw.status === 'string' ? raw.status : undefined,
          agentConnected: typeof raw.agentConnected === 'boolean' ? raw.agentConnected : undefined,
          agentVersion: typeof raw.agentVersion === 'string' ? raw.agentVersion : undefined,
          cpu: num(raw.cpu),
          memory: num(raw.memory),
          osType: typeof raw.osType === 'string' ? raw.osType : undefined,
        },
        instances.length,
        trunking ? undefined : attributesByZone.get(az),
      );
      if (typeof made === 'string') return void errors.push(at(where, made));
      if (!trunking) attributesByZone.set(az, made.view.attributes);
      tasks.forEach((t, i) => {
        applyCompactTask(made, t, `${where}.runningTasks[${i}]`, errors, notes, k === 0);
        if (isObject(t) && typeof t.taskDefinition === 'string')
          countRevision(
            revisions,
            typeof t.group === 'string' ? t.group : 'family:unknown',
            t.taskDefinition,
            num(t.count) ?? 1,
          );
      });
      instances.push(made);
    }
  });

  const { capacityProvider, providers, errors: providerErrors } = parseCapacityProviders(input);
  errors.push(...providerErrors);
  const daemonGroups = new Set<string>();
  for (const raw of groups) {
    if (!isObject(raw) || !Array.isArray(raw.runningTasks)) continue;
    for (const t of raw.runningTasks)
      if (isObject(t) && t.daemon === true && typeof t.group === 'string') daemonGroups.add(t.group);
  }
  return {
    name: typeof input.name === 'string' ? input.name : undefined,
    instances,
    capacityProvider,
    reservedPorts,
    daemonGroups: [...daemonGroups],
    revisions,
    providers,
    defaultStrategy: parseStrategy(input.defaultCapacityProviderStrategy),
    errors,
    notes,
  };
}

function applyCompactTask(
  instance: SimInstance,
  raw: unknown,
  where: string,
  errors: InputError[],
  notes: string[],
  report: boolean,
): void {
  if (!isObject(raw)) {
    if (report) errors.push(at(where, 'expected an object'));
    return;
  }
  const count = num(raw.count) ?? 1;
  const cpu = (num(raw.cpu) ?? 0) * count;
  const memory = (num(raw.memory) ?? 0) * count;
  instance.remainingCpu -= cpu;
  instance.remainingMemory -= memory;
  instance.existingCpu += cpu;
  instance.existingMemory += memory;
  instance.existingTasks += count;
  for (const p of Array.isArray(raw.hostPorts) ? raw.hostPorts : [])
    if (typeof p === 'number') instance.tcpPorts.add(p);
  for (const p of Array.isArray(raw.udpHostPorts) ? raw.udpHostPorts : [])
    if (typeof p === 'number') instance.udpPorts.add(p);
  if (raw.networkMode === 'awsvpc') instance.enisFree -= count;
  instance.gpusFree -= (num(raw.gpus) ?? 0) * count;
  addGroupTask(instance, typeof raw.group === 'string' ? raw.group : 'family:unknown', count);
  if (report && (instance.remainingCpu < 0 || instance.remainingMemory < 0)) {
    notes.push(`${where}: the running tasks use more CPU or memory than an instance of the group registers.`);
  }
}

function resourceMap(list: unknown): Map<string, Json> {
  const map = new Map<string, Json>();
  if (Array.isArray(list)) for (const r of list) if (isObject(r) && typeof r.name === 'string') map.set(r.name, r);
  return map;
}

function portSet(resource: Json | undefined): number[] {
  const values = resource && Array.isArray(resource.stringSetValue) ? resource.stringSetValue : [];
  return values
    .map((v) => (typeof v === 'string' || typeof v === 'number' ? Number(v) : NaN))
    .filter((v) => Number.isInteger(v));
}

/** One entry of describe-container-instances output as an instance; undefined, with an error, when it cannot be. */
function describedInstance(raw: unknown, i: number, index: number, errors: InputError[]): SimInstance | undefined {
  const where = `containerInstances[${i}]`;
  if (!isObject(raw)) return void errors.push(at(where, 'expected an object'));
  const arn = typeof raw.containerInstanceArn === 'string' ? raw.containerInstanceArn : undefined;
  const id =
    typeof raw.ec2InstanceId === 'string'
      ? raw.ec2InstanceId
      : arn
        ? arn.slice(arn.lastIndexOf('/') + 1)
        : `instance-${i + 1}`;
  const attributes: Record<string, string | undefined> = {};
  for (const a of Array.isArray(raw.attributes) ? raw.attributes : []) {
    if (isObject(a) && typeof a.name === 'string') attributes[a.name] = typeof a.value === 'string' ? a.value : '';
  }
  const registered = resourceMap(raw.registeredResources);
  const remaining = resourceMap(raw.remainingResources);
  const regCpu = num(registered.get('CPU')?.integerValue);
  const regMem = num(registered.get('MEMORY')?.integerValue);
  if (regCpu === undefined || regMem === undefined)
    return void errors.push(at(`${where}.registeredResources`, 'needs CPU and MEMORY'));
  const remCpu = num(remaining.get('CPU')?.integerValue) ?? regCpu;
  const remMem = num(remaining.get('MEMORY')?.integerValue) ?? regMem;
  const instanceType = attributes['ecs.instance-type'];
  const info = instanceType ? instanceTypeInfo(instanceType) : undefined;
  const trunking = 'ecs.awsvpc-trunk-id' in attributes;
  const gpuIds = registered.get('GPU')?.stringSetValue;
  const gpusFreeIds = remaining.get('GPU')?.stringSetValue;
  const agentConnected = raw.agentConnected !== false;
  const running = (num(raw.runningTasksCount) ?? 0) + (num(raw.pendingTasksCount) ?? 0);
  const versionInfo = isObject(raw.versionInfo) ? raw.versionInfo : {};
  const instance: SimInstance = {
    index,
    id,
    idHash: stringHash(id),
    availabilityZone: attributes['ecs.availability-zone'],
    instanceType,
    status: typeof raw.status === 'string' ? raw.status : 'ACTIVE',
    agentConnected,
    registeredCpu: regCpu,
    registeredMemory: regMem,
    remainingCpu: remCpu,
    remainingMemory: remMem,
    existingCpu: regCpu - remCpu,
    existingMemory: regMem - remMem,
    // The agent lists the ports already taken under both registered and remaining resources.
    tcpPorts: new PortSet([...portSet(registered.get('PORTS')), ...portSet(remaining.get('PORTS'))]),
    udpPorts: new PortSet([...portSet(registered.get('PORTS_UDP')), ...portSet(remaining.get('PORTS_UDP'))]),
    enisFree: awsvpcTaskLimit(instanceType, info, trunking, attributes['ecs.os-type'] ?? 'linux'),
    gpusFree: Array.isArray(gpusFreeIds) ? gpusFreeIds.length : Array.isArray(gpuIds) ? gpuIds.length : 0,
    groupCounts: new Map(),
    sameGroup: 0,
    existingTasks: running,
    simulatedTasks: [],
    version: 0,
    // ContainerInstance.capacityProviderName (SDK): the provider that launched the instance.
    ...(typeof raw.capacityProviderName === 'string' ? { capacityProvider: raw.capacityProviderName } : {}),
    view: {
      ec2InstanceId: typeof raw.ec2InstanceId === 'string' ? raw.ec2InstanceId : undefined,
      attributes,
      agentConnected,
      agentVersion: typeof versionInfo.agentVersion === 'string' ? versionInfo.agentVersion : undefined,
      registeredAt:
        typeof raw.registeredAt === 'string'
          ? raw.registeredAt
          : typeof raw.registeredAt === 'number'
            ? isoDate(raw.registeredAt)
            : undefined,
      runningTasksCount: running,
      taskGroups: [],
    },
  };
  return instance;
}

function parseDescribeOutput(input: Json): ClusterModel {
  const errors: InputError[] = [];
  const revisions: ClusterModel['revisions'] = new Map();
  const notes: string[] = [];
  const instances: SimInstance[] = [];
  const byArn = new Map<string, SimInstance>();

  (input.containerInstances as unknown[]).forEach((raw, i) => {
    const instance = describedInstance(raw, i, instances.length, errors);
    if (!instance) return;
    instances.push(instance);
    const arn = isObject(raw) && typeof raw.containerInstanceArn === 'string' ? raw.containerInstanceArn : undefined;
    if (arn) byArn.set(arn, instance);
  });

  // describe-tasks output, when added under "tasks", tells which task groups run where.
  const unknownTypes = [
    ...new Set(
      instances.map((i) => i.instanceType ?? '(no ecs.instance-type attribute)').filter((t) => !instanceTypeInfo(t)),
    ),
  ].sort();
  if (unknownTypes.length > 0) {
    notes.push(
      `Instance type ${unknownTypes.join(', ')} is not in the instance-type table: its instances keep the CPU, memory and GPUs the input registers, without ENI trunking and with at most ${UNKNOWN_TYPE_AWSVPC_TASKS} awsvpc task each.`,
    );
  }
  let unknownGroups = instances.some((i) => i.existingTasks > 0);
  if (Array.isArray(input.tasks)) {
    unknownGroups = false;
    for (const t of input.tasks) {
      if (!isObject(t) || typeof t.containerInstanceArn !== 'string') continue;
      const instance = byArn.get(t.containerInstanceArn);
      if (!instance || (typeof t.lastStatus === 'string' && t.lastStatus === 'STOPPED')) continue;
      const group = textOf(t.group ?? '');
      if (typeof t.taskDefinitionArn === 'string') countRevision(revisions, group, t.taskDefinitionArn, 1);
      const before = instance.groupCounts.get(group) ?? 0;
      instance.groupCounts.set(group, before + 1);
      if (before === 0) instance.view.taskGroups.push(group);
      const eni =
        Array.isArray(t.attachments) && t.attachments.some((a) => isObject(a) && a.type === 'ElasticNetworkInterface');
      if (eni) instance.enisFree--;
    }
  }
  if (unknownGroups) {
    notes.push(
      'The cluster lists running tasks but not their task groups or network interfaces; spread and distinctInstance count only the simulated tasks, and the interfaces of running awsvpc tasks are not subtracted. Add describe-tasks output under "tasks" to count them.',
    );
  }
  // Not part of the describe output: a file may add the providers beside it, as in a compact cluster file.
  const { capacityProvider, providers, errors: providerErrors } = parseCapacityProviders(input);
  errors.push(...providerErrors);
  return {
    instances,
    ...(capacityProvider ? { capacityProvider } : {}),
    reservedPorts: [...defaultReservedPorts],
    daemonGroups: [],
    revisions,
    providers,
    defaultStrategy: [],
    errors,
    notes,
  };
}
