/**
 * How many instances a capacity provider with managed scaling would add for the unplaced tasks.
 * ECS publishes CapacityProviderReservation = M / N × 100, where N is the instances running and
 * M the instances needed for all tasks; managed scaling moves N until the metric meets targetCapacity.
 */
import { consume, resourceFailure } from './checks';
import { createInstance, type ClusterModel, type SimInstance } from './clusterModel';
import type { CompiledConstraint } from './constraints';
import type { TaskRequirement } from './taskModel';
import type { ScaleOutEstimate, SimulationOptions } from './types';

export interface ScaleOutInput {
  cluster: ClusterModel;
  task: TaskRequirement;
  unplacedTasks: number;
  constraints: CompiledConstraint[];
  options: SimulationOptions;
}

function mostCommonType(instances: SimInstance[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  for (const i of instances) {
    if (!i.instanceType) continue;
    const n = (counts.get(i.instanceType) ?? 0) + 1;
    counts.set(i.instanceType, n);
    if (best === undefined || n > counts.get(best)!) best = i.instanceType;
  }
  return best;
}

export function estimateScaleOut(input: ScaleOutInput): ScaleOutEstimate | undefined {
  const { cluster, task, constraints, options } = input;
  const instanceType = options.capacityProvider?.instanceType ?? cluster.capacityProvider?.instanceType ?? mostCommonType(cluster.instances);
  if (!instanceType) return undefined;
  const rawTarget = options.capacityProvider?.targetCapacity ?? cluster.capacityProvider?.targetCapacity ?? 100;
  const targetCapacity = Math.min(100, Math.max(1, rawTarget));

  // New instances come up in the cluster's zones in turn, with the custom attributes of the type's current instances.
  const zones = [...new Set(cluster.instances.map((i) => i.availabilityZone).filter((z): z is string => !!z))];
  const template = cluster.instances.find((i) => i.instanceType === instanceType);
  const customAttributes: Record<string, string | undefined> = {};
  if (template) for (const [k, v] of Object.entries(template.view.attributes)) if (!k.startsWith('ecs.')) customAttributes[k] = v;

  const added: SimInstance[] = [];
  let cannotFit = 0;
  let typeError: string | undefined;
  const fits = (instance: SimInstance) => !resourceFailure(instance, task) && constraints.every((c) => c.allows(instance));
  for (let t = 0; t < input.unplacedTasks; t++) {
    // Binpack on memory over the instances already added, as a capacity provider sizes for the tasks waiting.
    let target: SimInstance | undefined;
    for (const instance of added) if (fits(instance) && (!target || instance.remainingMemory < target.remainingMemory)) target = instance;
    if (!target) {
      const made = createInstance({
        id: `new-${instanceType}-${added.length + 1}`,
        instanceType,
        availabilityZone: zones.length > 0 ? zones[added.length % zones.length] : undefined,
        attributes: customAttributes,
        reservedPorts: cluster.reservedPorts,
      }, Number.MAX_SAFE_INTEGER);
      if (typeof made === 'string') {
        typeError = made;
        break;
      }
      if (!fits(made)) {
        cannotFit++;
        continue;
      }
      added.push(made);
      target = made;
    }
    consume(target, task);
    target.sameGroup++;
    target.view.runningTasksCount++;
    target.version++;
  }
  if (typeError) cannotFit = input.unplacedTasks;

  const running = cluster.instances.filter((i) => i.status === 'ACTIVE').length;
  const inUse = cluster.instances.filter((i) => i.status === 'ACTIVE' && (i.existingTasks > 0 || i.simulatedTasks.length > 0)).length;
  const needed = inUse + added.length;
  // ECS's special cases: no instance and tasks waiting reads 200; nothing at all reads 100.
  const reservation = running === 0 ? (needed > 0 ? 200 : 100) : Math.round((needed / running) * 1000) / 10;
  const instancesAtTarget = Math.ceil((needed * 100) / targetCapacity);

  let message: string;
  if (typeError) message = `Cannot estimate a scale-out: ${typeError}.`;
  else if (input.unplacedTasks === 0) message = `Every task is placed; CapacityProviderReservation would be ${reservation}% (${needed} of ${running} instances in use) against a target of ${targetCapacity}%.`;
  else {
    message = `${added.length} more ${instanceType} instance${added.length === 1 ? '' : 's'} would place ${input.unplacedTasks - cannotFit} of ${input.unplacedTasks} unplaced task${input.unplacedTasks === 1 ? '' : 's'}; `
      + `CapacityProviderReservation = ${needed} needed / ${running} running × 100 = ${reservation}% against a target of ${targetCapacity}%, so managed scaling would grow the group to about ${instancesAtTarget} instances.`;
    if (cannotFit > 0) message += ` ${cannotFit} task${cannotFit === 1 ? '' : 's'} would not fit even on an empty ${instanceType}.`;
  }
  return {
    instanceType,
    instancesToAdd: added.length,
    tasksThatCannotFit: cannotFit,
    instancesRunning: running,
    capacityProviderReservation: reservation,
    targetCapacity,
    instancesAtTarget,
    message,
  };
}
