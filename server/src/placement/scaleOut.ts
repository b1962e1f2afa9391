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
import { resolveManagedScaling, scaleOutDecision } from './managedScaling';
import type { ScaleOutEstimate, SimulationOptions } from './types';

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
  let groups = 0;
  for (const [group, n] of instance.groupCounts) {
    if (n <= 0) continue;
    if (!daemonGroups.has(group)) return true;
    groups++;
  }
  // describe output without task groups: running tasks are counted as in use.
  return groups === 0 && instance.existingTasks > 0;
}

export function estimateScaleOut(
  input: ScaleOutInput,
  daemonGroups: Set<string> = new Set(),
): ScaleOutEstimate | undefined {
  const { cluster, task, constraints, options } = input;
  const ms = resolveManagedScaling(cluster.capacityProvider, options.capacityProvider, cluster.instances);
  if (!ms) return undefined;
  const { instanceType, targetCapacity, minimumScalingStepSize: minStep, maximumScalingStepSize: maxStep } = ms;
  const provider = { ...cluster.capacityProvider, ...options.capacityProvider };

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
  const {
    step,
    reservation,
    groupTarget: settles,
    launch,
    atMaximum,
  } = scaleOutDecision(ms, {
    instances: running,
    inUse: busy,
    instancesNeeded: needed,
  });

  let message: string;
  if (typeError) message = `Cannot estimate a scale-out: ${typeError}.`;
  else if (input.unplacedTasks === 0) {
    message = `Every task is placed; CapacityProviderReservation would be ${reservation}% (${busy} of ${running} instances run a task that is not a daemon) against a target of ${targetCapacity}%.`;
  } else if (step === 0) {
    message = `No ${instanceType} instance would place the ${input.unplacedTasks} unplaced task${input.unplacedTasks === 1 ? '' : 's'}: the group does not scale out for ${input.unplacedTasks === 1 ? 'it' : 'them'}.`;
  } else {
    const placedBy = input.unplacedTasks - cannotFit;
    message = `${needed} more ${instanceType} instance${needed === 1 ? '' : 's'} would place ${placedBy} of ${input.unplacedTasks} unplaced task${input.unplacedTasks === 1 ? '' : 's'}. `;
    if (running === 0)
      message += `With no instance running, CapacityProviderReservation reads ${reservation}% and managed scaling launches ${launch} first`;
    else {
      message += ms.spansTypesOrZones
        ? `The group has more than one instance type or Availability Zone, so managed scaling counts exactly its minimum step, ${step}, more`
        : `Managed scaling counts ${step} more at once (scaling step ${minStep}-${maxStep})`;
      message += `: CapacityProviderReservation = ${running + step} needed / ${running} running × 100 = ${reservation}%`;
    }
    message += ` against a target of ${targetCapacity}%, so the group grows toward about ${settles} instances`;
    message += atMaximum ? `, held at its maximum size of ${ms.maxSize}.` : '.';
  }
  if (cannotFit > 0 && !typeError) {
    message += excludedBy
      ? ` A new ${instanceType} would not meet ${excludedBy} either, so ${cannotFit} task${cannotFit === 1 ? '' : 's'} would stay unplaced.`
      : ` ${cannotFit} task${cannotFit === 1 ? '' : 's'} would not fit even on an empty ${instanceType}.`;
  }
  return {
    instanceType,
    instancesToAdd: needed,
    ...(step > 0 ? { instancesLaunched: launch } : {}),
    tasksThatCannotFit: cannotFit,
    instancesRunning: running,
    emptyInstances: empty,
    capacityProviderReservation: reservation,
    targetCapacity,
    instancesAtTarget: settles,
    message,
  };
}
