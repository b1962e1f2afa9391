/**
 * What managed scaling reads of an Auto Scaling group and adds to it, one model for the placement estimate,
 * `deploy` and `scale` (managedScaling.ts decides what the group does with these figures):
 * - the group's state: the instances running, and those in use (running a task that is not a daemon's);
 * - the instances the waiting tasks need: binpack on new, empty instances of the provider's type, each taking the
 *   tasks that fit its resources and meet the service's constraints;
 * - each new instance: in the zone with the fewest instances (an Auto Scaling group balances its zones), with the
 *   custom attributes every instance of the type shares.
 * Sources: developer guide, cluster-auto-scaling.html and managed-scaling-behavior.md (M counted with binpack;
 * instances that run only daemon tasks are empty); EC2 Auto Scaling, "Balance across Availability Zones".
 */
import { consume, resourceFailure } from './checks';
import { createInstance, type ClusterModel, type NewInstanceSpec, type SimInstance } from './clusterModel';
import type { CompiledConstraint } from './constraints';
import type { TaskRequirement } from './taskModel';

/** The trunk interface an instance has when ENI trunking is on: a new instance has it when every one of its type does. */
const trunkAttribute = 'ecs.awsvpc-trunk-id';

export interface GroupNow {
  /** Instances running (ACTIVE). */
  instances: number;
  /** Of those, the ones running a task that is not a daemon's. */
  inUse: number;
}

/** An instance runs a task that is not a daemon's: only then is it in use for CapacityProviderReservation. */
function inUse(instance: SimInstance, daemonGroups: ReadonlySet<string>): boolean {
  // The instance's task groups are those with a task on it now (addGroupTask and removeGroupTask keep them).
  const groups = instance.view.taskGroups;
  for (let k = 0; k < groups.length; k++) if (!daemonGroups.has(groups[k])) return true;
  // describe output without task groups: running tasks are counted as in use.
  return groups.length === 0 && instance.existingTasks > 0;
}

/** The task groups whose tasks are daemons': the cluster's, and the service's own group when it is a daemon service. */
export function daemonGroupsOf(cluster: Pick<ClusterModel, 'daemonGroups'>, daemonService?: string): Set<string> {
  return new Set(daemonService !== undefined ? [daemonService, ...cluster.daemonGroups] : cluster.daemonGroups);
}

