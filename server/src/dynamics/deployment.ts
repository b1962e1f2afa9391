/**
 * A service deployment as a discrete-event simulation over the placement engine: rolling updates
 * (minimumHealthyPercent / maximumPercent), DAEMON replacement per instance, and ECS native
 * blue/green, linear and canary, with draining, health timing, managed scaling and the circuit breaker.
 */
import {
  circuitBreakerFailureThreshold,
  deploymentBounds,
  healthyWithoutChecksSeconds,
  loadBalancerDefaults,
  trafficShiftDefaults,
} from '../ecs/deployments';
import { runsOnFargate } from '../placement/capacityProviders';
import { isUsable } from '../placement/checks';
import { IndexedHeap } from '../placement/heap';
import {
  cloneCluster,
  parseCluster,
  reusableCluster,
  type ClusterModel,
  type SimInstance,
} from '../placement/clusterModel';
import type { ServiceSpec } from '../placement/serviceModel';
import { PlacementSession } from '../placement/session';
import { SERVICE_DEFAULT_STRATEGIES } from '../placement/strategies';
import { parseTaskDefinition, type TaskRequirement } from '../placement/taskModel';
import type { UnplacedReason } from '../placement/types';
import { instanceFactory, newInstanceSpec, tasksPerEmptyInstance } from './capacity';
import { simulatorDefaults } from './defaults';
import { scaleOutAt, scaleOutDecision, type ManagedScaling } from '../placement/managedScaling';
import {
  capacityProviderFor,
  currentTasks,
  deploymentSettings,
  healthTiming,
  type DeploymentSettings,
} from './serviceInputs';
import type { DeploymentRequest, DeploymentResult, DeploymentStep, DynamicsOptions, InstanceLaunch } from './types';
import { prepareService } from './prepare';
import { findFixes, type Overrides } from './deploymentFixes';

type State = 'waiting' | 'pending' | 'running' | 'healthy' | 'draining' | 'stopped' | 'failed';

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

interface SimTask {
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

/** Everything parsed once; a run (and every what-if run behind the fixes) starts from it. */
interface Prepared {
  name: string;
  group: string;
  service: ServiceSpec;
  task: TaskRequirement;
  oldTask: TaskRequirement;
  settings: DeploymentSettings;
  daemon: boolean;
  fargate: boolean;
  clusterInput: unknown;
  /** The cluster file parsed once; each run works on its own copy. */
  cluster?: ClusterModel;
  /** One copy of the cluster the what-if runs behind the fixes share, put back to the parse before each. */
  whatIfCluster?: { reset: () => ClusterModel };
  healthyDelay: number;
  failDelay: number;
  drainSeconds: number;
  options: Required<Pick<DynamicsOptions, 'taskStartSeconds' | 'instanceLaunchSeconds' | 'seed'>> & DynamicsOptions;
  notes: string[];
}

const MAX_STEPS = 20_000;
/** Twice ECS's default quota of 5,000 tasks per service: every task is followed through its states. */
export const MAX_DEPLOYED_TASKS = 10_000;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function emptyResult(errors: string[], notes: string[] = []): DeploymentResult {
  return {
    outcome: 'stalled',
    strategy: 'ROLLING',
    mode: 'replica',
    desiredCount: 0,
    minimumHealthyPercent: 0,
    maximumPercent: 0,
    durationSeconds: 0,
    peakTasks: 0,
    peakInstances: 0,
    steps: [],
    events: [],
    placements: [],
    notes,
    errors,
  };
}

function prepare(request: DeploymentRequest): { prepared?: Prepared; errors: string[]; notes: string[] } {
  const read = prepareService(request, {
    currentTaskDefinition: request.currentTaskDefinition,
    options: request.options,
  });
  const errors = [...read.parseErrors, ...read.admissionErrors];
  const notes = read.notes;
  const { task, service, serviceJson: svcJson } = read;
  if (service?.desiredCount !== undefined && service.desiredCount > MAX_DEPLOYED_TASKS) {
    errors.push(
      `service: desiredCount ${service.desiredCount} is more than the simulator deploys (${MAX_DEPLOYED_TASKS.toLocaleString('en-US')}; ECS allows 5,000 tasks per service by default)`,
    );
  }
  if (!task || !service || !svcJson || errors.length > 0) return { errors, notes };
  const daemon = service.schedulingStrategy === 'DAEMON';
  const settings = deploymentSettings(svcJson, daemon);
  errors.push(...settings.errors);

  let oldTask = task;
  if (request.currentTaskDefinition !== undefined) {
    const parsedOld = parseTaskDefinition(request.currentTaskDefinition);
    errors.push(...parsedOld.errors.map((e) => e.replace(/^task definition:/, 'current task definition:')));
    if (parsedOld.task) oldTask = parsedOld.task;
  }
  const fargate = runsOnFargate(service, task);

  const raw = request.options && typeof request.options === 'object' ? request.options : {};
  for (const key of [
    'deregistrationDelaySeconds',
    'taskStartSeconds',
    'instanceLaunchSeconds',
    'maxInstances',
    'minimumScalingStepSize',
    'maximumScalingStepSize',
    'seed',
  ] as const) {
    const v = raw[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= 0))
      errors.push(`${key} must be a whole number of at least 0`);
  }
  if (errors.length > 0) return { errors, notes };
  const options = {
    ...raw,
    taskStartSeconds: raw.taskStartSeconds ?? simulatorDefaults.taskStartSeconds,
    instanceLaunchSeconds: raw.instanceLaunchSeconds ?? simulatorDefaults.instanceLaunchSeconds,
    seed: raw.seed ?? 1,
  };

