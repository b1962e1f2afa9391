/**
 * Service auto scaling, minute by minute, as a small class with one method per concern: metrics (the load as
 * the service's metric and its datapoint), alarms (step scaling), policy (target tracking and step, and what
 * they decide together), capacity (the capacity provider's group under managed scaling, providerGroup.ts).
 * The tasks follow the desired count in serviceTasks.ts; simulateScaling (scaling.ts) checks the inputs and sets
 * the cluster up.
 */
import { targetTrackingDefaults } from '../ecs/deployments';
import type { ClusterModel } from '../placement/clusterModel';
import type { ManagedScaling } from '../placement/managedScaling';
import type { ServiceSpec } from '../placement/serviceModel';
import type { PlacementSession } from '../placement/session';
import type { TaskRequirement } from '../placement/taskModel';
import type { InputError } from '../placement/inputErrors';
import { daemonGroupsOf } from '../placement/groupGrowth';
import { ProviderGroup } from './providerGroup';
import { demandAt, demandOver, type Alarm, type LoadProfile, type ScalingPolicy } from './scalingInputs';
import { ServiceTasks } from './serviceTasks';
import type { ScalingPoint, ScalingResult } from './types';

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

interface PolicyState {
  above: number;
  below: number;
  /** Step scaling: the last datapoints of each alarm, true when breaching. */
  history: boolean[][];
  cooldownUntil: number;
  scaleInBlockedUntil: number;
}

function breaches(alarm: Alarm, value: number): boolean {
  switch (alarm.comparison) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= alarm.threshold;
    case 'GreaterThanThreshold':
      return value > alarm.threshold;
    case 'LessThanThreshold':
      return value < alarm.threshold;
    default:
      return value <= alarm.threshold;
  }
}

/** What a scaling run reads: checked inputs, the placement session and the capacity provider. */
export interface ScalingSetup {
  task: TaskRequirement;
  profile: LoadProfile;
  policies: ScalingPolicy[];
  min: number;
  max: number;
  taskStart: number;
  launchSeconds: number;
  drain: number;
  cluster?: ClusterModel;
  session?: PlacementSession;
  cp?: ManagedScaling;
  notes: string[];
}

/** The metric of one minute: the load now (the series) and the datapoint of the last complete minute (the alarms). */
interface Minute {
  load: number;
  metric: number | null;
  demand: number;
  datapoint: number | null;
  complete: boolean;
  /** Tasks running when the minute was read. */
  n: number;
}

/** What the policies want this minute. */
interface Wanted {
  out?: number;
  inWanted: boolean;
  inTo: number;
  why: string[];
}

export class ServiceScaling {
  readonly tasks: ServiceTasks;
  readonly events: ScalingResult['events'] = [];
  readonly series: ScalingPoint[] = [];
  desired = 0;
  readonly states: PolicyState[];
  /** The capacity provider's group, when managed scaling adds and removes its instances. */
  readonly group?: ProviderGroup;
  /** Whether a new instance of the capacity provider's type takes the task (resources and constraints). */
  readonly scalesOut: boolean;
  readonly perTaskCapacity: number;
  demandIndex = 0;
  peakDesired = 0;
  peakInstances = 0;
  secondsBelow = 0;

  constructor(
    readonly s: ScalingSetup,
    service: ServiceSpec,
    clusterInput: unknown,
  ) {
    const { cp, cluster, session, task } = s;
    if (cp?.managedScaling && cluster && session)
      this.group = new ProviderGroup({
        cp,
        cluster,
        session,
        task,
        launchSeconds: s.launchSeconds,
        daemonGroups: daemonGroupsOf(cluster),
        scalesIn: true,
        event: (t, message) => this.event(t, message),
      });
    this.tasks = new ServiceTasks({
      task,
      session,
      taskStart: s.taskStart,
      drain: s.drain,
      provisioning: !!this.group,
      event: (t, message) => this.event(t, message),
    });
    this.startTasks(service, clusterInput);
    this.states = s.policies.map((p) => ({
      above: 0,
      below: 0,
      history: p.kind === 'step' ? p.alarms.map(() => []) : [],
      cooldownUntil: 0,
      scaleInBlockedUntil: 0,
    }));
    const probe = this.group?.need(1);
    this.scalesOut = probe?.instances === 1;
    if (probe && !this.scalesOut) {
      const why = this.group!.noFit(probe);
      s.notes.push(
        `${why[0].toUpperCase()}${why.slice(1)}: the capacity provider does not scale out for ${probe.excludedBy ? 'the task' : 'it'}.`,
      );
    }
    this.perTaskCapacity =
      s.profile.metric === 'CPUUtilization'
        ? task.cpu / 100
        : s.profile.metric === 'MemoryUtilization'
          ? task.memory / 100
          : 1;
    this.peakDesired = this.desired;
    this.peakInstances = session ? session.instances.length : 0;
  }

