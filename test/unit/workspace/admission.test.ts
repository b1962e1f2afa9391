/**
 * The admission layer against random and extreme numbers in every numeric member the deployment and
 * scaling simulators read: each run ends with a result inside the simulator's bounds, or with an error.
 * A run that does not end fails the test by its timeout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateDeployment, simulateScaling, type DynamicsOptions } from '../../../server/src/dynamics';
import { admitClusterText, admitSimulationInput } from '../../../server/src/workspace/admission';
import { namedInputErrors } from '../../../server/src/placement/inputErrors';
import { simulatorDefaults } from '../../../server/src/dynamics/defaults';
import { errorText } from '../errorText';

type Json = Record<string, unknown>;

const lb = [
  {
    targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/w/1',
    containerName: 'web',
    containerPort: 80,
  },
];

function inputs(strategy: 'ROLLING' | 'LINEAR' | 'CANARY'): Json {
  const healthCheck = { command: ['CMD', 'true'], interval: 30, timeout: 5, retries: 3, startPeriod: 0 };
  return {
    taskDefinition: {
      family: 'web',
      containerDefinitions: [
        { name: 'web', image: 'nginx', cpu: 256, memory: 512, healthCheck, portMappings: [{ containerPort: 80 }] },
      ],
    },
    service: {
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 4,
      healthCheckGracePeriodSeconds: 30,
      capacityProviderStrategy: [{ capacityProvider: 'cp', weight: 1 }],
      loadBalancers: lb,
      deploymentConfiguration: {
        strategy,
        minimumHealthyPercent: 50,
        maximumPercent: 200,
        bakeTimeInMinutes: 1,
        linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 },
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 1 },
      },
    },
    cluster: {
      capacityProvider: {
        name: 'cp',
        instanceType: 'm5.large',
        managedScaling: {
          targetCapacity: 100,
          minimumScalingStepSize: 1,
          maximumScalingStepSize: 10,
          instanceWarmupPeriod: 60,
        },
        autoScalingGroup: { maxSize: 10, minSize: 0 },
      },
      instanceGroups: [
        {
          instanceType: 'm5.large',
          count: 2,
          runningTasks: [{ group: 'service:web', count: 2, cpu: 256, memory: 512 }],
        },
      ],
    },
    target: { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 1, MaxCapacity: 10 },
    policy: [
      {
        PolicyName: 'tt',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 50,
          ScaleOutCooldown: 60,
          ScaleInCooldown: 300,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        },
      },
      {
        PolicyName: 'step',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          Cooldown: 60,
          MinAdjustmentMagnitude: 1,
          StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }],
        },
        Alarms: [
          {
            AlarmName: 'high',
            MetricName: 'CPUUtilization',
            Threshold: 70,
            ComparisonOperator: 'GreaterThanThreshold',
            Period: 60,
            EvaluationPeriods: 2,
            DatapointsToAlarm: 2,
          },
        ],
      },
    ],
    load: {
      metric: 'CPUUtilization',
      demand: [
        [0, 100],
        [600, 400],
        [1800, 50],
      ],
    },
    options: { taskStartSeconds: 30, instanceLaunchSeconds: 120, deregistrationDelaySeconds: 0, seed: 1 },
  };
}

/** Every member the simulators take a number from, as a path into the inputs above. */
const members = [
  'service.desiredCount',
  'service.healthCheckGracePeriodSeconds',
  'service.deploymentConfiguration.minimumHealthyPercent',
  'service.deploymentConfiguration.maximumPercent',
  'service.deploymentConfiguration.bakeTimeInMinutes',
  'service.deploymentConfiguration.linearConfiguration.stepPercent',
  'service.deploymentConfiguration.linearConfiguration.stepBakeTimeInMinutes',
  'service.deploymentConfiguration.canaryConfiguration.canaryPercent',
  'service.deploymentConfiguration.canaryConfiguration.canaryBakeTimeInMinutes',
  'taskDefinition.containerDefinitions.0.cpu',
  'taskDefinition.containerDefinitions.0.memory',
  'taskDefinition.containerDefinitions.0.healthCheck.interval',
  'taskDefinition.containerDefinitions.0.healthCheck.timeout',
  'taskDefinition.containerDefinitions.0.healthCheck.retries',
  'taskDefinition.containerDefinitions.0.healthCheck.startPeriod',
  'cluster.capacityProvider.managedScaling.targetCapacity',
  'cluster.capacityProvider.managedScaling.minimumScalingStepSize',
  'cluster.capacityProvider.managedScaling.maximumScalingStepSize',
  'cluster.capacityProvider.managedScaling.instanceWarmupPeriod',
  'cluster.capacityProvider.autoScalingGroup.maxSize',
  'cluster.capacityProvider.autoScalingGroup.minSize',
  'cluster.instanceGroups.0.count',
  'cluster.instanceGroups.0.runningTasks.0.count',
  'cluster.instanceGroups.0.runningTasks.0.cpu',
  'cluster.instanceGroups.0.runningTasks.0.memory',
  'target.MinCapacity',
  'target.MaxCapacity',
  'policy.0.TargetTrackingScalingPolicyConfiguration.TargetValue',
  'policy.0.TargetTrackingScalingPolicyConfiguration.ScaleOutCooldown',
  'policy.0.TargetTrackingScalingPolicyConfiguration.ScaleInCooldown',
  'policy.1.StepScalingPolicyConfiguration.Cooldown',
  'policy.1.StepScalingPolicyConfiguration.MinAdjustmentMagnitude',
  'policy.1.StepScalingPolicyConfiguration.StepAdjustments.0.ScalingAdjustment',
  'policy.1.StepScalingPolicyConfiguration.StepAdjustments.0.MetricIntervalLowerBound',
  'policy.1.Alarms.0.Threshold',
  'policy.1.Alarms.0.EvaluationPeriods',
  'policy.1.Alarms.0.DatapointsToAlarm',
  'load.demand.1.0',
  'load.demand.1.1',
  'options.taskStartSeconds',
  'options.instanceLaunchSeconds',
  'options.deregistrationDelaySeconds',
  'options.maxInstances',
  'options.minimumScalingStepSize',
  'options.maximumScalingStepSize',
  'options.seed',
  'options.healthyEvery',
];

