/**
 * EC2 instance types the placement simulator knows: size, network interfaces and GPUs.
 */
import { eniTaskLimits, eniTrunkingTypes } from './eniTrunking';

export interface InstanceTypeInfo {
  vcpus: number;
  memoryGiB: number;
  /** Network interfaces the instance can attach, the primary one included. */
  maxEnis: number;
  gpus: number;
  architecture: 'x86_64' | 'arm64';
  /** Tasks in awsvpc mode an instance can run with ENI trunking on; absent where trunking is not supported. */
  trunkEnis?: number;
}

type Row = [name: string, vcpus: number, memoryGiB: number, maxEnis: number, gpus?: number];

// Source: Amazon EC2 instance type specifications (vCPUs, memory, maximum network interfaces, GPUs).
const FAMILIES: Record<string, Row[]> = {
  t3: [
    ['nano', 2, 0.5, 2],
    ['micro', 2, 1, 2],
    ['small', 2, 2, 3],
    ['medium', 2, 4, 3],
    ['large', 2, 8, 3],
    ['xlarge', 4, 16, 4],
    ['2xlarge', 8, 32, 4],
  ],
  t3a: [
    ['nano', 2, 0.5, 2],
    ['micro', 2, 1, 2],
    ['small', 2, 2, 2],
    ['medium', 2, 4, 3],
    ['large', 2, 8, 3],
    ['xlarge', 4, 16, 4],
    ['2xlarge', 8, 32, 4],
  ],
  t4g: [
    ['nano', 2, 0.5, 2],
    ['micro', 2, 1, 2],
    ['small', 2, 2, 3],
    ['medium', 2, 4, 3],
    ['large', 2, 8, 3],
    ['xlarge', 4, 16, 4],
    ['2xlarge', 8, 32, 4],
  ],
  m5: [
    ['large', 2, 8, 3],
    ['xlarge', 4, 16, 4],
    ['2xlarge', 8, 32, 4],
    ['4xlarge', 16, 64, 8],
    ['8xlarge', 32, 128, 8],
    ['12xlarge', 48, 192, 8],
    ['16xlarge', 64, 256, 15],
    ['24xlarge', 96, 384, 15],
  ],
  m6i: [
    ['large', 2, 8, 3],
    ['xlarge', 4, 16, 4],
    ['2xlarge', 8, 32, 4],
    ['4xlarge', 16, 64, 8],
    ['8xlarge', 32, 128, 8],
    ['12xlarge', 48, 192, 8],
    ['16xlarge', 64, 256, 15],
    ['24xlarge', 96, 384, 15],
    ['32xlarge', 128, 512, 15],
  ],
  m6g: [
    ['medium', 1, 4, 2],
    ['large', 2, 8, 3],
    ['xlarge', 4, 16, 4],
    ['2xlarge', 8, 32, 4],
    ['4xlarge', 16, 64, 8],
    ['8xlarge', 32, 128, 8],
    ['12xlarge', 48, 192, 8],
    ['16xlarge', 64, 256, 15],
  ],
  m7i: [
    ['large', 2, 8, 3],
    ['xlarge', 4, 16, 4],
    ['2xlarge', 8, 32, 4],
    ['4xlarge', 16, 64, 8],
    ['8xlarge', 32, 128, 8],
    ['12xlarge', 48, 192, 8],
    ['16xlarge', 64, 256, 15],
    ['24xlarge', 96, 384, 15],
  ],
  m7g: [
    ['medium', 1, 4, 2],
    ['large', 2, 8, 3],
    ['xlarge', 4, 16, 4],
    ['2xlarge', 8, 32, 4],
    ['4xlarge', 16, 64, 8],
    ['8xlarge', 32, 128, 8],
    ['12xlarge', 48, 192, 8],
    ['16xlarge', 64, 256, 15],
  ],
  c5: [
    ['large', 2, 4, 3],
    ['xlarge', 4, 8, 4],
    ['2xlarge', 8, 16, 4],
    ['4xlarge', 16, 32, 8],
    ['9xlarge', 36, 72, 8],
    ['12xlarge', 48, 96, 8],
    ['18xlarge', 72, 144, 15],
    ['24xlarge', 96, 192, 15],
  ],
  c6i: [
    ['large', 2, 4, 3],
    ['xlarge', 4, 8, 4],
    ['2xlarge', 8, 16, 4],
    ['4xlarge', 16, 32, 8],
    ['8xlarge', 32, 64, 8],
    ['12xlarge', 48, 96, 8],
    ['16xlarge', 64, 128, 15],
    ['24xlarge', 96, 192, 15],
  ],
  c6g: [
    ['medium', 1, 2, 2],
    ['large', 2, 4, 3],
    ['xlarge', 4, 8, 4],
    ['2xlarge', 8, 16, 4],
    ['4xlarge', 16, 32, 8],
    ['8xlarge', 32, 64, 8],
    ['12xlarge', 48, 96, 8],
    ['16xlarge', 64, 128, 15],
  ],
  c7g: [
    ['medium', 1, 2, 2],
    ['large', 2, 4, 3],
    ['xlarge', 4, 8, 4],
    ['2xlarge', 8, 16, 4],
    ['4xlarge', 16, 32, 8],
    ['8xlarge', 32, 64, 8],
    ['12xlarge', 48, 96, 8],
    ['16xlarge', 64, 128, 15],
  ],
  r5: [
    ['large', 2, 16, 3],
    ['xlarge', 4, 32, 4],
    ['2xlarge', 8, 64, 4],
    ['4xlarge', 16, 128, 8],
    ['8xlarge', 32, 256, 8],
    ['12xlarge', 48, 384, 8],
    ['16xlarge', 64, 512, 15],
    ['24xlarge', 96, 768, 15],
  ],
  r6i: [
    ['large', 2, 16, 3],
    ['xlarge', 4, 32, 4],
    ['2xlarge', 8, 64, 4],
    ['4xlarge', 16, 128, 8],
    ['8xlarge', 32, 256, 8],
    ['12xlarge', 48, 384, 8],
    ['16xlarge', 64, 512, 15],
    ['24xlarge', 96, 768, 15],
  ],
  r6g: [
    ['medium', 1, 8, 2],
    ['large', 2, 16, 3],
    ['xlarge', 4, 32, 4],
    ['2xlarge', 8, 64, 4],
    ['4xlarge', 16, 128, 8],
    ['8xlarge', 32, 256, 8],
    ['12xlarge', 48, 384, 8],
    ['16xlarge', 64, 512, 15],
  ],
  g4dn: [
    ['xlarge', 4, 16, 3, 1],
    ['2xlarge', 8, 32, 3, 1],
    ['4xlarge', 16, 64, 3, 1],
    ['8xlarge', 32, 128, 4, 1],
    ['12xlarge', 48, 192, 8, 4],
    ['16xlarge', 64, 256, 4, 1],
  ],
  g5: [
    ['xlarge', 4, 16, 4, 1],
    ['2xlarge', 8, 32, 4, 1],
    ['4xlarge', 16, 64, 8, 1],
    ['8xlarge', 32, 128, 8, 1],
    ['12xlarge', 48, 192, 15, 4],
    ['16xlarge', 64, 256, 8, 1],
    ['24xlarge', 96, 384, 15, 4],
    ['48xlarge', 192, 768, 7, 8],
  ],
  p3: [
    ['2xlarge', 8, 61, 4, 1],
    ['8xlarge', 32, 244, 8, 4],
    ['16xlarge', 64, 488, 8, 8],
  ],
  // Source: developer guide ecs-gpu.html, the supported GPU instance table (GPUs, vCPUs, memory GiB); network
  // interfaces from the EC2 instance type specifications.
  p2: [
    ['xlarge', 4, 61, 4, 1],
    ['8xlarge', 32, 488, 8, 8],
    ['16xlarge', 64, 732, 8, 16],
  ],
  p3dn: [['24xlarge', 96, 768, 15, 8]],
  g3s: [['xlarge', 4, 30.5, 4, 1]],
  g3: [
    ['4xlarge', 16, 122, 8, 1],
    ['8xlarge', 32, 244, 8, 2],
    ['16xlarge', 64, 488, 15, 4],
  ],
  // Source: the same GPU tables (ECS ecs-gpu.html, AWS Batch gpu-jobs.html) for the G6 and Graviton G5g families.
  g6: [
    ['xlarge', 4, 16, 4, 1],
    ['2xlarge', 8, 32, 4, 1],
    ['4xlarge', 16, 64, 8, 1],
    ['8xlarge', 32, 128, 8, 1],
    ['12xlarge', 48, 192, 8, 4],
    ['16xlarge', 64, 256, 15, 1],
    ['24xlarge', 96, 384, 15, 4],
    ['48xlarge', 192, 768, 15, 8],
  ],
  g5g: [
    ['xlarge', 4, 8, 4, 1],
    ['2xlarge', 8, 16, 4, 1],
    ['4xlarge', 16, 32, 8, 1],
    ['8xlarge', 32, 64, 8, 1],
    ['16xlarge', 64, 128, 15, 2],
  ],
  inf1: [
    ['xlarge', 4, 8, 4],
    ['2xlarge', 8, 16, 4],
    ['6xlarge', 24, 48, 8],
    ['24xlarge', 96, 192, 15],
  ],
};

