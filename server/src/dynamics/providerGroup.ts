/**
 * A capacity provider's Auto Scaling group over time, under managed scaling: the instances launched and not yet
 * registered, the warm-up of the last launch, since when tasks wait, each launch, and (for `scale`) the scale-in
 * once CapacityProviderReservation has stayed below the target. `deploy` (deploymentLaunch.ts) and `scale`
 * (serviceScaling.ts) each hold one; what the group decides at one instant is placement/managedScaling.ts, and
 * which instances it adds is placement/groupGrowth.ts.
 */
import { managedScaleInStep, managedScalingDefaults } from '../ecs/managedScaling';
import type { ClusterModel, SimInstance } from '../placement/clusterModel';
import { groupNow, launchedId, NewInstances, type GroupNeed } from '../placement/groupGrowth';
import { scaleOutAt, scaleOutDecision, type ManagedScaling, type ScaleOutDecision } from '../placement/managedScaling';
import { providerMembership } from '../placement/capacityProviders';
import type { PlacementSession } from '../placement/session';
import type { TaskRequirement } from '../placement/taskModel';
import type { InstanceLaunch } from './types';
import { plural } from '../placement/text';

export interface ProviderGroupSetup {
  cp: ManagedScaling;
  cluster: ClusterModel;
  session: PlacementSession;
  /** What each waiting task asks for. */
  task: TaskRequirement;
  /** Seconds from a launch until its instances register with the cluster. */
  launchSeconds: number;
  /** Task groups whose tasks are daemons': an instance running only those is empty to managed scaling. */
  daemonGroups: ReadonlySet<string>;
  /**
   * Whether the group scales in. One that does not (a deployment's) stays at its maximum size once there, so it
   * stops checking.
   */
  scalesIn: boolean;
  event: (t: number, message: string) => void;
}

export class ProviderGroup {
  /** Launched and not yet registered: when each batch registers, and its instances. */
  private readonly launching: Array<{ at: number; n: number }> = [];
  /** Instances launched so far, which names the next one. */
  private launched = 0;
  private warmupUntil = 0;
  /** When the tasks that wait now started waiting; undefined while none waits. */
  private waitingSince: number | undefined;
  /** When managed scaling next looks at the waiting tasks; Infinity when no look is due. */
  private checkAt = Infinity;
  /** Each scale-out: when, and how many instances. */
  readonly launches: InstanceLaunch[] = [];
  /** Set once the group will not take the waiting tasks: no new instance takes them, or it stays at its maximum size. */
  cannotScale?: string;
  private maximumSaid = false;
  /** Consecutive datapoints of CapacityProviderReservation below the target. */
  private below = 0;
  /** What the group's next instances are, read from its instances; dropped whenever one registers or leaves. */
  private grown: NewInstances | undefined;
  /** Whether an instance is the group's own, when the cluster file says which provider each instance is in. */
  private readonly isOwn: ((instance: SimInstance) => boolean) | undefined;

  constructor(private readonly s: ProviderGroupSetup) {
    const name = s.cp.name;
    const membership = name === undefined ? undefined : providerMembership([name], s.session.instances);
    this.isOwn = membership && ((instance) => membership.allows(instance));
  }

  /** The group's instances: its own, or every instance when the file does not say whose each is (as the estimate). */
  private own(): SimInstance[] {
    const all = this.s.session.instances;
    return this.isOwn ? all.filter(this.isOwn) : all;
  }

  get cp(): ManagedScaling {
    return this.s.cp;
  }

  /** Instances launched and not yet registered. */
  inFlight(): number {
    let n = 0;
    for (const b of this.launching) n += b.n;
    return n;
  }

  /** The next instant the group has something to do after `t`: instances register, or managed scaling looks. */
  nextTime(t: number): number {
    let next = Infinity;
    if (this.launching.length > 0) next = this.launching[0].at;
    if (this.checkAt > t && this.checkAt < Infinity) next = Math.min(next, this.checkAt);
    return next;
  }

  /** The group's next instances (groupGrowth.ts). */
  private growth(): NewInstances {
    const { cluster, cp } = this.s;
    return (this.grown ??= new NewInstances(cluster, this.own(), cp.instanceType, cp.name));
  }

  /** Instances whose launch is over register with the cluster, each batch with an event naming their type. */
  register(t: number): boolean {
    let changed = false;
    while (this.launching.length > 0 && this.launching[0].at <= t) {
      const batch = this.launching.shift()!;
      const specs = this.growth().launch(batch.n, () => launchedId(this.s.cp, ++this.launched));
      for (const spec of specs) this.s.session.addInstance(spec);
      this.grown = undefined;
      this.s.event(t, `${plural(batch.n, `${this.s.cp.instanceType} instance`)} registered with the cluster`);
      changed = true;
    }
    return changed;
  }

  /** Tasks wait for capacity at `t` (since the first instant they did). */
  tasksWait(t: number): void {
    this.waitingSince ??= t;
  }

  /** No task waits for capacity. */
  noneWaits(): void {
    this.waitingSince = undefined;
  }

  /**
   * A run that steps minute by minute (scale): whether managed scaling acts on the waiting tasks now, after a full
   * minute of the metric since they began waiting and the warm-up of the last launch.
   */
  dueNow(t: number): boolean {
    return this.waitingSince !== undefined && t >= scaleOutAt(this.waitingSince, this.warmupUntil, t);
  }

