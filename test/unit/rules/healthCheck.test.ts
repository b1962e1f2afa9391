import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, fails, passes, task } from './helpers';

const hc = (healthCheck: object) => task({}, { healthCheck });

test('health-check.command: CMD, CMD-SHELL and NONE pass', () => {
  passes('health-check.command', hc({ command: ['CMD', 'curl', '-f', 'http://localhost/'] }));
  passes('health-check.command', hc({ command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] }));
  passes('health-check.command', hc({ command: ['NONE'] }));
});

test('health-check.command: a bare command is reported on its first element and fixed with CMD-SHELL', () => {
  const doc = hc({ command: ['/healthcheck', '--quiet'] });
  const [f] = fails('health-check.command', doc, ['"/healthcheck"']);
  assert.deepEqual((applyFix(doc, f, 'Run it with CMD-SHELL') as any).containerDefinitions[0].healthCheck.command, [
    'CMD-SHELL',
    '/healthcheck --quiet',
  ]);
  assert.deepEqual((applyFix(doc, f, 'Prefix it with CMD') as any).containerDefinitions[0].healthCheck.command, [
    'CMD',
    '/healthcheck',
    '--quiet',
  ]);
  fails('health-check.command', hc({ command: ['CMD'] }), ['[\n          "CMD"\n        ]']);
});

test('health-check.range', () => {
  passes('health-check.range', hc({ command: ['NONE'], interval: 5, timeout: 2, retries: 10, startPeriod: 300 }));
  fails('health-check.range', hc({ command: ['NONE'], interval: 4, timeout: 61, retries: 0, startPeriod: 301 }), [
    '4',
    '61',
    '0',
    '301',
  ]);
});

test('health-check.timeout-exceeds-interval: warns, default interval 30', () => {
  passes('health-check.timeout-exceeds-interval', hc({ command: ['NONE'], interval: 10, timeout: 10 }));
  fails('health-check.timeout-exceeds-interval', hc({ command: ['NONE'], interval: 5, timeout: 6 }), ['6']);
  fails('health-check.timeout-exceeds-interval', hc({ command: ['NONE'], timeout: 31 }), ['31']);
});
