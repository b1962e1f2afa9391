import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateDeployment } from '../../../server/src/dynamics';
import { foldEvents, keptSteps } from '../../../client/src/webview/deployment';
import { runningCluster, service, taskDef } from '../dynamics/helpers';

test('a service without a circuit breaker says so, not "failure N of 10 the circuit breaker allows"', () => {
  const result = simulateDeployment({
    cluster: runningCluster(4, 'm5.large', 1, { cpu: 256, memory: 512 }),
    service: service({ desiredCount: 4 }),
    taskDefinition: taskDef(),
    options: { failHealthChecks: true },
  });
  assert.equal(result.circuitBreaker, 'none');
  const failures = result.events.filter((e) => /failed its health checks/.test(e.message));
  assert.ok(failures.length > 10, String(failures.length));
  for (const e of failures) {
    assert.doesNotMatch(e.message, /circuit breaker allows/);
    assert.match(e.message, /no circuit breaker/);
  }
  const withBreaker = simulateDeployment({
    cluster: runningCluster(4, 'm5.large', 1, { cpu: 256, memory: 512 }),
    service: service({
      desiredCount: 4,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    }),
    taskDefinition: taskDef(),
    options: { failHealthChecks: true },
  });
  assert.equal(withBreaker.circuitBreaker, 'rollback');
  assert.match(
    withBreaker.events.find((e) => /failed its health/.test(e.message))!.message,
    /failure 1 of \d+ the circuit breaker allows/,
  );
});

test('a long run keeps its first steps, the steps around the stall and its last steps; a short run keeps all', () => {
  assert.deepEqual(keptSteps(5, 4), [0, 1, 2, 3, 4]);
  const kept = keptSteps(2158, 700);
  assert.ok(kept.length <= 36, String(kept.length));
  for (const i of [0, 11, 700, 2157]) assert.ok(kept.includes(i), String(i));
  assert.ok(!kept.includes(100) && !kept.includes(1500));
  assert.deepEqual(
    kept,
    [...kept].sort((a, b) => a - b),
  );
});

test('repeated events differing only in numbers and ids fold into the first, a count and the last', () => {
  const failures = Array.from({ length: 2158 }, (_, i) => ({
    t: 60 + i * 10,
    message: `a new task on i-0${(i % 7).toString(16)}abc failed its health checks and was stopped (failure ${i + 1}; no circuit breaker, so ECS keeps starting replacements)`,
  }));
  const events = [
    { t: 0, message: 'the deployment starts' },
    ...failures,
    { t: 99999, message: 'the deployment stalls' },
  ];
  const folded = foldEvents(events);
  assert.equal(folded.length, 5);
  assert.equal(folded[1], failures[0]);
  assert.equal(folded[2].folded, 2156);
  assert.match(folded[2].message, /^… 2,156 more like this until 6:00:20$/);
  assert.equal(folded[3], failures[2157]);
  // Three alike stay as they are.
  assert.equal(foldEvents(failures.slice(0, 3)).length, 3);
});

test('a Fargate deployment lists its placements as an EC2 run does, on AWS Fargate', () => {
  const result = simulateDeployment({
    cluster: { instanceGroups: [] },
    service: { serviceName: 'web', taskDefinition: 'web', desiredCount: 4, launchType: 'FARGATE' },
    taskDefinition: {
      family: 'web',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'web', image: 'nginx:1.27' }],
    },
  });
  assert.deepEqual(result.errors, []);
  assert.equal(result.mode, 'fargate');
  assert.ok(
    result.events.some((e) => /new tasks? placed on AWS Fargate/.test(e.message)),
    JSON.stringify(result.events),
  );
  assert.ok(result.events.some((e) => /old tasks? stopped/.test(e.message)));
});
