import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateDeployment } from '../../../server/src/dynamics';
import { runningCluster, service, taskDef } from './helpers';
import { errorText } from '../errorText';

const port80 = { portMappings: [{ containerPort: 80, hostPort: 80 }] };

// Guide: deployment-type-ecs.md — the minimum healthy count is rounded up, the maximum rounded down.
test('rolling update with room for a second set starts the new tasks before it stops the old (maximumPercent 200)', () => {
  const result = simulateDeployment({
    cluster: runningCluster(4, 'm5.large', 1, { cpu: 256, memory: 512 }),
    service: service({ desiredCount: 4 }),
    taskDefinition: taskDef(),
  });
  assert.equal(result.outcome, 'completed', JSON.stringify(result.reason));
  assert.equal(result.peakTasks, 8);
  assert.equal(result.steps[0].old, 4);
  const last = result.steps[result.steps.length - 1];
  assert.deepEqual({ old: last.old, new: last.new, pending: last.pending }, { old: 0, new: 4, pending: 0 });
  // No load balancer, no health check: a new task counts 40 s after RUNNING (SDK doc of minimumHealthyPercent).
  assert.equal(result.durationSeconds, 30 + 40);
});

// Guide: deployment-type-ecs.md — "if the minimum healthy percent is 50 and the desired task count is four,
// then the scheduler can stop two existing tasks before starting two new tasks".
test('minimumHealthyPercent 50 of 4 lets the scheduler stop two old tasks first', () => {
  const result = simulateDeployment({
    cluster: runningCluster(4, 'm5.large', 1, { cpu: 256, memory: 512, hostPorts: [80] }),
    service: service({ desiredCount: 4, deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 } }),
    taskDefinition: taskDef(port80),
  });
  assert.equal(result.outcome, 'completed', JSON.stringify(result.reason));
  assert.ok(
    result.steps.some((s) => s.old === 2 && s.new === 0),
    JSON.stringify(result.steps),
  );
  assert.ok(result.steps.every((s) => s.old + s.new + s.pending <= 4));
  assert.ok(result.steps.every((s) => s.old + s.new >= 2 || s.pending > 0));
});

// Stall 1, guide: deployment-type-ecs.md — static host port, minimumHealthyPercent 100, every instance busy.
test('a static host port with minimumHealthyPercent 100 on a full cluster stalls on the port, and the fixes say how to unblock it', () => {
  const result = simulateDeployment({
    cluster: runningCluster(3, 'm5.large', 1, { cpu: 256, memory: 512, hostPorts: [80] }),
    service: service({ desiredCount: 3 }),
    taskDefinition: taskDef(port80),
  });
  assert.equal(result.outcome, 'stalled');
  assert.equal(result.reason?.code, 'port-conflict');
  assert.match(
    result.reason.message,
    /unable to place a task because no container instance met all of its requirements/,
  );
  assert.match(result.reason.message, /80\/tcp already in use on 3 instances/);
  assert.equal(result.blocked?.reasons[0].ecsReason, 'RESOURCE:PORTS');
  const fixes = result.fixes!.join('\n');
  assert.match(fixes, /minimumHealthyPercent 66 \(or lower\)/);
  assert.match(fixes, /dynamic host ports/);
  assert.match(fixes, /1 more m5\.large instance in the cluster/);
});

test('each fix of the port stall, applied, lets the deployment complete', () => {
  const clusterFile = runningCluster(3, 'm5.large', 1, { cpu: 256, memory: 512, hostPorts: [80] });
  const lowered = simulateDeployment({
    cluster: clusterFile,
    service: service({ desiredCount: 3, deploymentConfiguration: { minimumHealthyPercent: 66 } }),
    taskDefinition: taskDef(port80),
  });
  assert.equal(lowered.outcome, 'completed');
  const dynamic = simulateDeployment({
    cluster: clusterFile,
    service: service({ desiredCount: 3 }),
    taskDefinition: taskDef({ portMappings: [{ containerPort: 80, hostPort: 0 }] }),
  });
  assert.equal(dynamic.outcome, 'completed');
  const bigger = simulateDeployment({
    cluster: {
      name: 'test',
      instanceGroups: [{ ...(clusterFile.instanceGroups as object[])[0] }, { instanceType: 'm5.large', count: 1 }],
    },
    service: service({ desiredCount: 3 }),
    taskDefinition: taskDef(port80),
  });
  assert.equal(bigger.outcome, 'completed');
});

