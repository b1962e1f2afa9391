/**
 * A placement state that lives on: tasks are placed, stopped and instances come and go, as they do
 * over a deployment or a day of scaling. The same checks, constraints and strategies as `simulate`.
 */
import { consume, filterCandidates, release, resourceFailure } from './checks';
import {
  addGroupTask,
  createInstance,
  removeGroupTask,
  type ClusterModel,
  type NewInstanceSpec,
  type SimInstance,
} from './clusterModel';
import { compileConstraints, type CompiledConstraint } from './constraints';
import { instancesNeeded, type GroupNeed, type NewInstances } from './groupGrowth';
import { tieKey } from './random';
import { PlacementRun } from './run';
import { unplacedReasons } from './reasons';
import { compileStrategies, keepBest, SpreadCounts, type Strategy } from './strategies';
import type { TaskRequirement } from './taskModel';
import type { InputError } from './inputErrors';
import type { PlacementConstraintInput, PlacementStrategyInput, UnplacedReason } from './types';

export interface SessionInput {
  cluster: ClusterModel;
  /** The task group the placed tasks join, e.g. `service:web`. */
  group: string;
  strategies: PlacementStrategyInput[];
  constraints: PlacementConstraintInput[];
  /** How many of `constraints` are the service's (the rest are the task definition's), for errors to name their file. */
  serviceConstraints?: number;
  /** The instances the tasks may use besides the constraints: their capacity providers' own (serviceMembership). */
  membership?: CompiledConstraint;
  seed?: number;
}

export interface PlaceResult {
  placed: SimInstance[];
  /** Why the remaining tasks found no instance (only when some are left). */
  reasons?: UnplacedReason[];
}

export class PlacementSession {
  readonly instances: SimInstance[];
  readonly group: string;
  private readonly constraintInputs: PlacementConstraintInput[];
  private readonly membership?: CompiledConstraint;
  private constraints: CompiledConstraint[] = [];
  private readonly strategies: Strategy[];
  private compiledFor = -1;
  private instanceSetVersion = 0;
  private readonly seed: number;
  /** One indexed run per task requirement, kept while the instances stay the same. */
  private readonly runs = new Map<TaskRequirement, PlacementRun>();

  private constructor(input: SessionInput, strategies: Strategy[]) {
    this.instances = input.cluster.instances;
    this.group = input.group;
    this.constraintInputs = input.constraints;
    this.membership = input.membership;
    this.strategies = strategies;
    this.seed = input.seed ?? 1;
    // Index loops in what runs once per run: unoptimized code allocates a step object per for-of iteration.
    for (let k = 0; k < this.instances.length; k++) {
      const instance = this.instances[k];
      instance.sameGroup = instance.groupCounts.get(this.group) ?? 0;
    }
  }

  static create(input: SessionInput): { session?: PlacementSession; errors: InputError[] } {
    const strategies = compileStrategies(input.strategies);
    const sources =
      input.serviceConstraints === undefined
        ? undefined
        : { first: { input: 'service' as const, path: 'placementConstraints' }, count: input.serviceConstraints };
    const constraints = compileConstraints(input.constraints, input.cluster.instances.length, sources);
    const errors = [...strategies.errors, ...constraints.errors];
    if (errors.length > 0) return { errors };
    return { session: new PlacementSession(input, strategies.strategies), errors };
  }

  /** Constraint results are cached per instance index, so they are compiled again whenever the instances change. */
  private compiled(): CompiledConstraint[] {
    if (this.compiledFor !== this.instanceSetVersion) {
      this.constraints = compileConstraints(this.constraintInputs, this.instances.length).constraints;
      if (this.membership) this.constraints.push(this.membership);
      this.compiledFor = this.instanceSetVersion;
    }
    return this.constraints;
  }