  // When a task counts as healthy, and when a failing one is given up on: the later of each check that applies.
  const health = healthTiming(request.taskDefinition);
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
  if (options.failHealthChecks && !settings.loadBalanced && !health.hasHealthCheck) {
    notes.push(
      'The new tasks are marked as failing, but the service has no load balancer and the task definition no container health check: they are taken to stop on their own.',
    );
  }
  return {
    prepared: {
      name: service.name,
      group: `service:${service.name}`,
      service,
      task,
      oldTask,
      settings,
      daemon,
      fargate,
      clusterInput: request.cluster,
      ...(fargate ? {} : { cluster: parseCluster(request.cluster) }),
      healthyDelay,
      failDelay,
      drainSeconds,
      options,
      notes,
    },
    errors,
    notes,
  };
}

class Run {
  readonly tasks: SimTask[] = [];
  readonly steps: DeploymentStep[] = [];
  readonly events: DeploymentResult['events'] = [];
  readonly traffic: Array<{ t: number; percent: number }> = [];
  readonly notes: string[] = [];
  readonly errors: string[] = [];
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

  readonly task: TaskRequirement;

  constructor(
    readonly p: Prepared,
    readonly o: Overrides,
  ) {
    this.task = o.dynamicPorts ? { ...p.task, tcpPorts: [], udpPorts: [] } : p.task;
  }

  /** Tasks by kind and state, and the tasks due to change state: counting and stepping do not scan every task. */
  private readonly byState = { old: sets(), new: sets() };
  private readonly timed = new Set<SimTask>();