// Stall 2, guide: deployment-type-ecs.md — "ensure that the scheduler can stop or start at least one task".
test('maximumPercent 100 with minimumHealthyPercent 100 can neither stop nor start a task', () => {
  const result = simulateDeployment({
    cluster: runningCluster(4, 'm5.large', 1, { cpu: 256, memory: 512 }),
    service: service({ desiredCount: 4, deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 100 } }),
    taskDefinition: taskDef(),
  });
  assert.equal(result.outcome, 'stalled');
  assert.equal(result.reason?.code, 'deployment-configuration');
  assert.match(
    result.reason.message,
    /unable to stop or start tasks during a deployment because of the service deployment configuration/,
  );
  const fixes = result.fixes!.join('\n');
  assert.match(fixes, /minimumHealthyPercent 75 \(or lower\)/);
  assert.match(fixes, /maximumPercent 125 \(or higher\)/);
  const fixed = simulateDeployment({
    cluster: runningCluster(4, 'm5.large', 1, { cpu: 256, memory: 512 }),
    service: service({ desiredCount: 4, deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 125 } }),
    taskDefinition: taskDef(),
  });
  assert.equal(fixed.outcome, 'completed');
  assert.ok(fixed.peakTasks <= 5);
});

// Guide: deployment-type-ecs.md — "if the maximum percent is 125 and the desired task count is three, the scheduler can't start any tasks".
test('maximumPercent 125 of 3 rounds down to 3, so with minimumHealthyPercent 100 nothing moves', () => {
  const result = simulateDeployment({
    cluster: runningCluster(3, 'm5.large', 1, { cpu: 256, memory: 512 }),
    service: service({ desiredCount: 3, deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 125 } }),
    taskDefinition: taskDef(),
  });
  assert.equal(result.reason?.code, 'deployment-configuration');
});

// Stall 3, guide: task-placement-constraints (distinctInstance) with deployment-type-ecs.md — old and new tasks share the service's task group.
test('distinctInstance without a spare instance stalls, and a spare instance or a lower minimum unblocks it', () => {
  const svc = service({ desiredCount: 3, placementConstraints: [{ type: 'distinctInstance' }] });
  const result = simulateDeployment({
    cluster: runningCluster(3, 'm5.large', 1, { cpu: 256, memory: 512 }),
    service: svc,
    taskDefinition: taskDef(),
  });
  assert.equal(result.outcome, 'stalled');
  assert.equal(result.reason?.code, 'distinct-instance');
  assert.match(result.reason.message, /excluded by distinctInstance/);
  const fixes = result.fixes!.join('\n');
  assert.match(fixes, /minimumHealthyPercent 66/);
  assert.match(fixes, /1 more m5\.large instance/);
  const spare = simulateDeployment({
    cluster: runningCluster(3, 'm5.large', 1, { cpu: 256, memory: 512 }, {}),
    service: svc,
    taskDefinition: taskDef(),
  });
  assert.equal(spare.outcome, 'stalled');
  const withSpare = runningCluster(3, 'm5.large', 1, { cpu: 256, memory: 512 });
  (withSpare.instanceGroups as object[]).push({ instanceType: 'm5.large', count: 1 });
  assert.equal(
    simulateDeployment({ cluster: withSpare, service: svc, taskDefinition: taskDef() }).outcome,
    'completed',
  );
});

// Guide: memory, with old and new tasks side by side (deployment-type-ecs.md, maximumPercent needs the room).
test('memory for the second set: a full cluster stalls on memory and names the instances short of it', () => {
  const result = simulateDeployment({
    cluster: runningCluster(2, 'm5.large', 2, { cpu: 512, memory: 3072 }),
    service: service({ desiredCount: 4 }),
    taskDefinition: taskDef({ containerCpu: 512, containerMemory: 3072 }),
  });
  assert.equal(result.outcome, 'stalled');
  assert.equal(result.reason?.code, 'insufficient-memory');
  assert.ok(result.fixes!.some((f) => /minimumHealthyPercent/.test(f)));
});

// Guide: Elastic Load Balancing deregistration delay (300 s default) with deployment-type-ecs.md.
test('behind a load balancer old tasks hold their port for the deregistration delay', () => {
  const lb = {
    loadBalancers: [
      {
        targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/abc',
        containerName: 'app',
        containerPort: 80,
      },
    ],
  };
  const input = {
    cluster: runningCluster(2, 'm5.large', 1, { cpu: 256, memory: 512, hostPorts: [80] }),
    service: service({ desiredCount: 2, deploymentConfiguration: { minimumHealthyPercent: 50 }, ...lb }),
    taskDefinition: taskDef(port80),
  };
  const slow = simulateDeployment(input);
  assert.equal(slow.outcome, 'completed');
  const fast = simulateDeployment({ ...input, options: { deregistrationDelaySeconds: 30 } });
  assert.equal(fast.outcome, 'completed');
  assert.ok(
    slow.durationSeconds - fast.durationSeconds >= 2 * 270,
    `${slow.durationSeconds} vs ${fast.durationSeconds}`,
  );
  assert.ok(slow.events.some((e) => /300 s deregistration delay/.test(e.message)));
});

