import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanInputs, PlacementPanelHost } from '../../../client/src/panel/host';
import type { SimulationResult } from '../../../server/src/protocol';
import { emptyResult, fakeWorld, tick, uris } from './fakes';
import { prepareSurfaces } from '../../../server/src/surfaces';
import { defaultQuickCluster } from '../../../server/src/service/placementOptions';
import { instanceTypeInfo } from '../../../server/src/ecs/instanceTypes';

async function openReady(activeUri = uris.service, debounceMs?: number) {
  const world = fakeWorld(debounceMs);
  const host = new PlacementPanelHost(world.deps);
  const opening = host.open(activeUri);
  world.view.send({ type: 'ready' });
  await opening;
  const result = await world.view.next('result', 0);
  return { world, host, result };
}

test('ready → init → simulate request → result → rendered fires onDidSimulate', async () => {
  const world = fakeWorld();
  const host = new PlacementPanelHost(world.deps);
  const fired: SimulationResult[] = [];
  host.onDidSimulate((r) => fired.push(r));

  await host.open(uris.service);
  assert.equal(world.views.length, 1);
  assert.equal(world.simulations().length, 0, 'no simulation before the webview is ready');

  world.view.send({ type: 'ready' });
  const init = await world.view.next('init', 0);
  assert.deepEqual(init.sources, {
    taskDefinition: { uri: uris.taskDefinition, label: 'web-task-def.json' },
    service: { uri: uris.service, label: 'web-service-def.json' },
  });
  assert.deepEqual(
    init.clusters.map((c) => c.uri),
    [uris.cluster, uris.otherCluster],
    'the cluster next to the service comes first',
  );
  assert.deepEqual(init.inputs.cluster, { kind: 'file', uri: uris.cluster });

  const result = await world.view.next('result', 0);
  const [request] = world.simulations();
  assert.deepEqual(request.taskDefinition, JSON.parse(world.texts.get(uris.taskDefinition)!));
  assert.deepEqual(request.service, JSON.parse(world.texts.get(uris.service)!));
  assert.deepEqual(request.cluster, JSON.parse(world.texts.get(uris.cluster)!));
  assert.deepEqual(request.options, {});
  assert.equal(host.lastResult, undefined, 'not rendered yet');
  assert.equal(fired.length, 0);

  world.view.send({ type: 'rendered', id: result.id });
  await tick();
  assert.equal(fired.length, 1);
  assert.deepEqual(fired[0], emptyResult());
  assert.deepEqual(host.lastResult, emptyResult());
  assert.equal(host.visible, true);
  assert.equal(world.view.title, 'Placement: web');
});

test('the webview may say ready before the files are resolved', async () => {
  const world = fakeWorld();
  const host = new PlacementPanelHost(world.deps);
  const opening = host.open(uris.taskDefinition);
  world.view.send({ type: 'ready' });
  await opening;
  await world.view.next('result', 0);
  await tick(5);
  assert.equal(world.view.ofType('init').length, 1);
  assert.equal(world.simulations().length, 1, 'one simulation, not one per path');
});

test('a rendered message for another result does not fire', async () => {
  const { world, host, result } = await openReady();
  let fired = 0;
  host.onDidSimulate(() => fired++);
  world.view.send({ type: 'rendered', id: result.id + 1 });
  world.view.send({ type: 'rendered' });
  world.view.send('rendered');
  await tick();
  assert.equal(fired, 0);
  assert.equal(host.lastResult, undefined);
});

test('a task definition brings the service of its family; without one it is run-task', async () => {
  const { world, result } = await openReady(uris.taskDefinition);
  assert.ok(result);
  assert.equal(world.view.ofType('init')[0].sources.service?.uri, uris.service);

  const alone = fakeWorld();
  alone.texts.delete(uris.service);
  const host = new PlacementPanelHost(alone.deps);
  const opening = host.open(uris.taskDefinition);
  alone.view.send({ type: 'ready' });
  await opening;
  await alone.view.next('result', 0);
  assert.equal(alone.view.ofType('init')[0].sources.service, undefined);
  assert.equal('service' in alone.simulations()[0], false);
});

test('a service finds the task definition of its family, nearest folder first', async () => {
  const world = fakeWorld();
  world.texts.set(uris.otherTaskDefinition, '{"family": "web", "containerDefinitions": []}');
  world.texts.set('file:///ws/app/api-task-def.json', '{"family": "api", "containerDefinitions": []}');
  const host = new PlacementPanelHost(world.deps);
  const opening = host.open(uris.service);
  world.view.send({ type: 'ready' });
  await opening;
  await world.view.next('result', 0);
  assert.equal(world.view.ofType('init')[0].sources.taskDefinition?.uri, uris.taskDefinition);
});

