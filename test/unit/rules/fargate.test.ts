import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, fails, failsAt, fargateTask, passes, task } from './helpers';
import { applyOffsetEdits } from '../markers';

test('fargate.network-mode: awsvpc passes, EC2-only tasks are not concerned', () => {
  passes('fargate.network-mode', fargateTask());
  passes('fargate.network-mode', task({ networkMode: 'bridge' }));
});

test('fargate.network-mode: bridge on Fargate is reported on the value, with a fix', () => {
  const doc = fargateTask({ networkMode: 'bridge' });
  const [f] = fails('fargate.network-mode', doc, ['"bridge"']);
  assert.deepEqual((applyFix(doc, f, 'Set "networkMode" to "awsvpc"') as any).networkMode, 'awsvpc');
});

test('fargate.network-mode: missing networkMode is reported on FARGATE and the fix adds it', () => {
  const doc = fargateTask({ networkMode: undefined });
  const [f] = fails('fargate.network-mode', doc, ['"FARGATE"']);
  assert.equal((applyFix(doc, f, 'Add "networkMode": "awsvpc"') as any).networkMode, 'awsvpc');
});

test('fargate.network-mode: also applies when EC2 is listed too', () => {
  fails('fargate.network-mode', fargateTask({ requiresCompatibilities: ['EC2', 'FARGATE'], networkMode: 'host' }), [
    '"host"',
  ]);
});

test('fargate.size-required: missing memory gets a fix with a valid size', () => {
  passes('fargate.size-required', fargateTask());
  const doc = fargateTask({ memory: undefined, cpu: '1024' });
  const [f] = fails('fargate.size-required', doc, ['"FARGATE"']);
  assert.equal((applyFix(doc, f, 'Add "memory": "2048"') as any).memory, '2048');
});

test('fargate.size-required: both missing, one fix adds both', () => {
  const doc = fargateTask({ cpu: undefined, memory: undefined });
  const [f] = fails('fargate.size-required', doc, ['"FARGATE"']);
  const fixed = applyFix(doc, f, 'Add "cpu": "256" and "memory": "512"') as any;
  assert.deepEqual([fixed.cpu, fixed.memory], ['256', '512']);
});

test('fargate.invalid-size: valid pairs in every accepted notation pass', () => {
  for (const [cpu, memory] of [
    ['256', '512'],
    ['1 vCPU', '2 GB'],
    ['.25 vcpu', '1GB'],
    ['4096', '30720'],
    ['8192', '16384'],
    ['8192', '61440'],
    ['16384', '122880'],
    ['2 vCPU', '16384'],
  ]) {
    passes('fargate.invalid-size', fargateTask({ cpu, memory }));
  }
});

// Guide, fargate-tasks-services.html "Task CPU and memory" table, every row: cpu -> memory (MiB) values.
const fargateTable: [number, number[]][] = [
  [256, [512, 1024, 2048]],
  [512, [1024, 2048, 3072, 4096]],
  [1024, [2048, 3072, 4096, 5120, 6144, 7168, 8192]],
  [2048, Array.from({ length: 13 }, (_, i) => 4096 + i * 1024)],
  [4096, Array.from({ length: 23 }, (_, i) => 8192 + i * 1024)],
  [8192, Array.from({ length: 12 }, (_, i) => 16384 + i * 4096)],
  [16384, Array.from({ length: 12 }, (_, i) => 32768 + i * 8192)],
  [32768, [61440, 122880, 249856]],
];

test('fargate.invalid-size: every row of the task-size table passes, and a value between two rows does not', () => {
  for (const [cpu, memories] of fargateTable) {
    for (const memory of memories)
      passes('fargate.invalid-size', fargateTask({ cpu: String(cpu), memory: String(memory) }));
    const between = memories[memories.length - 1] + 512;
    fails('fargate.invalid-size', fargateTask({ cpu: String(cpu), memory: String(between) }), [`"${between}"`]);
  }
  passes('fargate.invalid-size', fargateTask({ cpu: '32 vCPU', memory: '244 GB' }));
  fails('fargate.invalid-size', fargateTask({ cpu: '32768', memory: '65536' }), ['"65536"']);
});

test('fargate.invalid-size: memory not offered for the cpu, with nearest sizes as fixes', () => {
  const doc = fargateTask({ cpu: '256', memory: '4096' });
  const [f] = failsAt('fargate.invalid-size', JSON.stringify(doc).replace('"memory":"4096"', '"memory":[|"4096"|]'));
  assert.match(f.message, /512, 1024, 2048/);
  const titles = f.fixes!.map((x) => x.title);
  assert.deepEqual(titles, [
    'Set "memory" to 512',
    'Set "memory" to 1024',
    'Set "memory" to 2048',
    'Set "cpu" to 512',
    'Set "cpu" to 1024',
    'Set "cpu" to 2048',
  ]);
  assert.equal((applyFix(JSON.stringify(doc), f, 'Set "cpu" to 512') as any).cpu, '512');
});

