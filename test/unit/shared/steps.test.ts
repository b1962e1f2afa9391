import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInSlices } from '../../../server/src/shared/steps';

test('work queued during a slice in three chained turns of the event loop (read, handle, write) ends before the next slice', async () => {
  const events: string[] = [];
  let slices = 0;
  function* work() {
    for (let slice = 0; slice < 3; slice++) {
      events.push(`slice ${slice}`);
      if (slice === 0) {
        // As vscode-jsonrpc reads a request, runs its handler and writes the answer: each step queued with setImmediate.
        setImmediate(() => {
          events.push('read');
          setImmediate(() => {
            events.push('handled');
            setImmediate(() => events.push('written'));
          });
        });
      }
      yield;
    }
  }
  // Slices of 0 ms: every step is a slice of its own.
  await runInSlices(work(), () => (slices++, false), 0);
  assert.ok(slices >= 2);
  assert.deepEqual(events.slice(0, 5), ['slice 0', 'read', 'handled', 'written', 'slice 1']);
});
