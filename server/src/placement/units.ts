/**
 * Task-level cpu and memory as the API accepts them: "1024", "1 vCPU", ".25 vcpu", "2 GB", "512 MiB".
 */

/** CPU units (1,024 per vCPU), or undefined when the value is missing or unreadable. */
export function parseCpu(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d*\.?\d+)\s*(vcpus?)?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] ? Math.round(n * 1024) : n;
}

/** Memory in MiB, or undefined when the value is missing or unreadable. */
export function parseMemory(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d*\.?\d+)\s*(gb|gib|mb|mib)?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  return unit === 'gb' || unit === 'gib' ? Math.round(n * 1024) : n;
}
