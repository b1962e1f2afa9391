/**
 * Why a task could not be placed, counted over the instances, in the terms ECS uses.
 */
import type { SimInstance } from './clusterModel';
import { conflictingPorts, resourceFailure } from './checks';
import type { CompiledConstraint } from './constraints';
import type { TaskRequirement } from './taskModel';
import type { UnplacedReason } from './types';
import { plural } from './text';

export function unplacedReasons(
  instances: SimInstance[],
  task: TaskRequirement,
  group: string,
  constraints: CompiledConstraint[],
): UnplacedReason[] {
  const counts = new Map<string, number>();
  const ports = new Set<string>();
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  let inactive = 0;
  const portCount = task.tcpPorts.length + task.udpPorts.length;
  for (const instance of instances) {
    const failure = resourceFailure(instance, task);
    if (failure === 'inactive-instance') inactive++;
    else if (failure) {
      bump(failure);
      // Once every port of the task is listed, the other instances can add none: they are not asked again.
      if (failure === 'port-conflict' && ports.size < portCount)
        for (const p of conflictingPorts(instance, task)) ports.add(p);
    } else {
      const failed = constraints.find((c) => !c.allows(instance));
      if (failed) bump(failed.label);
    }
  }

  if (inactive === instances.length) {
    return [
      {
        code: 'no-active-instance',
        message:
          instances.length === 0
            ? 'no ACTIVE container instance with a connected agent (the cluster has no instances)'
            : 'no ACTIVE container instance with a connected agent',
        instances: instances.length,
        ecsReason: 'AGENT',
      },
    ];
  }
  const reasons: UnplacedReason[] = [];
  if (inactive > 0) {
    reasons.push({
      code: 'inactive-instance',
      message: `${plural(inactive, 'instance')} not ACTIVE or with a disconnected agent`,
      instances: inactive,
      ecsReason: 'AGENT',
    });
  }
  for (const [key, n] of counts) reasons.push(reasonFor(key, n, task, group, ports));
  return reasons.sort((a, b) => b.instances - a.instances);
}

/** A resource check's or constraint's failure on `n` instances, worded as ECS words it, with ECS's reason code. */
function reasonFor(key: string, n: number, task: TaskRequirement, group: string, ports: Set<string>): UnplacedReason {
  const on = `on ${plural(n, 'instance')}`;
  switch (key) {
    case 'insufficient-cpu':
      return {
        code: key,
        message: `insufficient CPU ${on} (the task needs ${task.cpu} CPU units)`,
        instances: n,
        ecsReason: 'RESOURCE:CPU',
      };
    case 'insufficient-memory':
      return {
        code: key,
        message: `insufficient memory ${on} (the task needs ${task.memory} MiB)`,
        instances: n,
        ecsReason: 'RESOURCE:MEMORY',
      };
    case 'port-conflict':
      return {
        code: key,
        message: `host port ${[...ports].join(', ')} already in use ${on}`,
        instances: n,
        ecsReason: 'RESOURCE:PORTS',
      };
    case 'reserved-ports-limit':
      return {
        code: key,
        message: `no room under the limit of 100 reserved host ports ${on}`,
        instances: n,
        ecsReason: 'RESOURCE:PORTS',
      };
    case 'insufficient-eni':
      return {
        code: key,
        message: `no free network interface for an awsvpc task ${on}`,
        instances: n,
        ecsReason: 'RESOURCE:ENI',
      };
    case 'insufficient-gpu':
      return {
        code: key,
        message: `not enough free GPUs ${on} (the task needs ${task.gpus})`,
        instances: n,
        ecsReason: 'RESOURCE:GPU',
      };
    case 'distinctInstance':
      return {
        code: 'distinct-instance',
        message: `${plural(n, 'instance')} excluded by distinctInstance (already running a task of ${group})`,
        instances: n,
        ecsReason: 'DistinctInstance',
      };
  }
  if (key.startsWith('capacityProvider('))
    return {
      code: 'capacity-provider',
      message: `${plural(n, 'instance')} belong to another capacity provider than ${key.slice('capacityProvider('.length, -1)}`,
      instances: n,
    };
  return {
    code: 'member-of',
    message: `${plural(n, 'instance')} excluded by ${key}`,
    instances: n,
    ecsReason: 'MemberOf',
  };
}
