import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clock as panelClock } from '../../../client/src/webview/charts';
import { clock as cliClock } from '../../../server/src/cli/timedArgs';
import { clock } from '../../../server/src/shared/clock';

test('the panel and the CLI print simulated time with one function', () => {
  assert.equal(panelClock, clock);
  assert.equal(cliClock, clock);
});

test('a time from an hour on keeps its seconds, so minutes and hours never read alike', () => {
  assert.equal(clock(5 * 3600 + 59 * 60 + 50), '5:59:50');
  assert.equal(clock(74 * 60), '1:14:00');
  assert.equal(clock(12 * 60), '12:00');
  assert.equal(clock(59.6), '1:00');
  assert.equal(clock(3599.6), '1:00:00');
  assert.equal(clock(0), '0:00');
});
