/**
 * One reading of a task definition: every spelling of a size and every port shape gives the same
 * answer in the diagnostics (validateDocument) and in the simulator (simulate).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/service/document';
import { validateDocument } from '../../../server/src/service/validation';
import { defaultSettings } from '../../../server/src/service/settings';
import { emptyWorkspace } from '../../../server/src/service/workspace';
import { simulate } from '../../../server/src/placement';
import { parseCpu, parseMemory } from '../../../server/src/ecs/taskModel';
import { errorText } from '../errorText';

const oneInstance = {
  name: 't',
  instanceGroups: [{ instanceType: 'm5.4xlarge', availabilityZones: ['us-east-1a'], count: 1 }],
};

function diagnostics(td: Record<string, unknown>) {
  return validateDocument(
    parseDocument('file:///w/app-task-def.json', JSON.stringify(td, null, 2)),
    defaultSettings,
    emptyWorkspace,
  );
}

function ec2Task(over: Record<string, unknown>, container: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    family: 'app',
    containerDefinitions: [{ name: 'app', image: 'nginx:1.27', memory: 128, essential: true, ...container }],
    ...over,
  };
}

// [spelling, CPU units or undefined when ECS does not read it]
const cpuSpellings: Array<[string | number, number | undefined]> = [
  ['1024', 1024],
  [1024, 1024],
  ['1 vCPU', 1024],
  ['1 vcpu', 1024],
  ['1vCPU', 1024],
  ['.25 vCPU', 256],
  ['0.5 vcpu', 512],
  ['2 vcpus', 2048],
  [' 2 VCPU ', 2048],
  ['1 cpu', undefined],
  ['1 core', undefined],
  ['0.1 vCPU', undefined],
  ['lots', undefined],
  ['1.5', undefined],
  ['', undefined],
];

// [spelling, MiB or undefined when ECS does not read it]
const memorySpellings: Array<[string | number, number | undefined]> = [
  ['2048', 2048],
  [2048, 2048],
  ['2 GB', 2048],
  ['2GB', 2048],
  ['2 gb', 2048],
  ['.5 GB', 512],
  ['0.5 gb', 512],
  ['512 MiB', undefined],
  ['2 GiB', undefined],
  ['512 MB', undefined],
  ['2 G', undefined],
  ['0.3 GB', undefined],
  ['lots', undefined],
];

for (const [spelling, units] of cpuSpellings) {
  test(`task cpu ${JSON.stringify(spelling)}: the rules and the simulator read ${units ?? 'no cpu value'}`, () => {
    assert.equal(parseCpu(spelling), units);
    const td = ec2Task({ cpu: spelling, memory: '1024' });
    const rejected = diagnostics(td).filter((p) => p.message.startsWith('Not a cpu value'));
    const result = simulate({ taskDefinition: td, cluster: oneInstance, options: { count: 1 } });
    const simErrors = result.errors.map(errorText).filter((e) => /\bcpu\b/.test(e));
    assert.equal(rejected.length, units === undefined ? 1 : 0, rejected.map((p) => p.message).join(' / '));
    assert.equal(simErrors.length, units === undefined ? 1 : 0, simErrors.join(' / '));
    if (units !== undefined) assert.equal(result.instances[0].cpu.simulated, units);

    const fargate = diagnostics({ ...td, requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', memory: '2048' });
    assert.equal(fargate.filter((p) => p.message.startsWith('Not a cpu value')).length, units === undefined ? 1 : 0);
  });
}

for (const [spelling, mib] of memorySpellings) {
  test(`task memory ${JSON.stringify(spelling)}: the rules and the simulator read ${mib ?? 'no memory value'}`, () => {
    assert.equal(parseMemory(spelling), mib);
    const td = ec2Task({ cpu: '256', memory: spelling });
    const rejected = diagnostics(td).filter((p) => p.message.startsWith('Not a memory value'));
    const result = simulate({ taskDefinition: td, cluster: oneInstance, options: { count: 1 } });
    const simErrors = result.errors.map(errorText).filter((e) => /\bmemory\b/.test(e));
    assert.equal(rejected.length, mib === undefined ? 1 : 0, rejected.map((p) => p.message).join(' / '));
    assert.equal(simErrors.length, mib === undefined ? 1 : 0, simErrors.join(' / '));
    if (mib !== undefined) assert.equal(result.instances[0].memory.simulated, mib);

    const fargate = diagnostics({ ...td, requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '1 vCPU' });
    assert.equal(fargate.filter((p) => p.message.startsWith('Not a memory value')).length, mib === undefined ? 1 : 0);
  });
}

interface PortShape {
  name: string;
  networkMode?: string;
  windows?: boolean;
  mappings: Array<Record<string, unknown>>;
  /** Whether the task binds a host port the agent reserves (so it can never be placed). */
  reserved: boolean;
  /** Whether two mappings bind one host port and protocol. */
  duplicate: boolean;
}

