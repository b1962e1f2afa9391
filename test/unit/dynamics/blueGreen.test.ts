import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateDeployment } from '../../../server/src/dynamics';
import { runningCluster, service, taskDef } from './helpers';

const lb = {
  loadBalancers: [
    {
      targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/abc',
      containerName: 'app',
      containerPort: 80,
    },
  ],
};

// SDK DeploymentConfiguration.strategy / bakeTimeInMinutes: blue/green runs a full green set beside blue,
// shifts all traffic, and both run for the bake time.
test('BLUE_GREEN needs a full green set beside blue, shifts all traffic at once, and stops blue after the bake time', () => {
  const result = simulateDeployment({
    cluster: runningCluster(4, 'm5.large', 1, { cpu: 256, memory: 512 }),
    service: service({
      desiredCount: 4,
      deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 10 },
      ...lb,
    }),
    taskDefinition: taskDef(),
    options: { deregistrationDelaySeconds: 0 },
  });
  assert.equal(result.outcome, 'completed', JSON.stringify(result.reason));
  assert.equal(result.peakTasks, 8);
  assert.deepEqual(
    result.traffic?.map((s) => s.percent),
    [100],
  );
  const shiftAt = result.traffic[0].t;
  // Green is healthy after start (30 s) and the target group's five 30 s checks.
  assert.equal(shiftAt, 30 + 150);
  assert.equal(result.durationSeconds, shiftAt + 600);
});

// SDK LinearConfiguration: equal steps with a bake time between them (defaults 10% and 6 minutes).
test('LINEAR shifts traffic in equal steps with the step bake time between them', () => {
  const result = simulateDeployment({
    cluster: runningCluster(4, 'm5.large', 1, { cpu: 256, memory: 512 }),
    service: service({
      desiredCount: 4,
      deploymentConfiguration: {
        strategy: 'LINEAR',
        linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 },
      },
      ...lb,
    }),
    taskDefinition: taskDef(),
  });
  assert.equal(result.outcome, 'completed');
  assert.deepEqual(
    result.traffic!.map((s) => s.percent),
    [25, 50, 75, 100],
  );
  const t0 = result.traffic![0].t;
  assert.deepEqual(
    result.traffic!.map((s) => s.t - t0),
    [0, 120, 240, 360],
  );
});

// SDK CanaryConfiguration: a canary share first, the rest after the canary bake time (defaults 5% and 10 minutes).
test('CANARY shifts the canary share first and the rest after its bake time', () => {
  const result = simulateDeployment({
    cluster: runningCluster(4, 'm5.large', 1, { cpu: 256, memory: 512 }),
    service: service({ desiredCount: 4, deploymentConfiguration: { strategy: 'CANARY' }, ...lb }),
    taskDefinition: taskDef(),
  });
  assert.deepEqual(
    result.traffic!.map((s) => s.percent),
    [5, 100],
  );
  assert.equal(result.traffic![1].t - result.traffic![0].t, 600);
});

test('a green set that does not fit beside blue stalls and names the instances that would hold it', () => {
  const result = simulateDeployment({
    cluster: runningCluster(2, 'm5.large', 2, { cpu: 512, memory: 3072 }),
    service: service({ desiredCount: 4, deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 } }),
    taskDefinition: taskDef({ containerCpu: 512, containerMemory: 3072 }),
  });
  assert.equal(result.outcome, 'stalled');
  assert.equal(result.reason?.code, 'insufficient-memory');
  assert.ok(
    result.fixes!.some((f) => /^2 more m5\.large instances/.test(f)),
    JSON.stringify(result.fixes),
  );
  assert.ok(!result.fixes!.some((f) => /minimumHealthyPercent/.test(f)));
});
