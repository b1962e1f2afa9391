import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWebviewMessage } from '../../../client/src/panel/messages';
import { simulationOptions } from '../../../client/src/panel/request';

test('webview messages are checked before the host acts on them', () => {
  assert.ok(isWebviewMessage({ type: 'ready' }));
  assert.ok(isWebviewMessage({ type: 'rendered', id: 3 }));
  assert.ok(isWebviewMessage({ type: 'openFile', uri: 'file:///a.json' }));
  assert.ok(isWebviewMessage({ type: 'setInputs', inputs: { cluster: { kind: 'file', uri: 'file:///c.json' } } }));
  assert.ok(
    isWebviewMessage({
      type: 'setInputs',
      inputs: { cluster: { kind: 'quick', instanceType: 'm5.large', count: 1, availabilityZones: [] } },
    }),
  );
  for (const bad of [
    null,
    'ready',
    {},
    { type: 'rendered', id: '3' },
    { type: 'openFile' },
    { type: 'setInputs', inputs: {} },
    { type: 'eval', code: '1' },
  ]) {
    assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
  }
});

test('only the inputs the user set become options', () => {
  assert.deepEqual(simulationOptions({ cluster: { kind: 'file', uri: 'x' } }), {});
  assert.deepEqual(simulationOptions({ cluster: { kind: 'file', uri: 'x' }, capacityProvider: {} }), {});
  assert.deepEqual(simulationOptions({ cluster: { kind: 'file', uri: 'x' }, desiredCount: 0, placementStrategy: [] }), {
    count: 0,
    placementStrategy: [],
  });
});