const portShapes: PortShape[] = [
  {
    name: 'bridge, static host port 8080',
    mappings: [{ containerPort: 80, hostPort: 8080 }],
    reserved: false,
    duplicate: false,
  },
  {
    name: 'bridge, static host port 22',
    mappings: [{ containerPort: 80, hostPort: 22 }],
    reserved: true,
    duplicate: false,
  },
  {
    name: 'bridge, container port 22 with a dynamic host port',
    mappings: [{ containerPort: 22 }],
    reserved: false,
    duplicate: false,
  },
  {
    name: 'bridge, host port 0 twice',
    mappings: [
      { containerPort: 80, hostPort: 0 },
      { containerPort: 81, hostPort: 0 },
    ],
    reserved: false,
    duplicate: false,
  },
  {
    name: 'bridge, host port 8080 twice',
    mappings: [
      { containerPort: 80, hostPort: 8080 },
      { containerPort: 81, hostPort: 8080 },
    ],
    reserved: false,
    duplicate: true,
  },
  {
    name: 'bridge, host port 8080 tcp and udp',
    mappings: [
      { containerPort: 80, hostPort: 8080 },
      { containerPort: 81, hostPort: 8080, protocol: 'udp' },
    ],
    reserved: false,
    duplicate: false,
  },
  {
    name: 'explicit bridge, host port 2375',
    networkMode: 'bridge',
    mappings: [{ containerPort: 80, hostPort: 2375 }],
    reserved: true,
    duplicate: false,
  },
  {
    name: 'host, container port 22',
    networkMode: 'host',
    mappings: [{ containerPort: 22 }],
    reserved: true,
    duplicate: false,
  },
  {
    name: 'host, container port 51678 with the same host port',
    networkMode: 'host',
    mappings: [{ containerPort: 51678, hostPort: 51678 }],
    reserved: true,
    duplicate: false,
  },
  {
    name: 'host, container port 80 twice',
    networkMode: 'host',
    mappings: [{ containerPort: 80 }, { containerPort: 80 }],
    reserved: false,
    duplicate: true,
  },
  {
    name: 'host, container port 8080',
    networkMode: 'host',
    mappings: [{ containerPort: 8080 }],
    reserved: false,
    duplicate: false,
  },
  {
    name: 'awsvpc, container port 22',
    networkMode: 'awsvpc',
    mappings: [{ containerPort: 22 }],
    reserved: false,
    duplicate: false,
  },
  // Windows instances reserve another default list, which the cluster model does not hold: only duplicates are compared.
  {
    name: 'Windows default mode, host port 8080 twice',
    windows: true,
    mappings: [
      { containerPort: 80, hostPort: 8080 },
      { containerPort: 81, hostPort: 8080 },
    ],
    reserved: false,
    duplicate: true,
  },
];

for (const shape of portShapes) {
  test(`ports, ${shape.name}: the rules and the simulator agree`, () => {
    const td = ec2Task(
      {
        ...(shape.networkMode ? { networkMode: shape.networkMode } : {}),
        ...(shape.windows ? { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } } : {}),
      },
      { portMappings: shape.mappings },
    );
    const codes = diagnostics(td).map((p) => p.code);
    assert.equal(codes.includes('bridge.reserved-host-port'), shape.reserved, codes.join(', '));
    assert.equal(codes.includes('ports.duplicate-host-port'), shape.duplicate, codes.join(', '));

    // One task on an empty instance: only a reserved port keeps it off.
    const one = simulate({ taskDefinition: td, cluster: oneInstance, options: { count: 1 } });
    assert.equal(
      one.unplaced.length === 1 && one.unplaced[0].reasons.some((r) => r.code === 'port-conflict'),
      shape.reserved,
    );
    if (!shape.reserved) {
      // Two tasks on one instance: a static host port lets only one of them in.
      const binds = shape.mappings.some((m) =>
        shape.networkMode === 'host'
          ? true
          : shape.networkMode !== 'awsvpc' && typeof m.hostPort === 'number' && m.hostPort !== 0,
      );
      const two = simulate({ taskDefinition: td, cluster: oneInstance, options: { count: 2 } });
      assert.equal(two.placements.length, binds ? 1 : 2);
    }
  });
}
