/**
 * What a repository's `.ecs-lens.json` can make `ecs-lens check` read and print: only a regular file inside
 * the checked tree, and no message that quotes it. Each test builds its hostile files in a temporary folder.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'bin', 'ecs-lens.js');

/** A task definition with one error (privileged on Fargate is refused) so that a config can be seen at work. */
const taskDef = JSON.stringify(
  {
    family: 'web',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'web', image: 'nginx:1.27', essential: true, privileged: true }],
  },
  null,
  2,
);

function scratch(t: TestContext): string {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'ecs-lens-admission-')));
  t.after(() => {
    rmSync(base, { recursive: true, force: true });
    assert.equal(existsSync(base), false);
  });
  return base;
}

function run(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ...env },
  });
  assert.equal(r.error, undefined, `ecs-lens ${args.join(' ')} ended by itself`);
  return { ...r, all: `${r.stdout}\n${r.stderr}` };
}

test('a .ecs-lens.json linked to /proc/self/environ is not read, and nothing of the environment is printed', (t) => {
  const repo = scratch(t);
  writeFileSync(join(repo, 'web-task-def.json'), taskDef);
  symlinkSync('/proc/self/environ', join(repo, '.ecs-lens.json'));
  for (const format of ['text', 'json', 'sarif', 'junit']) {
    const r = run(repo, ['check', '--format', format, '.'], { K: 'SECRET42' });
    assert.doesNotMatch(r.all, /SECRET42/, `${format}: the environment stays out of the output`);
    assert.match(r.stderr, /\.ecs-lens\.json: leads outside the folder ECS Lens checks/);
    assert.match(r.stdout, /privileged|security/, `${format}: the files are still checked`);
  }
});

test('a .ecs-lens.json linked to a JSON file outside the checked folder is not read', (t) => {
  const base = scratch(t);
  const repo = join(base, 'repo');
  mkdirSync(repo);
  writeFileSync(join(repo, 'web-task-def.json'), taskDef);
  writeFileSync(
    join(base, 'elsewhere.json'),
    JSON.stringify({ rules: { 'any.rule': 'TOKEN-0xfeed' }, ignore: ['**'] }),
  );
  symlinkSync(join(base, 'elsewhere.json'), join(repo, '.ecs-lens.json'));
  const r = run(repo, ['check', '.']);
  assert.doesNotMatch(r.all, /TOKEN-0xfeed/);
  assert.match(r.stderr, /leads outside the folder ECS Lens checks/);
  // The ignore pattern of the linked file did not apply: the task definition was checked.
  assert.match(r.stdout, /web-task-def\.json:\d+:\d+ error/);
});

test('problems of an in-tree .ecs-lens.json name line and column, never the text they found', (t) => {
  const repo = scratch(t);
  writeFileSync(join(repo, 'web-task-def.json'), taskDef);
  writeFileSync(
    join(repo, '.ecs-lens.json'),
    '{\n  "rules": { "security.privileged": "VALUE-SEEN" },\n  "KEY-SEEN": 1,\n  "ignore": [7]\n}\n',
  );
  const r = run(repo, ['check', '.']);
  assert.doesNotMatch(r.all, /VALUE-SEEN|KEY-SEEN/);
  assert.match(r.stderr, /\.ecs-lens\.json: line 2, column 37: a level in "rules" is off, hint/);
  assert.match(r.stderr, /\.ecs-lens\.json: line 3, column 3: unknown member/);
  assert.match(r.stderr, /\.ecs-lens\.json: line 4, column 14: an entry of "ignore" is not a usable glob/);
  writeFileSync(join(repo, '.ecs-lens.json'), 'K=SECRET42\n');
  const broken = run(repo, ['check', '.']);
  assert.doesNotMatch(broken.all, /SECRET42/);
  assert.match(broken.stderr, /\.ecs-lens\.json: line 1, column 1: not valid JSON; ignored\./);
});