// SDK ThresholdType.BOUNDED_PERCENT doc comment; API reference ServiceDeploymentCircuitBreaker.threshold:
// 0.5 × desired, at least 3, at most 200. With 4 desired the breaker trips at 3 failed tasks.
test('new tasks failing their health checks trip the circuit breaker at its threshold and roll back', () => {
  const result = simulateDeployment({
    cluster: runningCluster(4, 'm5.large', 1, { cpu: 256, memory: 512 }),
    service: service({
      desiredCount: 4,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    }),
    taskDefinition: taskDef(),
    options: { failHealthChecks: true },
  });
  assert.equal(result.outcome, 'rolled-back');
  assert.equal(result.reason?.code, 'circuit-breaker');
  // Four tasks fail together, so the first batch passes the threshold of 3.
  const failed = result.events.filter((e) => /failed its health checks/.test(e.message));
  assert.equal(failed.length, 4);
  assert.match(failed[0].message, /failure 1 of 3 /);
  const noBreaker = simulateDeployment({
    cluster: runningCluster(4, 'm5.large', 1, { cpu: 256, memory: 512 }),
    service: service({ desiredCount: 4 }),
    taskDefinition: taskDef(),
    options: { failHealthChecks: true },
  });
  assert.equal(noBreaker.outcome, 'stalled');
  assert.equal(noBreaker.reason?.code, 'health-checks-failing');
});

// SDK DeploymentCircuitBreaker.resetOnHealthyTask doc comment (API reference ServiceDeploymentCircuitBreaker):
// when true (the default), a new task that turns healthy resets the breaker's failure count. With every second
// new task failing, the count never reaches the threshold of 3 with the reset, and does without it.
test('resetOnHealthyTask: a healthy new task resets the failure count; without it intermittent failures trip the breaker', () => {
  const deploy = (resetOnHealthyTask?: boolean) =>
    simulateDeployment({
      cluster: runningCluster(4, 'm5.large', 1, { cpu: 256, memory: 512 }),
      service: service({
        desiredCount: 4,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true, resetOnHealthyTask } },
      }),
      taskDefinition: taskDef(),
      options: { failHealthChecks: true, healthyEvery: 2 },
    });
  for (const result of [deploy(true), deploy(undefined)]) {
    assert.equal(result.outcome, 'completed', JSON.stringify(result.reason));
    const failed = result.events.filter((e) => /failed its health checks/.test(e.message));
    assert.ok(failed.length >= 2, `${failed.length} failed`);
    assert.ok(
      failed.every((e) => /failure 1 of 3 /.test(e.message)),
      failed.map((e) => e.message).join('\n'),
    );
    assert.ok(result.events.some((e) => /resets its failure count \(resetOnHealthyTask\)/.test(e.message)));
  }
  const kept = deploy(false);
  assert.equal(kept.outcome, 'rolled-back');
  assert.equal(kept.reason?.code, 'circuit-breaker');
  assert.ok(kept.events.some((e) => /failure 3 of 3 /.test(e.message)));
  assert.equal(
    kept.events.some((e) => /resets its failure count/.test(e.message)),
    false,
  );
});

// SDK ThresholdConfiguration and ThresholdType doc comments: COUNT is the threshold itself; UNBOUNDED_PERCENT is
// value % of the desired count without the 3..200 clamp; BOUNDED_PERCENT is clamped.
test('thresholdConfiguration sets the circuit breaker threshold (COUNT, BOUNDED_PERCENT, UNBOUNDED_PERCENT)', () => {
  const thresholdOf = (desiredCount: number, thresholdConfiguration?: Record<string, unknown>): string => {
    const result = simulateDeployment({
      cluster: runningCluster(desiredCount, 'm5.large', 1, { cpu: 256, memory: 512 }),
      service: service({
        desiredCount,
        deploymentConfiguration: {
          deploymentCircuitBreaker: { enable: true, rollback: true, thresholdConfiguration },
        },
      }),
      taskDefinition: taskDef(),
      options: { failHealthChecks: true },
    });
    const first = result.events.find((e) => /failed its health checks/.test(e.message));
    return /failure 1 of (\d+) /.exec(first?.message ?? '')?.[1] ?? 'none';
  };
  assert.equal(thresholdOf(4, { type: 'COUNT', value: 7 }), '7');
  assert.equal(thresholdOf(4), '3');
  assert.equal(thresholdOf(40), '20');
  assert.equal(thresholdOf(40, { type: 'BOUNDED_PERCENT', value: 5 }), '3');
  assert.equal(thresholdOf(40, { type: 'UNBOUNDED_PERCENT', value: 5 }), '2');
});

