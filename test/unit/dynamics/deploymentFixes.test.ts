import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findFixes, type Overrides, type StalledDeployment } from '../../../server/src/dynamics/deploymentFixes';
import { simulateDeployment } from '../../../server/src/dynamics';
import { PlacementSession } from '../../../server/src/placement/session';
import { runningCluster, service, taskDef } from './helpers';

function stalledOn(desiredCount: number): StalledDeployment {
  return {
    strategy: 'ROLLING',
    result: {
      desiredCount,
      minimumHealthyPercent: 100,
      maximumPercent: 100,
      reason: { code: 'port-conflict', message: '' },
    },
    task: { cpu: 256, memory: 512, tcpPorts: [8080], udpPorts: [], networkMode: 'bridge', gpus: 0 } as never,
    fargate: false,
    instanceType: 'm5.large',
  };
}

test('the fix search runs each distinct setting once: minimums that round to the same percent are one run', () => {
  const d = 5000;
  const tried: string[] = [];
  // A deployment that finishes when at least one task may stop first (99%), with 17 more instances, or with dynamic ports.
  const fixes = findFixes(stalledOn(d), (o: Overrides) => {
    tried.push(JSON.stringify(o));
    if (o.minimumHealthyPercent !== undefined) return o.minimumHealthyPercent <= 99;
    if (o.extraInstances !== undefined) return o.extraInstances >= 17;
    return true;
  });
  assert.equal(new Set(tried).size, tried.length, `a setting ran twice: ${tried.join(' ')}`);
  // Whole percents between 0 and 99 are found by halving: no more runs than halvings of 100.
  const minimumRuns = tried.filter((k) => k.includes('minimumHealthyPercent')).length;
  assert.ok(minimumRuns <= Math.ceil(Math.log2(100)) + 1, `${minimumRuns} runs for the minimum`);
  assert.deepEqual(fixes, [
    'minimumHealthyPercent 99 (or lower): ECS may stop 1 old task before the new ones start, freeing their room',
    'maximumPercent 101 (or higher): ECS may start a new task before it stops an old one',
    'dynamic host ports (hostPort 0 or no hostPort in bridge mode): old and new tasks can then share an instance',
    "17 more m5.large instances in the cluster (or a capacity provider with managed scaling in the service's strategy)",
  ]);
});

test('a stalled deployment runs no what-if deployment twice with the same settings', () => {
  // 300 tasks: minimums of 297, 298 and 299 tasks all read 99%.
  const request = {
    cluster: runningCluster(300, 'm5.large', 1, { cpu: 256, memory: 512, hostPorts: [80] }),
    service: service({ desiredCount: 300 }),
    taskDefinition: taskDef({ portMappings: [{ containerPort: 80, hostPort: 80 }] }),
  };
  const create = PlacementSession.create.bind(PlacementSession);
  let sessions = 0;
  PlacementSession.create = (input) => {
    sessions++;
    return create(input);
  };
  try {
    const result = simulateDeployment(request);
    assert.equal(result.outcome, 'stalled');
    assert.match(result.fixes!.join('\n'), /minimumHealthyPercent 99 \(or lower\)/);
    // The same search with every setting counted once: the main run plus one per distinct setting.
    const tried = new Set<string>();
    findFixes({ strategy: 'ROLLING', result, task: { tcpPorts: [80], udpPorts: [] } as never, fargate: false }, (o) => {
      tried.add(JSON.stringify(o));
      if (o.minimumHealthyPercent !== undefined) return o.minimumHealthyPercent <= 99;
      if (o.extraInstances !== undefined) return o.extraInstances >= 1;
      return true;
    });
    assert.equal(sessions, 1 + tried.size);
  } finally {
    PlacementSession.create = create;
  }
});