test('a .ecs-lens.json above the checked tree is not read; the nearest one inside it is', (t) => {
  const base = scratch(t);
  const repo = join(base, 'repo');
  mkdirSync(join(repo, 'svc'), { recursive: true });
  writeFileSync(join(repo, 'svc', 'web-task-def.json'), taskDef);
  writeFileSync(join(base, '.ecs-lens.json'), JSON.stringify({ ignore: ['**'] }));
  const r = run(repo, ['check', '.']);
  assert.match(r.stdout, /web-task-def\.json:\d+:\d+ error/, 'the file above the tree ignored nothing');
  // Checking the subfolder alone does not climb to repo/.ecs-lens.json either.
  writeFileSync(join(repo, '.ecs-lens.json'), JSON.stringify({ rules: { 'security.privileged': 'off' } }));
  const sub = run(repo, ['check', 'svc']);
  assert.match(sub.stdout, /web-task-def\.json:\d+:\d+ error/);
  // The tree's own file, nearest to the checked file, applies.
  writeFileSync(join(repo, 'svc', '.ecs-lens.json'), JSON.stringify({ ignore: ['**'] }));
  const own = run(repo, ['check', '.']);
  assert.doesNotMatch(own.stdout, /web-task-def\.json:\d+:\d+ error/);
});

test('a .ecs-lens.json that is a FIFO or a link to /dev/zero is refused at once', (t) => {
  const repo = scratch(t);
  writeFileSync(join(repo, 'web-task-def.json'), taskDef);
  execFileSync('mkfifo', [join(repo, '.ecs-lens.json')]);
  const fifo = run(repo, ['check', '.']);
  assert.match(fifo.stderr, /\.ecs-lens\.json: is not a regular file/);
  rmSync(join(repo, '.ecs-lens.json'));
  mkdirSync(join(repo, 'dev'));
  symlinkSync('/dev/zero', join(repo, 'dev', '.ecs-lens.json'));
  writeFileSync(join(repo, 'dev', 'api-task-def.json'), taskDef);
  const zero = run(repo, ['check', '.']);
  assert.match(zero.stderr, /dev\/\.ecs-lens\.json: leads outside the folder ECS Lens checks/);
});

