import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eniTaskLimits } from '../../../server/src/ecs/eniTrunking';
import { awsvpcTaskLimit, instanceTypeInfo, knownInstanceTypes } from '../../../server/src/ecs/instanceTypes';
import { simulate } from '../../../server/src/placement';
import { parseTaskDefinition } from '../../../server/src/placement/taskModel';
import { cluster, perInstance, service, taskDef } from './helpers';

const threeInstances = cluster({
  instanceType: 'm5.large',
  availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  count: 3,
});

test('task size: task level first, else the containers (memoryReservation before memory)', () => {
  const taskLevel = parseTaskDefinition(taskDef({ cpu: '1 vCPU', memory: '2 GB' })).task!;
  assert.deepEqual([taskLevel.cpu, taskLevel.memory], [1024, 2048]);
  const containers = parseTaskDefinition({
    family: 'f',
    containerDefinitions: [
      { name: 'a', image: 'x', cpu: 128, memory: 1024, memoryReservation: 256 },
      { name: 'b', image: 'x', cpu: 64, memory: 300 },
    ],
  }).task!;
  assert.deepEqual([containers.cpu, containers.memory], [192, 556]);
  const wrapped = parseTaskDefinition({ taskDefinition: taskDef({ cpu: 512, memory: 1024 }) }).task!;
  assert.deepEqual([wrapped.cpu, wrapped.memory], [512, 1024]);
});

test('placing a task consumes cpu and memory for the next', () => {
  const result = simulate({
    taskDefinition: taskDef({ cpu: '1 vCPU', memory: '3 GB' }),
    service: service({ desiredCount: 3 }),
    cluster: cluster({ instanceType: 'm5.large', availabilityZone: 'us-east-1a' }),
  });
  // 7,680 MiB registered holds two 3 GB tasks; 2,048 CPU units hold two 1 vCPU tasks.
  assert.equal(result.placements.length, 2);
  assert.equal(result.unplaced.length, 1);
  assert.deepEqual(result.instances[0].cpu, { registered: 2048, remaining: 0, existing: 0, simulated: 2048 });
  assert.equal(result.unplaced[0].reasons[0].code, 'insufficient-cpu');
});

test('a static bridge host port allows one task per instance', () => {
  const result = simulate({
    taskDefinition: taskDef({ portMappings: [{ containerPort: 80, hostPort: 80 }] }),
    service: service({ desiredCount: 4 }),
    cluster: threeInstances,
  });
  assert.deepEqual(Object.values(perInstance(result)), [1, 1, 1]);
  assert.deepEqual(result.unplaced[0].reasons, [
    {
      code: 'port-conflict',
      message: 'host port 80/tcp already in use on 3 instances',
      instances: 3,
      ecsReason: 'RESOURCE:PORTS',
    },
  ]);
});

test('dynamic host ports (0 or absent) never conflict', () => {
  const result = simulate({
    taskDefinition: taskDef({ portMappings: [{ containerPort: 80, hostPort: 0 }, { containerPort: 81 }] }),
    service: service({ desiredCount: 9 }),
    cluster: threeInstances,
  });
  assert.equal(result.placements.length, 9);
});

test('host network mode binds the container port on the host', () => {
  const result = simulate({
    taskDefinition: taskDef({ networkMode: 'host', portMappings: [{ containerPort: 8080 }] }),
    service: service({ desiredCount: 4 }),
    cluster: threeInstances,
  });
  assert.equal(result.placements.length, 3);
  assert.match(result.unplaced[0].reasons[0].message, /8080\/tcp/);
});

test('TCP and UDP ports are separate; ports of running tasks and the agent are taken', () => {
  const base = {
    instanceType: 'm5.large',
    availabilityZone: 'us-east-1a',
    runningTasks: [{ group: 'service:dns', udpHostPorts: [53] }],
  };
  const tcp = simulate({
    taskDefinition: taskDef({ portMappings: [{ containerPort: 53, hostPort: 53 }] }),
    cluster: cluster(base),
  });
  assert.equal(tcp.placements.length, 1);
  const udp = simulate({
    taskDefinition: taskDef({ portMappings: [{ containerPort: 53, hostPort: 53, protocol: 'udp' }] }),
    cluster: cluster(base),
  });
  assert.equal(udp.placements.length, 0);
  assert.match(udp.unplaced[0].reasons[0].message, /53\/udp/);
  const ssh = simulate({
    taskDefinition: taskDef({ portMappings: [{ containerPort: 22, hostPort: 22 }] }),
    cluster: cluster(base),
  });
  assert.equal(ssh.unplaced[0].reasons[0].code, 'port-conflict');
});

