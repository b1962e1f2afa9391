import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, fails, passes, task } from './helpers';

const two = (a: object, b: object, over: object = {}) => ({
  family: 'x',
  ...over,
  containerDefinitions: [
    { name: 'a', image: 'a', memory: 64, ...a },
    { name: 'b', image: 'b', memory: 64, ...b },
  ],
});

test('containers.no-essential: essential defaults to true', () => {
  passes('containers.no-essential', two({ essential: false }, {}));
  const doc = two({ essential: false }, { essential: false });
  const [f] = fails('containers.no-essential', doc, ['"containerDefinitions"']);
  assert.equal((applyFix(doc, f, 'Mark container "a" essential') as any).containerDefinitions[0].essential, true);
});

test('containers.duplicate-name', () => {
  passes('containers.duplicate-name', two({}, {}));
  fails('containers.duplicate-name', two({}, { name: 'a' }), ['"a"']);
});

test('containers.too-many: at most 10', () => {
  const list = (n: number) => ({
    family: 'x',
    containerDefinitions: Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: 'a', memory: 64 })),
  });
  passes('containers.too-many', list(10));
  fails('containers.too-many', list(11), ['"containerDefinitions"']);
});

test('task.size: 64 KiB of JSON', () => {
  passes('task.size', task());
  const environment = Array.from({ length: 800 }, (_, i) => ({ name: `VARIABLE_NUMBER_${i}`, value: 'x'.repeat(60) }));
  fails('task.size', task({}, { environment }), ['"containerDefinitions"']);
});

test('containers.depends-on: existing targets and satisfiable conditions pass', () => {
  passes(
    'containers.depends-on',
    two({ dependsOn: [{ containerName: 'b', condition: 'HEALTHY' }] }, { healthCheck: { command: ['CMD', 'true'] } }),
  );
  passes(
    'containers.depends-on',
    two({ dependsOn: [{ containerName: 'b', condition: 'SUCCESS' }] }, { essential: false }),
  );
});

test('containers.depends-on: unknown, self, HEALTHY without check, COMPLETE on essential', () => {
  fails('containers.depends-on', two({ dependsOn: [{ containerName: 'c', condition: 'START' }] }, {}), ['"c"']);
  fails('containers.depends-on', two({ dependsOn: [{ containerName: 'a', condition: 'START' }] }, {}), ['"a"']);
  fails('containers.depends-on', two({ dependsOn: [{ containerName: 'b', condition: 'HEALTHY' }] }, {}), ['"HEALTHY"']);
  fails('containers.depends-on', two({ dependsOn: [{ containerName: 'b', condition: 'COMPLETE' }] }, {}), [
    '"COMPLETE"',
  ]);
});

test('containers.depends-on: a cycle is reported once', () => {
  const found = fails(
    'containers.depends-on',
    two(
      { dependsOn: [{ containerName: 'b', condition: 'START' }] },
      { dependsOn: [{ containerName: 'a', condition: 'START' }] },
    ),
    ['"a"'],
  );
  assert.match(found[0].message, /a → b → a/);
});

test('containers.links: bridge only, existing containers', () => {
  passes('containers.links', two({ links: ['b:db'] }, {}));
  fails('containers.links', two({ links: ['c'] }, {}), ['"c"']);
  fails('containers.links', two({ links: ['b'] }, {}, { networkMode: 'awsvpc' }), ['"links"']);
});

test('containers.volumes-from', () => {
  passes('containers.volumes-from', two({ volumesFrom: [{ sourceContainer: 'b' }] }, {}));
  fails('containers.volumes-from', two({ volumesFrom: [{ sourceContainer: 'z' }] }, {}), ['"z"']);
});

test('containers.mount-point-volume', () => {
  passes(
    'containers.mount-point-volume',
    task({ volumes: [{ name: 'data' }] }, { mountPoints: [{ sourceVolume: 'data', containerPath: '/d' }] }),
  );
  fails(
    'containers.mount-point-volume',
    task({ volumes: [{ name: 'data' }] }, { mountPoints: [{ sourceVolume: 'dat', containerPath: '/d' }] }),
    ['"dat"'],
  );
});

test('containers.hostname-awsvpc', () => {
  passes('containers.hostname-awsvpc', task({}, { hostname: 'web' }));
  const doc = task({ networkMode: 'awsvpc' }, { hostname: 'web' });
  const [f] = fails('containers.hostname-awsvpc', doc, ['"hostname"']);
  assert.equal((applyFix(doc, f, 'Remove "hostname"') as any).containerDefinitions[0].hostname, undefined);
});
