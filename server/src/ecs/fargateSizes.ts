// Source: Amazon ECS Developer Guide, fargate-tasks-services.html "Task CPU and memory" table (every row, with its
// operating systems); the 8, 16 and 32 vCPU rows are Linux only and need platform version 1.4.0.

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

export interface FargateSize {
  cpu: number;
  memory: readonly number[];
  /** Windows tasks on Fargate accept this cpu value. */
  windows: boolean;
}

export const fargateSizes: readonly FargateSize[] = [
  { cpu: 256, memory: [512, 1024, 2048], windows: false },
  { cpu: 512, memory: range(1024, 4096, 1024), windows: false },
  { cpu: 1024, memory: range(2048, 8192, 1024), windows: true },
  { cpu: 2048, memory: range(4096, 16384, 1024), windows: true },
  { cpu: 4096, memory: range(8192, 30720, 1024), windows: true },
  { cpu: 8192, memory: range(16384, 61440, 4096), windows: false },
  { cpu: 16384, memory: range(32768, 122880, 8192), windows: false },
  // 32 vCPU: 60 GB, 120 GB and 244 GB only.
  { cpu: 32768, memory: [61440, 122880, 249856], windows: false },
];

/** The smallest cpu (units) a Windows task on Fargate may ask for. */
export const fargateWindowsMinCpu = 1024;

export const fargateCpuValues: readonly number[] = fargateSizes.map((s) => s.cpu);

export function fargateMemoryFor(cpu: number): readonly number[] {
  return fargateSizes.find((s) => s.cpu === cpu)?.memory ?? [];
}

export function fargateCpuFor(memory: number): number[] {
  return fargateSizes.filter((s) => s.memory.includes(memory)).map((s) => s.cpu);
}

export function isFargatePair(cpu: number, memory: number): boolean {
  return fargateMemoryFor(cpu).includes(memory);
}

/** The `count` values of `values` closest to `target` (ties to the smaller), in ascending order. */
export function nearest(values: readonly number[], target: number, count: number): number[] {
  return [...values]
    .sort((a, b) => Math.abs(a - target) - Math.abs(b - target) || a - b)
    .slice(0, count)
    .sort((a, b) => a - b);
}
