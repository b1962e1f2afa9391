/**
 * A deployment run's state: its tasks by kind and state, the steps and events it records, and what is due next.
 * The phases (launch, health and drain, traffic shift) change it; the driver loop in deployment.ts runs them.
 */
import type { ClusterModel, SimInstance } from '../placement/clusterModel';
import type { ManagedScaling } from '../placement/managedScaling';
import type { PlacementSession } from '../placement/session';
import type { TaskRequirement } from '../placement/taskModel';
import type { UnplacedReason } from '../placement/types';
import { simulatorDefaults } from './defaults';
import type { Overrides } from './deploymentFixes';
import type { StopOrder } from './deploymentHealth';
import type { InputError } from '../placement/inputErrors';
import type { Prepared } from './deploymentPlan';
import type { DeploymentResult, DeploymentStep, InstanceLaunch } from './types';

export type State = 'waiting' | 'pending' | 'running' | 'healthy' | 'draining' | 'stopped' | 'failed';

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One set of tasks per state, made once: counting and moving a task allocate nothing. */
function sets(): Record<State, Set<SimTask>> {
  return {
    waiting: new Set(),
    pending: new Set(),
    running: new Set(),
    healthy: new Set(),
    draining: new Set(),
    stopped: new Set(),
    failed: new Set(),
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
  launching: Array<{ at: number; n: number }> = [];
  launched = 0;
  warmupUntil = 0;
  scaleCheckAt = Infinity;
  /** When the tasks that wait now started waiting. */
  waitingSince = 0;
  /** The capacity provider's group, resolved once the cluster is read. */
  cp?: ManagedScaling;
  /** Each scale-out: when, and how many instances. */
  readonly launches: InstanceLaunch[] = [];
  /** Set once: the group reached its maximum size, or the task fits no instance of the provider's type. */
  cannotScale?: string;
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

  constructor(
    readonly p: Prepared,
    readonly o: Overrides,
  ) {
    this.task = o.dynamicPorts ? { ...p.task, tcpPorts: [], udpPorts: [] } : p.task;
  }

  /** Tasks by kind and state, and the tasks due to change state: counting and stepping do not scan every task. */
  private readonly byState = { old: sets(), new: sets() };
  readonly timed = new Set<SimTask>();

  bucket(kind: SimTask['kind'], state: State): Set<SimTask> {
    return this.byState[kind][state];
  }

  add(task: SimTask): void {
    task.seq = this.tasks.length;
    this.tasks.push(task);
    this.bucket(task.kind, task.state).add(task);
    if (task.at !== Infinity) this.timed.add(task);
  }

  set(task: SimTask, state: State, at: number): void {
    if (state !== task.state) {
      this.bucket(task.kind, task.state).delete(task);
      this.bucket(task.kind, state).add(task);
      task.state = state;
      if (task.kind === 'old' && state !== 'running') this.stopOrder?.forget(task);
    }
    task.at = at;
    if (at === Infinity) this.timed.delete(task);
    else this.timed.add(task);
  }

  /** The tasks of a kind in a state, in the order they were created. */
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
    if (this.launching.length > 0) next = Math.min(next, this.launching[0].at);
    if (this.scaleCheckAt > t && this.scaleCheckAt < Infinity) next = Math.min(next, this.scaleCheckAt);
    if (this.blueStopAt > t && this.blueStopAt < Infinity) next = Math.min(next, this.blueStopAt);
    return next === Infinity ? undefined : next;
  }

  done(): boolean {
    return this.count('new', 'healthy') >= this.desired && this.count('old', 'running', 'draining') === 0;
  }
}
