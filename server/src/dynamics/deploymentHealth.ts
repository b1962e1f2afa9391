/**
 * Health and drain: when a started task turns healthy or fails its checks, how the circuit breaker counts it,
 * and how old tasks are deregistered, drained and stopped (where the service runs most tasks first).
 */
import { healthyWithoutChecksSeconds, loadBalancerDefaults } from '../ecs/deployments';
import type { SimInstance } from '../placement/clusterModel';
import { BucketQueue, queueSlots, type QueueSlots } from '../placement/bucketQueue';
import type { Run, SimTask } from './deploymentRun';
import { plural } from '../placement/text';
import { healthTiming, type DeploymentSettings } from './serviceInputs';
import type { DynamicsOptions } from './types';

/** When a task counts as healthy, and when a failing one is given up on: the later of each check that applies. */
export function healthDelays(
  taskDefinition: unknown,
  settings: DeploymentSettings,
  options: DynamicsOptions,
): { healthyDelay: number; failDelay: number; drainSeconds: number; notes: string[] } {
  const health = healthTiming(taskDefinition);
  const lb = loadBalancerDefaults;
  const lbHealthy = settings.loadBalanced ? lb.healthyThreshold * lb.healthCheckIntervalSeconds : 0;
  const containerHealthy = health.hasHealthCheck ? health.interval : 0;
  const healthyDelay =
    settings.loadBalanced || health.hasHealthCheck
      ? Math.max(lbHealthy, containerHealthy)
      : healthyWithoutChecksSeconds;
  const failDelay = Math.max(
    settings.healthCheckGracePeriodSeconds,
    settings.loadBalanced ? lb.unhealthyThreshold * lb.healthCheckIntervalSeconds : 0,
    health.hasHealthCheck ? health.startPeriod + health.interval * health.retries : 0,
    settings.loadBalanced || health.hasHealthCheck ? 0 : healthyWithoutChecksSeconds,
  );
  const drainSeconds = settings.loadBalanced
    ? (options.deregistrationDelaySeconds ?? lb.deregistrationDelaySeconds)
    : 0;
  const notes: string[] = [];
  if (options.failHealthChecks && !settings.loadBalanced && !health.hasHealthCheck) {
    notes.push(
      'The new tasks are marked as failing, but the service has no load balancer and the task definition no container health check: they are taken to stop on their own.',
    );
  }
  return { healthyDelay, failDelay, drainSeconds, notes };
}

/** Whether a task that starts RUNNING fails its health checks: all do with failHealthChecks, but every Nth new one with healthyEvery. */
function failsHealthChecks(run: Run, task: SimTask): boolean {
  const { failHealthChecks, healthyEvery } = run.p.options;
  if (!failHealthChecks) return false;
  if (task.kind !== 'new' || healthyEvery === undefined) return true;
  return ++run.newStarted % healthyEvery !== 0;
}

/** Moves every task whose time has come; returns whether anything changed. */
export function advanceTasks(run: Run, t: number): boolean {
  const due = run.dueNow(t);
  for (let k = 0; k < due.length; k++) {
    const task = run.tasks[due[k]];
    switch (task.state) {
      case 'pending':
        task.fails = failsHealthChecks(run, task);
        run.set(task, 'running', t + (task.fails ? run.p.failDelay : run.p.healthyDelay));
        break;
      case 'running':
        if (task.fails) failed(run, task, t);
        else healthy(run, task, t);
        break;
      case 'draining':
        run.set(task, 'stopped', Infinity);
        release(run, task);
        break;
      default:
        run.set(task, task.state, Infinity);
    }
  }
  return due.length > 0;
}

function failed(run: Run, task: SimTask, t: number): void {
  run.set(task, 'failed', Infinity);
  release(run, task);
  run.failures++;
  run.event(
    t,
    `a new task on ${task.instance?.id ?? 'AWS Fargate'} failed its health checks and was stopped (${
      run.p.settings.circuitBreaker.enable
        ? `failure ${run.failures} of ${run.threshold} the circuit breaker allows`
        : `failure ${run.failures}; no circuit breaker, so ECS keeps starting replacements`
    })`,
  );
}

function healthy(run: Run, task: SimTask, t: number): void {
  run.set(task, 'healthy', Infinity);
  if (task.kind === 'new' && run.failures > 0 && run.p.settings.circuitBreaker.resetOnHealthyTask) {
    run.failures = 0;
    run.event(t, 'a new task turned healthy: the circuit breaker resets its failure count (resetOnHealthyTask)');
  }
}

/** A task leaves its instance: the resources go back to the placement session. */
export function release(run: Run, task: SimTask): void {
  if (task.instance && run.session) run.session.stop(task.instance, task.req);
  if (task.kind === 'new' && task.instance) run.daemonNew.delete(task.instance);
  if (task.instance) run.stopOrder?.rekey(task.instance);
}

/**
 * The old running tasks in the order they are stopped: where the service runs most tasks first, then by instance;
 * a bucket queue kept as tasks start and stop, so choosing the next one does not sort them all again.
 */