const extremes: unknown[] = [
  0,
  -1,
  1,
  0.5,
  -0.5,
  3,
  100,
  5000,
  5001,
  10_000,
  1e8,
  1e9,
  2 ** 31,
  2 ** 53,
  1e308,
  -1e308,
  1e-300,
  '1e9',
  '100000000',
];

/** A small seeded generator, so a failure names values that can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function set(root: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = root as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

/** The simulator's bounds on a finished run: the horizon in time, ECS's limits in tasks and instances. */
function withinBounds(
  kind: string,
  result: ReturnType<typeof simulateDeployment> | ReturnType<typeof simulateScaling>,
) {
  if ('steps' in result) {
    assert.ok(result.durationSeconds <= simulatorDefaults.deploymentHorizonSeconds * 2, `${kind}: duration bounded`);
    assert.ok(result.peakTasks <= 10_000 * 2, `${kind}: tasks bounded`);
    assert.ok(result.peakInstances <= 10_000, `${kind}: instances bounded`);
  } else {
    assert.ok(result.series.length <= 7 * 24 * 60 + 1, `${kind}: one point a minute at most`);
    assert.ok(result.summary.peakDesired <= 5000, `${kind}: desired within the service limit`);
    assert.ok(result.summary.peakInstances <= 10_000, `${kind}: instances bounded`);
  }
}

test('every numeric member, extreme or random, ends in a bounded run or an error', { timeout: 600_000 }, () => {
  const next = random(18);
  let errors = 0;
  let runs = 0;
  for (const member of members) {
    const values = [...extremes, ...Array.from({ length: 3 }, () => Math.round((next() - 0.3) * 10 ** (next() * 12)))];
    for (const value of values) {
      for (const strategy of member.includes('linear')
        ? (['LINEAR'] as const)
        : member.includes('canary')
          ? (['CANARY'] as const)
          : (['ROLLING'] as const)) {
        const input = inputs(strategy);
        set(input, member, value);
        const what = `${member} = ${JSON.stringify(value)}`;
        const deploy = simulateDeployment({
          taskDefinition: input.taskDefinition,
          service: input.service,
          cluster: input.cluster,
          options: input.options as Json,
        });
        runs++;
        if (deploy.errors.length) errors++;
        else withinBounds(`deploy ${what}`, deploy);
        const scale = simulateScaling({
          taskDefinition: input.taskDefinition,
          service: input.service,
          cluster: input.cluster,
          target: input.target,
          policy: input.policy,
          load: input.load,
          durationSeconds: 3600,
          options: input.options as Json,
        });
        runs++;
        if (scale.errors.length) errors++;
        else withinBounds(`scale ${what}`, scale);
      }
    }
  }
  // Both kinds of outcome happen: the generator reaches values ECS allows and values it refuses.
  assert.ok(errors > 0 && errors < runs, `${errors} of ${runs} runs refused`);
});