test('awsvpc tasks need a free network interface: max ENIs minus the primary', () => {
  const result = simulate({
    taskDefinition: taskDef({ networkMode: 'awsvpc', portMappings: [{ containerPort: 80, hostPort: 80 }] }),
    service: service({ desiredCount: 3 }),
    cluster: cluster({ instanceType: 'm5.large', availabilityZone: 'us-east-1a' }),
  });
  // m5.large has 3 network interfaces; awsvpc tasks share no host ports.
  assert.equal(result.placements.length, 2);
  assert.deepEqual(
    result.unplaced[0].reasons.map((r) => [r.code, r.ecsReason]),
    [['insufficient-eni', 'RESOURCE:ENI']],
  );
});

test('ENI trunking raises the awsvpc limit on supported types only', () => {
  const run = (instanceType: string) =>
    simulate({
      taskDefinition: taskDef({ networkMode: 'awsvpc', containerCpu: 64, containerMemory: 128 }),
      service: service({ desiredCount: 12 }),
      cluster: cluster({ instanceType, availabilityZone: 'us-east-1a', awsvpcTrunking: true }),
    });
  assert.equal(run('m5.large').placements.length, 10);
  assert.equal(run('t3.large').placements.length, 2);
});

test('awsvpc tasks already running hold network interfaces', () => {
  const result = simulate({
    taskDefinition: taskDef({ networkMode: 'awsvpc' }),
    service: service({ desiredCount: 2 }),
    cluster: cluster({
      instanceType: 'm5.large',
      availabilityZone: 'us-east-1a',
      runningTasks: [{ group: 'service:api', networkMode: 'awsvpc', cpu: 256, memory: 512 }],
    }),
  });
  assert.equal(result.placements.length, 1);
});

test('GPU tasks need free GPUs of the instance type', () => {
  const result = simulate({
    taskDefinition: taskDef({ gpus: 1 }),
    service: service({ desiredCount: 3 }),
    cluster: cluster(
      { instanceType: 'g4dn.xlarge', availabilityZone: 'us-east-1a' },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
    ),
  });
  assert.deepEqual(perInstance(result), { 'g4dn.xlarge-us-east-1a-1': 1 });
  assert.deepEqual(
    result.unplaced[0].reasons.map((r) => [r.code, r.instances]),
    [['insufficient-gpu', 2]],
  );
});

// Developer guide ecs-gpu.html: the supported GPU instance types and their GPU counts.
test('the documented GPU instance types hold their GPUs (p2, p3dn, g3s, g3, g6, g5g)', () => {
  const gpus: Record<string, number> = {
    'p2.xlarge': 1,
    'p2.8xlarge': 8,
    'p2.16xlarge': 16,
    'p3dn.24xlarge': 8,
    'g3s.xlarge': 1,
    'g3.16xlarge': 4,
    'g6.12xlarge': 4,
    'g6.48xlarge': 8,
    'g5g.16xlarge': 2,
  };
  for (const [type, n] of Object.entries(gpus)) assert.equal(instanceTypeInfo(type)?.gpus, n, type);
  assert.equal(instanceTypeInfo('g5g.xlarge')!.architecture, 'arm64');
  const result = simulate({
    taskDefinition: taskDef({ gpus: 1 }),
    service: service({ desiredCount: 1 }),
    cluster: cluster({ instanceType: 'p2.xlarge', availabilityZone: 'us-east-1a' }),
  });
  assert.equal(result.placements.length, 1, JSON.stringify(result.unplaced));
});

test('reasons are counted over instances, largest first', () => {
  const result = simulate({
    taskDefinition: taskDef({ containerCpu: 256, containerMemory: 4096 }),
    service: service({ desiredCount: 1 }),
    cluster: cluster(
      { instanceType: 't3.medium', availabilityZone: 'us-east-1a', count: 3 },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1a', runningTasks: [{ group: 'x', cpu: 2048 }] },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1a', status: 'DRAINING' },
    ),
  });
  assert.deepEqual(
    result.unplaced[0].reasons.map((r) => [r.code, r.instances]),
    [
      ['insufficient-memory', 3],
      ['inactive-instance', 1],
      ['insufficient-cpu', 1],
    ],
  );
  assert.equal(result.unplaced[0].reasons[0].message, 'insufficient memory on 3 instances (the task needs 4096 MiB)');
});

