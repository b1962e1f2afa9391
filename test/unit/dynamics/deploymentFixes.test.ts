import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  findFixes,
  type Overrides,
  type StalledDeployment,
  type WhatIf,
} from '../../../server/src/dynamics/deploymentFixes';
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

const finished = (completed: boolean): WhatIf => ({ completed, newTasks: 0 });

/** A deployment that moves `perInstance` tasks per extra instance before its horizon: it needs ceil(d / perInstance). */
function rounds(d: number, perInstance: number, k: number): WhatIf {
  return { completed: k * perInstance >= d, newTasks: Math.min(d, k * perInstance) };
}

const withoutPorts = (d: number): StalledDeployment => ({
  ...stalledOn(d),
  task: { ...stalledOn(d).task, tcpPorts: [] },
});

test('the search for extra instances costs as many runs at 50,000 tasks as at 500', () => {
  const runs = (d: number) => {
    const tried: number[] = [];
    const fixes = findFixes(withoutPorts(d), (o) => {
      if (o.extraInstances === undefined) return finished(false);
      tried.push(o.extraInstances);
      return rounds(d, 30, o.extraInstances);
    });
    assert.match(fixes.join('\n'), new RegExp(`^${Math.ceil(d / 30)} more m5\\.large instances`, 'm'));
    return tried.length;
  };
  const small = runs(500);
  const large = runs(50_000);
  assert.ok(large <= small + 1, `${small} runs at 500 tasks, ${large} at 50,000`);
  assert.ok(large <= 6, `${large} runs`);
});

test('the search for extra instances finds the fewest that complete when the first run misjudges the need', () => {
  for (const needed of [2, 3, 9, 17, 40, 1000]) {
    for (const perInstance of [1, 5, 50]) {
      const fixes = findFixes(withoutPorts(2000), (o) => {
        if (o.extraInstances === undefined) return finished(false);
        // Progress says `perInstance` per instance; completion needs `needed` instances.
        return { completed: o.extraInstances >= needed, newTasks: Math.min(2000, o.extraInstances * perInstance) };
      });
      const expected = new RegExp(`^${needed} more m5\\.large instance`, 'm');
      assert.match(fixes.join('\n'), expected, `${needed} needed, ${perInstance} per instance`);
    }
  }
  // Up to twice the desired count (a power of two): 16 of 10 tasks, and none completes.
  const tried: number[] = [];
  const none = findFixes(withoutPorts(10), (o) => {
    if (o.extraInstances !== undefined) tried.push(o.extraInstances);
    return finished(false);
  });
  assert.deepEqual(none, []);
  assert.equal(Math.max(...tried), 16);
});

test('the fix search runs each distinct setting once: minimums that round to the same percent are one run', () => {
  const d = 5000;
  const tried: string[] = [];
  // A deployment that finishes when at least one task may stop first (99%), with 17 more instances, or with dynamic ports.
  const fixes = findFixes(stalledOn(d), (o: Overrides) => {
    tried.push(JSON.stringify(o));
    if (o.minimumHealthyPercent !== undefined) return finished(o.minimumHealthyPercent <= 99);
    if (o.extraInstances !== undefined) return rounds(d, 300, o.extraInstances);
    return finished(true);
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

test('the what-if runs behind the fixes of a stalled deployment do not grow in number with its size', () => {
  // One task per instance on a static host port, minimumHealthyPercent 100: nothing moves until a fix frees room.
  const sessionsFor = (tasks: number) => {
    const request = {
      cluster: runningCluster(tasks, 'm5.large', 1, { cpu: 256, memory: 512, hostPorts: [80] }),
      service: service({ desiredCount: tasks }),
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
      assert.match(result.fixes!.join('\n'), /more m5\.large instances? in the cluster/);
      return sessions;
    } finally {
      PlacementSession.create = create;
    }
  };
  const small = sessionsFor(200);
  const large = sessionsFor(2000);
  assert.ok(large <= small + 2, `${small} deployment runs at 200 tasks, ${large} at 2,000`);
});

test('the deployment and the what-if runs behind its fixes share one copy of the cluster instead of copying every instance again', () => {
  const tasks = 300;
  const request = {
    cluster: runningCluster(tasks, 'm5.large', 1, { cpu: 256, memory: 512, hostPorts: [80] }),
    service: service({ desiredCount: tasks }),
    taskDefinition: taskDef({ portMappings: [{ containerPort: 80, hostPort: 80 }] }),
  };
  const create = PlacementSession.create.bind(PlacementSession);
  let sessions = 0;
  const clusters = new Set<unknown>();
  const instances = new Set<unknown>();
  PlacementSession.create = (input) => {
    sessions++;
    clusters.add(input.cluster);
    for (const instance of input.cluster.instances) instances.add(instance);
    return create(input);
  };
  try {
    const result = simulateDeployment(request);
    assert.equal(result.outcome, 'stalled');
    assert.equal(result.fixes!.length, 3);
  } finally {
    PlacementSession.create = create;
  }
  // The deployment's own run and every what-if run after it start from one copy, put back to the parse.
  assert.ok(sessions >= 8, `${sessions} runs`);
  assert.equal(clusters.size, 1, `${sessions} runs on ${clusters.size} copies of the cluster`);
  assert.equal(instances.size, tasks, `${instances.size} instance objects for ${tasks} instances`);
});