test('fargate.invalid-size: steps above 4 vCPU are checked', () => {
  fails('fargate.invalid-size', fargateTask({ cpu: '8192', memory: '18432' }), ['"18432"']);
  fails('fargate.invalid-size', fargateTask({ cpu: '16384', memory: '36864' }), ['"36864"']);
});

test('fargate.invalid-size: a cpu Fargate does not have', () => {
  const doc = fargateTask({ cpu: '300', memory: '1024' });
  const [f] = fails('fargate.invalid-size', doc, ['"300"']);
  assert.deepEqual(
    f.fixes!.map((x) => x.title),
    ['Set "cpu" to 256', 'Set "cpu" to 512'],
  );
});

test('fargate.windows-cpu: Windows needs 1 vCPU or more', () => {
  const win = { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE', cpuArchitecture: 'X86_64' } };
  passes('fargate.windows-cpu', fargateTask({ ...win, cpu: '1024', memory: '2048' }));
  fails('fargate.windows-cpu', fargateTask({ ...win, cpu: '512', memory: '1024' }), ['"512"']);
  // Guide, fargate-tasks-services.html: the 32 vCPU size is Linux only.
  const [big] = fails('fargate.windows-cpu', fargateTask({ ...win, cpu: '32768', memory: '61440' }), ['"32768"']);
  assert.match(big.message, /Linux only/);
});

test('fargate.unsupported-member: nothing unsupported passes', () => {
  passes(
    'fargate.unsupported-member',
    fargateTask(
      { pidMode: 'task' },
      { linuxParameters: { capabilities: { add: ['SYS_PTRACE'] }, initProcessEnabled: true }, privileged: false },
    ),
  );
});

test('fargate.unsupported-member: task, container and linuxParameters members are reported on their keys', () => {
  const doc = fargateTask(
    {
      ipcMode: 'host',
      pidMode: 'host',
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:x == y' }],
      volumes: [{ name: 'h', host: { sourcePath: '/data' } }],
    },
    {
      privileged: true,
      links: ['db'],
      dnsServers: ['10.0.0.2'],
      linuxParameters: {
        devices: [{ hostPath: '/dev/fuse' }],
        sharedMemorySize: 64,
        capabilities: { add: ['NET_ADMIN'] },
      },
      resourceRequirements: [{ type: 'GPU', value: '1' }],
    },
  );
  const found = fails('fargate.unsupported-member', doc, [
    '"placementConstraints"',
    '"ipcMode"',
    '"pidMode"',
    '"sourcePath"',
    '"links"',
    '"privileged"',
    '"dnsServers"',
    '"devices"',
    '"sharedMemorySize"',
    '"NET_ADMIN"',
    '"GPU"',
  ]);
  const fixed = applyFix(doc, found[1], 'Remove "ipcMode"') as any;
  assert.equal(fixed.ipcMode, undefined);
  const noCap = applyFix(doc, found[9], 'Remove NET_ADMIN') as any;
  assert.deepEqual(noCap.containerDefinitions[0].linuxParameters.capabilities.add, []);
});

test('fargate.log-driver: awslogs passes, json-file does not', () => {
  passes('fargate.log-driver', fargateTask({}, { logConfiguration: { logDriver: 'awslogs' } }));
  fails('fargate.log-driver', fargateTask({}, { logConfiguration: { logDriver: 'json-file' } }), ['"json-file"']);
});

test('fargate.ephemeral-storage: 21–200 GiB', () => {
  passes('fargate.ephemeral-storage', fargateTask({ ephemeralStorage: { sizeInGiB: 21 } }));
  fails('fargate.ephemeral-storage', fargateTask({ ephemeralStorage: { sizeInGiB: 20 } }), ['20']);
  fails('fargate.ephemeral-storage', fargateTask({ ephemeralStorage: { sizeInGiB: 201 } }), ['201']);
});

test('fargate.size-required: a member there with a null value gets its value replaced, not a second key', () => {
  const doc = fargateTask({ cpu: '1024', memory: null });
  const [f] = fails('fargate.size-required', doc, ['"FARGATE"']);
  const fix = f.fixes!.find((x) => x.title === 'Set "memory": "2048"')!;
  const text = applyOffsetEdits(JSON.stringify(doc, null, 2), fix.edits);
  assert.equal(text.match(/\n {2}"memory"/g)!.length, 1, text);
  assert.equal(JSON.parse(text).memory, '2048');
  passes('fargate.size-required', JSON.parse(text));
  const both = fargateTask({ cpu: null, memory: null });
  const [g] = fails('fargate.size-required', both, ['"FARGATE"']);
  const setBoth = applyOffsetEdits(
    JSON.stringify(both, null, 2),
    g.fixes!.find((x) => x.title === 'Set "cpu": "256" and "memory": "512"')!.edits,
  );
  assert.deepEqual(
    [JSON.parse(setBoth).cpu, JSON.parse(setBoth).memory, setBoth.match(/"cpu"/g)!.length],
    ['256', '512', 1],
  );
});