export class StopOrder {
  private readonly queue: BucketQueue;
  /**
   * Each task's place in the order as one number (fewer service tasks on its instance, then a higher instance index,
   * then a later task, is larger), written when the task enters or its instance's count changes: comparing two
   * reads one array instead of two tasks and their instances. The queue's level is the task count it was written with.
   */
  private readonly key: Float64Array;
  private readonly level: Int32Array;
  /** Within its level, the task's place: its instance's index, then its number (what the key orders by, less the count). */
  private readonly inLevel: Float64Array;
  private readonly tasks: SimTask[];
  private readonly instanceSpan: number;
  private readonly taskSpan: number;
  /**
   * The old running tasks on each instance, as lists by task number kept in two arrays (the first task on an instance
   * by its index, the next task after each task; -1 ends a list): a deployment of thousands of tasks allocates
   * no list per instance.
   */
  private readonly firstOld: Int32Array;
  private readonly nextOld: Int32Array;
  private readonly chosen: SimTask[] = [];

  constructor(run: Run) {
    // What-if runs run one after another: each takes the arrays of the one before, when they are large enough.
    const spare = run.o.quiet ? run.p.spareStopOrder : undefined;
    const taskCount = run.tasks.length;
    const key = spare && spare.key.length >= taskCount ? spare.key : new Float64Array(taskCount);
    const level = spare && spare.level.length >= taskCount ? spare.level : new Int32Array(taskCount);
    const inLevel = spare && spare.inLevel.length >= taskCount ? spare.inLevel : new Float64Array(taskCount);
    this.key = key;
    this.level = level;
    this.inLevel = inLevel;
    const old = run.bucket('old', 'running');
    let instances = 0;
    for (let task = old.first; task; task = task.nextInState)
      if (task.instance) instances = Math.max(instances, task.instance.index + 1);
    // Old tasks are all made before the first stop, on instances that keep their indexes: both spans stay enough.
    this.taskSpan = taskCount;
    this.instanceSpan = instances;
    const slots = queueSlots(taskCount, spare?.slots);
    this.queue = new BucketQueue(
      slots,
      {
        level,
        key: inLevel,
        keyRange: Math.max(1, instances) * taskCount,
        highestFirst: true,
        less: (a, b) => key[a] < key[b],
      },
      old.size,
    );
    const first = minusOnes(spare?.first, instances);
    const last = minusOnes(spare?.last, instances);
    const next = minusOnes(spare?.next, taskCount);
    if (run.o.quiet) run.p.spareStopOrder = { slots, key, level, inLevel, first, last, next };
    this.tasks = run.tasks;
    for (let task = old.first; task; task = task.nextInState) {
      this.setKey(task);
      this.queue.upsert(task.seq!);
      if (!task.instance) continue;
      const i = task.instance.index;
      if (last[i] < 0) first[i] = task.seq!;
      else next[last[i]] = task.seq!;
      last[i] = task.seq!;
    }
    this.firstOld = first;
    this.nextOld = next;
  }

  /** Counts, indexes and task numbers are each at most tens of thousands: the key is an exact integer, far below 2^53. */
  private setKey(task: SimTask): void {
    const instance = task.instance;
    const count = instance ? instance.sameGroup : 0;
    const at = instance ? instance.index * this.taskSpan + task.seq! : task.seq!;
    this.key[task.seq!] = at - count * this.instanceSpan * this.taskSpan;
    this.level[task.seq!] = count;
    this.inLevel[task.seq!] = at;
  }

  /**
   * Takes the next n old tasks out of the order, into an array the next call reuses: a run stops old tasks at
   * hundreds of steps and allocates one list for them.
   */
  take(n: number): readonly SimTask[] {
    const chosen = this.chosen;
    while (chosen.length > 0) chosen.pop();
    const queue = this.queue;
    for (let k = 0; k < n && queue.size > 0; k++) {
      const top = queue.top()!;
      chosen.push(this.tasks[top]);
      queue.delete(top);
    }
    return chosen;
  }

  /** The task is no longer an old running task. */
  forget(task: SimTask): void {
    this.queue.delete(task.seq!);
  }

  /** The service's task count on the instance changed: its old running tasks move in the stop order. */
  rekey(instance: SimInstance): void {
    const queue = this.queue;
    const first = this.firstOld;
    const next = this.nextOld;
    if (instance.index >= this.instanceSpan) return;
    for (let seq = first[instance.index]; seq >= 0; seq = next[seq]) {
      const task = this.tasks[seq];
      if (task.state !== 'running' || !queue.has(seq)) continue;
      this.setKey(task);
      queue.upsert(seq);
    }
  }
}

/** The arrays behind a stop order, handed from one what-if run to the next. */
export interface StopOrderArrays {
  slots: QueueSlots;
  key: Float64Array;
  level: Int32Array;
  inLevel: Float64Array;
  first: Int32Array;
  last: Int32Array;
  next: Int32Array;
}

/** The spare array when it holds n, else a new one; its first n entries set to -1. */
function minusOnes(spare: Int32Array | undefined, n: number): Int32Array {
  return (spare && spare.length >= n ? spare : new Int32Array(n)).fill(-1, 0, n);
}

/** Stops n old tasks: deregistered and drained behind a load balancer, else at once. */
export function stopOld(run: Run, t: number, n: number): void {
  // Stop first where the service runs most tasks, so the instances free up evenly.
  run.stopOrder ??= new StopOrder(run);
  const chosen = run.stopOrder.take(n);
  const drain = run.p.drainSeconds;
  for (const task of chosen) {
    if (drain > 0) {
      run.set(task, 'draining', t + drain);
    } else {
      run.set(task, 'stopped', task.at);
      release(run, task);
    }
  }
  run.event(
    t,
    drain > 0
      ? `${plural(n, 'old task')} deregistered from the load balancer; they stop after the ${drain} s deregistration delay`
      : `${plural(n, 'old task')} stopped`,
  );
}
