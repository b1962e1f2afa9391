/**
 * What managed scaling of an Auto Scaling group capacity provider would do about the unplaced tasks.
 * ECS publishes CapacityProviderReservation = M / N × 100 (N instances running, M instances needed)
 * and the group's target tracking policy moves N until the metric meets targetCapacity.
 * Facts below: Amazon ECS Developer Guide, "Amazon ECS cluster auto scaling" (cluster-auto-scaling.html),
 * and the ManagedScaling doc comments of @aws-sdk/client-ecs.
 */
import { consume, resourceFailure } from './checks';
import { createInstance, type ClusterModel, type SimInstance } from './clusterModel';
import type { CompiledConstraint } from './constraints';
import type { TaskRequirement } from './taskModel';
import type { ScaleOutEstimate, SimulationOptions } from './types';

// cluster-auto-scaling.html, "Managed scale-out behavior": with no instance available ECS scales out to 200%, two instances.
const FROM_ZERO_INSTANCES = 2;
// ManagedScaling.minimumScalingStepSize / maximumScalingStepSize defaults (SDK doc comments).
const DEFAULT_MIN_STEP = 1;
const DEFAULT_MAX_STEP = 10_000;
// ManagedScaling.targetCapacity: more than 0, at most 100, default 100 (SDK doc comment).
const DEFAULT_TARGET = 100;

export interface ScaleOutInput {
  cluster: ClusterModel;
  task: TaskRequirement;
  unplacedTasks: number;
  constraints: CompiledConstraint[];
  options: SimulationOptions;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The type the group would launch: the provider's configured type, else the most common type (ties: the first by name). */
export function scaleOutInstanceType(cluster: ClusterModel, options: SimulationOptions): string | undefined {
  const configured = options.capacityProvider?.instanceType ?? cluster.capacityProvider?.instanceType;
  if (configured) return configured;
  const counts = new Map<string, number>();
  for (const i of cluster.instances)
    if (i.instanceType) counts.set(i.instanceType, (counts.get(i.instanceType) ?? 0) + 1);
  let best: string | undefined;
  for (const [type, n] of counts)
    if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && byText(type, best) < 0)) best = type;
  return best;
}

/** Custom attributes every instance of the type shares with the same value: what a new instance of the group carries. */
function sharedAttributes(instances: SimInstance[]): Record<string, string | undefined> {
  if (instances.length === 0) return {};
  const shared: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(instances[0].view.attributes)) if (!k.startsWith('ecs.')) shared[k] = v;
  for (const i of instances) {
    for (const k of Object.keys(shared)) if (i.view.attributes[k] !== shared[k]) delete shared[k];
  }
  return shared;
}

/** Zones in the order new instances go to them: fewest running instances first, then by name (an Auto Scaling group balances zones). */
function zoneOrder(cluster: ClusterModel): Array<{ zone: string; count: number }> {
  const counts = new Map<string, number>();
  for (const i of cluster.instances)
    if (i.availabilityZone && i.status === 'ACTIVE')
      counts.set(i.availabilityZone, (counts.get(i.availabilityZone) ?? 0) + 1);
  return [...counts].map(([zone, count]) => ({ zone, count }));
}

function nextZone(zones: Array<{ zone: string; count: number }>): string | undefined {
  let best: { zone: string; count: number } | undefined;
  for (const z of zones)
    if (!best || z.count < best.count || (z.count === best.count && byText(z.zone, best.zone) < 0)) best = z;
  if (best) best.count++;
  return best?.zone;
}

/** An instance runs a task that is not a daemon's: only then is it "in use" for CapacityProviderReservation. */
function inUse(instance: SimInstance, daemonGroups: Set<string>): boolean {
  for (const [group, n] of instance.groupCounts) if (n > 0 && !daemonGroups.has(group)) return true;
  // describe output without task groups: running tasks are counted as in use.
  return instance.groupCounts.size === 0 && instance.existingTasks > 0;
}

