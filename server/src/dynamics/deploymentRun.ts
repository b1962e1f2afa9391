/**
 * A deployment run's state: its tasks by kind and state, the steps and events it records, and what is due next.
 * The phases (launch, health and drain, traffic shift) change it; the driver loop in deployment.ts runs them.
 */
import type { ClusterModel, SimInstance } from '../placement/clusterModel';
import type { PlacementSession } from '../placement/session';
import type { TaskRequirement } from '../placement/taskModel';
import type { UnplacedReason } from '../placement/types';
import { simulatorDefaults } from './defaults';
import type { Overrides } from './deploymentFixes';
import type { StopOrder } from './deploymentHealth';
import type { InputError } from '../placement/inputErrors';
import type { Prepared } from './deploymentPlan';
import type { ProviderGroup } from './providerGroup';
import type { DeploymentResult, DeploymentStep } from './types';

export type State = 'waiting' | 'pending' | 'running' | 'healthy' | 'draining' | 'stopped' | 'failed';

/**
 * The tasks of one kind in one state, in the order they entered it, as a list threaded through the tasks themselves:
 * moving a task between states allocates nothing and hashes nothing, and counting reads one number.
 */
export class TaskList {
  size = 0;
  first?: SimTask;
  last?: SimTask;

  push(task: SimTask): void {
    task.prevInState = this.last;
    task.nextInState = undefined;
    if (this.last) this.last.nextInState = task;
    else this.first = task;
    this.last = task;
    this.size++;
  }

  remove(task: SimTask): void {
    const before = task.prevInState;
    const after = task.nextInState;
    if (before) before.nextInState = after;
    else this.first = after;
    if (after) after.prevInState = before;
    else this.last = before;
    task.prevInState = undefined;
    task.nextInState = undefined;
    this.size--;
  }

  /** In order; the task just visited may leave the list (as a Set's iteration allows). */
  *[Symbol.iterator](): IterableIterator<SimTask> {
    for (let task = this.first; task;) {
      const next = task.nextInState;
      yield task;
      task = next;
    }
  }
}

/** One list of tasks per state, made once. */
function lists(): Record<State, TaskList> {
  return {
    waiting: new TaskList(),
    pending: new TaskList(),
    running: new TaskList(),
    healthy: new TaskList(),
    draining: new TaskList(),
    stopped: new TaskList(),
    failed: new TaskList(),
  };
}

export interface SimTask {
  kind: 'old' | 'new';
  instance?: SimInstance;
  req: TaskRequirement;
  state: State;
  /** When the task next changes state (pending → running → healthy or failed; draining → stopped). */
  at: number;
  /** Order of creation: tasks due at the same time change state in this order. */
  seq?: number;
  /** Decided when the task starts RUNNING: it fails its health checks instead of turning healthy. */
  fails?: boolean;
  /** Its neighbours in the list of its kind and state (see TaskList). */
  prevInState?: SimTask;
  nextInState?: SimTask;
  /** Its position in the run's list of tasks due to change state, or -1. */
  timedAt?: number;
}

/** A task not yet in a run, with every field a task ever gets: tasks keep one shape and grow no property store. */
function newTask(kind: SimTask['kind'], req: TaskRequirement, state: State, instance?: SimInstance): SimTask {
  return {
    kind,
    instance,
    req,
    state,
    at: Infinity,
    seq: 0,
    fails: false,
    prevInState: undefined,
    nextInState: undefined,
    timedAt: -1,
  };
}

/** A task object of an earlier run made as newTask makes one. */
function remake(
  task: SimTask,
  kind: SimTask['kind'],
  req: TaskRequirement,
  state: State,
  instance?: SimInstance,
): SimTask {
  task.kind = kind;
  task.instance = instance;
  task.req = req;
  task.state = state;
  task.at = Infinity;
  task.seq = 0;
  task.fails = false;
  task.prevInState = undefined;
  task.nextInState = undefined;
  task.timedAt = -1;
  return task;
}

export class Run {
  readonly tasks: SimTask[] = [];
  readonly steps: DeploymentStep[] = [];
  readonly events: DeploymentResult['events'] = [];
  readonly traffic: Array<{ t: number; percent: number }> = [];
  readonly notes: string[] = [];
  readonly errors: InputError[] = [];
  session?: PlacementSession;
  cluster?: ClusterModel;
  desired = 0;
  minHealthy = 0;
  maxTasks = 0;
  failures = 0;
  threshold = 0;
  peakTasks = 0;
  peakInstances = 0;
  /** The capacity provider's group under managed scaling, once the cluster is read. */
  group?: ProviderGroup;
  blocked?: { t: number; reasons: UnplacedReason[] };
  daemonNew = new Set<SimInstance>();
  /** Blue/green: when traffic has fully shifted and the bake time is over, the old tasks stop. */
  blueStopAt = Infinity;
  trafficStarted = false;
  timeline?: DeploymentResult['timeline'];
  /** New tasks that have started RUNNING, for intermittent failures (every Nth passes). */
  newStarted = 0;
  /** The old running tasks in the order they are stopped, made the first time one stops. */
  stopOrder?: StopOrder;

  readonly task: TaskRequirement;
  /** The task objects of the what-if run before this one, which this run makes its tasks of (see addTask). */
  private readonly spare: readonly SimTask[];

  constructor(
    readonly p: Prepared,
    readonly o: Overrides,
  ) {
    this.task = o.dynamicPorts ? { ...p.task, tcpPorts: [], udpPorts: [] } : p.task;
    // What-if runs run one after another and only their outcome is read: each hands its tasks to the next.
    this.spare = o.quiet ? (p.spareTasks ?? []) : [];
    if (o.quiet) p.spareTasks = this.tasks;
  }