test('a service without a task definition in the workspace shows an error', async () => {
  const world = fakeWorld();
  world.texts.delete(uris.taskDefinition);
  const host = new PlacementPanelHost(world.deps);
  const opening = host.open(uris.service);
  world.view.send({ type: 'ready' });
  await opening;
  const error = await world.view.next('error', 0);
  assert.match(error.message, /No task definition of family "web"/);
  assert.equal(world.simulations().length, 0);
});

test('a file that is not a task definition or service shows an error', async () => {
  const world = fakeWorld();
  const host = new PlacementPanelHost(world.deps);
  const opening = host.open('file:///ws/package.json');
  world.view.send({ type: 'ready' });
  await opening;
  const error = await world.view.next('error', 0);
  assert.match(error.message, /package\.json is not a task definition or service file/);
});

test('invalid JSON is reported in the panel, not thrown', async () => {
  const world = fakeWorld();
  world.texts.set(uris.taskDefinition, '{"family": "web", ');
  const host = new PlacementPanelHost(world.deps);
  const opening = host.open(uris.service);
  world.view.send({ type: 'ready' });
  await opening;
  const error = await world.view.next('error', 0);
  assert.match(error.message, /^web-task-def\.json, line 1: /);
  assert.equal(world.simulations().length, 0);
  assert.equal(world.view.ofType('result').length, 0);
});

test('a cluster file that is gone is reported in the panel', async () => {
  const { world, host } = await openReady();
  world.texts.delete(uris.cluster);
  const from = world.view.posted.length;
  host.documentChanged(uris.cluster);
  const error = await world.view.next('error', from);
  assert.match(error.message, /prod\.cluster\.json is not a cluster file of the workspace/);
});

test('the server simulates the open documents: an edit to the task definition is in the next request', async () => {
  const { world, host } = await openReady();
  world.texts.set(
    uris.taskDefinition,
    JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 1024 }] }),
  );
  const from = world.view.posted.length;
  host.documentChanged(uris.taskDefinition);
  await world.view.next('result', from);
  const request = world.simulations().at(-1)!;
  assert.equal(
    (request.taskDefinition as { containerDefinitions: Array<{ memory: number }> }).containerDefinitions[0].memory,
    1024,
  );
  assert.deepEqual(
    world.requests
      .map((r) => r.method)
      .filter((m) => !['ecsLens/simulate', 'ecsLens/simulationSources', 'ecsLens/placementOptions'].includes(m)),
    [],
    'the panel reads no file itself',
  );
});

test('a service is paired with the task definition the diagnostics use: the revision it names', async () => {
  const world = fakeWorld();
  // The service names revision 3; a describe output of revision 3 elsewhere wins over the file next to it.
  world.texts.set(
    'file:///ws/releases/web-3.json',
    JSON.stringify({
      taskDefinition: {
        family: 'web',
        revision: 3,
        containerDefinitions: [{ name: 'web', image: 'nginx:3', memory: 256 }],
      },
    }),
  );
  const host = new PlacementPanelHost(world.deps);
  const opening = host.open(uris.service);
  world.view.send({ type: 'ready' });
  await opening;
  await world.view.next('result', 0);
  assert.equal(world.view.ofType('init')[0].sources.taskDefinition?.uri, 'file:///ws/releases/web-3.json');
});

test('a failing simulate request becomes an error message', async () => {
  const world = fakeWorld();
  world.simulate = async () => {
    throw new Error('engine exploded');
  };
  const host = new PlacementPanelHost(world.deps);
  const opening = host.open(uris.service);
  world.view.send({ type: 'ready' });
  await opening;
  const error = await world.view.next('error', 0);
  assert.equal(error.message, 'Simulation failed: engine exploded');
});

test('an empty answer from the server becomes an error message', async () => {
  const world = fakeWorld();
  world.simulate = async () => null as unknown as SimulationResult;
  const host = new PlacementPanelHost(world.deps);
  const opening = host.open(uris.service);
  world.view.send({ type: 'ready' });
  await opening;
  const error = await world.view.next('error', 0);
  assert.match(error.message, /^Simulation failed: the server returned no result/);
});

test('changes to the inputs re-simulate once, debounced', async () => {
  // A delay no busy machine outlasts between three calls and a zero timer: the check below is about order.
  const { world, host } = await openReady(uris.service, 500);
  const before = world.simulations().length;
  host.documentChanged(uris.taskDefinition);
  host.documentChanged(uris.service);
  host.documentChanged(uris.cluster);
  await tick(0);
  assert.equal(world.simulations().length, before, 'nothing before the debounce delay');
  const from = world.view.posted.length;
  await world.view.next('result', from);
  assert.equal(world.simulations().length, before + 1);
});