// Source: Amazon EC2 instance type specifications: the 7th-generation Intel and AMD families (not on the ENI
// trunking page, so without trunking here). Sizes: vCPUs, memory GiB, maximum network interfaces.
const SEVENTH_GENERATION_SIZES: Array<[string, number, number]> = [
  ['large', 2, 3],
  ['xlarge', 4, 4],
  ['2xlarge', 8, 4],
  ['4xlarge', 16, 8],
  ['8xlarge', 32, 8],
  ['12xlarge', 48, 8],
  ['16xlarge', 64, 15],
  ['24xlarge', 96, 15],
  ['48xlarge', 192, 15],
];
const MEMORY_PER_VCPU: Record<string, number> = { m: 4, c: 2, r: 8, a: 2 };
for (const family of ['c7i', 'r7i', 'm7a', 'c7a', 'r7a']) {
  FAMILIES[family] = SEVENTH_GENERATION_SIZES.map(
    ([size, vcpus, enis]) => [size, vcpus, vcpus * MEMORY_PER_VCPU[family[0]], enis] as Row,
  );
}

/** vCPUs of a size name: medium 1, large 2, xlarge 4, Nxlarge 4N; undefined for metal and others. */
function vcpusOfSize(size: string): number | undefined {
  if (size === 'medium') return 1;
  if (size === 'large') return 2;
  const m = /^(\d*)xlarge$/.exec(size);
  return m ? 4 * (m[1] ? Number(m[1]) : 1) : undefined;
}