test('an error names the file, the member and the limit, and never the value', () => {
  const input = inputs('LINEAR');
  set(input, 'service.deploymentConfiguration.linearConfiguration.stepPercent', 0);
  set(input, 'cluster.capacityProvider.managedScaling.minimumScalingStepSize', 123456789);
  set(input, 'cluster.instanceGroups.0.runningTasks.0.count', 98765432);
  const values = admitSimulationInput({ service: input.service, cluster: input.cluster });
  assert.deepEqual(
    values.map((e) => [e.input, e.path]),
    [
      ['service', 'deploymentConfiguration.linearConfiguration.stepPercent'],
      ['cluster', 'instanceGroups[0].runningTasks[0].count'],
      ['cluster', 'capacityProvider.managedScaling.minimumScalingStepSize'],
    ],
  );
  const errors = namedInputErrors(values, { service: 'svc.json', cluster: 'prod.cluster.json' });
  assert.deepEqual(errors, [
    'svc.json: deploymentConfiguration.linearConfiguration.stepPercent: must be from 3 to 100 (ECS LinearConfiguration: 3.0 to 100.0 percent); not simulated.',
    'prod.cluster.json: instanceGroups[0].runningTasks[0].count: must be a whole number from 0 to 5,000 (ECS runs at most 5,000 tasks per service); not simulated.',
    'prod.cluster.json: capacityProvider.managedScaling.minimumScalingStepSize: must be a whole number from 1 to 10,000 (ECS ManagedScaling: 1 to 10,000 instances); not simulated.',
  ]);
  assert.doesNotMatch(errors.join(), /123456789|98765432/);
});

test('scale refuses a desiredCount beyond the tasks of one service, as deploy does', () => {
  const input = inputs('ROLLING');
  set(input, 'service.desiredCount', 1e9);
  const result = simulateScaling({
    taskDefinition: input.taskDefinition,
    service: input.service,
    cluster: input.cluster,
    target: input.target,
    policy: input.policy,
    load: input.load,
  });
  assert.match(
    result.errors.map(errorText).join('\n'),
    /service: desiredCount: must be a whole number from 0 to 5,000/,
  );
  assert.deepEqual(result.series, []);
});

test('deploy and scale refuse the same options: a numeric string, a fraction, a value past its limit', () => {
  const input = inputs('ROLLING');
  const base = { taskDefinition: input.taskDefinition, service: input.service, cluster: input.cluster };
  for (const [given, expected] of [
    [{ taskStartSeconds: '5' }, /^options\.taskStartSeconds: must be a number/],
    [{ instanceLaunchSeconds: 1.5 }, /^options\.instanceLaunchSeconds: must be a whole number from 0 to 21,600/],
    [{ maximumScalingStepSize: 20_000 }, /^options\.maximumScalingStepSize: must be a whole number from 1 to 10,000/],
  ] as Array<[Record<string, unknown>, RegExp]>) {
    // As a client's request may send them: the types say numbers, the wire does not.
    const options = given as DynamicsOptions;
    const deployed = simulateDeployment({ ...base, options });
    const scaled = simulateScaling({ ...base, target: input.target, policy: input.policy, load: input.load, options });
    assert.match(deployed.errors.map(errorText).join('\n'), expected, 'deploy');
    assert.deepEqual(scaled.errors.map(errorText), deployed.errors.map(errorText), 'scale says the same');
  }
});

test('a cluster file is admitted by the instances it lists: 5,000 are read, more are refused by the ECS limit', () => {
  const entry = (i: number) =>
    JSON.stringify({
      containerInstanceArn: `arn:aws:ecs:us-east-1:1:container-instance/c/${i}`,
      ec2InstanceId: `i-${i}`,
      attributes: Array.from({ length: 20 }, (_, k) => ({ name: `com.amazonaws.ecs.capability.attribute-${k}` })),
    });
  const file = (n: number) => `{"containerInstances": [${Array.from({ length: n }, (_, i) => entry(i)).join(',')}]}`;
  const five = file(5000);
  assert.ok(five.length > 5 * 1024 * 1024, 'larger than the old 4 MiB limit');
  assert.equal(admitClusterText(five, 'big.json'), undefined);
  assert.match(
    admitClusterText(file(5001), 'big.json') ?? '',
    /^big\.json: lists more than 5,000 container instances \(ECS registers at most 5,000 container instances per cluster\)/,
  );
  // Bytes without instances to account for them are still bounded.
  const padded = `{"containerInstances": [${entry(1)}], "pad": "${'x'.repeat(5 * 1024 * 1024)}"}`;
  assert.match(admitClusterText(padded, 'pad.json') ?? '', /more than ECS Lens reads for 1 instances/);
});