test('changes to other files do not re-simulate', async () => {
  const { world, host } = await openReady();
  const before = world.simulations().length;
  host.documentChanged(uris.otherCluster);
  host.documentChanged('file:///ws/README.md');
  await tick(50);
  assert.equal(world.simulations().length, before);
});

test('editing a file into invalid JSON and back: error, then a result', async () => {
  const { world, host } = await openReady();
  const good = world.texts.get(uris.service)!;
  world.texts.set(uris.service, '{');
  host.documentChanged(uris.service);
  const error = await world.view.next('error');
  assert.match(error.message, /^web-service-def\.json, line 1: /);
  world.texts.set(uris.service, good);
  const from = world.view.posted.length;
  host.documentChanged(uris.service);
  await world.view.next('result', from);
});

test('the active file is resolved again after a change if it could not be at first', async () => {
  const world = fakeWorld();
  const serviceText = world.texts.get(uris.service)!;
  world.texts.delete(uris.service);
  const host = new PlacementPanelHost(world.deps);
  const opening = host.open(uris.service);
  world.view.send({ type: 'ready' });
  await opening;
  await world.view.next('error', 0);
  world.texts.set(uris.service, serviceText);
  const from = world.view.posted.length;
  host.documentChanged(uris.service);
  await world.view.next('result', from);
  assert.equal(world.view.ofType('init').at(-1)?.sources.service?.uri, uris.service);
});

test('panel inputs become simulation options; a quick cluster is built in the compact format', async () => {
  const { world } = await openReady();
  const from = world.view.posted.length;
  world.view.send({
    type: 'setInputs',
    inputs: {
      cluster: {
        kind: 'quick',
        instanceType: ' c5.xlarge ',
        count: 4,
        availabilityZones: ['eu-west-1a', ' eu-west-1b', ''],
      },
      desiredCount: 6,
      seed: 7,
      placementStrategy: [{ type: 'binpack', field: 'memory' }],
      placementConstraints: [{ type: 'distinctInstance' }],
      capacityProvider: {
        instanceType: 'c5.2xlarge',
        targetCapacity: 80,
        minimumScalingStepSize: 2,
        maximumScalingStepSize: 20_000,
      },
    },
  });
  const result = await world.view.next('result', from);
  const request = world.simulations().at(-1)!;
  assert.deepEqual(request.cluster, {
    instanceGroups: [{ instanceType: 'c5.xlarge', availabilityZones: ['eu-west-1a', 'eu-west-1b'], count: 4 }],
  });
  assert.deepEqual(request.options, {
    count: 6,
    seed: 7,
    placementStrategy: [{ type: 'binpack', field: 'memory' }],
    placementConstraints: [{ type: 'distinctInstance' }],
    capacityProvider: { instanceType: 'c5.2xlarge', targetCapacity: 80, minimumScalingStepSize: 2 },
  });
  assert.equal(result.inputs.desiredCount, 6, 'the result carries the inputs it was computed with');
});

test('nonsense inputs from the webview are dropped, not sent to the server', async () => {
  const { world } = await openReady();
  const from = world.view.posted.length;
  world.view.send({
    type: 'setInputs',
    inputs: {
      cluster: { kind: 'file', uri: uris.otherCluster },
      desiredCount: -1,
      seed: 1.5,
      capacityProvider: { targetCapacity: 400 },
    },
  });
  await world.view.next('result', from);
  const request = world.simulations().at(-1)!;
  assert.deepEqual(request.options, {});
  assert.deepEqual(request.cluster, { instanceGroups: [] });
  world.view.send({ type: 'setInputs', inputs: { cluster: { kind: 'satellite' } } });
  await tick(5);
  assert.deepEqual(
    world.view.posted.slice(from).map((m) => m.type),
    ['simulating', 'inputErrors', 'result'],
    'a malformed message is ignored',
  );
});

test('a late answer to an older simulation is dropped', async () => {
  const { world } = await openReady();
  let release: (() => void) | undefined;
  world.simulate = () =>
    new Promise<SimulationResult>((resolve) => {
      release = () => resolve(emptyResult({ notes: ['slow'] }));
    });
  const from = world.view.posted.length;
  world.view.send({ type: 'setInputs', inputs: { cluster: { kind: 'file', uri: uris.cluster }, desiredCount: 1 } });
  await tick();
  const releaseSlow = release!;
  world.simulate = async () => emptyResult({ notes: ['fast'] });
  world.view.send({ type: 'setInputs', inputs: { cluster: { kind: 'file', uri: uris.cluster }, desiredCount: 2 } });
  const fast = await world.view.next('result', from);
  releaseSlow();
  await tick(5);
  assert.deepEqual(fast.result.notes, ['fast']);
  assert.deepEqual(
    world.view
      .ofType('result')
      .slice(1)
      .map((m) => m.result.notes),
    [['fast']],
  );
});