function buildTable(): Map<string, InstanceTypeInfo> {
  const table = new Map<string, InstanceTypeInfo>();
  // General purpose, compute and memory families the ENI trunking page lists that have no row above:
  // vCPUs by size name, memory by family class (m 4, c 2, r 8, a1 2 GiB per vCPU), network interfaces
  // from the page's awsvpc limit without trunking plus the primary interface.
  for (const type of eniTrunkingTypes()) {
    const [family, size] = type.split('.');
    if (FAMILIES[family] || !/^[mcra]\d/.test(family)) continue;
    const vcpus = vcpusOfSize(size);
    if (vcpus === undefined) continue;
    const limits = eniTaskLimits(type)!;
    const architecture = family === 'a1' || /^[a-z]+\d+g/.test(family) ? 'arm64' : 'x86_64';
    table.set(type, {
      vcpus,
      memoryGiB: vcpus * MEMORY_PER_VCPU[family[0]],
      maxEnis: limits.withoutTrunking + 1,
      gpus: 0,
      architecture,
      trunkEnis: limits.withTrunking,
    });
  }
  for (const [family, rows] of Object.entries(FAMILIES)) {
    // Graviton families carry a `g` after the generation digit (t4g, m6g, c7g); g4dn and g5 are GPU families.
    const architecture = /^[a-z]+\d+g/.test(family) ? 'arm64' : 'x86_64';
    for (const [size, vcpus, memoryGiB, maxEnis, gpus = 0] of rows) {
      const info: InstanceTypeInfo = { vcpus, memoryGiB, maxEnis, gpus, architecture };
      const limits = eniTaskLimits(`${family}.${size}`);
      if (limits) info.trunkEnis = limits.withTrunking;
      table.set(`${family}.${size}`, info);
    }
  }
  return table;
}

