/**
 * The resource checks ECS makes before constraints: agent, CPU, memory, host ports, ENIs, GPUs.
 */
import { maxReservedPortsPerInstance } from '../ecs/reservedPorts';
import type { SimInstance } from './clusterModel';
import type { CompiledConstraint } from './constraints';
import type { TaskRequirement } from './taskModel';

export type ResourceFailure =
  | 'inactive-instance'
  | 'insufficient-cpu'
  | 'insufficient-memory'
  | 'port-conflict'
  | 'reserved-ports-limit'
  | 'insufficient-eni'
  | 'insufficient-gpu';

export function isUsable(instance: SimInstance): boolean {
  return instance.status === 'ACTIVE' && instance.agentConnected;
}

/** The first check the instance fails for the task, or undefined when it has room. */
export function resourceFailure(instance: SimInstance, task: TaskRequirement): ResourceFailure | undefined {
  if (instance.status !== 'ACTIVE' || !instance.agentConnected) return 'inactive-instance';
  if (instance.remainingCpu < task.cpu) return 'insufficient-cpu';
  if (instance.remainingMemory < task.memory) return 'insufficient-memory';
  for (const p of task.tcpPorts) if (instance.tcpPorts.has(p)) return 'port-conflict';
  for (const p of task.udpPorts) if (instance.udpPorts.has(p)) return 'port-conflict';
  if (task.tcpPorts.length > 0 && instance.tcpPorts.size + task.tcpPorts.length > maxReservedPortsPerInstance)
    return 'reserved-ports-limit';
  if (task.udpPorts.length > 0 && instance.udpPorts.size + task.udpPorts.length > maxReservedPortsPerInstance)
    return 'reserved-ports-limit';
  if (task.networkMode === 'awsvpc' && instance.enisFree < 1) return 'insufficient-eni';
  if (task.gpus > 0 && instance.gpusFree < task.gpus) return 'insufficient-gpu';
  return undefined;
}

/** The host ports of the task already taken on the instance, for messages. */
export function conflictingPorts(instance: SimInstance, task: TaskRequirement): string[] {
  return [
    ...task.tcpPorts.filter((p) => instance.tcpPorts.has(p)).map((p) => `${p}/tcp`),
    ...task.udpPorts.filter((p) => instance.udpPorts.has(p)).map((p) => `${p}/udp`),
  ];
}

/** Takes the task's resources and ports on the instance. */
export function consume(instance: SimInstance, task: TaskRequirement): void {
  instance.remainingCpu -= task.cpu;
  instance.remainingMemory -= task.memory;
  for (const p of task.tcpPorts) instance.tcpPorts.add(p);
  for (const p of task.udpPorts) instance.udpPorts.add(p);
  if (task.networkMode === 'awsvpc') instance.enisFree -= 1;
  instance.gpusFree -= task.gpus;
}

/** Gives back what `consume` took, when a simulated task stops. */
export function release(instance: SimInstance, task: TaskRequirement): void {
  instance.remainingCpu += task.cpu;
  instance.remainingMemory += task.memory;
  for (const p of task.tcpPorts) instance.tcpPorts.delete(p);
  for (const p of task.udpPorts) instance.udpPorts.delete(p);
  if (task.networkMode === 'awsvpc') instance.enisFree += 1;
  instance.gpusFree += task.gpus;
}

/**
 * Fills `afterResources` with the instances that have room for the task and `afterConstraints`
 * with those of them that also meet every constraint. Kept beside resourceFailure so the hot loop makes local calls.
 */
export function filterCandidates(
  instances: SimInstance[],
  task: TaskRequirement,
  constraints: CompiledConstraint[],
  afterResources: SimInstance[],
  afterConstraints: SimInstance[],
): void {
  afterResources.length = 0;
  afterConstraints.length = 0;
  for (const instance of instances) {
    if (resourceFailure(instance, task) !== undefined) continue;
    afterResources.push(instance);
    let ok = true;
    for (const c of constraints) {
      if (!c.allows(instance)) {
        ok = false;
        break;
      }
    }
    if (ok) afterConstraints.push(instance);
  }
}