test('no ACTIVE instance with a connected agent is one reason', () => {
  const result = simulate({
    taskDefinition: taskDef(),
    cluster: cluster(
      { instanceType: 'm5.large', availabilityZone: 'us-east-1a', agentConnected: false },
      { instanceType: 'm5.large', availabilityZone: 'us-east-1a', status: 'DRAINING' },
    ),
  });
  assert.deepEqual(
    result.unplaced[0].reasons.map((r) => r.code),
    ['no-active-instance'],
  );
  assert.equal(result.unplaced[0].reasons[0].message, 'no ACTIVE container instance with a connected agent');
});

// container-instance-eni.html, supported instance types: task limits with and without trunking; r5.8xlarge is not supported.
test('awsvpc task limits follow the ENI trunking page, and a type the table lacks is limited, not unlimited', () => {
  const limit = (type: string, trunking: boolean, os = 'linux') =>
    awsvpcTaskLimit(type, instanceTypeInfo(type), trunking, os);
  assert.equal(limit('m6i.8xlarge', true), 90);
  assert.equal(limit('c6i.12xlarge', true), 120);
  assert.equal(limit('r5.8xlarge', true), limit('r5.8xlarge', false), 'no trunking on r5.8xlarge');
  assert.equal(limit('m5.large', false), 2);
  assert.equal(limit('m5.large', true), 10);
  assert.equal(limit('m5.large', true, 'windows'), 2, 'trunking is Linux only');
  assert.equal(limit('x9.unknown', true), 1);
  const result = simulate({
    taskDefinition: {
      family: 'a',
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'a', image: 'a' }],
    },
    cluster: {
      containerInstances: [
        {
          ec2InstanceId: 'i-1',
          attributes: [{ name: 'ecs.instance-type', value: 'm99.large' }],
          registeredResources: [
            { name: 'CPU', integerValue: 4096 },
            { name: 'MEMORY', integerValue: 8192 },
          ],
        },
      ],
    },
    options: { count: 3 },
  });
  assert.equal(result.placements.length, 1);
  assert.ok(
    result.notes.some((n) => /Instance type m99\.large is not in the instance-type table/.test(n)),
    result.notes.join('\n'),
  );
});

// ECS agent config_windows.go: the Windows agent reserves RDP, WinRM, SMB and more, not SSH.
test('Windows instances keep the Windows reserved ports', () => {
  const onPort = (port: number, osType: string) =>
    simulate({
      taskDefinition: taskDef({ portMappings: [{ containerPort: port, hostPort: port }] }),
      cluster: cluster({ instanceType: 'm5.large', osType }),
    }).placements.length;
  assert.equal(onPort(3389, 'windows'), 0);
  assert.equal(onPort(3389, 'linux'), 1);
  assert.equal(onPort(22, 'windows'), 1);
  assert.equal(onPort(22, 'linux'), 0);
});

// ECS agent config_windows.go, platformOverrides: with task IAM roles enabled the credential proxy takes port 80.
test('a Windows instance with task IAM roles reserves host port 80', () => {
  const onPort80 = (group: Record<string, unknown>) =>
    simulate({
      taskDefinition: taskDef({ portMappings: [{ containerPort: 80, hostPort: 80 }] }),
      cluster: cluster({ instanceType: 'm5.large', ...group }),
    });
  const windows = onPort80({ osType: 'windows' });
  assert.equal(windows.placements.length, 0);
  assert.match(JSON.stringify(windows.unplaced[0].reasons), /80/);
  assert.equal(onPort80({ osType: 'windows', taskIamRole: false }).placements.length, 1);
  assert.equal(onPort80({ osType: 'linux' }).placements.length, 1);
});

