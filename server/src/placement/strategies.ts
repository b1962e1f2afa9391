/**
 * Placement strategies: each narrows the candidates to its best ones; a later strategy breaks the ties of the earlier.
 */
import type { SimInstance } from './clusterModel';
import {
  placementStrategyTypes,
  readStrategyField,
  strategyType,
  type BinpackField,
  type PlacementStrategyType,
  type StrategyField,
} from '../ecs/placementStrategies';
import { textOf } from './text';
import type { PlacementStrategyInput } from './types';
import { itemError, type InputError, type ListPlace } from './inputErrors';

/**
 * What each binpack field reads on an instance, and how an explanation names its amount: a field added to the ECS
 * table does not compile until it has a row here.
 */
export const binpackResources: Readonly<
  Record<BinpackField, { remaining: (instance: SimInstance) => number; amount: (n: number) => string }>
> = {
  cpu: { remaining: (i) => i.remainingCpu, amount: (n) => `CPU (${n} units)` },
  memory: { remaining: (i) => i.remainingMemory, amount: (n) => `memory (${n} MiB)` },
};

function isBinpackField(field: string): field is BinpackField {
  return Object.hasOwn(binpackResources, field);
}

export type Strategy =
  | { kind: 'binpack'; resource: BinpackField; label: string }
  | { kind: 'spread-instance'; label: string }
  | { kind: 'spread-attribute'; attribute: string; label: string }
  | { kind: 'random'; label: string };

export const SERVICE_DEFAULT_STRATEGIES: PlacementStrategyInput[] = [
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'instanceId' },
];

export const RUN_TASK_DEFAULT_STRATEGIES: PlacementStrategyInput[] = [{ type: 'random' }];

/** Errors name the item of `place`: the service's placementStrategy, or the panel's override of it in the options. */
export function compileStrategies(
  inputs: PlacementStrategyInput[],
  place: ListPlace = { input: 'service', path: 'placementStrategy' },
): { strategies: Strategy[]; errors: InputError[] } {
  const strategies: Strategy[] = [];
  const errors: InputError[] = [];
  for (const [i, input] of inputs.entries()) {
    // Overrides arrive from the panel untyped: read them defensively.
    const s = {
      type: textOf((input as Partial<PlacementStrategyInput> | null)?.type ?? '', 80),
      field: (input as Partial<PlacementStrategyInput> | null)?.field,
    };
    const field = typeof s.field === 'string' ? s.field : '';
    const label = field ? `${s.type}(${field})` : s.type;
    const info = strategyType(s.type);
    const read = info && readStrategyField(info, typeof s.field === 'string' ? s.field : undefined);
    if (!info)
      errors.push(
        itemError(
          place,
          i,
          `must be one of ${placementStrategyTypes
            .map((t) => t.type)
            .sort()
            .join(', ')}`,
          '.type',
        ),
      );
    else if (!read) errors.push(itemError(place, i, info.fieldRule, '.field'));
    else {
      const strategy = strategyOf(info.type, read, label);
      if (strategy) strategies.push(strategy);
      else errors.push(itemError(place, i, `${info.fieldRule} Not "${field}".`, '.field'));
    }
  }
  return { strategies, errors };
}

/**
 * The strategy a type and its accepted field make, or undefined for a binpack field with no resource. One case per
 * type: a type added to the ECS table does not compile until it has its own, rather than running as another.
 */
function strategyOf(type: PlacementStrategyType, read: StrategyField, label: string): Strategy | undefined {
  switch (type) {
    case 'spread':
      return 'attribute' in read
        ? { kind: 'spread-attribute', attribute: read.attribute, label }
        : { kind: 'spread-instance', label };
    case 'binpack':
      return 'field' in read && isBinpackField(read.field)
        ? { kind: 'binpack', resource: read.field, label }
        : undefined;
    case 'random':
      return { kind: 'random', label };
    default: {
      const unhandled: never = type;
      throw new Error(`no placement for strategy type ${String(unhandled)}`);
    }
  }
}

/** Tasks of the simulated group per attribute value, kept up to date as tasks are placed. */
export class SpreadCounts {
  private readonly buckets = new Map<string, { bucketOf: Int32Array; counts: number[]; values: string[] }>();

  constructor(strategies: Strategy[], instances: SimInstance[]) {
    for (const s of strategies) {
      if (s.kind !== 'spread-attribute' || this.buckets.has(s.attribute)) continue;
      const ids = new Map<string, number>();
      const bucketOf = new Int32Array(instances.length);
      const counts: number[] = [];
      const values: string[] = [];
      for (let k = 0; k < instances.length; k++) {
        const instance = instances[k];
        // Instances without the attribute share one bucket, like any other value.
        const value =
          (Object.hasOwn(instance.view.attributes, s.attribute) ? instance.view.attributes[s.attribute] : undefined) ??
          '';
        let id = ids.get(value);
        if (id === undefined) {
          id = counts.length;
          ids.set(value, id);
          counts.push(0);
          values.push(value);
        }
        bucketOf[instance.index] = id;
        counts[id] += instance.sameGroup;
      }
      this.buckets.set(s.attribute, { bucketOf, counts, values });
    }
  }

  /** Tasks of the group on instances sharing this instance's value of the attribute. */
  count(attribute: string, instance: SimInstance): number {
    const b = this.buckets.get(attribute)!;
    return b.counts[b.bucketOf[instance.index]];
  }

  value(attribute: string, instance: SimInstance): string {
    const b = this.buckets.get(attribute)!;
    return b.values[b.bucketOf[instance.index]];
  }

  table(attribute: string): { bucketOf: Int32Array; counts: number[] } {
    return this.buckets.get(attribute)!;
  }

  /** A task of the group started (+1) or stopped (-1) on the instance. */
  placed(instance: SimInstance, delta = 1): void {
    for (const b of this.buckets.values()) b.counts[b.bucketOf[instance.index]] += delta;
  }
}

/** The candidates that score lowest under the strategy, and that score. */
export function keepBest(
  strategy: Strategy,
  candidates: SimInstance[],
  spread: SpreadCounts,
): { kept: SimInstance[]; best: number } {
  let best = Infinity;
  let kept: SimInstance[] = [];
  const consider = (c: SimInstance, k: number) => {
    if (k < best) {
      best = k;
      kept = [c];
    } else if (k === best) kept.push(c);
  };
  switch (strategy.kind) {
    case 'binpack': {
      const remaining = binpackResources[strategy.resource].remaining;
      for (const c of candidates) consider(c, remaining(c));
      break;
    }
    case 'spread-instance':
      for (const c of candidates) consider(c, c.sameGroup);
      break;
    case 'spread-attribute': {
      const b = spread.table(strategy.attribute);
      for (const c of candidates) consider(c, b.counts[b.bucketOf[c.index]]);
      break;
    }
    case 'random':
      return { kept: candidates, best: 0 };
  }
  return { kept, best };
}
