import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../server/src/placement';
import { cluster, perInstance, service, taskDef } from './helpers';
import { errorText } from '../errorText';

const fourInstances = cluster(
  { instanceType: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'], count: 2 },
  { instanceType: 't3.small', availabilityZone: 'us-east-1a' },
  { instanceType: 'm5.large', availabilityZone: 'us-east-1b', status: 'DRAINING' },
  { instanceType: 'c5.large', availabilityZone: 'us-east-1b', attributes: { logs: 'off' } },
);

test('DAEMON places one task on every eligible instance and ignores desiredCount', () => {
  const result = simulate({
    taskDefinition: taskDef({ containerCpu: 128, containerMemory: 2048 }),
    service: service({
      schedulingStrategy: 'DAEMON',
      desiredCount: 1,
      placementStrategy: [{ type: 'binpack', field: 'memory' }],
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:logs !exists' }],
    }),
    cluster: fourInstances,
    options: { explain: true },
  });
  assert.equal(result.mode, 'daemon');
  assert.deepEqual(result.strategies, []);
  assert.deepEqual(perInstance(result), { 'm5.large-us-east-1a-1': 1, 'm5.large-us-east-1b-1': 1 });
  // t3.small registers 1,920 MiB: its daemon task does not fit, and that is reported for the instance.
  assert.equal(result.unplaced.length, 1);
  assert.deepEqual(
    result.unplaced[0].reasons.map((r) => [r.code, r.instances]),
    [['insufficient-memory', 1]],
  );
  assert.match(result.explanations.find((e) => e.task === result.unplaced[0].task)!.summary, /t3\.small-us-east-1a-1/);
  assert.ok(result.notes.some((n) => /DAEMON/.test(n)));
  assert.ok(result.notes.some((n) => /1 instance is not ACTIVE/.test(n)));
  assert.ok(result.notes.some((n) => /1 instance does not meet the placement constraints/.test(n)));
});

test('Fargate launch type: no placement, and a note that strategies and constraints do not apply', () => {
  const result = simulate({
    taskDefinition: taskDef({ networkMode: 'awsvpc', cpu: '256', memory: '512', requiresCompatibilities: ['FARGATE'] }),
    service: service({ launchType: 'FARGATE', desiredCount: 3, placementConstraints: [{ type: 'distinctInstance' }] }),
    cluster: fourInstances,
  });
  assert.equal(result.mode, 'fargate');
  assert.deepEqual(result.placements, []);
  assert.deepEqual(result.unplaced, []);
  assert.equal(result.scaleOut, undefined);
  assert.ok(result.notes.some((n) => /strategies and constraints do not apply/.test(n)));
});

test('Fargate capacity providers and Fargate-only task definitions are Fargate too', () => {
  const spot = simulate({
    taskDefinition: taskDef({ networkMode: 'awsvpc' }),
    service: service({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] }),
    cluster: fourInstances,
  });
  assert.equal(spot.mode, 'fargate');
  const runTask = simulate({
    taskDefinition: taskDef({ networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'] }),
    cluster: {},
  });
  assert.equal(runTask.mode, 'fargate');
  assert.deepEqual(runTask.errors, []);
  const ec2 = simulate({
    taskDefinition: taskDef({ requiresCompatibilities: ['EC2', 'FARGATE'] }),
    service: service({ launchType: 'EC2' }),
    cluster: fourInstances,
  });
  assert.equal(ec2.mode, 'service');
});

test('run-task uses the count option and the family as task group', () => {
  const result = simulate({
    taskDefinition: taskDef({ family: 'batch' }),
    cluster: cluster(
      {
        instanceType: 'm5.large',
        availabilityZone: 'us-east-1a',
        runningTasks: [{ group: 'family:batch', cpu: 0, memory: 0 }],
      },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
    ),
    options: { count: 1, placementStrategy: [{ type: 'spread', field: 'instanceId' }] },
  });
  assert.equal(result.mode, 'run-task');
  assert.deepEqual(perInstance(result), { 'm5.large-us-east-1a-2': 1 });
});

test('options.count overrides desiredCount; a service without one runs one task', () => {
  const c = cluster({ instanceType: 'm5.large', availabilityZone: 'us-east-1a' });
  assert.equal(
    simulate({ taskDefinition: taskDef(), service: service({ desiredCount: 5 }), cluster: c, options: { count: 2 } })
      .placements.length,
    2,
  );
  const noCount = simulate({ taskDefinition: taskDef(), service: { serviceName: 'web' }, cluster: c });
  assert.equal(noCount.placements.length, 1);
  assert.ok(noCount.notes.some((n) => /desiredCount/.test(n)));
});

test('bad input is reported in errors, not thrown', () => {
  const result = simulate({ taskDefinition: 'nope', cluster: null });
  assert.equal(result.errors.length, 1);
  const noCluster = simulate({ taskDefinition: taskDef(), cluster: { instanceGroups: [{}] } });
  assert.match(errorText(noCluster.errors[0]), /instanceGroups\[0\]\.instanceType: is required/);
});

test('a DAEMON task without room is not a reason to add instances', () => {
  const result = simulate({
    taskDefinition: taskDef({ containerMemory: 2048 }),
    service: service({ schedulingStrategy: 'DAEMON' }),
    cluster: {
      ...cluster(
        { instanceType: 't3.small', availabilityZone: 'us-east-1a' },
        { instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
      ),
      capacityProvider: {},
    },
  });
  assert.equal(result.unplaced.length, 1);
  assert.equal(result.scaleOut!.instancesToAdd, 0);
  assert.match(result.scaleOut!.message, /new instances do not place it/);
});

test('absurd counts are input errors, not a hung preview', () => {
  const tooMany = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 1e9 }),
    cluster: fourInstances,
  });
  assert.match(
    tooMany.errors.map(errorText).join(),
    /service: desiredCount: must be a whole number from 0 to 5,000 \(ECS runs at most 5,000 tasks per service\)/,
  );
  assert.match(
    simulate({ taskDefinition: taskDef(), cluster: fourInstances, options: { count: 2 ** 40 } })
      .errors.map(errorText)
      .join(),
    /^options\.count: 1099511627776 is more than/,
  );
  assert.match(
    simulate({
      taskDefinition: taskDef(),
      cluster: fourInstances,
      options: { count: '1e9' as unknown as number },
    })
      .errors.map(errorText)
      .join(),
    /^options\.count: must be a whole number of at least 0/,
  );
  const huge = simulate({ taskDefinition: taskDef(), cluster: cluster({ instanceType: 'm5.large', count: 1e9 }) });
  assert.match(
    huge.errors.map(errorText).join(),
    /cluster: instanceGroups\[0\]\.count: must be a whole number from 0 to 5,000 \(ECS registers at most 5,000 container instances per cluster\)/,
  );
});

