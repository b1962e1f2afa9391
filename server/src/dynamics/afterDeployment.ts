/**
 * `simulate` (and the placement tab) for a service whose tasks in the cluster run another revision:
 * the new revision's tasks land where the deployment leaves them, found by running that deployment
 * with the same engine as `deploy` — not a second set beside the old one.
 */
import { isRollingUpdate } from '../ecs/deployments';
import { placedRevision, revisionKey, sameRevision, unregisteredRevision } from '../ecs/taskDefinitionRefs';
import { simulate } from '../placement/engine';
import { parseService } from '../placement/serviceModel';
import type { InstanceReport, SimulationRequest, SimulationResult } from '../placement/types';
import { deploymentEndState } from './deployment';
import { isObject, serviceObject } from './serviceInputs';
import { clock } from '../shared/clock';

/** The service's tasks in the cluster that run another revision than the one placed, by revision; empty when none. */
export function otherRevisions(
  request: SimulationRequest,
): { group: string; revision: string; other: Array<[string, number]> } | undefined {
  const svc = serviceObject(request.service);
  if (!svc || request.options?.count !== undefined) return undefined;
  const parsed = parseService(svc).service;
  const revision = placedRevision(
    request.taskDefinition,
    typeof svc.taskDefinition === 'string' ? svc.taskDefinition : undefined,
  );
  if (!parsed || !revision || parsed.schedulingStrategy === 'DAEMON') return undefined;
  const group = `service:${parsed.name}`;
  const other = [...runningRevisions(request.cluster, group)].filter(([td]) => !sameRevision(td, revision));
  return other.length > 0 ? { group, revision, other } : undefined;
}

/** Tasks of the group per task definition, read from the cluster file as it is (never expanded per instance). */
function runningRevisions(cluster: unknown, group: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (td: string, n: number) => {
    const key = revisionKey(td);
    counts.set(key, (counts.get(key) ?? 0) + n);
  };
  if (!isObject(cluster)) return counts;
  if (Array.isArray(cluster.instanceGroups)) {
    for (const g of cluster.instanceGroups) {
      if (!isObject(g) || !Array.isArray(g.runningTasks)) continue;
      const instances = typeof g.count === 'number' && g.count >= 0 ? g.count : 1;
      for (const t of g.runningTasks) {
        if (isObject(t) && t.group === group && typeof t.taskDefinition === 'string')
          add(t.taskDefinition, instances * (typeof t.count === 'number' ? t.count : 1));
      }
    }
  } else if (Array.isArray(cluster.tasks)) {
    for (const t of cluster.tasks) {
      if (isObject(t) && t.group === group && t.lastStatus !== 'STOPPED' && typeof t.taskDefinitionArn === 'string')
        add(t.taskDefinitionArn, 1);
    }
  }
  return counts;
}

export function simulateWithDeployment(request: SimulationRequest): SimulationResult {
  // The placement first: it checks the cluster file's size before anything is expanded.
  const base = simulate(request);
  if (base.errors.length > 0 || base.mode !== 'service') return base;
  const found = otherRevisions(request);
  if (!found) return base;
  const { group, revision, other } = found;

  const end = deploymentEndState({
    cluster: request.cluster,
    service: request.service,
    taskDefinition: request.taskDefinition,
    options: { seed: request.options?.seed },
  });
  const dep = end.result;
  if (dep.errors.length > 0 || !end.task) return base;
  const task = end.task;
  const placements: SimulationResult['placements'] = [];
  const instances: InstanceReport[] = [];
  let n = 0;
  for (const { instance, newTasks } of end.instances) {
    const tasks: number[] = [];
    for (let k = 0; k < newTasks; k++) {
      placements.push({ task: n, instance: instance.id });
      tasks.push(n++);
    }
    const simCpu = newTasks * task.cpu;
    const simMem = newTasks * task.memory;
    instances.push({
      instance: instance.id,
      availabilityZone: instance.availabilityZone,
      instanceType: instance.instanceType,
      tasks,
      cpu: {
        registered: instance.registeredCpu,
        remaining: instance.remainingCpu,
        existing: instance.registeredCpu - instance.remainingCpu - simCpu,
        simulated: simCpu,
      },
      memory: {
        registered: instance.registeredMemory,
        remaining: instance.remainingMemory,
        existing: instance.registeredMemory - instance.remainingMemory - simMem,
        simulated: simMem,
      },
      status: instance.status,
      agentConnected: instance.agentConnected,
      existingTasks: instance.view.runningTasksCount - newTasks,
    });
  }
  const unplaced: SimulationResult['unplaced'] = [];
  for (; n < dep.desiredCount && dep.outcome !== 'completed'; n++)
    unplaced.push({
      task: n,
      reasons: dep.blocked?.reasons ?? [
        {
          code: dep.reason?.code ?? 'deployment',
          message: dep.reason?.message ?? 'the deployment did not complete',
          instances: 0,
        },
      ],
    });
  const running = other.map(([td, count]) => `${count} of ${td}`).join(', ');
  const how =
    dep.outcome === 'completed'
      ? `the ${isRollingUpdate(dep.strategy) ? 'rolling update' : dep.strategy.toLowerCase().replace('_', '/') + ' deployment'} completes in ${clock(dep.durationSeconds)}`
      : `the deployment ${dep.outcome === 'stalled' ? 'stalls' : 'rolls back'} at ${clock(dep.durationSeconds)}: ${dep.reason?.message ?? ''}`;
  const notes = [
    `The cluster runs ${running} of ${group}: the tasks are shown where they run once the deployment to ${revision.endsWith(`:${unregisteredRevision}`) ? 'the new revision' : revision} has replaced them (${how}). ecs-lens deploy shows its steps.`,
    ...base.notes.filter((x) => !/run another task definition/.test(x) && !/already run/.test(x)),
    ...(dep.fixes && dep.fixes.length > 0 ? [`What would unblock the deployment: ${dep.fixes.join('; ')}.`] : []),
  ];
  // No single placement explains where a deployment leaves the tasks: no step-by-step explanations here.
  return { ...base, placements, unplaced, instances, notes, scaleOut: undefined, explanations: [] };
}
