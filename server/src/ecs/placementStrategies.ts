/**
 * Placement strategy types and the fields each takes.
 * Source: Amazon ECS Developer Guide, "Amazon ECS task placement strategies" (task-placement-strategies.html),
 * and the PlacementStrategy shape of @aws-sdk/client-ecs (field: "cpu" or "memory" for binpack;
 * "instanceId" (or "host") or "attribute:<name>" for spread; none for random).
 */
export interface PlacementStrategyType {
  type: 'binpack' | 'spread' | 'random';
  /** Fields the type takes, the one a new strategy starts with first; spread also takes any `attribute:<name>`. */
  fields: readonly string[];
}

export const placementStrategyTypes: readonly PlacementStrategyType[] = [
  { type: 'spread', fields: ['attribute:ecs.availability-zone', 'instanceId', 'host', 'attribute:ecs.instance-type', 'attribute:ecs.os-type', 'attribute:ecs.cpu-architecture'] },
  { type: 'binpack', fields: ['memory', 'cpu'] },
  { type: 'random', fields: [] },
];

/** True when `field` is one the strategy type takes (any `attribute:<name>` for spread). */
export function isStrategyField(type: string, field: string | undefined): boolean {
  const entry = placementStrategyTypes.find((t) => t.type === type);
  if (!entry) return false;
  if (entry.fields.length === 0) return field === undefined || field === '';
  if (field === undefined) return false;
  if (type === 'spread' && field.startsWith('attribute:') && field.length > 'attribute:'.length) return true;
  return entry.fields.some((f) => f.toLowerCase() === field.toLowerCase());
}
