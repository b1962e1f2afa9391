import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSimulateCli } from '../../../server/src/cli/simulate';
import { cluster, service, taskDef } from '../placement/helpers';

const files: Record<string, string> = {
  'cluster.json': JSON.stringify({
    ...cluster({ instanceType: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'], count: 2 }),
    capacityProvider: {},
  }),
  'td.json': JSON.stringify(taskDef({ portMappings: [{ containerPort: 80, hostPort: 80 }] })),
  'svc2.json': JSON.stringify(service({ desiredCount: 2 })),
  'svc3.json': JSON.stringify(service({ desiredCount: 3 })),
  'broken.json': '{ "instanceGroups": [',
  'badtype.json': JSON.stringify(cluster({ instanceType: 'm99.huge' })),
};
const readFile = (path: string): string => {
  if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  return files[path];
};
const run = (...argv: string[]) => runSimulateCli(argv, readFile);

test('exit 0 with a text report when every task is placed', () => {
  const out = run('simulate', '--cluster', 'cluster.json', '--task-definition', 'td.json', '--service', 'svc2.json');
  assert.equal(out.exitCode, 0, out.stderr);
  assert.equal(out.stderr, '');
  assert.match(out.stdout, /INSTANCE\s+AZ\s+TASKS/);
  assert.match(out.stdout, /m5\.large-us-east-1a-1\s+us-east-1a\s+\d/);
  assert.match(out.stdout, /Placed 2 of 2 tasks\./);
  assert.match(out.stdout, /Scale-out: /);
});

test('exit 1 when some tasks are not placed, with reasons and a scale-out estimate', () => {
  const out = run('--cluster', 'cluster.json', '--task-definition', 'td.json', '--service', 'svc3.json');
  assert.equal(out.exitCode, 1);
  assert.match(out.stdout, /task 2: host port 80\/tcp already in use on 2 instances/);
  assert.match(out.stdout, /Scale-out: 1 more m5\.large instance would place 1 of 1 unplaced task/);
});

test('--format json prints placements, unplaced, instances and scaleOut', () => {
  const out = run(
    '--cluster=cluster.json',
    '--task-definition',
    'td.json',
    '--service',
    'svc3.json',
    '--format',
    'json',
    '--seed',
    '4',
  );
  assert.equal(out.exitCode, 1);
  const json = JSON.parse(out.stdout);
  assert.deepEqual(Object.keys(json).slice(0, 4), ['placements', 'unplaced', 'instances', 'scaleOut']);
  assert.deepEqual(
    json.placements.map((p: { task: number }) => p.task),
    [0, 1],
  );
  assert.equal(typeof json.placements[0].instance, 'string');
  assert.deepEqual(json.unplaced, [
    {
      task: 2,
      reasons: [
        {
          code: 'port-conflict',
          message: 'host port 80/tcp already in use on 2 instances',
          instances: 2,
          ecsReason: 'RESOURCE:PORTS',
        },
      ],
    },
  ]);
  const instance = json.instances[0];
  assert.equal(instance.instance, 'm5.large-us-east-1a-1');
  assert.equal(instance.availabilityZone, 'us-east-1a');
  assert.equal(instance.tasks.length, 1);
  assert.deepEqual([instance.cpu.registered, instance.cpu.remaining], [2048, 1792]);
  assert.deepEqual([instance.memory.registered, instance.memory.remaining], [7680, 7168]);
  assert.equal(json.scaleOut.instancesToAdd, 1);
  assert.equal(json.scaleOut.capacityProviderReservation, 150);
});

test('run-task with --count, and the same seed gives the same output', () => {
  const args = [
    '--cluster',
    'cluster.json',
    '--task-definition',
    'td.json',
    '--count',
    '2',
    '--seed',
    '9',
    '--format',
    'json',
  ];
  const a = run(...args);
  assert.equal(a.exitCode, 0);
  assert.equal(JSON.parse(a.stdout).mode, 'run-task');
  assert.equal(run(...args).stdout, a.stdout);
});

test('exit 2 on bad usage or input, naming the flag or file', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--task-definition', 'td.json'], /--cluster <file> is required/],
    [['--cluster', 'cluster.json'], /--task-definition <file> is required/],
    [
      ['--cluster', 'cluster.json', '--task-definition', 'td.json', '--format', 'yaml'],
      /--format must be text or json/,
    ],
    [
      ['--cluster', 'cluster.json', '--task-definition', 'td.json', '--count', 'many'],
      /--count must be a whole number/,
    ],
    [['--cluster', 'cluster.json', '--task-definition', 'td.json', '--bogus'], /unknown argument --bogus/],
    [['--cluster', 'cluster.json', '--task-definition'], /--task-definition needs a value/],
    [['--cluster', 'missing.json', '--task-definition', 'td.json'], /cannot read --cluster file missing\.json/],
    [['--cluster', 'broken.json', '--task-definition', 'td.json'], /--cluster file broken\.json is not valid JSON/],
    [
      ['--cluster', 'badtype.json', '--task-definition', 'td.json'],
      /badtype\.json: instanceGroups\[0\]: instanceType is not in the instance-type table/,
    ],
  ];
  for (const [argv, message] of cases) {
    const out = run(...argv);
    assert.equal(out.exitCode, 2, argv.join(' '));
    assert.equal(out.stdout, '');
    assert.match(out.stderr, message);
  }
});

test('--help prints the usage', () => {
  const out = run('--help');
  assert.equal(out.exitCode, 0);
  assert.match(out.stdout, /usage: ecs-lens simulate --cluster <file>/);
});

test('--explain-task explains one task; a task the simulation lacks is a usage error', () => {
  const out = run(
    '--cluster',
    'cluster.json',
    '--task-definition',
    'td.json',
    '--service',
    'svc3.json',
    '--explain-task',
    '1',
    '--format',
    'json',
  );
  const json = JSON.parse(out.stdout) as {
    explanations: Array<{ task: number; instance?: string; steps: unknown[] }>;
    placements: Array<{ task: number; instance: string }>;
  };
  assert.equal(json.explanations.length, 1);
  assert.equal(json.explanations[0].task, 1);
  assert.equal(json.explanations[0].instance, json.placements.find((p) => p.task === 1)!.instance);
  const missing = run(
    '--cluster',
    'cluster.json',
    '--task-definition',
    'td.json',
    '--service',
    'svc3.json',
    '--explain-task',
    '9',
  );
  assert.equal(missing.exitCode, 2);
  assert.match(missing.stderr, /no task 9 \(tasks 0 to 2\)/);
  assert.equal(
    run('--cluster', 'cluster.json', '--task-definition', 'td.json', '--explain', '--explain-task', '0').exitCode,
    2,
  );
});
