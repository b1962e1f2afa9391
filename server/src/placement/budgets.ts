/**
 * What one simulation may cost, checked on the raw input before anything is built: a small cluster
 * file can describe millions of instances × running tasks × host ports, and the panel's options come
 * over the protocol unchecked.
 */
import { limits } from '../ecs/limits';
import { MAX_INSTANCES } from './clusterModel';
import type { SimulationOptions, SimulationRequest } from './types';
import { admitSimulationInput } from '../workspace/admission';
import { generalError, inputError, listError, serviceList, type InputError } from './inputErrors';

/** Instances × (running-task entries + host ports) a compact cluster file may expand to. */
export const MAX_CLUSTER_CELLS = 1_000_000;
/** Constraints of one simulation: what the service and the task definition can hold together. */
export const MAX_CONSTRAINTS = limits.servicePlacementConstraints + limits.taskPlacementConstraints;
export const MAX_STRATEGIES = limits.servicePlacementStrategies;
/** Containers of the simulated task definition: ten times what ECS registers, so a typo is still simulated. */
export const MAX_CONTAINERS = limits.containersPerTaskDefinition * 10;
/** Instance names listed per explanation step, at most. */
export const MAX_EXPLAIN_CANDIDATES = 100;
/** Instance names listed over all the explanations of one simulation. */
export const MAX_EXPLAINED_NAMES = 1_000_000;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const count = (n: number) => n.toLocaleString('en-US');
const lengthOf = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** The cells a compact cluster file expands to (instances × (1 + task entries + ports)), or a describe output's instances. */
export function clusterCells(cluster: unknown): number {
  if (!isObject(cluster)) return 0;
  if (Array.isArray(cluster.containerInstances)) return cluster.containerInstances.length;
  if (!Array.isArray(cluster.instanceGroups)) return 0;
  let cells = 0;
  for (const group of cluster.instanceGroups) {
    if (!isObject(group)) continue;
    const instances =
      group.count === undefined
        ? 1
        : typeof group.count === 'number' && Number.isFinite(group.count)
          ? Math.max(0, group.count)
          : 0;
    // A count beyond the instance limit is refused by the cluster model with its own message.
    if (instances > MAX_INSTANCES) continue;
    let perInstance = 1;
    const tasks = Array.isArray(group.runningTasks) ? group.runningTasks : [];
    for (const task of tasks) {
      perInstance += 1;
      if (isObject(task)) perInstance += lengthOf(task.hostPorts) + lengthOf(task.udpHostPorts);
    }
    cells += instances * perInstance;
    if (cells > MAX_CLUSTER_CELLS) return cells;
  }
  return cells;
}

/** Problems that stop a simulation before it starts, worded as what is allowed. */
export function budgetErrors(request: SimulationRequest, options: SimulationOptions): InputError[] {
  // Numbers first: each against the ECS limit it stands for.
  const errors: InputError[] = admitSimulationInput({
    cluster: request.cluster,
    service: request.service,
    taskDefinition: request.taskDefinition,
  });
  const cluster = request.cluster;
  if (
    isObject(cluster) &&
    Array.isArray(cluster.containerInstances) &&
    cluster.containerInstances.length > MAX_INSTANCES
  ) {
    errors.push(
      inputError(
        'cluster',
        `${count(cluster.containerInstances.length)} container instances is more than the simulator models (${count(MAX_INSTANCES)}; ECS allows 5,000 per cluster by default)`,
        'containerInstances',
      ),
    );
  } else if (
    isObject(cluster) &&
    Array.isArray(cluster.instanceGroups) &&
    cluster.instanceGroups.length > MAX_INSTANCES
  ) {
    errors.push(
      inputError(
        'cluster',
        `${count(cluster.instanceGroups.length)} instance groups is more than the simulator models (${count(MAX_INSTANCES)} instances in all)`,
        'instanceGroups',
      ),
    );
  } else {
    const cells = clusterCells(cluster);
    if (cells > MAX_CLUSTER_CELLS) {
      errors.push(
        inputError(
          'cluster',
          `the instance groups describe more than ${count(MAX_CLUSTER_CELLS)} instances × running tasks and host ports; the simulator models at most that. Lower the counts or list fewer running tasks per group`,
          'instanceGroups',
        ),
      );
    }
  }
  const service = isObject(request.service) ? request.service : undefined;
  const task = isObject(request.taskDefinition)
    ? isObject(request.taskDefinition.taskDefinition)
      ? request.taskDefinition.taskDefinition
      : request.taskDefinition
    : undefined;
  const containers = lengthOf(task?.containerDefinitions);
  if (containers > MAX_CONTAINERS) {
    errors.push(
      inputError(
        'task definition',
        `${count(containers)} containers; the simulator takes at most ${MAX_CONTAINERS} (ECS registers at most ${limits.containersPerTaskDefinition})`,
        'containerDefinitions',
      ),
    );
  }
  const constraints =
    (options.placementConstraints ? options.placementConstraints.length : lengthOf(service?.placementConstraints)) +
    lengthOf(task?.placementConstraints);
  if (constraints > MAX_CONSTRAINTS) {
    errors.push(
      // The service's (or the panel's) and the task definition's together: no one file holds them all.
      generalError(
        `${count(constraints)} given; the simulator takes at most ${MAX_CONSTRAINTS} (ECS allows ${limits.servicePlacementConstraints} per service and ${limits.taskPlacementConstraints} per task definition)`,
        'placementConstraints',
      ),
    );
  }
  const strategies = options.placementStrategy
    ? options.placementStrategy.length
    : lengthOf(service?.placementStrategy);
  if (strategies > MAX_STRATEGIES) {
    errors.push(
      listError(
        serviceList('placementStrategy', options.placementStrategy !== undefined),
        `${count(strategies)} given; ECS allows at most ${MAX_STRATEGIES} per service`,
      ),
    );
  }
  return errors;
}

/**
 * Instance names listed per explanation step: what was asked (default 50), at most
 * {@link MAX_EXPLAIN_CANDIDATES}, and less when many tasks would make the explanations huge.
 */
export function explanationCap(asked: unknown, tasks: number, notes: string[]): number {
  const wanted = typeof asked === 'number' && Number.isFinite(asked) ? Math.max(0, Math.floor(asked)) : 50;
  let cap = Math.min(wanted, MAX_EXPLAIN_CANDIDATES);
  // About six steps per task; each lists up to `cap` names.
  const perTaskBudget = Math.floor(MAX_EXPLAINED_NAMES / Math.max(1, tasks * 6));
  if (cap > perTaskBudget) cap = perTaskBudget;
  if (cap < wanted)
    notes.push(
      `Explanations list at most ${cap} instance names per step (asked for ${count(wanted)}); every step still gives the full count.`,
    );
  return cap;
}