test('a hidden panel waits for its new webview, which gets init and a fresh result', async () => {
  const { world, host } = await openReady();
  world.view.setVisible(false);
  assert.equal(host.visible, false);
  const before = world.simulations().length;
  host.documentChanged(uris.service);
  await tick(40);
  assert.equal(world.simulations().length, before, 'no simulation for a webview that is gone');
  world.view.setVisible(true);
  const from = world.view.posted.length;
  world.view.send({ type: 'ready' });
  await world.view.next('init', from);
  await world.view.next('result', from);
  assert.equal(world.simulations().length, before + 1);
});

test('opening again reuses the panel; closing it and opening creates a new one', async () => {
  const { world, host } = await openReady();
  await host.open(uris.taskDefinition);
  assert.equal(world.views.length, 1);
  assert.equal(world.view.reveals, 1);
  world.view.dispose();
  assert.equal(host.visible, false);
  host.documentChanged(uris.service);
  await host.open(uris.service);
  assert.equal(world.views.length, 2);
});

test('the webview can open only files the panel shows', async () => {
  const { world } = await openReady();
  world.view.send({ type: 'openFile', uri: uris.taskDefinition });
  world.view.send({ type: 'openFile', uri: uris.otherCluster });
  world.view.send({ type: 'openFile', uri: 'file:///etc/passwd' });
  await tick();
  assert.deepEqual(world.opened, [uris.taskDefinition, uris.otherCluster]);
});

test('moving to another service keeps the cluster and seed but not the overrides', async () => {
  const { world, host } = await openReady();
  world.texts.set('file:///ws/api/api-task-def.json', '{"family":"api"}');
  world.texts.set('file:///ws/api/api-service-def.json', '{"taskDefinition":"api"}');
  world.view.send({
    type: 'setInputs',
    inputs: {
      cluster: { kind: 'file', uri: uris.otherCluster },
      seed: 3,
      desiredCount: 9,
      placementStrategy: [{ type: 'random' }],
    },
  });
  await tick(5);
  const from = world.view.posted.length;
  await host.open('file:///ws/api/api-service-def.json');
  const init = await world.view.next('init', from);
  assert.deepEqual(init.inputs, { cluster: { kind: 'file', uri: uris.otherCluster }, seed: 3 });
  assert.equal(world.view.title, 'Placement: api');
});

test('without cluster files the panel starts with a quick cluster', async () => {
  const world = fakeWorld();
  world.texts.delete(uris.cluster);
  world.texts.delete(uris.otherCluster);
  const host = new PlacementPanelHost(world.deps);
  const opening = host.open(uris.service);
  world.view.send({ type: 'ready' });
  await opening;
  await world.view.next('result', 0);
  // The server's quick cluster (placementOptions), not one the client holds.
  assert.deepEqual(world.view.ofType('init')[0].inputs.cluster, { kind: 'quick', ...defaultQuickCluster });
  assert.ok(instanceTypeInfo(defaultQuickCluster.instanceType), 'an instance type the server knows');
  assert.deepEqual(Object.keys(world.simulations()[0].cluster as object), ['instanceGroups']);
});

test('dispose closes the panel and stops pending work', async () => {
  const { world, host } = await openReady();
  host.documentChanged(uris.service);
  const before = world.simulations().length;
  host.dispose();
  await tick(40);
  assert.equal(world.view.disposed, true);
  assert.equal(world.simulations().length, before);
});

test('a panel restored after a reload simulates the files it showed, with its saved inputs', async () => {
  const world = fakeWorld();
  const host = new PlacementPanelHost(world.deps);
  const restoredView = world.deps.createView();
  const restoring = host.restore(restoredView, uris.service, {
    cluster: { kind: 'file', uri: uris.otherCluster },
    desiredCount: 2,
  });
  world.view.send({ type: 'ready' });
  await restoring;
  const init = await world.view.next('init', 0);
  assert.equal(init.sources.service?.uri, uris.service);
  await world.view.next('result', 0);
  const [request] = world.simulations();
  assert.deepEqual(request.cluster, JSON.parse(world.texts.get(uris.otherCluster)!));
  assert.equal(request.options?.count, 2);
});