  /**
   * Places up to `count` tasks; `allow` narrows the instances further (a daemon task belongs to one instance).
   * Without `explain`, a task left unplaced comes back with no reasons (they cost a scan of the cluster).
   */
  place(task: TaskRequirement, count: number, allow?: (instance: SimInstance) => boolean, explain = true): PlaceResult {
    if (allow) {
      this.runs.clear();
      return this.scanPlace(task, count, allow, explain);
    }
    let run = this.runs.get(task);
    if (!run) {
      run = new PlacementRun({
        instances: this.instances,
        task,
        group: this.group,
        constraints: this.compiled(),
        strategies: this.strategies,
        seed: this.seed,
        explainCandidates: 0,
      });
      this.runs.set(task, run);
    }
    const placed: SimInstance[] = [];
    for (let t = 0; t < count; t++) {
      const chosen = run.next();
      if (!chosen) return { placed, reasons: explain ? run.unplacedReasons().map((r) => ({ ...r })) : [] };
      run.occupy(chosen);
      placed.push(chosen);
      for (const other of this.runs.values()) if (other !== run) other.changedOutside(chosen, 1);
    }
    return { placed };
  }

  /** The plain scan, for placements narrowed to some instances. */
  private scanPlace(
    task: TaskRequirement,
    count: number,
    allow: (instance: SimInstance) => boolean,
    explain: boolean,
  ): PlaceResult {
    const constraints = this.compiled();
    const afterResources: SimInstance[] = [];
    const candidates: SimInstance[] = [];
    filterCandidates(this.instances, task, constraints, afterResources, candidates);
    const eligible = candidates.filter(allow);
    const spread = new SpreadCounts(this.strategies, this.instances);
    const placed: SimInstance[] = [];
    for (let t = 0; t < count; t++) {
      if (eligible.length === 0)
        return {
          placed,
          reasons: explain ? unplacedReasons(this.instances.filter(allow), task, this.group, constraints) : [],
        };
      const chosen = this.choose(eligible, spread);
      consume(chosen, task);
      addGroupTask(chosen, this.group);
      chosen.sameGroup++;
      spread.placed(chosen);
      placed.push(chosen);
      if (
        resourceFailure(chosen, task) !== undefined ||
        !constraints.every((c) => c.allows(chosen)) ||
        !allow(chosen)
      ) {
        eligible.splice(eligible.indexOf(chosen), 1);
      }
    }
    return { placed };
  }

  /** The indexed run's rule: strategies in order (random ends them), then the seeded tie-break key over instance ids, never the input order. */
  private choose(candidates: SimInstance[], spread: SpreadCounts): SimInstance {
    let set = candidates;
    for (const strategy of this.strategies) {
      if (set.length <= 1 || strategy.kind === 'random') break;
      set = keepBest(strategy, set, spread).kept;
    }
    let best = set[0];
    let bestKey = tieKey(this.seed, best.idHash, best.sameGroup);
    for (let i = 1; i < set.length; i++) {
      const key = tieKey(this.seed, set[i].idHash, set[i].sameGroup);
      if (key < bestKey || (key === bestKey && set[i].id < best.id)) {
        best = set[i];
        bestKey = key;
      }
    }
    return best;
  }

  /** Gives back what one task of the group held on the instance. */
  stop(instance: SimInstance, task: TaskRequirement, group = this.group): void {
    release(instance, task);
    removeGroupTask(instance, group);
    const delta = group === this.group ? -1 : 0;
    if (delta !== 0) instance.sameGroup = Math.max(0, instance.sameGroup - 1);
    for (const run of this.runs.values()) run.changedOutside(instance, delta);
  }

  /** Registers a new, empty instance (a capacity provider's scale-out). */
  addInstance(spec: NewInstanceSpec): SimInstance | string {
    const made = createInstance(spec, this.instances.length);
    if (typeof made === 'string') return made;
    this.instances.push(made);
    this.instanceSetVersion++;
    this.runs.clear();
    return made;
  }

  /** Deregisters an instance (scale-in); the indexes of the others follow their new positions. */
  removeInstance(instance: SimInstance): void {
    const i = this.instances.indexOf(instance);
    if (i < 0) return;
    this.instances.splice(i, 1);
    for (let k = i; k < this.instances.length; k++) this.instances[k].index = k;
    this.instanceSetVersion++;
    this.runs.clear();
  }

  /** The new instances `tasks` of `task` need under this session's constraints (groupGrowth.ts, the one model). */
  instancesNeeded(growth: NewInstances, task: TaskRequirement, tasks: number): GroupNeed {
    return instancesNeeded(growth, task, this.compiled(), tasks);
  }
}