test('ecs-lens policy reads through the bounded reader: a FIFO and a link to /dev/zero are refused at once', (t) => {
  const dir = scratch(t);
  execFileSync('mkfifo', [join(dir, 'pipe-task-def.json')]);
  symlinkSync('/dev/zero', join(dir, 'zero-task-def.json'));
  const fifo = run(dir, ['policy', '--task-definition', 'pipe-task-def.json']);
  assert.equal(fifo.status, 2);
  assert.match(fifo.stderr, /pipe-task-def\.json" is not a regular file/);
  const zero = run(dir, ['policy', '--task-definition', 'zero-task-def.json']);
  assert.equal(zero.status, 2);
  assert.match(zero.stderr, /zero-task-def\.json" is not a regular file/);
});

test('reports: JUnit stays XML 1.0, SARIF URIs are percent-encoded, the text format cannot be forged by a file name', (t) => {
  const dir = scratch(t);
  const bad = JSON.parse(taskDef) as { containerDefinitions: Array<{ name: string }> };
  bad.containerDefinitions[0].name = 'web\uffff\u0001';
  const names = [
    'a#b-task-def.json',
    'c%41-task-def.json',
    'odd\uffff-task-def.json',
    'x\nforged.json:1:1 error fake.rule y-task-def.json',
  ];
  for (const name of names) writeFileSync(join(dir, name), JSON.stringify(bad));
  const junit = run(dir, ['check', '--format', 'junit', '.']);
  assert.doesNotMatch(
    junit.stdout,
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/,
    'no character XML 1.0 forbids',
  );
  assert.match(junit.stdout, /odd\\uffff-task-def\.json/);
  assert.doesNotMatch(junit.stdout, /="[^"]*\n[^"]*"/, 'no raw line break inside an attribute');
  const sarif = JSON.parse(run(dir, ['check', '--format', 'sarif', '.']).stdout) as {
    runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
  };
  const uris = new Set(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
  assert.ok(uris.has('a%23b-task-def.json'), [...uris].join(' '));
  assert.ok(uris.has('c%2541-task-def.json'));
  assert.ok(uris.has('x%0Aforged.json%3A1%3A1%20error%20fake.rule%20y-task-def.json'));
  const text = run(dir, ['check', '.']);
  assert.doesNotMatch(text.stdout, /^forged\.json/m, 'a line break in a name is written as \\u000a');
  assert.match(text.stdout, /x\\u000aforged\.json:1:1 error fake\.rule y-task-def\.json:\d+:\d+ /);
  assert.ok(
    text.stdout
      .trim()
      .split('\n')
      .every((line) => /^.+:\d+:\d+ (error|warning|information|hint) \S+ /.test(line) || /files? checked/.test(line)),
    text.stdout,
  );
});

test('a list of 200,000 entries is checked without overflowing the stack', (t) => {
  const dir = scratch(t);
  writeFileSync(
    join(dir, 'web-task-def.json'),
    JSON.stringify({
      family: 'web',
      containerDefinitions: [{ name: 'web', image: 'nginx', memory: 512, links: new Array(200_000).fill(0) }],
    }),
  );
  const r = run(dir, ['check', '.']);
  assert.doesNotMatch(r.stderr, /call stack/);
  assert.match(r.stdout, /web-task-def\.json:\d+:\d+ error task\.size/);
});

test('simulate refuses attributes longer than ECS keeps before a =~ constraint scans them', (t) => {
  const dir = scratch(t);
  writeFileSync(
    join(dir, 'big.cluster.json'),
    JSON.stringify({
      instanceGroups: [{ instanceType: 'm5.large', count: 5000, attributes: { custom: 'a'.repeat(200_000) } }],
    }),
  );
  writeFileSync(
    join(dir, 'web-task-def.json'),
    JSON.stringify({
      family: 'web',
      containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 10, memory: 10 }],
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:custom =~ a*b' }],
    }),
  );
  const r = run(dir, ['simulate', '--cluster', 'big.cluster.json', '--task-definition', 'web-task-def.json']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /instanceGroups\[0\]\.attributes: longer than 128 characters/);
});

test('simulate reads a 5,000-instance describe-container-instances file and refuses 5,001 by the ECS limit', (t) => {
  const dir = scratch(t);
  const entry = (i: number) => ({
    containerInstanceArn: `arn:aws:ecs:us-east-1:123456789012:container-instance/prod/${i.toString(16).padStart(32, '0')}`,
    ec2InstanceId: `i-${i.toString(16).padStart(17, '0')}`,
    status: 'ACTIVE',
    agentConnected: true,
    registeredResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 7680 },
    ],
    remainingResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 7680 },
    ],
    attributes: [
      { name: 'ecs.instance-type', value: 'm5.large' },
      { name: 'ecs.availability-zone', value: 'us-east-1a' },
      ...Array.from({ length: 8 }, (_, k) => ({ name: `com.amazonaws.ecs.capability.docker-remote-api.1.${17 + k}` })),
    ],
  });
  const write = (name: string, n: number) =>
    writeFileSync(
      join(dir, name),
      JSON.stringify({ containerInstances: Array.from({ length: n }, (_, i) => entry(i)) }, null, 2),
    );
  write('five.json', 5000);
  write('more.json', 5001);
  writeFileSync(join(dir, 'web-task-def.json'), taskDef);
  const five = run(dir, ['simulate', '--cluster', 'five.json', '--task-definition', 'web-task-def.json']);
  assert.equal(five.status, 0, five.stderr);
  const more = run(dir, ['simulate', '--cluster', 'more.json', '--task-definition', 'web-task-def.json']);
  assert.equal(more.status, 2);
  assert.match(
    more.stderr,
    /lists more than 5,000 container instances \(ECS registers at most 5,000 container instances per cluster\)/,
  );
});