export function estimateScaleOut(
  input: ScaleOutInput,
  daemonGroups: Set<string> = new Set(),
): ScaleOutEstimate | undefined {
  const { cluster, task, constraints, options } = input;
  const instanceType = scaleOutInstanceType(cluster, options);
  if (!instanceType) return undefined;
  const provider = { ...cluster.capacityProvider, ...options.capacityProvider };
  const targetCapacity = Math.min(100, Math.max(1, provider.targetCapacity ?? DEFAULT_TARGET));
  const minStep = Math.max(1, Math.floor(provider.minimumScalingStepSize ?? DEFAULT_MIN_STEP));
  const maxStep = Math.max(minStep, Math.floor(provider.maximumScalingStepSize ?? DEFAULT_MAX_STEP));

  const ofType = cluster.instances.filter((i) => i.instanceType === instanceType).sort((a, b) => byText(a.id, b.id));
  const attributes = sharedAttributes(ofType);
  const zones = zoneOrder(cluster);

  // cluster-auto-scaling.html: the instances needed are counted with binpack. Every unplaced task asks for the
  // same, so filling one new instance before starting the next is that binpack, in one pass.
  let needed = 0;
  let cannotFit = 0;
  let typeError: string | undefined;
  /** The constraint a new, empty instance fails, when room is not what it lacks. */
  let excludedBy: string | undefined;
  let current: SimInstance | undefined;
  const fits = (instance: SimInstance) =>
    !resourceFailure(instance, task) && constraints.every((c) => c.allows(instance));
  for (let t = 0; t < input.unplacedTasks; t++) {
    if (!current || !fits(current)) {
      const made = createInstance(
        {
          id: `new-${instanceType}-${needed + 1}`,
          instanceType,
          availabilityZone: nextZone(zones),
          attributes,
          reservedPorts: cluster.reservedPorts,
          capacityProvider: provider.name,
        },
        Number.MAX_SAFE_INTEGER,
      );
      if (typeof made === 'string') {
        typeError = made;
        break;
      }
      if (!fits(made)) {
        // An empty instance does not take this task, so it takes none of the identical ones after it.
        cannotFit = input.unplacedTasks - t;
        if (!resourceFailure(made, task)) excludedBy = constraints.find((c) => !c.allows(made))?.label;
        break;
      }
      needed++;
      current = made;
    }
    consume(current, task);
    current.sameGroup++;
    current.view.runningTasksCount++;
    current.version++;
  }
  if (typeError) cannotFit = input.unplacedTasks;

  const running = cluster.instances.filter((i) => i.status === 'ACTIVE').length;
  const busy = cluster.instances.filter((i) => i.status === 'ACTIVE' && inUse(i, daemonGroups)).length;
  const empty = running - busy;
  // cluster-auto-scaling.html, scale-out steps: launch minimumScalingStepSize when fewer are needed, else at most maximumScalingStepSize.
  const step =
    needed === 0
      ? 0
      : running === 0
        ? Math.max(FROM_ZERO_INSTANCES, minStep)
        : Math.max(minStep, Math.min(maxStep, needed));
  let reservation: number;
  let settles: number;
  if (step > 0) {
    // Tasks wait: M counts every running instance plus the step; from zero instances ECS reads 200.
    reservation = running === 0 ? 200 : Math.round(((running + step) / running) * 1000) / 10;
    settles = Math.ceil(((running + step) * 100) / targetCapacity);
  } else if (empty > 0 && targetCapacity === 100) {
    // cluster-auto-scaling.html, "Managed scale-in behavior": 100 minus the empty instances (daemon-only ones are empty).
    reservation = 100 - empty;
    settles = busy;
  } else {
    reservation = running === 0 ? 100 : Math.round((busy / running) * 1000) / 10;
    settles = Math.ceil((busy * 100) / targetCapacity);
  }

  let message: string;
  if (typeError) message = `Cannot estimate a scale-out: ${typeError}.`;
  else if (input.unplacedTasks === 0) {
    message = `Every task is placed; CapacityProviderReservation would be ${reservation}% (${busy} of ${running} instances run a task that is not a daemon) against a target of ${targetCapacity}%.`;
  } else if (step === 0) {
    message = `No ${instanceType} instance would place the ${input.unplacedTasks} unplaced task${input.unplacedTasks === 1 ? '' : 's'}: the group does not scale out for ${input.unplacedTasks === 1 ? 'it' : 'them'}.`;
  } else {
    const placedBy = input.unplacedTasks - cannotFit;
    message = `${needed} more ${instanceType} instance${needed === 1 ? '' : 's'} would place ${placedBy} of ${input.unplacedTasks} unplaced task${input.unplacedTasks === 1 ? '' : 's'}. `;
    message +=
      running === 0
        ? `With no instance running, managed scaling launches ${step} first (CapacityProviderReservation reads 200%)`
        : `Managed scaling launches ${step} at once (scaling step ${minStep}-${maxStep}); CapacityProviderReservation = ${running + step} needed / ${running} running × 100 = ${reservation}%`;
    message += ` against a target of ${targetCapacity}%, so the group grows toward about ${settles} instances.`;
  }
  if (cannotFit > 0 && !typeError) {
    message += excludedBy
      ? ` A new ${instanceType} would not meet ${excludedBy} either, so ${cannotFit} task${cannotFit === 1 ? '' : 's'} would stay unplaced.`
      : ` ${cannotFit} task${cannotFit === 1 ? '' : 's'} would not fit even on an empty ${instanceType}.`;
  }
  return {
    instanceType,
    instancesToAdd: needed,
    ...(step > 0 ? { instancesLaunched: step } : {}),
    tasksThatCannotFit: cannotFit,
    instancesRunning: running,
    emptyInstances: empty,
    capacityProviderReservation: reservation,
    targetCapacity,
    instancesAtTarget: settles,
    message,
  };
}