const TABLE: Map<string, InstanceTypeInfo> = buildTable();

export function instanceTypeInfo(instanceType: string): InstanceTypeInfo | undefined {
  return TABLE.get(instanceType.trim().toLowerCase());
}

export function knownInstanceTypes(): string[] {
  return [...TABLE.keys()];
}

/** CPU units the ECS agent registers: 1,024 per vCPU. */
export function registeredCpu(info: InstanceTypeInfo): number {
  return info.vcpus * 1024;
}

// Source: amazon-ecs-agent getCpuAndMemory (registers MemTotal of /proc/meminfo in MiB, less ECS_RESERVED_MEMORY);
// developer guide memory-management.html (an m4.large's 8 GiB register as 7985 MiB). The 512 MiB types lose a
// larger share: a t3.nano's kernel sees 120331 pages (470 MiB, OOM report in aws/amazon-ssm-agent#615) and keeps
// 1/64 of them for its page map (64 bytes per 4 KiB page), so about 462 MiB register; field reports: a 475 MiB task is not placed on a
// t3.nano, a 450 MiB task is.
const REGISTERED_MEMORY_MIB: Readonly<Record<string, number>> = {
  't3.nano': 462,
  't3a.nano': 462,
  't4g.nano': 462,
};

/**
 * Memory (MiB) the ECS agent registers. The kernel, the OS and the agent keep part of the
 * instance's memory: the small types above register the measured figure; for the others we hold
 * back 1/16 (512 MiB of an 8 GiB instance), a little more than the guide's m4.large example.
 */
export function registeredMemoryMiB(info: InstanceTypeInfo, instanceType?: string): number {
  const measured = instanceType ? REGISTERED_MEMORY_MIB[instanceType.trim().toLowerCase()] : undefined;
  if (measured !== undefined) return measured;
  const total = Math.round(info.memoryGiB * 1024);
  return total - Math.ceil(total / 16);
}

/** awsvpc tasks an instance of a type the table lacks is allowed: one, never unlimited. */
export const UNKNOWN_TYPE_AWSVPC_TASKS = 1;

/**
 * Tasks in awsvpc mode an instance can run: the ENI trunking page's limits where it lists the type,
 * else one ENI each with the primary ENI excluded. Trunking is for Linux instances only (same page).
 */
export function awsvpcTaskLimit(
  instanceType: string | undefined,
  info: InstanceTypeInfo | undefined,
  trunking: boolean,
  osType = 'linux',
): number {
  const limits = instanceType ? eniTaskLimits(instanceType) : undefined;
  const trunked = trunking && osType === 'linux';
  if (limits) return trunked ? limits.withTrunking : limits.withoutTrunking;
  if (info) return Math.max(0, info.maxEnis - 1);
  return UNKNOWN_TYPE_AWSVPC_TASKS;
}