test('a click asks for the explanation of that task against the files and inputs of the result on screen', async () => {
  const { world, result } = await openReady();
  const request = world.requests.filter((r) => r.method === 'ecsLens/simulate').at(-1)!.params as object;
  world.view.send({ type: 'explain', id: result.id + 1, task: 0 });
  world.view.send({ type: 'explain', id: result.id, task: -1 });
  world.view.send({ type: 'explain', id: result.id, task: 0 });
  const answer = await world.view.next('explanation', 0);
  const asked = world.requests.filter((r) => r.method === 'ecsLens/explainTask');
  assert.equal(asked.length, 1, 'a stale id or a bad task number is not sent');
  assert.deepEqual(asked[0].params, { ...request, task: 0 });
  assert.equal(answer.id, result.id);
  assert.equal(answer.task, 0);
  assert.ok(answer.explanation, 'the fixture service places task 0');
  assert.equal(answer.explanation.task, 0);
  assert.ok(answer.explanation.steps.length >= 2);
});

test("the form offers the strategy and constraint types and the managed-scaling ranges of the server's tables", async () => {
  const { world } = await openReady();
  const init = world.view.ofType('init')[0];
  assert.deepEqual(
    init.options?.strategyTypes.map((t) => t.type),
    ['spread', 'binpack', 'random'],
  );
  assert.deepEqual(init.options?.strategyTypes.find((t) => t.type === 'binpack')?.fields, ['cpu', 'memory']);
  assert.deepEqual(
    init.options?.constraintTypes.map((t) => t.type),
    ['distinctInstance', 'memberOf'],
  );
  // SDK ManagedScaling doc comments: targetCapacity above 0 and at most 100 (default 100); step sizes 1 to 10,000.
  assert.deepEqual(init.options?.managedScaling.targetCapacity, { min: 1, max: 100, default: 100 });
  assert.deepEqual(init.options?.managedScaling.maximumScalingStepSize, { min: 1, max: 10_000, default: 10_000 });
  assert.deepEqual(init.options?.newStrategy, { type: 'binpack', field: 'memory' });
  assert.deepEqual(init.options?.newConstraint, { type: 'distinctInstance' });
});

test('saved capacity-provider fields outside the ranges the server gives are dropped', () => {
  const options = { managedScaling: { targetCapacity: { min: 1, max: 100, default: 100 } } };
  const cleaned = cleanInputs(
    { cluster: { kind: 'file', uri: 'file:///c.json' }, capacityProvider: { targetCapacity: 101 } },
    options,
  );
  assert.deepEqual(cleaned.capacityProvider, {});
  const kept = cleanInputs(
    { cluster: { kind: 'file', uri: 'file:///c.json' }, capacityProvider: { targetCapacity: 80 } },
    options,
  );
  assert.deepEqual(kept.capacityProvider, { targetCapacity: 80 });
});

test('a Terraform resource (file.tf#address) is simulated, and an edit to its file simulates it again', async () => {
  await prepareSurfaces();
  const world = fakeWorld();
  const tf = 'file:///ws/infra/ecs.tf';
  const resources = (memory: number) => `resource "aws_ecs_task_definition" "api" {
  family                = "api"
  container_definitions = jsonencode([{ name = "api", image = "nginx", memory = ${memory} }])
}
resource "aws_ecs_service" "first" {
  name            = "first"
  task_definition = "web"
  desired_count   = 1
}
resource "aws_ecs_service" "api" {
  name            = "api"
  task_definition = aws_ecs_task_definition.api.arn
  desired_count   = 2
}
`;
  world.texts.set(tf, resources(256));
  const host = new PlacementPanelHost(world.deps);
  const opening = host.open(`${tf}#aws_ecs_service.api`);
  world.view.send({ type: 'ready' });
  await opening;
  const init = await world.view.next('init', 0);
  assert.equal(init.sources.service?.uri, `${tf}#aws_ecs_service.api`);
  assert.equal(init.sources.taskDefinition?.uri, `${tf}#aws_ecs_task_definition.api`);
  await world.view.next('result', 0);
  world.texts.set(tf, resources(1024));
  const from = world.view.posted.length;
  // The editor names the file, not the resource.
  host.documentChanged(tf);
  await world.view.next('result', from);
  const request = world.simulations().at(-1)!;
  assert.equal(
    (request.taskDefinition as { containerDefinitions: Array<{ memory: number }> }).containerDefinitions[0].memory,
    1024,
  );
  assert.equal((request.service as { desiredCount: number }).desiredCount, 2);
  host.dispose();
});