test('simulator errors name the file, the member and what is allowed, and quote no value they read', (t) => {
  const dir = scratch(t);
  const marker = 'MARKER7f3a';
  const put = (name: string, value: unknown) => writeFileSync(join(dir, name), JSON.stringify(value));
  put('c.cluster.json', { instanceGroups: [{ instanceType: `m5.${marker}` }] });
  put('ok.cluster.json', { instanceGroups: [{ instanceType: 'm5.large', count: 2 }] });
  put('td.json', { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 256, memory: 512 }] });
  put('marked-td.json', {
    family: 'web',
    cpu: marker,
    memory: `${marker} GB`,
    containerDefinitions: [{ name: 'web', image: 'nginx' }],
    placementConstraints: [{ type: 'memberOf', expression: `${marker} ==` }, { type: marker }],
  });
  put('svc.json', {
    serviceName: 'web',
    taskDefinition: 'web',
    desiredCount: marker,
    placementStrategy: [{ type: marker }, { type: 'binpack', field: marker }],
    deploymentConfiguration: { strategy: marker, minimumHealthyPercent: marker },
  });
  put('ok-svc.json', { serviceName: 'web', taskDefinition: 'web', desiredCount: 2 });
  put('deploy-svc.json', {
    serviceName: 'web',
    taskDefinition: 'web',
    desiredCount: 2,
    deploymentConfiguration: { strategy: marker, minimumHealthyPercent: marker },
  });
  put('target.json', {
    ServiceNamespace: marker,
    ScalableDimension: marker,
    ResourceId: `service/${marker}/web`,
    MinCapacity: 7,
    MaxCapacity: 3,
  });
  put('policy.json', { PolicyName: marker, PolicyType: marker });
  put('tt-policy.json', {
    PolicyName: marker,
    ResourceId: `service/${marker}/other`,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: 50,
      PredefinedMetricSpecification: { PredefinedMetricType: marker },
    },
  });
  put('alarm.json', { AlarmName: marker, MetricName: marker, Period: 3600, ComparisonOperator: marker });
  put('load.json', {
    metric: marker,
    demand: [
      [5, 1],
      [5, 2],
    ],
  });
  const outputs = [
    run(dir, ['simulate', '--cluster', 'c.cluster.json', '--task-definition', 'td.json']),
    run(dir, ['simulate', '--cluster', 'ok.cluster.json', '--task-definition', 'marked-td.json']),
    run(dir, ['simulate', '--cluster', 'ok.cluster.json', '--task-definition', 'td.json', '--service', 'svc.json']),
    run(dir, [
      'deploy',
      '--cluster',
      'ok.cluster.json',
      '--task-definition',
      'td.json',
      '--service',
      'deploy-svc.json',
    ]),
    ...['policy.json', 'tt-policy.json'].map((policy) =>
      run(dir, [
        'scale',
        '--cluster',
        'ok.cluster.json',
        '--service',
        'ok-svc.json',
        '--task-definition',
        'td.json',
        '--target',
        'target.json',
        '--policy',
        policy,
        '--alarm',
        'alarm.json',
        '--load',
        'load.json',
      ]),
    ),
  ];
  const said = outputs.map((r) => r.all).join('\n');
  for (const r of outputs) assert.notEqual(r.status, 0, r.all);
  assert.doesNotMatch(said, new RegExp(marker), said);
  // Each names its file and member.
  for (const expected of [
    /c\.cluster\.json: instanceGroups\[0\]: instanceType is not in the instance-type table/,
    /marked-td\.json: cpu: must be written in CPU units/,
    /marked-td\.json: placementConstraints\[0\]\.expression: not valid at character 12/,
    /svc\.json: placementStrategy\[0\]\.type: must be one of binpack, random, spread/,
    /svc\.json: desiredCount: must be a whole number/,
    /deploy-svc\.json: deploymentConfiguration\.strategy: must be ROLLING, BLUE_GREEN, LINEAR or CANARY/,
    /target\.json: ServiceNamespace: must be ecs for a service/,
    /target\.json: MinCapacity: must be at most MaxCapacity/,
    /load\.json: metric: must be CPUUtilization, MemoryUtilization or RequestCount/,
  ])
    assert.match(said, expected);
});