export function groupNow(instances: readonly SimInstance[], daemonGroups: ReadonlySet<string>): GroupNow {
  let running = 0;
  let busy = 0;
  for (const i of instances) {
    if (i.status !== 'ACTIVE') continue;
    running++;
    if (inUse(i, daemonGroups)) busy++;
  }
  return { instances: running, inUse: busy };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * New instances of `instanceType` for a group whose instances are `instances` now: their zones (each in the zone
 * with the fewest instances, then by name) and their specs. Made once per state of the group; asking costs no scan.
 */
/** The zones new instances go to: each to the zone with the fewest instances, the first by name on a tie. */
export class ZoneSequence {
  constructor(
    /** By name. */
    readonly zones: readonly string[],
    private readonly counts: number[],
  ) {}

  next(): string | undefined {
    let best = -1;
    for (let z = 0; z < this.counts.length; z++) if (best < 0 || this.counts[z] < this.counts[best]) best = z;
    if (best < 0) return undefined;
    this.counts[best]++;
    return this.zones[best];
  }

  /** Every zone has as many instances: the next zones.length instances go one to each zone, in name order. */
  balanced(): boolean {
    for (let z = 1; z < this.counts.length; z++) if (this.counts[z] !== this.counts[0]) return false;
    return true;
  }

  /** `rounds` instances more in every zone (balanced stays balanced). */
  skip(rounds: number): void {
    for (let z = 0; z < this.counts.length; z++) this.counts[z] += rounds;
  }
}

export class NewInstances {
  /** Zones by name, with the instances each runs now. */
  private readonly zones: string[] = [];
  private readonly counts: number[] = [];
  private readonly attributes: Record<string, string | undefined> = {};
  private readonly trunking: boolean;
  /** Tasks of a requirement an empty instance takes, by zone, under the constraints they were found with. */
  private readonly fills = new WeakMap<
    TaskRequirement,
    { constraints: readonly CompiledConstraint[]; byZone: Map<string | undefined, number> }
  >();

  constructor(
    private readonly cluster: Pick<ClusterModel, 'reservedPorts'>,
    instances: readonly SimInstance[],
    readonly instanceType: string,
    private readonly capacityProvider?: string,
  ) {
    const byZone = new Map<string, number>();
    for (const i of instances)
      if (i.availabilityZone && i.status === 'ACTIVE')
        byZone.set(i.availabilityZone, (byZone.get(i.availabilityZone) ?? 0) + 1);
    for (const [zone, count] of [...byZone].sort((a, b) => byText(a[0], b[0]))) {
      this.zones.push(zone);
      this.counts.push(count);
    }
    const ofType = instances.filter((i) => i.instanceType === instanceType);
    if (ofType.length > 0) {
      for (const [k, v] of Object.entries(ofType[0].view.attributes)) if (!k.startsWith('ecs.')) this.attributes[k] = v;
      for (const i of ofType)
        for (const k of Object.keys(this.attributes))
          if (i.view.attributes[k] !== this.attributes[k]) delete this.attributes[k];
    }
    this.trunking = ofType.length > 0 && ofType.every((i) => trunkAttribute in i.view.attributes);
  }

  /** A sequence of zones for the next instances, from the group's state now (each call starts afresh). */
  zoneSequence(): ZoneSequence {
    return new ZoneSequence(this.zones, this.counts.slice());
  }

  spec(id: string, availabilityZone: string | undefined): NewInstanceSpec {
    return {
      id,
      instanceType: this.instanceType,
      availabilityZone,
      attributes: { ...this.attributes },
      reservedPorts: this.cluster.reservedPorts,
      ...(this.trunking ? { trunking: true } : {}),
      ...(this.capacityProvider !== undefined ? { capacityProvider: this.capacityProvider } : {}),
    };
  }

  /** The fills by zone of `task` under `constraints`, kept while this state of the group lasts. */
  fillsOf(task: TaskRequirement, constraints: readonly CompiledConstraint[]): Map<string | undefined, number> {
    const known = this.fills.get(task);
    if (known && known.constraints === constraints) return known.byZone;
    const byZone = new Map<string | undefined, number>();
    this.fills.set(task, { constraints, byZone });
    return byZone;
  }

  /** The specs of `count` instances launched together, named by `idOf`. */
  launch(count: number, idOf: (k: number) => string): NewInstanceSpec[] {
    const zone = this.zoneSequence();
    return Array.from({ length: count }, (_, k) => this.spec(idOf(k), zone.next()));
  }
}

/**
 * Once the zones are balanced and every zone's fill is known, the instances come in rounds of one per zone: whole
 * rounds are counted at once. Without zones every instance is alike.
 */
function wholeRounds(
  sequence: ZoneSequence,
  fillOfZone: ReadonlyMap<string | undefined, number>,
  left: number,
): { instances: number; tasks: number } {
  if (sequence.zones.length === 0) {
    const fill = fillOfZone.get(undefined);
    return fill === undefined ? { instances: 0, tasks: 0 } : { instances: Math.ceil(left / fill), tasks: left };
  }
  if (!sequence.balanced()) return { instances: 0, tasks: 0 };
  let round = 0;
  for (const zone of sequence.zones) {
    const fill = fillOfZone.get(zone);
    if (fill === undefined) return { instances: 0, tasks: 0 };
    round += fill;
  }
  // Whole rounds that leave some tasks over: the last instances are placed one by one, where the sequence stops.
  const rounds = Math.floor((left - 1) / round);
  sequence.skip(rounds);
  return { instances: rounds * sequence.zones.length, tasks: rounds * round };
}

/** The name of the n-th instance a capacity provider launches over a deployment or a day of scaling. */
export function launchedId(provider: { instanceType: string }, n: number): string {
  return `${provider.instanceType}-launched-${n}`;
}

export interface GroupNeed {
  /** New instances the tasks need. */
  instances: number;
  /** Tasks no new instance would take (an empty one of the type does not fit or admit them). */
  cannotFit: number;
  /** The constraint an empty new instance fails, when room is not what it lacks. */
  excludedBy?: string;
  /** The type is not one ECS Lens knows the size of. */
  typeError?: string;
}

/**
 * The new instances `tasks` identical tasks need: binpack, each new instance filled before the next (every task
 * asks for the same, so that is the binpack in one pass). An instance's fill depends only on its zone, so it is
 * found once per zone; the work is one fill per zone and one step per new instance, with nothing made for most.
 */
export function instancesNeeded(
  growth: NewInstances,
  task: TaskRequirement,
  constraints: readonly CompiledConstraint[],
  tasks: number,
): GroupNeed {
  const fillOfZone = growth.fillsOf(task, constraints);
  const sequence = growth.zoneSequence();
  let left = tasks;
  let instances = 0;
  while (left > 0) {
    const bulk = wholeRounds(sequence, fillOfZone, left);
    instances += bulk.instances;
    left -= bulk.tasks;
    if (left <= 0) break;
    const zone = sequence.next();
    let fill = fillOfZone.get(zone);
    if (fill === undefined) {
      const made = createInstance(
        growth.spec(`new-${growth.instanceType}-${instances + 1}`, zone),
        Number.MAX_SAFE_INTEGER,
      );
      if (typeof made === 'string') return { instances, cannotFit: tasks, typeError: made };
      fill = 0;
      const fits = () => !resourceFailure(made, task) && constraints.every((c) => c.allows(made));
      // Bounded by the memory or CPU a task asks for; a task asking for neither is bounded by the tasks.
      while (fill < left && fits()) {
        consume(made, task);
        made.sameGroup++;
        made.view.runningTasksCount++;
        made.version++;
        fill++;
      }
      if (fill === 0) {
        // An empty instance does not take this task, so it takes none of the identical ones after it.
        const excludedBy = resourceFailure(made, task) ? undefined : constraints.find((c) => !c.allows(made))?.label;
        return { instances, cannotFit: left, ...(excludedBy ? { excludedBy } : {}) };
      }
      // A fill cut short by the tasks left is that count, not the zone's: it is not kept.
      if (fill < left) fillOfZone.set(zone, fill);
    }
    instances++;
    left -= Math.min(fill, left);
  }
  return { instances, cannotFit: 0 };
}