test('values without a prototype (from the tolerant JSON parser) or of odd types do not throw', () => {
  const bare = (o: Record<string, unknown>) => Object.assign(Object.create(null) as Record<string, unknown>, o);
  const td = taskDef({ networkMode: 'bridge', portMappings: [{ containerPort: 80, hostPort: 80 }] });
  (td.containerDefinitions as Array<Record<string, unknown>>)[0].portMappings = [
    { containerPort: 80, hostPort: 80, protocol: bare({}) },
  ];
  td.cpu = [bare({ a: 1 })];
  const result = simulate({
    taskDefinition: td,
    service: service({
      placementStrategy: [{ type: bare({}) }],
      capacityProviderStrategy: [{ capacityProvider: [bare({})] }],
    }),
    cluster: cluster({ instanceType: 'm5.large', attributes: { team: bare({ x: 1 }), constructor: 'x' } }),
  });
  assert.match(result.errors.map(errorText).join('\n'), /task definition: cpu: must be written in CPU units/);
  const describe = simulate({
    taskDefinition: taskDef(),
    cluster: {
      containerInstances: [
        {
          ec2InstanceId: 'i-1',
          registeredAt: 1e300,
          registeredResources: [
            { name: 'CPU', integerValue: 2048 },
            { name: 'MEMORY', integerValue: 4096 },
          ],
        },
      ],
      tasks: [{ containerInstanceArn: 'x', group: bare({}) }],
    },
  });
  assert.deepEqual(describe.errors, []);
  assert.equal(describe.placements.length, 1);
});

test('spread over an attribute named like an Object member counts instances without it as one value', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    service: service({ desiredCount: 4, placementStrategy: [{ type: 'spread', field: 'attribute:constructor' }] }),
    cluster: cluster({ instanceType: 'm5.large', count: 2 }),
    options: { explain: true },
  });
  assert.deepEqual(result.errors, []);
  assert.equal(result.explanations.length, 4);
  assert.ok(
    result.explanations.every((e) => !/function/.test(JSON.stringify(e))),
    JSON.stringify(result.explanations[0]),
  );
});

test('overrides of the wrong shape from the panel are reported or ignored, not thrown', () => {
  const odd = (v: unknown) => v as never;
  const result = simulate({
    taskDefinition: taskDef(),
    cluster: fourInstances,
    options: {
      placementStrategy: [odd(null), { type: 'spread', field: odd(7) }, { type: odd({}) }],
      placementConstraints: [odd(null), { type: 'memberOf', expression: odd(1) }],
    },
  });
  assert.ok(result.errors.length >= 3, result.errors.map(errorText).join('\n'));
  const notLists = simulate({
    taskDefinition: taskDef(),
    cluster: fourInstances,
    options: { placementStrategy: odd({}), placementConstraints: odd('x') },
  });
  assert.deepEqual(notLists.errors, []);
  assert.deepEqual(simulate({ taskDefinition: taskDef(), cluster: fourInstances, options: odd('x') }).errors, []);
});
