import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWebviewMessage } from '../../../client/src/panel/messages';
import { quickCluster, simulationOptions } from '../../../client/src/panel/request';
import { resolveSources } from '../../../client/src/panel/sources';

test('webview messages are checked before the host acts on them', () => {
  assert.ok(isWebviewMessage({ type: 'ready' }));
  assert.ok(isWebviewMessage({ type: 'rendered', id: 3 }));
  assert.ok(isWebviewMessage({ type: 'openFile', uri: 'file:///a.json' }));
  assert.ok(isWebviewMessage({ type: 'setInputs', inputs: { cluster: { kind: 'file', uri: 'file:///c.json' } } }));
  assert.ok(isWebviewMessage({ type: 'setInputs', inputs: { cluster: { kind: 'quick', instanceType: 'm5.large', count: 1, availabilityZones: [] } } }));
  for (const bad of [null, 'ready', {}, { type: 'rendered', id: '3' }, { type: 'openFile' }, { type: 'setInputs', inputs: {} }, { type: 'eval', code: '1' }]) {
    assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
  }
});

test('only the inputs the user set become options', () => {
  assert.deepEqual(simulationOptions({ cluster: { kind: 'file', uri: 'x' } }), {});
  assert.deepEqual(simulationOptions({ cluster: { kind: 'file', uri: 'x' }, capacityProvider: {} }), {});
  assert.deepEqual(simulationOptions({ cluster: { kind: 'file', uri: 'x' }, desiredCount: 0, placementStrategy: [] }), { count: 0, placementStrategy: [] });
});

test('the quick cluster is one instance group', () => {
  assert.deepEqual(quickCluster({ kind: 'quick', instanceType: 'm5.large', count: 2, availabilityZones: ['a', 'b'] }), {
    instanceGroups: [{ instanceType: 'm5.large', availabilityZones: ['a', 'b'], count: 2 }],
  });
});

test('a quick cluster without zones leaves them to the simulator', () => {
  assert.deepEqual(quickCluster({ kind: 'quick', instanceType: 't3.small', count: 1, availabilityZones: [' '] }), {
    instanceGroups: [{ instanceType: 't3.small', count: 1 }],
  });
});

test('describe output counts as a task definition for a service', () => {
  const resolved = resolveSources(
    'file:///w/svc.json',
    [
      { uri: 'file:///w/svc.json', kind: 'service', family: 'web' },
      { uri: 'file:///w/describe.json', kind: 'describe-output', family: 'web' },
    ],
    (u) => u,
  );
  assert.equal(resolved.sources.taskDefinition?.uri, 'file:///w/describe.json');
  assert.equal(resolved.family, 'web');
});