test('a task definition that fits no instance rolls back once the circuit breaker counts its threshold of failed launches', () => {
  const result = simulateDeployment({
    cluster: runningCluster(2, 'm5.large', 1, { cpu: 256, memory: 512 }),
    service: service({
      desiredCount: 2,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    }),
    taskDefinition: taskDef({ containerMemory: 65536 }),
  });
  assert.equal(result.outcome, 'rolled-back');
  assert.match(result.reason!.message, /insufficient memory/);
});

// Guide: cluster-auto-scaling.md — tasks that cannot be placed with a capacity provider make managed scaling launch instances.
test('a capacity provider with managed scaling adds instances mid-deployment so a blocked rolling update completes', () => {
  const clusterFile = runningCluster(
    2,
    'm5.large',
    1,
    { cpu: 256, memory: 512, hostPorts: [80] },
    { capacityProvider: { instanceType: 'm5.large', targetCapacity: 100 } },
    ['us-east-1a'],
  );
  const result = simulateDeployment({
    cluster: clusterFile,
    service: service({ desiredCount: 2, capacityProviderStrategy: [{ capacityProvider: 'cp', weight: 1 }] }),
    taskDefinition: taskDef(port80),
  });
  assert.equal(result.outcome, 'completed', JSON.stringify(result.reason));
  assert.equal(result.peakInstances, 4);
  assert.ok(
    result.events.some((e) => /capacity provider launches 2 m5\.large instances/.test(e.message)),
    JSON.stringify(result.events),
  );
  const capped = simulateDeployment({
    cluster: clusterFile,
    service: service({ desiredCount: 2, capacityProviderStrategy: [{ capacityProvider: 'cp' }] }),
    taskDefinition: taskDef(port80),
    options: { maxInstances: 2 },
  });
  assert.equal(capped.outcome, 'stalled');
  assert.match(capped.reason!.message, /maximum size \(2 instances\)/);
});

// SDK DeploymentConfiguration: a DAEMON service defaults to minimumHealthyPercent 0 and maximumPercent 100.
test('a DAEMON service replaces its task instance by instance', () => {
  const result = simulateDeployment({
    cluster: runningCluster(3, 'm5.large', 1, { cpu: 128, memory: 256, hostPorts: [9100] }),
    service: service({ schedulingStrategy: 'DAEMON', desiredCount: undefined }),
    taskDefinition: taskDef({
      containerCpu: 128,
      containerMemory: 256,
      portMappings: [{ containerPort: 9100, hostPort: 9100 }],
    }),
  });
  assert.equal(result.mode, 'daemon');
  assert.equal(result.outcome, 'completed', JSON.stringify(result.reason));
  assert.equal(result.desiredCount, 3);
  assert.deepEqual(
    result.placements.map((p) => p.tasks),
    [1, 1, 1],
  );
});

test('without the running tasks in the cluster file the current revision is placed first and named in a note', () => {
  const result = simulateDeployment({
    cluster: runningCluster(2, 'm5.large', 0, { cpu: 256, memory: 512 }),
    service: service({ desiredCount: 2 }),
    taskDefinition: taskDef(),
  });
  assert.equal(result.outcome, 'completed');
  assert.ok(result.notes.some((n) => /lists no running tasks of service:web/.test(n)));
});

test('bad input is an error, not a crash', () => {
  const result = simulateDeployment({ cluster: 7, service: 'x', taskDefinition: null });
  assert.ok(result.errors.length > 0);
  const bad = simulateDeployment({
    cluster: runningCluster(1, 'm5.large', 1, { cpu: 1, memory: 1 }),
    service: service({ deploymentConfiguration: { minimumHealthyPercent: 'lots' } }),
    taskDefinition: taskDef(),
  });
  assert.match(
    bad.errors.map(errorText).join(),
    /deploymentConfiguration\.minimumHealthyPercent: must be a whole number/,
  );
});

test('a cluster file too large to expand, or a desired count beyond what is simulated, is an input error', () => {
  const ports = Array.from({ length: 100 }, (_, p) => 1000 + p);
  const huge = {
    instanceGroups: [
      {
        instanceType: 'm5.large',
        count: 5000,
        runningTasks: Array.from({ length: 400 }, () => ({
          group: 'service:web',
          cpu: 1,
          memory: 1,
          hostPorts: ports,
        })),
      },
    ],
  };
  assert.match(
    simulateDeployment({
      cluster: huge,
      service: service({ desiredCount: 2 }),
      taskDefinition: taskDef(),
    })
      .errors.map(errorText)
      .join(),
    /more than 1,000,000 instances × running tasks and host ports/,
  );
  assert.match(
    simulateDeployment({
      cluster: runningCluster(1, 'm5.large', 0, { cpu: 1, memory: 1 }),
      service: service({ desiredCount: 1_000_000 }),
      taskDefinition: taskDef(),
    })
      .errors.map(errorText)
      .join(),
    /desiredCount: 1000000 is more than the simulator deploys/,
  );
});
