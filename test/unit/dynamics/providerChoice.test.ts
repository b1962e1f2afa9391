/**
 * The capacity provider behind the placement estimate is the one `deploy` and `scale` launch instances through
 * (placement/capacityProviders.ts `launchGroup`, cluster-capacity-providers.html).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCluster, simulate } from '../../../server/src/placement';
import { simulateDeployment, simulateScaling } from '../../../server/src/dynamics';
import { deploymentEndState } from '../../../server/src/dynamics/deployment';
import { capacityProviderFor } from '../../../server/src/dynamics/serviceInputs';
import { service, taskDef } from '../placement/helpers';
import { cpu50 } from './helpers';

const twoProviders = {
  capacityProviders: [
    { name: 'on-demand', instanceType: 'm5.large' },
    { name: 'spot', instanceType: 'c5.large' },
  ],
  instanceGroups: [
    { instanceType: 'm5.large', count: 1, capacityProvider: 'on-demand' },
    { instanceType: 'c5.large', count: 1, capacityProvider: 'spot' },
  ],
};
const oneProvider = {
  capacityProvider: { instanceType: 'c5.xlarge' },
  instanceGroups: [{ instanceType: 'm5.large', count: 1 }],
};

const scenarios: Array<{ what: string; cluster: Record<string, unknown>; strategy?: unknown[]; expected: string }> = [
  {
    what: 'a strategy naming a provider',
    cluster: twoProviders,
    strategy: [{ capacityProvider: 'spot', weight: 1 }],
    expected: 'spot',
  },
  { what: 'no strategy, a cluster-level capacityProvider', cluster: oneProvider, expected: 'c5.xlarge' },
  {
    what: "no strategy, the cluster's default strategy",
    cluster: { ...twoProviders, defaultCapacityProviderStrategy: [{ capacityProvider: 'spot', weight: 1 }] },
    expected: 'spot',
  },
];

test('the estimate, deploy and scale pick the same capacity provider', () => {
  const task = taskDef({ cpu: 1024, memory: 1024 });
  for (const { what, cluster, strategy, expected } of scenarios) {
    const svc = service({ desiredCount: 8, ...(strategy ? { capacityProviderStrategy: strategy } : {}) });
    const estimate = simulate({ taskDefinition: task, cluster, service: svc }).scaleOut;
    assert.ok(estimate, what);
    // deploy and scale read the provider through capacityProviderFor, with the names the service's strategy lists.
    const names = (strategy ?? []).map((s) => (s as { capacityProvider: string }).capacityProvider);
    const chosen = capacityProviderFor(parseCluster(cluster), names, undefined, {});
    assert.ok(chosen, what);
    assert.deepEqual([chosen.name, chosen.instanceType], [estimate.capacityProvider, estimate.instanceType], what);
    assert.ok([estimate.capacityProvider, estimate.instanceType].includes(expected), what);
    const deployed = simulateDeployment({ taskDefinition: task, cluster, service: svc });
    assert.ok(
      deployed.events.some((e) => e.message.includes(`launches`) && e.message.includes(estimate.instanceType)),
      `${what}: ${JSON.stringify(deployed.events.map((e) => e.message))}`,
    );
  }
});

// cluster-capacity-providers.html: a strategy holds Fargate providers or Auto Scaling group providers, not both.
test('a strategy naming FARGATE and an Auto Scaling group provider is refused alike by the estimate, deploy and scale', () => {
  const task = taskDef({ cpu: 1024, memory: 1024 });
  const svc = service({
    desiredCount: 8,
    capacityProviderStrategy: [
      { capacityProvider: 'FARGATE', weight: 1 },
      { capacityProvider: 'spot', weight: 1 },
    ],
  });
  const paths = (errors: Array<{ input?: string; path?: string }>) => errors.map((e) => `${e.input}|${e.path}`);
  const expected = ['service|capacityProviderStrategy'];
  assert.deepEqual(paths(simulate({ taskDefinition: task, cluster: twoProviders, service: svc }).errors), expected);
  assert.deepEqual(
    paths(simulateDeployment({ taskDefinition: task, cluster: twoProviders, service: svc }).errors),
    expected,
  );
  assert.deepEqual(
    paths(
      simulateScaling({
        taskDefinition: task,
        cluster: twoProviders,
        service: svc,
        target: { MinCapacity: 1, MaxCapacity: 10 },
        policy: cpu50,
        load: { metric: 'CPUUtilization', demand: [[0, 1]] },
      }).errors,
    ),
    expected,
  );
});

// cluster-capacity-providers.html: a provider's tasks run on its own group's instances only, in deploy as in the estimate.
test("deploy places a provider's tasks on its own instances only, and launches instances of that provider", () => {
  const task = taskDef({ cpu: 1024, memory: 1024 });
  const svc = service({ desiredCount: 2, capacityProviderStrategy: [{ capacityProvider: 'spot', weight: 1 }] });
  const result = deploymentEndState({ taskDefinition: task, cluster: twoProviders, service: svc });
  const used = result.instances.filter((i) => i.newTasks > 0).map((i) => i.instance);
  assert.ok(used.length > 0);
  assert.ok(
    used.every((i) => i.capacityProvider === 'spot'),
    JSON.stringify(used.map((i) => [i.id, i.capacityProvider])),
  );
});

// A DAEMON service runs one task on every instance, whichever provider's group it is in, as the estimate places it.
test("a DAEMON deployment replaces the task on every instance, whatever the cluster's default strategy", () => {
  const task = taskDef({ cpu: 256, memory: 256 });
  const cluster = { ...twoProviders, defaultCapacityProviderStrategy: [{ capacityProvider: 'spot', weight: 1 }] };
  const result = deploymentEndState({
    taskDefinition: task,
    cluster,
    service: service({ schedulingStrategy: 'DAEMON' }),
  });
  assert.deepEqual(
    result.instances.map((i) => [i.instance.capacityProvider, i.newTasks]),
    [
      ['on-demand', 1],
      ['spot', 1],
    ],
  );
});

// cluster-capacity-providers.html: managed scaling reads and changes its own Auto Scaling group only; the other
// provider's empty instances neither lower its reservation nor are terminated by its scale-in.
test("a provider's managed scaling counts and scales in its own group only", () => {
  const task = taskDef({ cpu: 1024, memory: 1024 });
  const cluster = {
    capacityProviders: [
      { name: 'on-demand', instanceType: 'm5.large' },
      { name: 'spot', instanceType: 'c5.large', targetCapacity: 100 },
    ],
    instanceGroups: [
      { instanceType: 'm5.large', count: 4, capacityProvider: 'on-demand' },
      {
        instanceType: 'c5.large',
        count: 1,
        capacityProvider: 'spot',
        runningTasks: [{ group: 'service:web', count: 1, cpu: 1024, memory: 1024 }],
      },
    ],
  };
  const result = simulateScaling({
    taskDefinition: task,
    cluster,
    service: service({ desiredCount: 1, capacityProviderStrategy: [{ capacityProvider: 'spot', weight: 1 }] }),
    target: { MinCapacity: 1, MaxCapacity: 1 },
    policy: cpu50,
    load: { metric: 'CPUUtilization', demand: [[0, 500]] },
    durationSeconds: 3600,
  });
  assert.deepEqual(result.errors, []);
  assert.ok(!result.events.some((e) => /terminates/.test(e.message)), JSON.stringify(result.events));
  assert.equal(result.series[result.series.length - 1].capacityProviderReservation, 100);
  assert.equal(result.series[result.series.length - 1].instances, 5);
});
