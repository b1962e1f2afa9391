/**
 * The parts of a create-service input that drive placement.
 */
import { revisionKey } from '../ecs/taskDefinitionRefs';
import { parseStrategy, type ProviderShare } from './capacityProviders';
import { mixesProviderKinds } from '../ecs/fargateProviders';
import { textOf } from './text';
import type { PlacementConstraintInput, PlacementStrategyInput } from './types';
import { inputError, type InputError } from './inputErrors';

export interface ServiceSpec {
  name: string;
  desiredCount?: number;
  schedulingStrategy: 'REPLICA' | 'DAEMON';
  strategies?: PlacementStrategyInput[];
  constraints: PlacementConstraintInput[];
  launchType?: string;
  capacityProviders: string[];
  /** The capacityProviderStrategy with base and weight. */
  providerStrategy: ProviderShare[];
  /** The task definition the service runs (its PRIMARY deployment's, in describe-services output), as family:revision. */
  taskDefinition?: string;
  /** From describe-services output: tasks of the PRIMARY deployment running or starting. */
  primaryTasks?: number;
  /** From describe-services output: deployments of other revisions still running tasks. */
  otherDeployments: Array<{ taskDefinition?: string; tasks: number; status: string }>;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

export interface ParsedService {
  service?: ServiceSpec;
  errors: InputError[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseService(input: unknown): ParsedService {
  // describe-services output holds a list; the first service is the one simulated.
  const svc =
    isObject(input) && Array.isArray(input.services) && isObject(input.services[0]) ? input.services[0] : input;
  if (!isObject(svc)) return { errors: [inputError('service', 'expected a JSON object')] };
  const errors: InputError[] = [];

  let desiredCount: number | undefined;
  if (svc.desiredCount !== undefined) {
    if (typeof svc.desiredCount === 'number' && Number.isInteger(svc.desiredCount) && svc.desiredCount >= 0)
      desiredCount = svc.desiredCount;
    else errors.push(inputError('service', 'must be a whole number', 'desiredCount'));
  }

  const strategies = Array.isArray(svc.placementStrategy)
    ? svc.placementStrategy
        .filter(isObject)
        .map((s) => ({ type: textOf(s.type ?? ''), ...(typeof s.field === 'string' ? { field: s.field } : {}) }))
    : undefined;
  const constraints = Array.isArray(svc.placementConstraints)
    ? svc.placementConstraints.filter(isObject).map((c) => ({
        type: textOf(c.type ?? ''),
        ...(typeof c.expression === 'string' ? { expression: c.expression } : {}),
      }))
    : [];
  const capacityProviders = Array.isArray(svc.capacityProviderStrategy)
    ? svc.capacityProviderStrategy.filter(isObject).map((c) => textOf(c.capacityProvider ?? ''))
    : [];

  if (mixesProviderKinds(capacityProviders))
    errors.push(
      inputError(
        'service',
        'holds Fargate providers or Auto Scaling group providers, not both (each strategy holds one kind)',
        'capacityProviderStrategy',
      ),
    );

  // describe-services output: what runs now, per deployment (the SDK's Service and Deployment shapes).
  let primaryTasks: number | undefined;
  const otherDeployments: ServiceSpec['otherDeployments'] = [];
  let taskDefinition = typeof svc.taskDefinition === 'string' ? revisionKey(svc.taskDefinition) : undefined;
  if (Array.isArray(svc.deployments)) {
    for (const d of svc.deployments.filter(isObject)) {
      const tasks = count(d.runningCount) + count(d.pendingCount);
      const td = typeof d.taskDefinition === 'string' ? revisionKey(d.taskDefinition) : undefined;
      if (d.status === 'PRIMARY') {
        primaryTasks = tasks;
        taskDefinition = td ?? taskDefinition;
      } else if (tasks > 0) otherDeployments.push({ taskDefinition: td, tasks, status: textOf(d.status ?? 'ACTIVE') });
    }
  }
  if (primaryTasks === undefined && (svc.runningCount !== undefined || svc.pendingCount !== undefined))
    primaryTasks = count(svc.runningCount) + count(svc.pendingCount);

  return {
    service: {
      name: typeof svc.serviceName === 'string' ? svc.serviceName : 'service',
      desiredCount,
      schedulingStrategy: svc.schedulingStrategy === 'DAEMON' ? 'DAEMON' : 'REPLICA',
      strategies: strategies && strategies.length > 0 ? strategies : undefined,
      constraints,
      launchType: typeof svc.launchType === 'string' ? svc.launchType : undefined,
      capacityProviders,
      providerStrategy: parseStrategy(svc.capacityProviderStrategy),
      taskDefinition,
      primaryTasks,
      otherDeployments,
    },
    errors,
  };
}