  /** The service's tasks at the start: those the cluster file lists, else the desired count placed by the engine. */
  private startTasks(service: ServiceSpec, clusterInput: unknown): void {
    const initial = service.desiredCount ?? this.s.min;
    const short = this.tasks.start(this.s.cluster, clusterInput, `service:${service.name}`, initial);
    if (short > 0)
      this.s.notes.push(`Only ${initial - short} of the ${initial} tasks the service starts with fit on the cluster.`);
    this.desired = service.desiredCount ?? this.tasks.running.length;
  }

  event(t: number, message: string): void {
    this.events.push({ t, message });
  }

  /** Runs every minute from 0 to the duration. */
  run(duration: number): void {
    for (let t = 0; t <= duration; t += 60) this.minute(t, duration);
  }

  private minute(t: number, duration: number): void {
    this.arrive(t);
    this.tasks.place(t);
    const m = this.metrics(t);
    const before = this.desired;
    const wanted = this.policy(t, m);
    this.decide(t, before, wanted);
    this.tasks.follow(t, this.desired);
    const reservation = this.capacity(t);
    this.record(t, m, reservation, duration);
  }

  /** Instances that finished launching register; tasks that finished starting run; drained tasks stop. */
  private arrive(t: number): void {
    this.group?.register(t);
    this.tasks.arrive(t);
  }

  /**
   * The metric now (the series), and the datapoint of the last complete minute (the alarms): the minute in
   * progress is not a datapoint, so nothing is judged at t = 0.
   */
  metrics(t: number): Minute {
    const profile = this.s.profile;
    const d = demandAt(profile, t, this.demandIndex);
    this.demandIndex = d.index;
    const n = this.tasks.running.length;
    const utilization = (load: number): number | null =>
      n === 0 ? null : profile.metric === 'RequestCount' ? load / n : load / (n * this.perTaskCapacity);
    const period = targetTrackingDefaults.datapointSeconds;
    const complete = t >= period;
    const demand = complete ? demandOver(profile, t - period, t) : d.value;
    return { load: d.value, metric: utilization(d.value), demand, datapoint: utilization(demand), complete, n };
  }

  /** Each policy's wish this minute: target tracking proposes, step policies read their alarms. */
  policy(t: number, m: Minute): Wanted {
    const wanted: Wanted = { inWanted: this.s.policies.length > 0, inTo: 0, why: [] };
    this.s.policies.forEach((p, i) => {
      const s = this.states[i];
      if (p.kind === 'target-tracking') this.targetTracking(t, m, p, s, wanted);
      else {
        wanted.inWanted = false;
        if (t < s.cooldownUntil) return;
        this.alarms(t, m, p, s, wanted);
      }
    });
    return wanted;
  }

  private targetTracking(
    t: number,
    m: Minute,
    p: Extract<ScalingPolicy, { kind: 'target-tracking' }>,
    s: PolicyState,
    wanted: Wanted,
  ): void {
    const { datapoint, demand } = m;
    if (datapoint === null) {
      // With no task running and load waiting, one datapoint is enough to start the minimum.
      if (m.load > 0) wanted.out = Math.max(wanted.out ?? 0, Math.max(this.s.min, 1));
      wanted.inWanted = false;
      return;
    }
    if (!m.complete) {
      wanted.inWanted = false;
      return;
    }
    s.above = datapoint > p.target ? s.above + 1 : 0;
    s.below = datapoint < p.target ? s.below + 1 : 0;
    const proposal = Math.ceil(demand / (p.target * this.perTaskCapacity) - 1e-9);
    if (s.above >= targetTrackingDefaults.scaleOutDatapoints && proposal > this.desired) {
      wanted.out = Math.max(wanted.out ?? 0, proposal);
      wanted.why.push(`${p.metric} ${round1(datapoint)} above ${p.target} for ${s.above} complete minutes`);
    }
    if (!(
      s.below >= targetTrackingDefaults.scaleInDatapoints &&
      !p.disableScaleIn &&
      t >= s.scaleInBlockedUntil &&
      proposal < this.desired
    ))
      wanted.inWanted = false;
    else wanted.inTo = Math.max(wanted.inTo, proposal);
  }

