import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateScaling } from '../../../server/src/dynamics';
import type { ScalingRequest } from '../../../server/src/dynamics';
import { cpu50, runningCluster, service, taskDef } from './helpers';
import { errorText } from '../errorText';

const oneVcpu = taskDef({ containerCpu: 1024, containerMemory: 1024 });
const target = {
  ServiceNamespace: 'ecs',
  ResourceId: 'service/test/web',
  ScalableDimension: 'ecs:service:DesiredCount',
  MinCapacity: 1,
  MaxCapacity: 20,
};
/** One vCPU busy, then four from minute 10, then one again from minute 40. */
const burst = {
  metric: 'CPUUtilization',
  demand: [
    [0, 1024],
    [600, 4096],
    [2400, 1024],
  ],
};

function request(extra: Partial<ScalingRequest> = {}): ScalingRequest {
  return {
    cluster: runningCluster(2, 'm5.large', 1, { cpu: 1024, memory: 1024 }),
    service: service({ desiredCount: 2 }),
    taskDefinition: oneVcpu,
    target,
    policy: cpu50,
    load: burst,
    durationSeconds: 3600,
    ...extra,
  };
}

// Application Auto Scaling, target tracking: the scale-out alarm needs 3 one-minute datapoints above the target;
// CloudWatch, "Evaluating an alarm": a datapoint is a complete period, so the load that rises at 10:00 makes its
// datapoints at 11:00, 12:00 and 13:00 (the minute in progress is not one).
test('target tracking scales out after three complete minutes above the target, to the count that brings the metric to it', () => {
  const result = simulateScaling(request());
  assert.deepEqual(result.errors, []);
  const at = (t: number) => result.series.find((p) => p.t === t)!;
  assert.equal(at(720).desired, 2);
  assert.equal(at(780).desired, 8);
  assert.equal(at(600).utilization, 200);
  assert.ok(
    result.events.some((e) => e.t === 780 && /scale-out alarm: desired 2 → 8/.test(e.message)),
    JSON.stringify(result.events),
  );
});

// Developer guide, cluster-auto-scaling.md: service auto scaling is not cluster auto scaling.
test('without a capacity provider the service scales its tasks and the cluster does not grow', () => {
  const result = simulateScaling(request());
  assert.ok(result.series.every((p) => p.instances === 2));
  assert.equal(result.summary.peakDesired, 8);
  const peak = result.series.find((p) => p.t === 1800)!;
  assert.equal(peak.running, 4);
  assert.equal(peak.provisioning, 0);
  assert.equal(peak.capacityProviderReservation, null);
  assert.ok(
    result.events.some((e) => /4 tasks not started: insufficient CPU on 2 instances/.test(e.message)),
    JSON.stringify(result.events),
  );
  assert.ok(result.summary.secondsBelowDesired >= 1500);
  assert.ok(result.notes.some((n) => /nothing adds instances/.test(n)));
});

// Developer guide, managed-scaling-behavior.md: PROVISIONING tasks raise CapacityProviderReservation above the target and
// managed scaling launches instances (a group in one zone: the binpacked need); the next scale-out waits for the warm-up.
test('with a capacity provider the waiting tasks are PROVISIONING, the reservation passes the target and instances are launched', () => {
  const result = simulateScaling(
    request({
      cluster: runningCluster(
        2,
        'm5.large',
        1,
        { cpu: 1024, memory: 1024 },
        { capacityProvider: { instanceType: 'm5.large', targetCapacity: 100 } },
        ['us-east-1a'],
      ),
      service: service({ desiredCount: 2, capacityProviderStrategy: [{ capacityProvider: 'cp', weight: 1 }] }),
    }),
  );
  assert.deepEqual(result.errors, []);
  const at780 = result.series.find((p) => p.t === 780)!;
  assert.equal(at780.provisioning, 4);
  assert.equal(at780.capacityProviderReservation, 200);
  // One full minute of the metric above the target, then the launch (managed-scaling-behavior.md).
  assert.deepEqual(result.launches, [{ t: 840, instances: 2 }]);
  assert.ok(
    result.events.some((e) => e.t === 840 && /launches 2 m5\.large instances/.test(e.message)),
    JSON.stringify(result.events),
  );
  // Launch (120 s) then task start (30 s): all eight run by 17 minutes.
  const at1020 = result.series.find((p) => p.t === 1020)!;
  assert.equal(at1020.running, 8);
  assert.equal(at1020.instances, 4);
  assert.equal(result.summary.provisioningAtEnd, 0);
});

