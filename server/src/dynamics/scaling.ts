/**
 * Service auto scaling over a load profile, minute by minute: target tracking and step scaling move the
 * desired count, the placement engine places the tasks, and a capacity provider with managed scaling
 * (CapacityProviderReservation target tracking) grows and shrinks the instances. Without a capacity
 * provider the service scales its tasks and the cluster stays as it is.
 *
 * This file reads and checks the inputs and sets the cluster up; ServiceScaling (serviceScaling.ts) runs the minutes.
 */
import { loadBalancerDefaults } from '../ecs/deployments';
import { runsOnFargate, serviceMembership } from '../placement/capacityProviders';
import { parseCluster, type ClusterModel } from '../placement/clusterModel';
import type { ManagedScaling } from '../placement/managedScaling';
import type { ServiceSpec } from '../placement/serviceModel';
import { PlacementSession } from '../placement/session';
import { SERVICE_DEFAULT_STRATEGIES } from '../placement/strategies';
import type { TaskRequirement } from '../placement/taskModel';
import { generalError, inputError, type InputError } from '../placement/inputErrors';
import { simulatorDefaults } from './defaults';
import { MAX_DEPLOYED_TASKS } from './deploymentPlan';
import { prepareService } from './prepare';
import {
  parseLoadProfile,
  parseScalableTarget,
  parseScalingPolicy,
  type LoadProfile,
  type ScalingPolicy,
} from './scalingInputs';
import { resourceWarnings } from './scalingResource';
import { capacityProviderFor, deploymentSettings, isObject } from './serviceInputs';
import type { DynamicsOptions, ScalingRequest, ScalingResult } from './types';
import { ServiceScaling } from './serviceScaling';

const DEFAULT_DURATION = 2 * 3600;
/** A week of minutes: longer runs are a typo and would only take time. */
const MAX_DURATION = 7 * 24 * 3600;

/** Which policy metric and alarm metrics a load profile drives. */
const policyMetricFor: Record<LoadProfile['metric'], string> = {
  CPUUtilization: 'ECSServiceAverageCPUUtilization',
  MemoryUtilization: 'ECSServiceAverageMemoryUtilization',
  RequestCount: 'ALBRequestCountPerTarget',
};
const alarmMetricsFor: Record<LoadProfile['metric'], string[]> = {
  CPUUtilization: ['CPUUtilization'],
  MemoryUtilization: ['MemoryUtilization'],
  RequestCount: ['RequestCountPerTarget', 'RequestCount'],
};

/** The policies, as one list: put-scaling-policy output with ScalingPolicies, a list, or one policy. */
function policyListOf(policy: unknown): unknown[] {
  return isObject(policy) && Array.isArray(policy.ScalingPolicies)
    ? policy.ScalingPolicies
    : Array.isArray(policy)
      ? policy
      : [policy];
}

/** The policies and alarms must watch the metric the load profile drives, and the task reserve what it measures. */
function metricErrors(profile: LoadProfile, policies: ScalingPolicy[], task: TaskRequirement): InputError[] {
  const errors: InputError[] = [];
  for (const p of policies) {
    if (p.kind === 'target-tracking' && p.metric !== policyMetricFor[profile.metric]) {
      errors.push(
        inputError(
          'scaling policy',
          `a target-tracking policy tracks ${p.metric}, but the load profile gives ${profile.metric}, which drives ${policyMetricFor[profile.metric]}`,
          'TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType',
        ),
      );
    }
    if (p.kind === 'step') {
      for (const a of p.alarms)
        if (!alarmMetricsFor[profile.metric].includes(a.metric))
          errors.push(
            inputError(
              'alarm',
              `an alarm of a step policy watches ${a.metric}, but the load profile gives ${profile.metric}`,
              'MetricName',
            ),
          );
    }
  }
  if (profile.metric === 'CPUUtilization' && task.cpu <= 0)
    errors.push(
      inputError(
        'task definition',
        'it reserves no CPU units, so CPU utilization cannot follow from the load (set cpu at task or container level)',
        'cpu',
      ),
    );
  if (profile.metric === 'MemoryUtilization' && task.memory <= 0)
    errors.push(
      inputError(
        'task definition',
        'it reserves no memory, so memory utilization cannot follow from the load',
        'memory',
      ),
    );
  return errors;
}