  /** Step scaling: each alarm keeps its last datapoints; in ALARM, the step its breach falls in sets the count. */
  alarms(t: number, m: Minute, p: Extract<ScalingPolicy, { kind: 'step' }>, s: PolicyState, wanted: Wanted): void {
    const { min, max } = this.s;
    const n = m.n;
    p.alarms.forEach((a, k) => {
      const value = a.metric === 'RequestCount' ? m.demand : m.datapoint;
      if (value === null || !m.complete) return;
      const h = s.history[k];
      h.push(breaches(a, value));
      if (h.length > a.evaluationPeriods) h.shift();
      if (h.filter(Boolean).length < a.datapointsToAlarm) return;
      const delta = value - a.threshold;
      const step = p.steps.find((x) => (x.lower ?? -Infinity) <= delta && delta < (x.upper ?? Infinity));
      if (!step) return;
      let next: number;
      if (p.adjustmentType === 'ExactCapacity') next = step.adjustment;
      else if (p.adjustmentType === 'ChangeInCapacity') next = n + step.adjustment;
      else {
        let change = (n * step.adjustment) / 100;
        change = change < 0 ? Math.floor(change) : Math.ceil(change);
        if (Math.abs(change) < p.minAdjustmentMagnitude) change = Math.sign(step.adjustment) * p.minAdjustmentMagnitude;
        next = n + change;
      }
      next = Math.min(max, Math.max(min, next));
      if (next === this.desired) return;
      s.cooldownUntil = t + p.cooldown;
      if (next > this.desired) {
        wanted.out = Math.max(wanted.out ?? 0, next);
        wanted.why.push(`alarm ${a.name} (${a.metric} ${round1(value)}) in ALARM`);
      } else {
        this.desired = next;
        wanted.why.push(`alarm ${a.name} (${a.metric} ${round1(value)}) in ALARM`);
      }
    });
  }

  /** The new desired count: the largest scale-out wins; a scale-in only when every policy wants one. */
  private decide(t: number, before: number, wanted: Wanted): void {
    const { min, max, policies } = this.s;
    const { out, inWanted, inTo, why } = wanted;
    if (out !== undefined) {
      const to = Math.min(max, Math.max(min, out));
      if (to > this.desired) {
        this.desired = to;
        // A scale-out during a scale-in cooldown ends that cooldown.
        for (const s of this.states) s.scaleInBlockedUntil = 0;
        policies.forEach((p, i) => {
          if (p.kind === 'target-tracking') this.states[i].cooldownUntil = t + p.scaleOutCooldown;
        });
      }
    } else if (inWanted && inTo < this.desired) {
      this.desired = Math.max(min, inTo);
      policies.forEach((p, i) => {
        if (p.kind === 'target-tracking') this.states[i].scaleInBlockedUntil = t + p.scaleInCooldown;
      });
      why.push(`the metric below its target for ${targetTrackingDefaults.scaleInDatapoints} complete minutes`);
    }
    const desired = this.desired;
    if (desired !== before)
      this.event(
        t,
        `${desired > before ? 'scale-out' : 'scale-in'} alarm: desired ${before} → ${desired}${why.length > 0 ? ` (${why.join('; ')})` : ''}`,
      );
  }

  /**
   * Managed scaling (one model with the placement estimate and deploy): CapacityProviderReservation = M / N × 100.
   * The group (providerGroup.ts) scales out for the tasks that wait and scales in after its datapoints below the
   * target. Returns the reservation, or null without managed scaling.
   */
  capacity(t: number): number | null {
    const { group, tasks } = this;
    if (!group) return null;
    if (tasks.waiting > 0) group.tasksWait(t);
    else group.noneWaits();
    const decision = group.decide(tasks.waiting > 0 && this.scalesOut ? group.need(tasks.waiting) : undefined);
    if (decision.step > 0 && group.dueNow(t)) group.scaleOut(t, decision);
    if (group.scaleIn(t, decision, (gone) => tasks.stopOn(gone))) tasks.place(t);
    return decision.reservation;
  }

  private record(t: number, m: Minute, reservation: number | null, duration: number): void {
    const instances = this.s.session ? this.s.session.instances.length : 0;
    this.series.push({
      t,
      load: m.load,
      utilization: m.metric === null ? null : round1(m.metric),
      desired: this.desired,
      running: this.tasks.running.length,
      pending: this.tasks.pendingCount(),
      provisioning: this.group ? this.tasks.waiting : 0,
      instances,
      capacityProviderReservation: reservation,
    });
    this.peakDesired = Math.max(this.peakDesired, this.desired);
    this.peakInstances = Math.max(this.peakInstances, instances);
    if (this.tasks.running.length < this.desired && t < duration) this.secondsBelow += 60;
  }

  result(warnings: string[], errors: InputError[]): ScalingResult {
    const last = this.series[this.series.length - 1];
    return {
      series: this.series,
      events: this.events,
      summary: {
        peakDesired: this.peakDesired,
        peakInstances: this.peakInstances,
        secondsBelowDesired: this.secondsBelow,
        unplacedAtEnd: this.group ? 0 : this.tasks.waiting,
        provisioningAtEnd: last.provisioning,
      },
      ...(this.group && this.group.launches.length > 0 ? { launches: this.group.launches } : {}),
      warnings,
      notes: this.s.notes,
      errors,
    };
  }
}
