/**
 * How many tasks fit on an empty instance of a capacity provider's type: what managed scaling
 * sizes a scale-out by (binpack of the waiting tasks on new instances).
 */
import { consume, resourceFailure } from '../placement/checks';
import { createInstance, type ClusterModel, type NewInstanceSpec, type SimInstance } from '../placement/clusterModel';
import type { TaskRequirement } from '../placement/taskModel';

/** New instances of the type come up in the cluster's zones in turn, with the custom attributes of the type's current instances. */
export function instanceFactory(
  cluster: ClusterModel,
  instances: SimInstance[],
  instanceType: string,
): (n: number) => NewInstanceSpec {
  const zones = [...new Set(instances.map((i) => i.availabilityZone).filter((z): z is string => !!z))];
  const template = instances.find((i) => i.instanceType === instanceType);
  const attributes: Record<string, string | undefined> = {};
  if (template)
    for (const [k, v] of Object.entries(template.view.attributes)) if (!k.startsWith('ecs.')) attributes[k] = v;
  const trunking = template ? 'ecs.awsvpc-trunk-id' in template.view.attributes : false;
  return (n) => ({
    id: `${instanceType}-launched-${n}`,
    instanceType,
    availabilityZone: zones.length > 0 ? zones[(n - 1) % zones.length] : undefined,
    attributes: { ...attributes },
    reservedPorts: cluster.reservedPorts,
    trunking,
  });
}

/** The n-th new instance of the type (see instanceFactory). */
export function newInstanceSpec(
  cluster: ClusterModel,
  instances: SimInstance[],
  instanceType: string,
  n: number,
): NewInstanceSpec {
  return instanceFactory(cluster, instances, instanceType)(n);
}

/** Tasks of one requirement an empty instance takes (capped at 1 under distinctInstance); 0 when not one fits or the type is unknown. */
export function tasksPerEmptyInstance(spec: NewInstanceSpec, task: TaskRequirement, distinctInstance: boolean): number {
  const made = createInstance(spec, Number.MAX_SAFE_INTEGER);
  if (typeof made === 'string') return 0;
  let n = 0;
  // Bounded by the memory or CPU a task asks for; a task asking for neither is bounded by the loop cap.
  while (n < 10_000 && resourceFailure(made, task) === undefined) {
    consume(made, task);
    n++;
    if (distinctInstance) break;
  }
  return n;
}
