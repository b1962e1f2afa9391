/**
 * What managed scaling of an Auto Scaling group capacity provider would do about the unplaced tasks.
 * ECS publishes CapacityProviderReservation = M / N × 100 (N instances running, M instances needed)
 * and the group's target tracking policy moves N until the metric meets targetCapacity.
 * Facts below: Amazon ECS Developer Guide, "Amazon ECS cluster auto scaling" (cluster-auto-scaling.html),
 * and the ManagedScaling doc comments of @aws-sdk/client-ecs.
 */
import type { ClusterModel } from './clusterModel';
import type { CompiledConstraint } from './constraints';
import { groupNow, instancesNeeded, NewInstances } from './groupGrowth';
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

export function estimateScaleOut(
  input: ScaleOutInput,
  daemonGroups: Set<string> = new Set(),
): ScaleOutEstimate | undefined {
  const { cluster, task, constraints, options } = input;
  const ms = resolveManagedScaling(cluster.capacityProvider, options.capacityProvider, cluster.instances);
  if (!ms) return undefined;
  const { instanceType, targetCapacity, minimumScalingStepSize: minStep, maximumScalingStepSize: maxStep } = ms;
  const provider = { ...cluster.capacityProvider, ...options.capacityProvider };

  // cluster-auto-scaling.html: the instances needed are counted with binpack (groupGrowth.ts, as deploy and scale do).
  const growth = new NewInstances(cluster, cluster.instances, instanceType, provider.name);
  const need = instancesNeeded(growth, task, constraints, input.unplacedTasks);
  const { typeError, excludedBy } = need;
  const needed = need.instances;
  const cannotFit = need.cannotFit;

  const { instances: running, inUse: busy } = groupNow(cluster.instances, daemonGroups);
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