  /**
   * Makes a task and adds it. A what-if run takes the objects of the run before it, one per task number, so the
   * search behind the fixes makes the tasks of one run, not of each.
   */
  addTask(kind: SimTask['kind'], req: TaskRequirement, state: State, instance?: SimInstance): void {
    const old = this.spare[this.tasks.length];
    this.add(old ? remake(old, kind, req, state, instance) : newTask(kind, req, state, instance));
  }

  /** Tasks by kind and state, and the tasks due to change state: counting and stepping do not scan every task. */
  private readonly byState = { old: lists(), new: lists() };
  /** The tasks due to change state, in no particular order (whoever reads them orders them by time and number). */
  readonly timed: SimTask[] = [];
  /** Room for the numbers of the tasks due at one instant, kept from step to step. */
  private dueSeqs = new Int32Array(64);

  /**
   * The numbers of the tasks due by `t`, in creation order: the order they change state in. A view of an array
   * the next call reuses, so a run of thousands of steps allocates no list per step; sorted as numbers, in place.
   */
  dueNow(t: number): Int32Array {
    const timed = this.timed;
    if (this.dueSeqs.length < timed.length)
      this.dueSeqs = new Int32Array(Math.max(timed.length, 2 * this.dueSeqs.length));
    const seqs = this.dueSeqs;
    let n = 0;
    for (let k = 0; k < timed.length; k++) if (timed[k].at <= t) seqs[n++] = timed[k].seq!;
    return seqs.subarray(0, n).sort();
  }

  bucket(kind: SimTask['kind'], state: State): TaskList {
    return this.byState[kind][state];
  }

  add(task: SimTask): void {
    task.seq = this.tasks.length;
    task.timedAt = -1;
    this.tasks.push(task);
    this.bucket(task.kind, task.state).push(task);
    if (task.at !== Infinity) this.schedule(task);
  }

  set(task: SimTask, state: State, at: number): void {
    if (state !== task.state) {
      this.bucket(task.kind, task.state).remove(task);
      this.bucket(task.kind, state).push(task);
      task.state = state;
      if (task.kind === 'old' && state !== 'running') this.stopOrder?.forget(task);
    }
    task.at = at;
    if (at === Infinity) this.unschedule(task);
    else this.schedule(task);
  }

  private schedule(task: SimTask): void {
    if ((task.timedAt ?? -1) >= 0) return;
    task.timedAt = this.timed.length;
    this.timed.push(task);
  }

  /** Takes the task out of the due list: the last one takes its place. */
  private unschedule(task: SimTask): void {
    const at = task.timedAt ?? -1;
    if (at < 0) return;
    const last = this.timed.pop()!;
    if (last !== task) {
      this.timed[at] = last;
      last.timedAt = at;
    }
    task.timedAt = -1;
  }

  /** The tasks of a kind in a state, in the order they entered it. */
  inState(kind: SimTask['kind'], state: State): SimTask[] {
    return [...this.bucket(kind, state)];
  }

  count(kind: SimTask['kind'], ...states: State[]): number {
    let n = 0;
    for (const state of states) n += this.byState[kind][state].size;
    return n;
  }

  event(t: number, message: string): void {
    this.events.push({ t, message });
  }

  record(t: number): void {
    const old = this.count('old', 'running', 'draining');
    const fresh = this.count('new', 'running', 'healthy');
    const pending = this.count('new', 'waiting', 'pending');
    const instances = this.session ? this.session.instances.length : 0;
    const last = this.steps[this.steps.length - 1];
    if (last && last.old === old && last.new === fresh && last.pending === pending && last.instances === instances)
      return;
    this.steps.push({ t, old, new: fresh, pending, instances });
    this.peakTasks = Math.max(this.peakTasks, old + fresh + this.count('new', 'pending'));
    this.peakInstances = Math.max(this.peakInstances, instances);
    if (this.timeline && this.session) this.recordFrame(t, this.timeline, this.session);
  }

  /** The timeline's frame: old and new tasks on each of the first instances. */
  private recordFrame(t: number, timeline: NonNullable<Run['timeline']>, session: PlacementSession): void {
    const limit = this.p.options.timelineInstances ?? simulatorDefaults.timelineInstances;
    const shown = session.instances.slice(0, limit);
    timeline.instances = shown.map((i) => i.id);
    const at = new Map(shown.map((i, k) => [i, k]));
    const oldCounts = new Array<number>(shown.length).fill(0);
    const newCounts = new Array<number>(shown.length).fill(0);
    for (const task of this.tasks) {
      const k = task.instance ? at.get(task.instance) : undefined;
      if (k === undefined) continue;
      if (task.kind === 'old' && (task.state === 'running' || task.state === 'draining')) oldCounts[k]++;
      if (task.kind === 'new' && (task.state === 'pending' || task.state === 'running' || task.state === 'healthy'))
        newCounts[k]++;
    }
    timeline.frames.push({ t, old: oldCounts, new: newCounts });
  }

  nextTime(t: number): number | undefined {
    let next = Infinity;
    // A task due now was set during this instant's pass (a zero start time): the same instant runs again.
    for (const task of this.timed) if (task.at >= t && task.at < next) next = task.at;
    if (this.group) next = Math.min(next, this.group.nextTime(t));
    if (this.blueStopAt > t && this.blueStopAt < Infinity) next = Math.min(next, this.blueStopAt);
    return next === Infinity ? undefined : next;
  }

  done(): boolean {
    return this.count('new', 'healthy') >= this.desired && this.count('old', 'running', 'draining') === 0;
  }
}
