/**
 * One task group placed on one cluster state, task by task. The state stays live between calls,
 * so a caller can place N more tasks, remove some, and place again (a deployment, a scaling step).
 * Choosing uses the candidate index; explaining a task scans every instance, for that task only.
 */
import { consume, release, resourceFailure } from './checks';
import { addGroupTask, removeGroupTask, type SimInstance } from './clusterModel';
import { CandidateIndex, indexPlan, type InstanceKey } from './candidateIndex';
import type { CompiledConstraint } from './constraints';
import { tieKey } from './random';
import { unplacedReasons } from './reasons';
import { binpackResources, keepBest, SpreadCounts, type Strategy } from './strategies';
import type { TaskRequirement } from './taskModel';
import type { ExplanationStep, TaskExplanation, UnplacedReason } from './types';

export interface RunSetup {
  instances: SimInstance[];
  task: TaskRequirement;
  group: string;
  constraints: CompiledConstraint[];
  strategies: Strategy[];
  seed: number;
  /** Most instance names listed per explanation step. */
  explainCandidates?: number;
  /** Spread counts shared with other runs of the same group (one per capacity provider). */
  spread?: SpreadCounts;
}

export type PlaceOutcome = { task: number; instance: SimInstance } | { task: number; reasons: UnplacedReason[] };

export function taskNeeds(task: TaskRequirement): string {
  const parts = [`${task.cpu} CPU units`, `${task.memory} MiB`];
  const ports = [...task.tcpPorts.map((p) => `${p}/tcp`), ...task.udpPorts.map((p) => `${p}/udp`)];
  if (ports.length > 0) parts.push(`host port ${ports.join(', ')}`);
  if (task.networkMode === 'awsvpc') parts.push('a network interface');
  if (task.gpus > 0) parts.push(`${task.gpus} GPU${task.gpus === 1 ? '' : 's'}`);
  return parts.join(', ');
}

export class PlacementRun {
  readonly instances: SimInstance[];
  readonly task: TaskRequirement;
  readonly group: string;
  readonly constraints: CompiledConstraint[];
  readonly strategies: Strategy[];
  readonly seed: number;
  readonly spread: SpreadCounts;
  private readonly cap: number;
  private readonly tie: Uint32Array;
  private readonly keys: InstanceKey[];
  /**
   * Each key's value per instance, by index, as of the instance's last refresh: the heaps compare numbers in arrays
   * instead of reading instances scattered over the heap.
   */
  private readonly keyValues: Float64Array[];
  private readonly eligible: Uint8Array;
  private readonly index?: CandidateIndex;
  /** Where each placed task of this run is, by task number. */
  private readonly home = new Map<number, SimInstance>();
  private reasons?: UnplacedReason[];

  constructor(setup: RunSetup) {
    this.instances = setup.instances;
    this.task = setup.task;
    this.group = setup.group;
    this.constraints = setup.constraints;
    this.strategies = setup.strategies;
    this.seed = setup.seed;
    this.cap = setup.explainCandidates ?? 50;
    // Index loops in what runs once per run: unoptimized code allocates a step object per for-of iteration.
    const instances = this.instances;
    for (let k = 0; k < instances.length; k++) instances[k].sameGroup = instances[k].groupCounts.get(this.group) ?? 0;
    this.spread = setup.spread ?? new SpreadCounts(this.strategies, this.instances);
    const n = this.instances.length;
    // Each instance's tie-break key is written by its first refresh, below.
    this.tie = new Uint32Array(n);
    const plan = indexPlan(this.strategies);
    this.keys = plan?.keys ?? [];
    this.keyValues = this.keys.map(() => new Float64Array(n));
    this.eligible = new Uint8Array(n);
    if (plan)
      this.index = new CandidateIndex(
        this.instances,
        plan,
        this.spread,
        (a, b) => this.before(a, b),
        plan.counted
          ? { level: this.keys.length > 0 ? this.keyValues[0] : new Float64Array(n), tie: this.tie }
          : undefined,
      );
    for (let k = 0; k < instances.length; k++) this.refresh(instances[k]);
  }

  /** Instance a before instance b under the instance-level strategies, then the seeded tie-break, then the id. */
  private before(a: number, b: number): boolean {
    for (const values of this.keyValues) {
      const d = values[a] - values[b];
      if (d !== 0) return d < 0;
    }
    const ta = this.tie[a];
    const tb = this.tie[b];
    if (ta !== tb) return ta < tb;
    return this.instances[a].id < this.instances[b].id;
  }

