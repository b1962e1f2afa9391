/**
 * The capacity provider behind the placement estimate is the one `deploy` and `scale` launch instances through
 * (placement/capacityProviders.ts `launchGroup`, cluster-capacity-providers.html).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCluster, simulate } from '../../../server/src/placement';
import { simulateDeployment } from '../../../server/src/dynamics';
import { capacityProviderFor } from '../../../server/src/dynamics/serviceInputs';
import { service, taskDef } from '../placement/helpers';

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
  {
    what: 'a strategy naming FARGATE and a provider',
    cluster: twoProviders,
    strategy: [
      { capacityProvider: 'FARGATE', weight: 1 },
      { capacityProvider: 'spot', weight: 1 },
    ],
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