/** The cluster's placement session and the capacity provider that serves the service; false on a cluster error. */
function setUpCluster(
  request: ScalingRequest,
  service: ServiceSpec,
  task: TaskRequirement,
  options: DynamicsOptions,
  errors: InputError[],
  notes: string[],
): { cluster?: ClusterModel; session?: PlacementSession; cp?: ManagedScaling } | false {
  const cluster = parseCluster(request.cluster);
  errors.push(...cluster.errors);
  notes.push(...cluster.notes);
  if (cluster.errors.length > 0) return false;
  const created = PlacementSession.create({
    cluster,
    group: `service:${service.name}`,
    strategies: service.strategies ?? SERVICE_DEFAULT_STRATEGIES,
    constraints: [...service.constraints, ...task.constraints],
    serviceConstraints: service.constraints.length,
    membership: serviceMembership(service, cluster),
    seed: options.seed,
  });
  if (!created.session) {
    errors.push(...created.errors);
    return false;
  }
  const cp = capacityProviderFor(cluster, service.capacityProviders, service.launchType, {
    minimumScalingStepSize: options.minimumScalingStepSize,
    maximumScalingStepSize: options.maximumScalingStepSize,
    maxSize: options.maxInstances,
  });
  if (service.capacityProviders.length > 0 && !cp)
    notes.push(
      `The service's capacity provider strategy names ${service.capacityProviders.join(', ')}, and the cluster file gives no instance type for it: no instances are added.`,
    );
  if (!cp)
    notes.push(
      'No capacity provider with managed scaling serves the service: auto scaling changes the desired count, and nothing adds instances for the tasks that do not fit.',
    );
  else if (!cp.managedScaling)
    notes.push(
      `Capacity provider ${cp.name ?? ''} has managed scaling turned off: it does not add instances.`.replace(
        '  ',
        ' ',
      ),
    );
  return { cluster, session: created.session, cp };
}

export function simulateScaling(request: ScalingRequest): ScalingResult {
  const errors: InputError[] = [];
  const notes: string[] = [];
  const warnings = resourceWarnings(request.service, request.target, policyListOf(request.policy));
  const fail = (): ScalingResult => ({
    series: [],
    events: [],
    summary: { peakDesired: 0, peakInstances: 0, secondsBelowDesired: 0, unplacedAtEnd: 0, provisioningAtEnd: 0 },
    warnings,
    notes,
    errors,
  });

  const read = prepareService(request, {
    target: request.target,
    policy: request.policy,
    alarms: request.alarms,
    load: request.load,
    options: request.options,
  });
  errors.push(...read.parseErrors);
  notes.push(...read.notes);
  const svcJson = read.serviceJson;
  const target = parseScalableTarget(request.target);
  errors.push(...target.errors);
  const policy = parseScalingPolicy(request.policy, request.alarms ?? []);
  errors.push(...policy.errors);
  const load = parseLoadProfile(request.load);
  errors.push(...load.errors);
  const duration = request.durationSeconds ?? DEFAULT_DURATION;
  if (!Number.isInteger(duration) || duration < 60 || duration > MAX_DURATION)
    errors.push(generalError('must be between 1 minute and 7 days', 'durationSeconds'));
  errors.push(...read.admissionErrors);
  if (target.target && target.target.max > MAX_DEPLOYED_TASKS)
    errors.push(
      inputError(
        'scalable target',
        `${target.target.max} is more than the simulator scales to (${MAX_DEPLOYED_TASKS.toLocaleString('en-US')}; ECS allows 5,000 tasks per service by default)`,
        'MaxCapacity',
      ),
    );
  const { task, service } = read;
  if (errors.length > 0 || !task || !service || !svcJson || !target.target || !load.profile) return fail();
  if (service.schedulingStrategy === 'DAEMON') {
    errors.push(
      inputError(
        'service',
        'a DAEMON service runs one task per instance; service auto scaling applies to REPLICA services',
        'schedulingStrategy',
      ),
    );
    return fail();
  }
  const profile = load.profile;
  errors.push(...metricErrors(profile, policy.policies, task));
  if (errors.length > 0) return fail();

  const options = request.options ?? {};
  const settings = deploymentSettings(svcJson, false);
  let placement: ReturnType<typeof setUpCluster> = {};
  if (runsOnFargate(service, task))
    notes.push('Tasks run on AWS Fargate: every task finds capacity and no instances are involved.');
  else placement = setUpCluster(request, service, task, options, errors, notes);
  if (!placement) return fail();

  const scaling = new ServiceScaling(
    {
      task,
      profile,
      policies: policy.policies,
      min: target.target.min,
      max: target.target.max,
      taskStart: options.taskStartSeconds ?? simulatorDefaults.taskStartSeconds,
      launchSeconds: options.instanceLaunchSeconds ?? simulatorDefaults.instanceLaunchSeconds,
      drain: settings.loadBalanced
        ? (options.deregistrationDelaySeconds ?? loadBalancerDefaults.deregistrationDelaySeconds)
        : 0,
      ...placement,
      notes,
    },
    service,
    request.cluster,
  );
  scaling.run(duration);
  return scaling.result(warnings, errors);
}