  private tieBefore(a: SimInstance, b: SimInstance): boolean {
    const ta = this.tie[a.index];
    const tb = this.tie[b.index];
    if (ta !== tb) return ta < tb;
    return a.id < b.id;
  }

  /** True when the instance has room for the task and meets every constraint. */
  fits(instance: SimInstance): boolean {
    if (resourceFailure(instance, this.task) !== undefined) return false;
    for (const c of this.constraints) if (!c.allows(instance)) return false;
    return true;
  }

  /** Re-checks one instance after its state changed, and re-indexes it. */
  private refresh(instance: SimInstance): void {
    this.tie[instance.index] = tieKey(this.seed, instance.idHash, instance.sameGroup);
    for (let k = 0; k < this.keys.length; k++) this.keyValues[k][instance.index] = this.keys[k](instance);
    const ok = this.fits(instance);
    this.eligible[instance.index] = ok ? 1 : 0;
    if (this.index) {
      if (ok) this.index.update(instance);
      else this.index.delete(instance);
    }
  }

  /** The instance the next task goes to, or undefined when none can take it. Changes nothing. */
  next(): SimInstance | undefined {
    if (this.index) return this.index.best();
    return this.scanChoice(undefined)?.chosen;
  }

  /** Puts task `taskNo` on the instance (which must fit it); `remove` and `instanceOf` find it by its number. */
  placeOn(taskNo: number, instance: SimInstance): void {
    this.occupy(instance);
    instance.simulatedTasks.push(taskNo);
    this.home.set(taskNo, instance);
  }

  /**
   * Puts a task on the instance (which must fit it) without keeping its number: a session stops its tasks by
   * instance, so over a long deployment it keeps no list of every task it ever placed.
   */
  occupy(instance: SimInstance): void {
    consume(instance, this.task);
    addGroupTask(instance, this.group);
    instance.sameGroup++;
    this.spread.placed(instance, 1);
    this.reasons = undefined;
    this.refresh(instance);
  }

  /** Places task `taskNo` where the strategies put it, or says why it cannot be placed. */
  placeNext(taskNo: number): PlaceOutcome {
    const chosen = this.next();
    if (!chosen) return { task: taskNo, reasons: this.unplacedReasons().map((r) => ({ ...r })) };
    this.placeOn(taskNo, chosen);
    return { task: taskNo, instance: chosen };
  }

  /** Places `count` tasks numbered from `firstTask`. */
  placeMany(firstTask: number, count: number): PlaceOutcome[] {
    const out: PlaceOutcome[] = [];
    for (let t = firstTask; t < firstTask + count; t++) out.push(this.placeNext(t));
    return out;
  }

  /** Stops a task this run placed and frees what it held. False when the task is not placed. */
  remove(taskNo: number): boolean {
    const instance = this.home.get(taskNo);
    if (!instance) return false;
    this.home.delete(taskNo);
    release(instance, this.task);
    removeGroupTask(instance, this.group);
    instance.sameGroup--;
    const at = instance.simulatedTasks.indexOf(taskNo);
    if (at >= 0) instance.simulatedTasks.splice(at, 1);
    this.spread.placed(instance, -1);
    this.reasons = undefined;
    this.refresh(instance);
    return true;
  }

  /**
   * Re-checks an instance whose state changed outside this run (a task of another revision stopped,
   * a task placed by another run); `groupDelta` is the change in tasks of this run's group on it.
   */
  changedOutside(instance: SimInstance, groupDelta: number): void {
    if (groupDelta !== 0) this.spread.placed(instance, groupDelta);
    this.reasons = undefined;
    this.refresh(instance);
  }

  /** The instance holding a task of this run. */
  instanceOf(taskNo: number): SimInstance | undefined {
    return this.home.get(taskNo);
  }

  unplacedReasons(): UnplacedReason[] {
    this.reasons ??= unplacedReasons(this.instances, this.task, this.group, this.constraints);
    return this.reasons;
  }

