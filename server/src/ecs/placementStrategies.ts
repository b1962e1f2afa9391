/**
 * Placement strategy types and the fields each takes: the rules, the simulator, snippets and (through
 * the protocol and the simulation result) the panel read them here.
 * Source: Amazon ECS Developer Guide, "Amazon ECS task placement strategies" (task-placement-strategies.html),
 * and the PlacementStrategy doc comments of @aws-sdk/client-ecs.
 */

/** The resources binpack packs on. The simulator reads each through its row in placement/strategies.ts `binpackResources`. */
export const binpackFields = ['cpu', 'memory'] as const;
export type BinpackField = (typeof binpackFields)[number];

/** The strategy types ECS has: placement/strategies.ts `compileStrategies` dispatches on each by name. */
export type PlacementStrategyType = 'spread' | 'binpack' | 'random';

export interface StrategyTypeInfo {
  type: PlacementStrategyType;
  /** Field values taken as they are (compared without case), in their documented spelling. */
  fields: readonly string[];
  /** Whether `attribute:<name>` is a field. */
  attributeField: boolean;
  /** The field of a new strategy of this type (panel, snippets); absent when the type takes none. */
  defaultField?: string;
  /** What the field may be, as a sentence for messages. */
  fieldRule: string;
  /** Fields offered for a new strategy, the default first (spread takes any other `attribute:<name>` too). */
  suggestions: readonly string[];
}

export const placementStrategyTypes: readonly StrategyTypeInfo[] = [
  {
    type: 'spread',
    fields: ['instanceId', 'host'],
    attributeField: true,
    defaultField: 'attribute:ecs.availability-zone',
    fieldRule: 'spread spreads on "instanceId", "host" or "attribute:<name>" (e.g. "attribute:ecs.availability-zone").',
    suggestions: [
      'attribute:ecs.availability-zone',
      'instanceId',
      'host',
      'attribute:ecs.instance-type',
      'attribute:ecs.os-type',
      'attribute:ecs.cpu-architecture',
    ],
  },
  {
    type: 'binpack',
    fields: binpackFields,
    attributeField: false,
    defaultField: 'memory',
    fieldRule: 'binpack packs on "cpu" or "memory".',
    suggestions: ['memory', 'cpu'],
  },
  { type: 'random', fields: [], attributeField: false, fieldRule: 'random takes no field.', suggestions: [] },
];

export function strategyType(type: string | undefined): StrategyTypeInfo | undefined {
  return placementStrategyTypes.find((t) => t.type === type);
}

/** How ECS reads a strategy's field: one of the type's fields (documented spelling), an attribute, or none. */
export type StrategyField = { field: string } | { attribute: string } | { none: true };

/** The field as the strategy type reads it, or undefined when the type does not take it. */
export function readStrategyField(info: StrategyTypeInfo, field: string | undefined): StrategyField | undefined {
  if (info.fields.length === 0 && !info.attributeField) return field === undefined ? { none: true } : undefined;
  if (field === undefined) return undefined;
  const listed = info.fields.find((f) => f.toLowerCase() === field.toLowerCase());
  if (listed) return { field: listed };
  if (info.attributeField && /^attribute:\S+$/.test(field)) return { attribute: field.slice('attribute:'.length) };
  return undefined;
}

/** True when `field` is one the strategy type takes. */
export function isStrategyField(type: string, field: string | undefined): boolean {
  const info = strategyType(type);
  return !!info && !!readStrategyField(info, field === '' && info.fields.length === 0 ? undefined : field);
}