  /**
   * A run that steps from event to event (deploy): tasks wait at `t`, so managed scaling looks at them at the time
   * dueNow would say, unless a look is already due or the group will not scale; nextTime includes the look.
   */
  scheduleLook(t: number): void {
    this.tasksWait(t);
    if (this.checkAt === Infinity && this.cannotScale === undefined)
      this.checkAt = scaleOutAt(this.waitingSince!, this.warmupUntil, t);
  }

  /** Whether the look scheduleLook set is due at `t`; a look, once due, is taken. */
  lookDue(t: number): boolean {
    if (t < this.checkAt) return false;
    this.checkAt = Infinity;
    return true;
  }

  /** The new instances `tasks` waiting tasks need: binpacked on empty instances of the type (groupGrowth.ts). */
  need(tasks: number): GroupNeed {
    return this.s.session.instancesNeeded(this.growth(), this.s.task, tasks);
  }

  /** Why no new instance takes the task, as a clause: a constraint it fails, or room. */
  noFit(need: GroupNeed): string {
    const type = this.s.cp.instanceType;
    return need.excludedBy
      ? `a new ${type} would not meet ${need.excludedBy}`
      : `the task does not fit on an empty ${type}`;
  }

  /** What managed scaling decides about the group now, for the waiting tasks' need (none without one). */
  decide(need: GroupNeed | undefined): ScaleOutDecision {
    const { cp, daemonGroups } = this.s;
    return scaleOutDecision(cp, {
      ...groupNow(this.own(), daemonGroups),
      launching: this.inFlight(),
      instancesNeeded: need?.instances ?? 0,
    });
  }

  /** The group will not take the waiting tasks: said once, and managed scaling stops looking. */
  stop(t: number, why: string): void {
    this.cannotScale = why;
    this.s.event(t, why);
  }

  /**
   * Scale-out: launches toward the group's target, or says once that the maximum size holds it back. With
   * `provisioning`, the event counts the tasks that wait.
   */
  scaleOut(t: number, decision: ScaleOutDecision, provisioning?: number): void {
    const { cp, launchSeconds } = this.s;
    if (decision.launch > 0) {
      this.launching.push({ at: t + launchSeconds, n: decision.launch });
      this.launches.push({ t, instances: decision.launch });
      this.warmupUntil = t + cp.instanceWarmupPeriod;
      this.s.event(
        t,
        `CapacityProviderReservation ${decision.reservation}% above ${cp.targetCapacity}%: the capacity provider launches ${plural(decision.launch, `${cp.instanceType} instance`)}` +
          (provisioning !== undefined ? ` (${plural(provisioning, 'task')} PROVISIONING)` : ''),
      );
    } else if (decision.atMaximum) {
      const why = `the capacity provider's group is at its maximum size (${cp.maxSize} instances)`;
      if (!this.s.scalesIn) this.stop(t, why);
      else if (!this.maximumSaid) this.s.event(t, why);
      this.maximumSaid = true;
    }
    // Otherwise the instances launching already reach the group's target: they take the waiting tasks.
  }

  /**
   * Managed scale-in, one datapoint a minute: after managedScalingDefaults.scaleInDatapoints below the target, with
   * nothing launching, the group terminates instances down toward its target (never below its minimum size), at
   * most managedScaleInStep of it at once, and again each minute the reservation stays below the target (the alarm
   * stays in alarm: the count of datapoints is not started again). With managed termination protection only
   * instances without tasks go; without it the group also ends busy ones, fewest tasks first. `stopTasksOn` takes the tasks off the instances
   * that go and returns how many it stopped. Returns whether any instance went.
   */
  scaleIn(t: number, decision: ScaleOutDecision, stopTasksOn: (gone: ReadonlySet<SimInstance>) => number): boolean {
    const { cp, session } = this.s;
    this.below = decision.reservation < cp.targetCapacity ? this.below + 1 : 0;
    if (this.below < managedScalingDefaults.scaleInDatapoints || this.launching.length > 0) return false;
    const own = this.own();
    const groupSize = own.length;
    const want = Math.max(cp.minSize ?? 0, decision.groupTarget);
    const canRemove = Math.min(
      groupSize - want,
      Math.max(managedScaleInStep.minInstances, Math.floor(groupSize * managedScaleInStep.maxShareOfGroup)),
    );
    const empty = own.filter((i) => i.view.runningTasksCount === 0);
    const victims = empty.slice(0, canRemove);
    if (!cp.managedTerminationProtection && victims.length < canRemove) {
      const busy = own
        .filter((i) => i.view.runningTasksCount > 0)
        .sort((a, b) => a.view.runningTasksCount - b.view.runningTasksCount);
      victims.push(...busy.slice(0, canRemove - victims.length));
    }
    if (victims.length === 0) return false;
    const lost = stopTasksOn(new Set(victims));
    for (const v of victims) session.removeInstance(v);
    this.grown = undefined;
    this.s.event(
      t,
      `CapacityProviderReservation ${decision.reservation}% below ${cp.targetCapacity}% for ${this.below} minutes: the group terminates ${plural(victims.length, 'instance')}${lost > 0 ? `, stopping ${plural(lost, 'task')} that the scheduler starts again` : ''}`,
    );
    return true;
  }
}
