import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateScaling } from '../../../server/src/dynamics';
import { resourceMatch } from '../../../server/src/dynamics/scalingResource';
import { parseDocument } from '../../../server/src/service/document';
import { scalingRequest } from '../../../server/src/service/dynamicsInputs';
import { staticWorkspace } from '../../../server/src/service/workspace';
import { runningCluster, service, taskDef } from './helpers';

const target = (resourceId: unknown) => ({
  ServiceNamespace: 'ecs',
  ResourceId: resourceId,
  ScalableDimension: 'ecs:service:DesiredCount',
  MinCapacity: 1,
  MaxCapacity: 10,
});
const policy = (resourceId: unknown) => ({
  PolicyName: 'cpu50',
  ServiceNamespace: 'ecs',
  ResourceId: resourceId,
  ScalableDimension: 'ecs:service:DesiredCount',
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: {
    TargetValue: 50,
    PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
  },
});

test('a ResourceId names the service by cluster (name or ARN) and service name; absent or placeholder is unknown', () => {
  const web = { serviceName: 'web', cluster: 'production' };
  assert.equal(resourceMatch(web, target('service/production/web')).kind, 'match');
  assert.equal(
    resourceMatch(
      { ...web, cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/production' },
      target('service/production/web'),
    ).kind,
    'match',
  );
  assert.deepEqual(resourceMatch(web, target('service/production/worker')), {
    kind: 'other',
    resourceId: 'service/production/worker',
    expected: 'service/production/web',
  });
  assert.equal(resourceMatch(web, target('service/staging/web')).kind, 'other');
  // Without a cluster in the service file, the deploy command names it.
  assert.equal(resourceMatch({ serviceName: 'web' }, target('service/staging/web')).kind, 'match');
  assert.equal(resourceMatch(web, target(undefined)).kind, 'unknown');
  assert.equal(resourceMatch(web, target('service/${CLUSTER}/${SERVICE}')).kind, 'unknown');
  assert.equal(resourceMatch({ cluster: 'production' }, target('service/production/worker')).kind, 'unknown');
  assert.equal(resourceMatch(web, { ScalableTargets: [target('service/production/web')] }).kind, 'match');
});

test('a scaling run with another service’s target or policy warns, naming both ResourceIds', () => {
  const request = {
    cluster: runningCluster(2, 'm5.large', 1, { cpu: 1024, memory: 1024 }),
    service: service({ desiredCount: 2, cluster: 'test' }),
    taskDefinition: taskDef({ containerCpu: 1024, containerMemory: 1024 }),
    load: { metric: 'CPUUtilization', demand: [[0, 1024]] },
    durationSeconds: 600,
  };
  const mine = simulateScaling({ ...request, target: target('service/test/web'), policy: policy('service/test/web') });
  assert.deepEqual(mine.errors, []);
  assert.deepEqual(mine.warnings, []);
  const other = simulateScaling({
    ...request,
    target: target('service/test/worker'),
    policy: [policy('service/test/web'), policy('service/test/worker')],
  });
  assert.deepEqual(other.errors, []);
  assert.equal(other.warnings.length, 2);
  assert.match(
    other.warnings[0],
    /scalable target's ResourceId names another service than this one; it must be service\/<cluster name>\/<service name>/,
  );
  assert.match(other.warnings[1], /scaling policy's ResourceId names another service/);
});

function workspace(files: Record<string, unknown>) {
  return staticWorkspace(Object.entries(files).map(([uri, v]) => parseDocument(uri, JSON.stringify(v))));
}

const files = {
  'file:///w/web-service-def.json': { cluster: 'production', serviceName: 'web', taskDefinition: 'web' },
  'file:///w/web-task-def.json': {
    family: 'web',
    containerDefinitions: [{ name: 'app', image: 'nginx:1.27', memory: 256 }],
  },
  'file:///w/web.cluster.json': { name: 'production', instanceGroups: [{ instanceType: 'm5.large', count: 2 }] },
  'file:///w/a.load.json': { metric: 'CPUUtilization', demand: [[0, 100]] },
  // Sorted first by name: the old choice took these for every service.
  'file:///w/a-worker-scalable-target.json': target('service/production/worker'),
  'file:///w/a-worker-scaling-policy.json': policy('service/production/worker'),
};
const input = { uri: 'file:///w/web-service-def.json', cluster: { uri: 'file:///w/web.cluster.json' } };

test('the Scaling tab runs the scalable target and policy whose ResourceId names the service', () => {
  const ws = workspace({
    ...files,
    'file:///w/web-scalable-target.json': target('service/production/web'),
    'file:///w/web-scaling-policy.json': policy('service/production/web'),
  });
  const { sources, error } = scalingRequest(ws, input);
  assert.equal(error, undefined);
  assert.equal(sources.target, 'file:///w/web-scalable-target.json');
  assert.equal(sources.policy, 'file:///w/web-scaling-policy.json');
  // A file the user chose is run as chosen.
  const chosen = scalingRequest(ws, { ...input, target: 'file:///w/a-worker-scalable-target.json' });
  assert.equal(chosen.sources.target, 'file:///w/a-worker-scalable-target.json');
});

test('when no scalable target names the service, the Scaling tab says so instead of running another service’s', () => {
  const { sources, error, request } = scalingRequest(workspace(files), input);
  assert.equal(request, undefined);
  assert.match(error ?? '', /No scalable target .* names service\/production\/web/);
  assert.match(error ?? '', /a-worker-scalable-target\.json/);
  assert.deepEqual(sources.targets, ['file:///w/a-worker-scalable-target.json']);
});