  /** Why the next task would go where it goes (or nowhere), step by step. Scans every instance once. */
  explainNext(taskNo: number): TaskExplanation {
    const afterResources: SimInstance[] = [];
    const afterConstraints: SimInstance[] = [];
    for (const instance of this.instances) {
      if (resourceFailure(instance, this.task) !== undefined) continue;
      afterResources.push(instance);
      if (this.constraints.every((c) => c.allows(instance))) afterConstraints.push(instance);
    }
    const constraintNote =
      this.constraints.length === 0
        ? 'no placement constraints'
        : `satisfy ${this.constraints.map((c) => c.label).join(' and ')}`;
    const steps: ExplanationStep[] = [
      this.step(
        'resources',
        afterResources,
        `${afterResources.length} of ${this.instances.length} instances are ACTIVE with a connected agent and have ${taskNeeds(this.task)} free`,
      ),
      this.step('constraints', afterConstraints, `${afterConstraints.length} of them ${constraintNote}`),
    ];
    if (afterConstraints.length === 0) {
      const reasons = this.unplacedReasons();
      return {
        task: taskNo,
        steps,
        summary: `Task ${taskNo} is not placed: ${reasons.map((r) => r.message).join('; ')}.`,
      };
    }
    const { chosen, why } = this.scanChoice(afterConstraints, steps)!;
    return {
      task: taskNo,
      instance: chosen.id,
      steps,
      summary: `Task ${taskNo} goes to ${chosen.id}${chosen.availabilityZone ? ` (${chosen.availabilityZone})` : ''}: ${why}.`,
    };
  }

  private step(name: string, candidates: SimInstance[], note: string): ExplanationStep {
    // Listed in id order, so the explanation reads the same whatever the order of the input.
    const names =
      candidates.length <= this.cap
        ? candidates.map((c) => c.id).sort()
        : [...candidates]
            .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
            .slice(0, this.cap)
            .map((c) => c.id);
    return { step: name, candidates: names, candidateCount: candidates.length, note };
  }

  /**
   * The reference choice: narrows the candidates strategy by strategy, then takes the lowest
   * tie-break key. The index gives the same answer faster; this one can say why.
   */
  private scanChoice(
    candidates: SimInstance[] | undefined,
    steps?: ExplanationStep[],
  ): { chosen: SimInstance; why: string } | undefined {
    let set = candidates ?? this.instances.filter((i) => this.eligible[i.index] === 1);
    if (set.length === 0) return undefined;
    const why: string[] = [];
    const pickTie = (among: SimInstance[]) => among.reduce((a, b) => (this.tieBefore(b, a) ? b : a));
    for (const strategy of this.strategies) {
      if (set.length <= 1) break;
      if (strategy.kind === 'random') {
        const chosen = pickTie(set);
        const note = `picks ${chosen.id} at random among ${set.length} (seed ${this.seed})`;
        steps?.push(this.step(`strategy:${strategy.label}`, [chosen], note));
        why.push(note);
        return { chosen, why: why.join('; ') };
      }
      const { kept, best } = keepBest(strategy, set, this.spread);
      if (steps || kept.length < set.length) {
        const note = this.strategyNote(strategy, kept, best);
        steps?.push(this.step(`strategy:${strategy.label}`, kept, note));
        if (kept.length < set.length) why.push(note);
      }
      set = kept;
    }
    if (set.length === 1) return { chosen: set[0], why: why.join('; ') || 'the only candidate' };
    const chosen = pickTie(set);
    const note = `${set.length} candidates tie; picks ${chosen.id} with the seeded tie-break (seed ${this.seed})`;
    steps?.push(this.step('tie-break', [chosen], note));
    why.push(note);
    return { chosen, why: why.join('; ') };
  }

  private strategyNote(strategy: Strategy, kept: SimInstance[], best: number): string {
    if (strategy.kind === 'binpack')
      return `keeps ${kept.length} with the least remaining ${binpackResources[strategy.resource].amount(best)}`;
    if (strategy.kind === 'spread-instance')
      return `keeps ${kept.length} with the fewest tasks of ${this.group} on the instance (${best})`;
    if (strategy.kind !== 'spread-attribute') return '';
    const values = new Set<string>();
    for (const k of kept) values.add(this.spread.value(strategy.attribute, k) || '(none)');
    const sorted = [...values].sort();
    return `keeps ${kept.length} in ${strategy.attribute} ${sorted.slice(0, 5).join(', ')}${sorted.length > 5 ? ', …' : ''} with the fewest tasks of ${this.group} (${best})`;
  }

  /** The reference choice for the next task, without the index (tests compare the two). */
  scanNext(): SimInstance | undefined {
    return this.scanChoice(undefined)?.chosen;
  }
}