  private bucket(kind: SimTask['kind'], state: State): Set<SimTask> {
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
      if (task.kind === 'old' && state !== 'running') this.stopHeap?.delete(task.seq!);
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

  setUp(): boolean {
    const p = this.p;
    const min = this.o.minimumHealthyPercent ?? p.settings.minimumHealthyPercent;
    const max = this.o.maximumPercent ?? p.settings.maximumPercent;
    if (p.fargate) {
      this.desired = p.service.desiredCount ?? 1;
      for (let i = 0; i < this.desired; i++) this.add({ kind: 'old', req: p.oldTask, state: 'running', at: Infinity });
      this.notes.push(
        'Tasks run on AWS Fargate: every task finds capacity, so the deployment is paced only by the deployment configuration and health timing.',
      );
    } else {
      const cluster =
        this.o.quiet && p.whatIfCluster
          ? p.whatIfCluster.reset()
          : cloneCluster(p.cluster ?? parseCluster(p.clusterInput));
      this.errors.push(...cluster.errors);
      this.notes.push(...cluster.notes);
      if (cluster.errors.length > 0) return false;
      this.cluster = cluster;
      const template = cluster.instances.find((i) => i.instanceType) ?? cluster.instances[0];
      const strategies = p.daemon ? [] : (p.service.strategies ?? SERVICE_DEFAULT_STRATEGIES);
      const created = PlacementSession.create({
        cluster,
        group: p.group,
        strategies,
        constraints: [...p.service.constraints, ...p.task.constraints],
        seed: p.options.seed,
      });
      if (!created.session) {
        this.errors.push(...created.errors);
        return false;
      }
      this.session = created.session;
      this.cp = capacityProviderFor(cluster, p.service.capacityProviders, p.service.launchType, {
        minimumScalingStepSize: p.options.minimumScalingStepSize,
        maximumScalingStepSize: p.options.maximumScalingStepSize,
        maxSize: p.options.maxInstances,
      });
      if (p.service.capacityProviders.length > 0 && !this.cp)
        this.notes.push(
          `The service's capacity provider strategy names ${p.service.capacityProviders.join(', ')}, which the cluster file does not describe: no instances are added.`,
        );
      const extra =
        template?.instanceType && (this.o.extraInstances ?? 0) > 0
          ? instanceFactory(cluster, cluster.instances, template.instanceType)
          : undefined;
      for (let k = 0; k < (this.o.extraInstances ?? 0) && extra && template; k++) {
        const spec = extra(k + 1);
        spec.id = `${template.instanceType}-extra-${k + 1}`;
        spec.cpu = template.registeredCpu;
        spec.memory = template.registeredMemory;
        this.session.addInstance(spec);
      }
      const found = currentTasks(p.clusterInput, cluster.instances, p.group, p.oldTask);
      for (const f of found)
        this.add({ kind: 'old', instance: f.instance, req: f.task, state: 'running', at: Infinity });
      if (p.daemon) {
        this.desired = found.length > 0 ? found.length : cluster.instances.filter(isUsable).length;
      } else {
        this.desired = p.service.desiredCount ?? (found.length > 0 ? found.length : 1);
      }
      if (found.length === 0) {
        // Without the running tasks in the cluster file, the deployment starts from the current revision placed by the same engine.
        const start = p.daemon ? 0 : this.desired;
        if (p.daemon) {
          for (const instance of cluster.instances) {
            if (!isUsable(instance)) continue;
            const r = this.session.place(p.oldTask, 1, (i) => i === instance);
            if (r.placed.length === 1)
              this.add({ kind: 'old', instance, req: p.oldTask, state: 'running', at: Infinity });
          }
        } else {
          const r = this.session.place(p.oldTask, start);
          for (const instance of r.placed)
            this.add({ kind: 'old', instance, req: p.oldTask, state: 'running', at: Infinity });
        }
        const n = this.count('old', 'running');
        this.notes.push(
          `The cluster file lists no running tasks of ${p.group}; the deployment starts from ${plural(n, 'task')} of the current revision placed by the simulator.`,
        );
      }
    }
    const bounds = deploymentBounds(this.desired, min, max);
    this.minHealthy = bounds.minHealthy;
    this.maxTasks = p.settings.strategy === 'ROLLING' ? bounds.maxTasks : this.desired * 2;
    this.threshold = circuitBreakerFailureThreshold(this.desired, p.settings.circuitBreaker.threshold);
    if (this.p.options.timelineInstances && this.session && !this.o.quiet)
      this.timeline = { instances: [], frames: [] };
    return true;
  }

  /** New tasks that have started RUNNING, for intermittent failures (every Nth passes). */
  private newStarted = 0;

  /** Whether a task that starts RUNNING fails its health checks: all do with failHealthChecks, but every Nth new one with healthyEvery. */
  private failsHealthChecks(task: SimTask): boolean {
    const { failHealthChecks, healthyEvery } = this.p.options;
    if (!failHealthChecks) return false;
    if (task.kind !== 'new' || healthyEvery === undefined) return true;
    return ++this.newStarted % healthyEvery !== 0;
  }

  /** Moves every task whose time has come; returns whether anything changed. */
  advance(t: number): boolean {
    let changed = false;
    const due: SimTask[] = [];
    for (const task of this.timed) if (task.at <= t) due.push(task);
    due.sort((a, b) => a.seq! - b.seq!);
    for (const task of due) {
      changed = true;
      switch (task.state) {
        case 'pending':
          task.fails = this.failsHealthChecks(task);
          this.set(task, 'running', t + (task.fails ? this.p.failDelay : this.p.healthyDelay));
          break;
        case 'running':
          if (task.fails) {
            this.set(task, 'failed', Infinity);
            this.release(task);
            this.failures++;
            this.event(
              t,
              `a new task on ${task.instance?.id ?? 'AWS Fargate'} failed its health checks and was stopped (${
                this.p.settings.circuitBreaker.enable
                  ? `failure ${this.failures} of ${this.threshold} the circuit breaker allows`
                  : `failure ${this.failures}; no circuit breaker, so ECS keeps starting replacements`
              })`,
            );
          } else {
            this.set(task, 'healthy', Infinity);
            if (task.kind === 'new' && this.failures > 0 && this.p.settings.circuitBreaker.resetOnHealthyTask) {
              this.failures = 0;
              this.event(
                t,
                'a new task turned healthy: the circuit breaker resets its failure count (resetOnHealthyTask)',
              );
            }
          }
          break;
        case 'draining':
          this.set(task, 'stopped', Infinity);
          this.release(task);
          break;
        default:
          this.set(task, task.state, Infinity);
      }
    }
    while (this.launching.length > 0 && this.launching[0].at <= t) {
      const batch = this.launching.shift()!;
      if (this.session && this.cluster) {
        const make = instanceFactory(this.cluster, this.session.instances, this.cp!.instanceType);
        for (let k = 0; k < batch.n; k++) this.session.addInstance(make(++this.launched));
      }
      this.event(t, `${plural(batch.n, 'instance')} registered with the cluster`);
      changed = true;
    }
    return changed;
  }

  release(task: SimTask): void {
    if (task.instance && this.session) this.session.stop(task.instance, task.req);
    if (task.kind === 'new' && task.instance) this.daemonNew.delete(task.instance);
    if (task.instance) this.rekey(task.instance);
  }

  /**
   * The old running tasks in the order they are stopped: where the service runs most tasks first, then by instance;
   * a heap kept as tasks start and stop, so choosing the next one does not sort them all again.
   */
  private stopHeap?: IndexedHeap;
  /**
   * The old running tasks on each instance, as lists by task number kept in two arrays (the first task on an instance
   * by its index, the next task after each task; -1 ends a list): a deployment of thousands of tasks allocates
   * no list per instance.
   */
  private firstOld?: Int32Array;
  private nextOld?: Int32Array;

  private stopOrder(): IndexedHeap {
    if (this.stopHeap) return this.stopHeap;
    const position = new Int32Array(this.tasks.length).fill(-1);
    const tasks = this.tasks;
    const heap = new IndexedHeap(position, (a, b) => {
      const x = tasks[a].instance;
      const y = tasks[b].instance;
      const bySize = (y?.sameGroup ?? 0) - (x?.sameGroup ?? 0) || (x?.index ?? 0) - (y?.index ?? 0);
      return bySize !== 0 ? bySize < 0 : a < b;
    });
    const old = this.bucket('old', 'running');
    let instances = 0;
    for (const task of old) if (task.instance) instances = Math.max(instances, task.instance.index + 1);
    const first = new Int32Array(instances).fill(-1);
    const last = new Int32Array(instances).fill(-1);
    const next = new Int32Array(this.tasks.length).fill(-1);
    for (const task of old) {
      heap.upsert(task.seq!);
      if (!task.instance) continue;
      const i = task.instance.index;
      if (last[i] < 0) first[i] = task.seq!;
      else next[last[i]] = task.seq!;
      last[i] = task.seq!;
    }
    this.firstOld = first;
    this.nextOld = next;
    this.stopHeap = heap;
    return heap;
  }

  /** The service's task count on the instance changed: its old running tasks move in the stop order. */
  private rekey(instance: SimInstance): void {
    const heap = this.stopHeap;
    const first = this.firstOld;
    const next = this.nextOld;
    if (!heap || !first || !next || instance.index >= first.length) return;
    for (let seq = first[instance.index]; seq >= 0; seq = next[seq])
      if (this.tasks[seq].state === 'running' && heap.has(seq)) heap.upsert(seq);
  }

  /** The scheduler's pass: stop what the minimum allows, start what the maximum allows, place what waits. */
  schedule(t: number): void {
    const p = this.p;
    const oldActive = this.count('old', 'running');
    const newLive = this.count('new', 'waiting', 'pending', 'running', 'healthy');
    const newHealthy = this.count('new', 'healthy');

    if (p.settings.strategy === 'ROLLING') {
      // Until the deployment is done, the scheduler stops old tasks down to the minimum healthy count.
      const canStop = Math.min(oldActive, oldActive + newHealthy - this.minHealthy);
      if (canStop > 0) this.stopOld(t, canStop);
    } else if (t >= this.blueStopAt && oldActive > 0) {
      this.stopOld(t, oldActive);
    }

    const oldNow = this.count('old', 'running');
    const room = Math.min(this.desired - newLive, this.maxTasks - (oldNow + newLive));
    for (let i = 0; i < room; i++) this.add({ kind: 'new', req: this.task, state: 'waiting', at: Infinity });
    this.placeWaiting(t);
  }

  stopOld(t: number, n: number): void {
    // Stop first where the service runs most tasks, so the instances free up evenly.
    const heap = this.stopOrder();
    const chosen: SimTask[] = [];
    for (let k = 0; k < n && heap.size > 0; k++) {
      chosen.push(this.tasks[heap.top()!]);
      heap.delete(heap.top()!);
    }
    for (const task of chosen) {
      if (this.p.drainSeconds > 0) {
        this.set(task, 'draining', t + this.p.drainSeconds);
      } else {
        this.set(task, 'stopped', task.at);
        this.release(task);
      }
    }
    this.event(
      t,
      this.p.drainSeconds > 0
        ? `${plural(n, 'old task')} deregistered from the load balancer; they stop after the ${this.p.drainSeconds} s deregistration delay`
        : `${plural(n, 'old task')} stopped`,
    );
  }

  placeWaiting(t: number): void {
    const waitingCount = this.count('new', 'waiting');
    if (waitingCount === 0) return;
    const waiting = this.bucket('new', 'waiting');
    const start = (task: SimTask, instance?: SimInstance) => {
      task.instance = instance;
      this.set(task, 'pending', t + this.p.options.taskStartSeconds);
      if (instance) this.rekey(instance);
    };
    if (!this.session) {
      // Fargate: every task finds capacity; the events read as on EC2, with AWS Fargate as the place.
      for (const task of waiting) start(task);
      this.event(t, `${plural(waitingCount, 'new task')} placed on AWS Fargate`);
      this.blocked = undefined;
      return;
    }
    let reasons: UnplacedReason[] | undefined;
    let placedCount = 0;
    if (this.p.daemon) {
      for (const task of waiting) {
        const r = this.session.place(task.req, 1, (i) => !this.daemonNew.has(i) && isUsable(i), !this.o.quiet);
        if (r.placed.length === 0) {
          reasons = r.reasons;
          break;
        }
        this.daemonNew.add(r.placed[0]);
        start(task, r.placed[0]);
        placedCount++;
      }
    } else {
      const r = this.session.place(this.task, waitingCount, undefined, !this.o.quiet);
      // The first waiting tasks start, in the order they were created (a Set iterates in insertion order).
      let k = 0;
      for (const task of waiting) {
        if (k >= r.placed.length) break;
        start(task, r.placed[k++]);
      }
      placedCount = r.placed.length;
      reasons = r.reasons;
    }
    if (placedCount > 0) this.event(t, `${plural(placedCount, 'new task')} placed`);
    if (reasons && placedCount < waitingCount) {
      const fresh = !this.blocked;
      if (fresh) this.waitingSince = t;
      this.blocked = { t, reasons };
      if (fresh)
        this.event(
          t,
          `${plural(waitingCount - placedCount, 'new task')} cannot be placed: ${reasons.map((r) => r.message).join('; ')}`,
        );
      if (this.cp?.managedScaling && this.scaleCheckAt === Infinity && !this.cannotScale)
        this.scaleCheckAt = scaleOutAt(this.waitingSince, this.warmupUntil, t);
    } else {
      this.blocked = undefined;
    }
  }

  /** Capacity-provider managed scaling: once a minute with tasks waiting, after the warm-up of the last launch. */
  scaleOut(t: number): void {
    const cp = this.cp;
    if (!cp || !this.session || !this.cluster || t < this.scaleCheckAt) return;
    this.scaleCheckAt = Infinity;
    const waiting = this.count('new', 'waiting');
    if (waiting === 0) return;
    const distinct = this.p.service.constraints.some((c) => c.type === 'distinctInstance');
    const per = tasksPerEmptyInstance(
      newInstanceSpec(this.cluster, this.session.instances, cp.instanceType, 1),
      this.task,
      distinct,
    );
    if (per === 0) {
      this.cannotScale = `the task does not fit on an empty ${cp.instanceType}, so the capacity provider does not scale out for it`;
      this.event(t, this.cannotScale);
      return;
    }
    let inUse = 0;
    for (const i of this.session.instances) if (i.view.runningTasksCount > 0) inUse++;
    const decision = scaleOutDecision(cp, {
      instances: this.session.instances.length,
      launching: this.launching.reduce((s, b) => s + b.n, 0),
      inUse,
      instancesNeeded: Math.ceil(waiting / per),
    });
    // The instances launching already take the waiting tasks.
    if (decision.step === 0) return;
    if (decision.launch <= 0) {
      this.cannotScale = `the capacity provider's group is at its maximum size (${cp.maxSize} instances)`;
      this.event(t, this.cannotScale);
      return;
    }
    this.launching.push({ at: t + this.p.options.instanceLaunchSeconds, n: decision.launch });
    this.launches.push({ t, instances: decision.launch });
    this.warmupUntil = t + cp.instanceWarmupPeriod;
    this.event(
      t,
      `CapacityProviderReservation ${decision.reservation}% above ${cp.targetCapacity}%: the capacity provider launches ${plural(decision.launch, `${cp.instanceType} instance`)} (${plural(waiting, 'task')} PROVISIONING)`,
    );
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
    if (this.timeline && this.session) {
      const limit = this.p.options.timelineInstances ?? simulatorDefaults.timelineInstances;
      const shown = this.session.instances.slice(0, limit);
      this.timeline.instances = shown.map((i) => i.id);
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
      this.timeline.frames.push({ t, old: oldCounts, new: newCounts });
    }
  }

  /** Blue/green, linear and canary: traffic moves once the whole green set is healthy. */
  shiftTraffic(t: number): void {
    const s = this.p.settings;
    if (s.strategy === 'ROLLING' || this.trafficStarted) return;
    if (this.count('new', 'healthy') < this.desired) return;
    this.trafficStarted = true;
    const shifts: Array<{ t: number; percent: number }> = [];
    if (s.strategy === 'BLUE_GREEN') shifts.push({ t, percent: 100 });
    else if (s.strategy === 'LINEAR') {
      const step = s.linear?.stepPercent ?? trafficShiftDefaults.linearStepPercent;
      const bake = (s.linear?.stepBakeTimeInMinutes ?? trafficShiftDefaults.linearStepBakeMinutes) * 60;
      let percent = 0;
      for (let i = 0; percent < 100; i++) {
        percent = Math.min(100, Math.round((i + 1) * step * 10) / 10);
        shifts.push({ t: t + i * bake, percent });
      }
    } else {
      const canary = s.canary?.canaryPercent ?? trafficShiftDefaults.canaryPercent;
      const bake = (s.canary?.canaryBakeTimeInMinutes ?? trafficShiftDefaults.canaryBakeMinutes) * 60;
      shifts.push({ t, percent: canary }, { t: t + bake, percent: 100 });
    }
    for (const shift of shifts) {
      this.traffic.push(shift);
      this.event(shift.t, `${shift.percent}% of production traffic on the new revision`);
    }
    this.blueStopAt = shifts[shifts.length - 1].t + s.bakeTimeMinutes * 60;
    this.event(this.blueStopAt, `bake time over: the old revision's tasks stop`);
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

function configurationStalled(run: Run): boolean {
  return (
    run.p.settings.strategy === 'ROLLING' &&
    run.desired > 0 &&
    run.minHealthy >= run.desired &&
    run.maxTasks <= run.desired
  );
}

/** Runs one deployment; `fixes` are left to the caller. */
function execute(p: Prepared, o: Overrides, keep?: (run: Run) => void): DeploymentResult {
  const run = new Run(p, o);
  keep?.(run);
  const settings = p.settings;
  const base = (): Omit<DeploymentResult, 'outcome' | 'durationSeconds'> => ({
    strategy: settings.strategy,
    mode: p.fargate ? 'fargate' : p.daemon ? 'daemon' : 'replica',
    desiredCount: run.desired,
    minimumHealthyPercent: o.minimumHealthyPercent ?? settings.minimumHealthyPercent,
    maximumPercent: o.maximumPercent ?? settings.maximumPercent,
    circuitBreaker: !settings.circuitBreaker.enable ? 'none' : settings.circuitBreaker.rollback ? 'rollback' : 'stop',
    peakTasks: run.peakTasks,
    peakInstances: run.peakInstances,
    steps: run.steps,
    events: run.events.sort((a, b) => a.t - b.t),
    ...(run.traffic.length > 0 ? { traffic: run.traffic } : {}),
    ...(run.launches.length > 0 ? { launches: run.launches } : {}),
    placements: o.quiet ? [] : placementsOf(run),
    ...(run.timeline ? { timeline: run.timeline } : {}),
    notes: [...p.notes, ...run.notes],
    errors: run.errors,
  });
  if (!run.setUp()) return { ...emptyResult(run.errors, [...p.notes, ...run.notes]) };
  run.record(0);
  if (configurationStalled(run)) {
    return {
      ...base(),
      outcome: 'stalled',
      durationSeconds: 0,
      reason: {
        code: 'deployment-configuration',
        message:
          `service ${p.name} was unable to stop or start tasks during a deployment because of the service deployment configuration: ` +
          `minimumHealthyPercent ${o.minimumHealthyPercent ?? settings.minimumHealthyPercent} keeps all ${run.desired} running and maximumPercent ${o.maximumPercent ?? settings.maximumPercent} allows no task beyond them`,
      },
    };
  }
  let t = 0;
  for (let i = 0; i < MAX_STEPS; i++) {
    run.advance(t);
    // Stopping frees room at once without a load balancer: repeat the pass until it settles.
    for (let k = 0; k < 4; k++) {
      const before = run.tasks.length + run.count('new', 'waiting') + run.count('old', 'running');
      run.schedule(t);
      run.shiftTraffic(t);
      if (run.tasks.length + run.count('new', 'waiting') + run.count('old', 'running') === before) break;
    }
    // Managed scaling reads the minute's tasks once the scheduler has placed what it could.
    run.scaleOut(t);
    run.record(t);
    if (settings.circuitBreaker.enable && run.failures >= run.threshold) {
      return rolledBack(
        run,
        base,
        t,
        `the deployment circuit breaker counted ${run.failures} failed tasks, its threshold for ${plural(run.desired, 'desired task')}`,
      );
    }
    if (run.done()) return { ...base(), outcome: 'completed', durationSeconds: t };
    const next = run.nextTime(t);
    if (next === undefined || next > simulatorDefaults.deploymentHorizonSeconds) {
      return stalled(run, base, t, next !== undefined);
    }
    t = next;
  }
  return stalled(run, base, t, true);
}

function rolledBack(
  run: Run,
  base: () => Omit<DeploymentResult, 'outcome' | 'durationSeconds'>,
  t: number,
  why: string,
): DeploymentResult {
  const rollback = run.p.settings.circuitBreaker.rollback;
  run.event(
    t,
    rollback
      ? `deployment FAILED: ${why}; rolling back to the last completed deployment`
      : `deployment FAILED: ${why}; it launches no new tasks`,
  );
  return {
    ...base(),
    outcome: rollback ? 'rolled-back' : 'stalled',
    durationSeconds: t,
    reason: { code: 'circuit-breaker', message: `deployment failed: ${why}` },
  };
}

function stalled(
  run: Run,
  base: () => Omit<DeploymentResult, 'outcome' | 'durationSeconds'>,
  t: number,
  horizon: boolean,
): DeploymentResult {
  const p = run.p;
  if (run.blocked) {
    const waiting = run.count('new', 'waiting');
    if (p.settings.circuitBreaker.enable && waiting > 0) {
      // The scheduler keeps retrying; each launch that finds no instance counts as a failed task.
      const retries = Math.ceil((run.threshold - run.failures) / waiting);
      run.failures += retries * waiting;
      return rolledBack(
        run,
        base,
        t + retries * simulatorDefaults.schedulerRetrySeconds,
        `${plural(waiting, 'new task')} could not be placed (${run.blocked.reasons.map((r) => r.message).join('; ')}) and the circuit breaker counted ${run.failures} failed launches, its threshold for ${plural(run.desired, 'desired task')}`,
      );
    }
    const code = run.blocked.reasons[0]?.code ?? 'unplaced';
    const stepIndex = run.steps.length - 1;
    return {
      ...base(),
      outcome: 'stalled',
      durationSeconds: t,
      reason: {
        code,
        message:
          `service ${p.name} was unable to place a task because no container instance met all of its requirements: ${run.blocked.reasons.map((r) => r.message).join('; ')}` +
          (run.cannotScale ? `; ${run.cannotScale}` : ''),
      },
      blocked: {
        t: run.blocked.t,
        step: stepIndex,
        task: `new task ${run.count('new', 'pending', 'running', 'healthy') + 1} of ${run.desired}`,
        reasons: run.blocked.reasons,
      },
    };
  }
  if (p.options.failHealthChecks) {
    return {
      ...base(),
      outcome: 'stalled',
      durationSeconds: t,
      reason: {
        code: 'health-checks-failing',
        message: `the new tasks keep failing their health checks (${run.failures} stopped so far) and no circuit breaker ends the deployment`,
      },
    };
  }
  return {
    ...base(),
    outcome: 'stalled',
    durationSeconds: t,
    reason: horizon
      ? {
          code: 'not-finished',
          message: `the deployment did not finish within ${simulatorDefaults.deploymentHorizonSeconds / 3600} hours`,
        }
      : {
          code: 'no-progress',
          message: `the scheduler can neither stop an old task (minimumHealthyPercent) nor start a new one (maximumPercent)`,
        },
  };
}

function placementsOf(run: Run): DeploymentResult['placements'] {
  const counts = new Map<string, number>();
  for (const task of run.tasks) {
    if (
      task.kind !== 'new' ||
      !task.instance ||
      !(task.state === 'pending' || task.state === 'running' || task.state === 'healthy')
    )
      continue;
    counts.set(task.instance.id, (counts.get(task.instance.id) ?? 0) + 1);
  }
  return [...counts].map(([instance, tasks]) => ({ instance, tasks }));
}

export function simulateDeployment(request: DeploymentRequest): DeploymentResult {
  const { prepared, errors, notes } = prepare(request);
  if (!prepared) return emptyResult(errors, notes);
  return withFixes(prepared, execute(prepared, {}));
}

function withFixes(prepared: Prepared, result: DeploymentResult): DeploymentResult {
  if (result.errors.length > 0 || result.outcome === 'completed') return result;
  if (prepared.cluster) prepared.whatIfCluster ??= reusableCluster(prepared.cluster);
  result.fixes =
    result.reason?.code === 'circuit-breaker' && prepared.options.failHealthChecks
      ? ['fix what makes the new tasks fail their health checks; the settings of the deployment cannot']
      : findFixes(
          {
            strategy: prepared.settings.strategy,
            result,
            task: prepared.task,
            fargate: prepared.fargate,
            instanceType: prepared.cluster?.instances.find((i) => i.instanceType)?.instanceType,
          },
          (o) => {
            const run = execute(prepared, { ...o, quiet: true });
            return { completed: run.outcome === 'completed', newTasks: run.steps[run.steps.length - 1]?.new ?? 0 };
          },
        );
  return result;
}

/** Where the new revision's tasks run once the deployment has run: the instances' final state. */
export interface DeploymentEndState {
  result: DeploymentResult;
  /** Every instance at the end (launched ones included), with the new tasks on each. */
  instances: Array<{ instance: SimInstance; newTasks: number }>;
  task?: TaskRequirement;
}

export function deploymentEndState(request: DeploymentRequest): DeploymentEndState {
  const { prepared, errors, notes } = prepare(request);
  if (!prepared) return { result: emptyResult(errors, notes), instances: [] };
  let kept: Run | undefined;
  const result = withFixes(
    prepared,
    execute(prepared, {}, (run) => (kept = run)),
  );
  const counts = new Map<SimInstance, number>();
  for (const t of kept?.tasks ?? []) {
    if (t.kind === 'new' && t.instance && (t.state === 'pending' || t.state === 'running' || t.state === 'healthy'))
      counts.set(t.instance, (counts.get(t.instance) ?? 0) + 1);
  }
  const instances = (kept?.session?.instances ?? []).map((instance) => ({
    instance,
    newTasks: counts.get(instance) ?? 0,
  }));
  return { result, instances, task: kept?.task };
}
