/**
 * A deployment's plan: the inputs read and checked once, the deployment configuration, and the health timing.
 * A run (and every what-if run behind the fixes) starts from the plan.
 */
import { defaultDeploymentStrategy } from '../ecs/deployments';
import { runsOnFargate } from '../placement/capacityProviders';
import { parseCluster, type ClusterModel, type ReusableCluster } from '../placement/clusterModel';
import type { ServiceSpec } from '../placement/serviceModel';
import { parseTaskDefinition, type TaskRequirement } from '../placement/taskModel';
import { inputError, type InputError } from '../placement/inputErrors';
import { simulatorDefaults } from './defaults';
import { healthDelays, type StopOrderArrays } from './deploymentHealth';
import { prepareService } from './prepare';
import { deploymentSettings, type CurrentTask, type DeploymentSettings } from './serviceInputs';
import type { SimTask } from './deploymentRun';
import type { DeploymentRequest, DeploymentResult, DynamicsOptions } from './types';

/** Everything parsed once; a run (and every what-if run behind the fixes) starts from it. */
export interface Prepared {
  name: string;
  group: string;
  service: ServiceSpec;
  task: TaskRequirement;
  oldTask: TaskRequirement;
  settings: DeploymentSettings;
  daemon: boolean;
  fargate: boolean;
  clusterInput: unknown;
  /**
   * The cluster file parsed once. A run works on a copy of it, or (the deployment's own run and the what-if runs behind
   * its fixes) on the parse itself, once whatIfCluster has taken it over.
   */
  cluster?: ClusterModel;
  /** The parse as the what-if runs share it, put back to its parsed state before each. */
  whatIfCluster?: ReusableCluster;
  /** The old tasks on the shared cluster, found by its first run: its instances stay the same objects. */
  whatIfTasks?: CurrentTask[];
  /** The tasks of the last what-if run, which the next one makes its own of (see Run.addTask). */
  spareTasks?: SimTask[];
  /** The stop order's arrays of the last what-if run, which the next one reuses. */
  spareStopOrder?: StopOrderArrays;
  healthyDelay: number;
  failDelay: number;
  drainSeconds: number;
  options: Required<Pick<DynamicsOptions, 'taskStartSeconds' | 'instanceLaunchSeconds' | 'seed'>> & DynamicsOptions;
  notes: string[];
}

/** Twice ECS's default quota of 5,000 tasks per service: every task is followed through its states. */
export const MAX_DEPLOYED_TASKS = 10_000;

export function emptyResult(errors: InputError[], notes: string[] = []): DeploymentResult {
  return {
    outcome: 'stalled',
    strategy: defaultDeploymentStrategy,
    mode: 'replica',
    desiredCount: 0,
    minimumHealthyPercent: 0,
    maximumPercent: 0,
    durationSeconds: 0,
    peakTasks: 0,
    peakInstances: 0,
    steps: [],
    events: [],
    placements: [],
    notes,
    errors,
  };
}

export function prepare(request: DeploymentRequest): { prepared?: Prepared; errors: InputError[]; notes: string[] } {
  const read = prepareService(request, {
    currentTaskDefinition: request.currentTaskDefinition,
    options: request.options,
  });
  const errors = [...read.parseErrors, ...read.admissionErrors];
  const notes = read.notes;
  const { task, service, serviceJson: svcJson } = read;
  if (service?.desiredCount !== undefined && service.desiredCount > MAX_DEPLOYED_TASKS) {
    errors.push(
      inputError(
        'service',
        `${service.desiredCount} is more than the simulator deploys (${MAX_DEPLOYED_TASKS.toLocaleString('en-US')}; ECS allows 5,000 tasks per service by default)`,
        'desiredCount',
      ),
    );
  }
  if (!task || !service || !svcJson || errors.length > 0) return { errors, notes };
  const daemon = service.schedulingStrategy === 'DAEMON';
  const settings = deploymentSettings(svcJson, daemon);
  errors.push(...settings.errors);

  let oldTask = task;
  if (request.currentTaskDefinition !== undefined) {
    const parsedOld = parseTaskDefinition(request.currentTaskDefinition);
    // The same parser reads both revisions: its errors are about the one given as the current revision.
    errors.push(...parsedOld.errors.map((e): InputError => ({ ...e, input: 'current task definition' })));
    if (parsedOld.task) oldTask = parsedOld.task;
  }
  const fargate = runsOnFargate(service, task);

  // The options' numbers were admitted with the inputs (workspace/admission.ts), for deploy and scale alike.
  const raw = request.options && typeof request.options === 'object' ? request.options : {};
  if (errors.length > 0) return { errors, notes };
  const options = {
    ...raw,
    taskStartSeconds: raw.taskStartSeconds ?? simulatorDefaults.taskStartSeconds,
    instanceLaunchSeconds: raw.instanceLaunchSeconds ?? simulatorDefaults.instanceLaunchSeconds,
    seed: raw.seed ?? 1,
  };
  const delays = healthDelays(request.taskDefinition, settings, options);
  notes.push(...delays.notes);
  return {
    prepared: {
      name: service.name,
      group: `service:${service.name}`,
      service,
      task,
      oldTask,
      settings,
      daemon,
      fargate,
      clusterInput: request.cluster,
      ...(fargate ? {} : { cluster: parseCluster(request.cluster) }),
      healthyDelay: delays.healthyDelay,
      failDelay: delays.failDelay,
      drainSeconds: delays.drainSeconds,
      options,
      notes,
    },
    errors,
    notes,
  };
}