// Application Auto Scaling, target tracking: 15 datapoints below the target to scale in, then the scale-in cooldown.
test('target tracking scales in after fifteen datapoints below the target, then waits out the cooldown', () => {
  const result = simulateScaling(request({ durationSeconds: 7200 }));
  const scaleIns = result.events.filter((e) => /scale-in alarm/.test(e.message));
  assert.ok(scaleIns.length >= 1, JSON.stringify(result.events));
  // The load drops at 40:00; the fifteenth complete minute below 50% ends at 55:00.
  assert.equal(scaleIns[0].t, 2400 + 15 * 60);
  assert.match(scaleIns[0].message, /desired 8 → 2/);
  for (let i = 1; i < scaleIns.length; i++) assert.ok(scaleIns[i].t - scaleIns[i - 1].t >= 300);
});

test('MaxCapacity caps a scale-out and MinCapacity a scale-in', () => {
  const result = simulateScaling(
    request({ target: { ...target, MinCapacity: 3, MaxCapacity: 5 }, durationSeconds: 7200 }),
  );
  assert.equal(result.summary.peakDesired, 5);
  assert.ok(result.series.every((p) => p.t < 780 || p.desired >= 3));
});

// Application Auto Scaling, step scaling: the alarm's datapoints, the step for the breach size, the cooldown.
test('step scaling acts when its alarm is in ALARM, by the step the breach falls in, then waits for the cooldown', () => {
  const policy = {
    PolicyName: 'steps',
    PolicyType: 'StepScaling',
    StepScalingPolicyConfiguration: {
      AdjustmentType: 'ChangeInCapacity',
      Cooldown: 300,
      StepAdjustments: [
        { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 50, ScalingAdjustment: 1 },
        { MetricIntervalLowerBound: 50, ScalingAdjustment: 3 },
      ],
    },
    Alarms: [
      {
        AlarmName: 'cpu-high',
        MetricName: 'CPUUtilization',
        Threshold: 70,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 2,
        Period: 60,
      },
    ],
  };
  const result = simulateScaling(
    request({
      policy,
      cluster: runningCluster(4, 'm5.large', 1, { cpu: 1024, memory: 1024 }),
      service: service({ desiredCount: 2 }),
      durationSeconds: 1800,
    }),
  );
  assert.deepEqual(result.errors, []);
  const outs = result.events.filter((e) => /scale-out alarm/.test(e.message));
  // 200% in the minutes that end at 11:00 and 12:00: two datapoints; the breach is 130 above 70, the second
  // step: +3 on 2 running.
  assert.equal(outs[0].t, 720);
  assert.match(outs[0].message, /desired 2 → 5/);
  assert.ok(outs.length < 2 || outs[1].t >= 720 + 300);
});

test('a step scaling policy without an alarm, and a load profile for another metric, are input errors', () => {
  const noAlarm = simulateScaling(
    request({
      policy: {
        PolicyName: 'x',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          StepAdjustments: [{ ScalingAdjustment: 1 }],
        },
      },
    }),
  );
  assert.match(noAlarm.errors.map(errorText).join(), /acts on an alarm/);
  const mismatch = simulateScaling(request({ load: { metric: 'MemoryUtilization', demand: [[0, 1]] } }));
  assert.match(
    mismatch.errors.map(errorText).join(),
    /tracks ECSServiceAverageCPUUtilization, but the load profile gives MemoryUtilization/,
  );
  const badLoad = simulateScaling(
    request({
      load: {
        metric: 'CPUUtilization',
        demand: [
          [60, 1],
          [30, 2],
        ],
      },
    }),
  );
  assert.match(badLoad.errors.map(errorText).join(), /demand\[1\]: must come after the point before it in time/);
  const badTarget = simulateScaling(request({ target: { MinCapacity: 5, MaxCapacity: 2 } }));
  assert.match(badTarget.errors.map(errorText).join(), /MinCapacity: must be at most MaxCapacity/);
});