// task_definition_parameters.html, hostPort: at most 100 reserved ports per instance, the defaults included.
test('the 100 reserved ports per instance are enforced', () => {
  const taken = Array.from({ length: 95 }, (_, i) => 10000 + i);
  const result = (hostPorts: number[]) =>
    simulate({
      taskDefinition: taskDef({ portMappings: [{ containerPort: 8080, hostPort: 8080 }] }),
      cluster: cluster({ instanceType: 'm5.large', runningTasks: [{ group: 'family:other', hostPorts }] }),
    });
  const full = result(taken);
  assert.equal(full.placements.length, 0);
  assert.deepEqual(
    full.unplaced[0].reasons.map((r) => r.code),
    ['reserved-ports-limit'],
  );
  assert.equal(result(taken.slice(1)).placements.length, 1, '99 reserved leave room for one more');
});

// container-instance-eni.html: every type on the ENI trunking page and in the table has the page's limit without trunking.
test('the instance-type table agrees with the ENI trunking page and covers the AMD, Graviton and 7th-generation families', () => {
  let checked = 0;
  for (const type of knownInstanceTypes()) {
    const limits = eniTaskLimits(type);
    if (!limits) continue;
    checked++;
    assert.equal(instanceTypeInfo(type)!.maxEnis - 1, limits.withoutTrunking, type);
  }
  assert.ok(checked > 200, `${checked} types checked`);
  for (const type of [
    'm5a.large',
    'm6a.xlarge',
    'c6a.2xlarge',
    'r6a.large',
    'r7g.xlarge',
    'c7i.large',
    'm7a.xlarge',
    'c6gn.large',
    'g5.xlarge',
    'p3.2xlarge',
  ]) {
    assert.ok(instanceTypeInfo(type), type);
  }
  assert.equal(instanceTypeInfo('r7g.large')!.architecture, 'arm64');
  assert.equal(instanceTypeInfo('c7i.large')!.memoryGiB, 4);
});

// container-instance-eni.html: an awsvpc task holds a network interface; running ones in describe-tasks output count.
test('interfaces of running awsvpc tasks listed under "tasks" are counted; without the list a note says they are not', () => {
  const arn = 'arn:aws:ecs:us-east-1:123456789012:container-instance/c/1';
  const instance = {
    ec2InstanceId: 'i-1',
    containerInstanceArn: arn,
    runningTasksCount: 1,
    attributes: [{ name: 'ecs.instance-type', value: 'm5.large' }],
    registeredResources: [
      { name: 'CPU', integerValue: 2048 },
      { name: 'MEMORY', integerValue: 7680 },
    ],
  };
  const awsvpc = {
    family: 'a',
    networkMode: 'awsvpc',
    cpu: '128',
    memory: '128',
    containerDefinitions: [{ name: 'a', image: 'a' }],
  };
  const withTasks = simulate({
    taskDefinition: awsvpc,
    cluster: {
      containerInstances: [instance],
      tasks: [
        {
          containerInstanceArn: arn,
          group: 'service:x',
          lastStatus: 'RUNNING',
          attachments: [{ type: 'ElasticNetworkInterface' }],
        },
      ],
    },
    options: { count: 3 },
  });
  assert.equal(withTasks.placements.length, 1, 'm5.large runs 2 awsvpc tasks without trunking, one is taken');
  const without = simulate({
    taskDefinition: awsvpc,
    cluster: { containerInstances: [instance] },
    options: { count: 3 },
  });
  assert.equal(without.placements.length, 2);
  assert.ok(without.notes.some((n) => /interfaces of running awsvpc tasks are not subtracted/.test(n)));
});

// amazon-ecs-agent getCpuAndMemory registers the kernel's MemTotal; a t3.nano's is about 462 MiB (field reports:
// a 475 MiB task is not placed there, a 450 MiB task is).
test('a t3.nano registers less than 475 MiB: a 475 MiB task is not placed, a 450 MiB task is', () => {
  const on = (memory: number) =>
    simulate({
      taskDefinition: taskDef({ containerCpu: 256, containerMemory: memory }),
      service: service({ desiredCount: 1 }),
      cluster: cluster({ instanceType: 't3.nano', availabilityZone: 'us-east-1a' }),
    });
  const big = on(475);
  assert.equal(big.placements.length, 0);
  assert.equal(big.unplaced[0].reasons[0].code, 'insufficient-memory');
  assert.equal(on(450).placements.length, 1);
  assert.ok(big.instances[0].memory.registered < 475, String(big.instances[0].memory.registered));
});
