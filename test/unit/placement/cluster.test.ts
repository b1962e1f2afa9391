import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseCluster, simulate } from '../../../server/src/placement';
import { awsvpcTaskLimit, instanceTypeInfo, registeredMemoryMiB } from '../../../server/src/ecs/instanceTypes';
import { perInstance, service, taskDef } from './helpers';
import { errorText } from '../errorText';

// Tests run from out/test/unit/placement; fixtures stay in the source tree, found from there or from the working directory.
const fromOut = join(__dirname, '..', '..', '..', '..');
const root = existsSync(join(fromOut, 'schemas', 'cluster.schema.json')) ? fromOut : process.cwd();
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));

test('the instance-type table covers the common families with sizes, ENIs and GPUs', () => {
  for (const family of [
    't3',
    't3a',
    't4g',
    'm5',
    'm6i',
    'm6g',
    'm7i',
    'm7g',
    'c5',
    'c6i',
    'c6g',
    'c7g',
    'r5',
    'r6i',
    'r6g',
  ]) {
    for (const size of ['large', 'xlarge', '2xlarge'])
      assert.ok(instanceTypeInfo(`${family}.${size}`), `${family}.${size}`);
  }
  for (const name of ['g4dn.xlarge', 'g5.4xlarge', 'p3.2xlarge', 'inf1.2xlarge', 'm5.4xlarge', 'c7g.4xlarge'])
    assert.ok(instanceTypeInfo(name), name);
  assert.equal(instanceTypeInfo('p3.8xlarge')!.gpus, 4);
  assert.equal(instanceTypeInfo('m6g.large')!.architecture, 'arm64');
  assert.equal(instanceTypeInfo('g4dn.xlarge')!.architecture, 'x86_64');
  assert.equal(registeredMemoryMiB(instanceTypeInfo('m5.large')!), 7680);
  assert.equal(awsvpcTaskLimit('c5.xlarge', instanceTypeInfo('c5.xlarge'), false), 3);
  assert.equal(awsvpcTaskLimit('c5.xlarge', instanceTypeInfo('c5.xlarge'), true), 20);
});

test('compact cluster: groups expand to named instances balanced over the zones', () => {
  const model = parseCluster(readJson('test/fixtures/clusters/mixed.cluster.json'));
  assert.deepEqual(model.errors, []);
  assert.deepEqual(
    model.instances.map((i) => i.id),
    [
      'c6g.xlarge-eu-west-1a-1',
      'c6g.xlarge-eu-west-1b-1',
      'c6g.xlarge-eu-west-1a-2',
      'c6g.xlarge-eu-west-1b-2',
      'r6i.large-eu-west-1c-1',
      'custom.box-eu-west-1c-1',
    ],
  );
  const first = model.instances[0];
  assert.equal(first.registeredCpu, 4096);
  assert.equal(first.registeredMemory, 7680);
  assert.equal(first.remainingMemory, 7680 - 1024);
  assert.ok(first.tcpPorts.has(8080) && first.tcpPorts.has(22));
  assert.deepEqual(first.view.attributes, {
    'ecs.instance-type': 'c6g.xlarge',
    'ecs.os-type': 'linux',
    'ecs.cpu-architecture': 'arm64',
    'ecs.availability-zone': 'eu-west-1a',
    tier: 'api',
    ssd: '',
  });
  assert.equal(first.view.agentVersion, '1.86.3');
  assert.deepEqual(first.view.taskGroups, ['service:api']);
  assert.equal(first.view.runningTasksCount, 1);
  assert.equal(model.instances[5].registeredMemory, 2000);
  assert.deepEqual(model.capacityProvider, { instanceType: 'c6g.xlarge', targetCapacity: 80 });
});

test('compact cluster: an unknown instance type without cpu and memory is an error', () => {
  const model = parseCluster({ instanceGroups: [{ instanceType: 'm99.huge', availabilityZone: 'us-east-1a' }] });
  assert.equal(model.errors.length, 1);
  assert.match(errorText(model.errors[0]), /instanceGroups\[0\]: instanceType is not in the instance-type table/);
  assert.match(errorText(parseCluster({ nodes: [] }).errors[0]), /instanceGroups.*containerInstances/);
});

test('describe-container-instances output: ids, usage, ports, attributes and task groups', () => {
  const model = parseCluster(readJson('test/fixtures/clusters/describe-container-instances.json'));
  assert.deepEqual(model.errors, []);
  assert.deepEqual(
    model.instances.map((i) => i.id),
    ['i-0123456789abcdef0', '9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'i-0fedcba9876543210'],
  );
  const [a, b, c] = model.instances;
  assert.deepEqual([a.existingCpu, a.existingMemory, a.existingTasks], [512, 1024, 1]);
  assert.ok(a.tcpPorts.has(80));
  assert.equal(a.view.attributes['ecs.capability.secrets.asm.environment-variables'], '');
  assert.equal(a.view.attributes.stack, 'prod');
  assert.equal(a.view.agentVersion, '1.86.3');
  assert.equal(a.view.registeredAt, '2025-03-02T10:15:00.000Z');
  assert.deepEqual(a.view.taskGroups, ['service:web']);
  assert.equal(b.view.ec2InstanceId, undefined);
  assert.equal(c.status, 'DRAINING');
});

test('describe-container-instances output: simulation honours ports, draining and the running service task', () => {
  const result = simulate({
    taskDefinition: taskDef({ portMappings: [{ containerPort: 80, hostPort: 80 }] }),
    // One task of service:web already runs there: two more are missing.
    service: service({ desiredCount: 3 }),
    cluster: readJson('test/fixtures/clusters/describe-container-instances.json'),
  });
  assert.deepEqual(perInstance(result), { '9f8e7d6c5b4a39281706f5e4d3c2b1a0': 1 });
  assert.deepEqual(result.unplaced[0].reasons.map((r) => [r.code, r.instances]).sort(), [
    ['inactive-instance', 1],
    ['port-conflict', 2],
  ]);
});

test('the cluster schema accepts the fixtures and the example, and rejects mistakes', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(readJson('schemas/cluster.schema.json'));
  for (const path of ['test/fixtures/clusters/mixed.cluster.json', 'examples/web.cluster.json']) {
    assert.ok(validate(readJson(path)), `${path}: ${ajv.errorsText(validate.errors)}`);
  }
  assert.equal(
    validate({ instanceGroups: [{ instanceType: 'm5.large', availabilityZone: 'a', availabilityZones: ['b'] }] }),
    false,
  );
  assert.equal(validate({ instanceGroups: [{ instanceType: 'm5.large', count: -1 }] }), false);
  assert.equal(validate({ instanceGroups: [{ count: 2 }] }), false);
});

test('the example cluster suits a bridge service of six small tasks held to one instance type', () => {
  const result = simulate({
    taskDefinition: taskDef({
      portMappings: [{ containerPort: 8080, hostPort: 0 }],
      memberOf: 'attribute:ecs.instance-type =~ m5.*',
    }),
    service: service({ desiredCount: 6 }),
    cluster: readJson('examples/web.cluster.json'),
  });
  assert.equal(result.placements.length, 6);
  assert.deepEqual(Object.values(perInstance(result)), [2, 2, 2]);
});