// Developer guide, cluster-auto-scaling.md: 15 datapoints below the target before the group scales in; with managed
// termination protection only instances without tasks are terminated.
test('managed scaling scales in empty instances after fifteen minutes below the target', () => {
  const result = simulateScaling(
    request({
      cluster: runningCluster(
        2,
        'm5.large',
        1,
        { cpu: 1024, memory: 1024 },
        {
          capacityProvider: { instanceType: 'm5.large', targetCapacity: 100, managedTerminationProtection: 'ENABLED' },
        },
      ),
      service: service({ desiredCount: 2, capacityProviderStrategy: [{ capacityProvider: 'cp' }] }),
      durationSeconds: 3 * 3600,
    }),
  );
  const end = result.series[result.series.length - 1];
  assert.equal(result.summary.peakInstances, 4);
  assert.ok(end.instances < 4, JSON.stringify(end));
  assert.ok(
    result.events.some((e) => /terminates/.test(e.message) && !/stopping/.test(e.message)),
    JSON.stringify(result.events),
  );
});

// Developer guide, cluster-auto-scaling.md, "Scale-in considerations": once scale-in has started, the group's desired
// capacity falls every minute (by at most half the group here) while the reservation stays below the target.
test('managed scale-in goes on every minute once it has started, at most half the group at a time', () => {
  const result = simulateScaling(
    request({
      cluster: {
        name: 'test',
        instanceGroups: [
          {
            instanceType: 'm5.large',
            count: 2,
            availabilityZones: ['us-east-1a', 'us-east-1b'],
            runningTasks: [{ group: 'service:web', count: 1, cpu: 1024, memory: 1024, hostPorts: [] }],
          },
          { instanceType: 'm5.large', count: 10, availabilityZones: ['us-east-1a', 'us-east-1b'] },
        ],
        capacityProvider: { instanceType: 'm5.large', targetCapacity: 100, managedTerminationProtection: 'ENABLED' },
      },
      service: service({ desiredCount: 2, capacityProviderStrategy: [{ capacityProvider: 'cp' }] }),
      load: { metric: 'CPUUtilization', demand: [[0, 0.5]] },
      durationSeconds: 3600,
    }),
  );
  assert.deepEqual(result.errors, []);
  const scaleIns = result.events.filter((e) => /the group terminates/.test(e.message));
  assert.deepEqual(
    scaleIns.map((e) => Number(/terminates (\d+) instance/.exec(e.message)?.[1])),
    [6, 3, 1, 1],
    JSON.stringify(scaleIns),
  );
  assert.deepEqual(
    scaleIns.map((e) => e.t - scaleIns[0].t),
    [0, 60, 120, 180],
  );
  assert.match(scaleIns[0].message, /for 15 minutes/);
});

// CloudWatch, "Evaluating an alarm": a datapoint is the mean of a complete period. A load that rises at 10:30
// makes the minute 10:00-11:00 half high; it counts as one datapoint when it ends, not as a whole minute at 10:30.
test('a load step inside a minute is averaged into that minute, which counts only once it is complete', () => {
  const result = simulateScaling(
    request({
      load: {
        metric: 'CPUUtilization',
        demand: [
          [0, 1024],
          [630, 4096],
        ],
      },
    }),
  );
  const out = result.events.find((e) => /scale-out alarm/.test(e.message));
  // Minutes ending 11:00 (mean 125%), 12:00 and 13:00 are above 50%: the third complete one ends at 13:00.
  assert.equal(out?.t, 780, JSON.stringify(result.events));
  assert.match(out.message, /3 complete minutes/);
});
