/**
 * Service auto scaling over a load profile, minute by minute: target tracking and step scaling move the
 * desired count, the placement engine places the tasks, and a capacity provider with managed scaling
 * (CapacityProviderReservation target tracking) grows and shrinks the instances. Without a capacity
 * provider the service scales its tasks and the cluster stays as it is.
 */
import { loadBalancerDefaults, managedScalingDefaults, targetTrackingDefaults } from '../ecs/deployments';
import { runsOnFargate } from '../placement/capacityProviders';
import { parseCluster, type ClusterModel, type SimInstance } from '../placement/clusterModel';
import { PlacementSession } from '../placement/session';
import { SERVICE_DEFAULT_STRATEGIES } from '../placement/strategies';
import { instanceFactory, newInstanceSpec, tasksPerEmptyInstance } from './capacity';
import { simulatorDefaults } from './defaults';
import { MAX_DEPLOYED_TASKS } from './deploymentPlan';
import {
  demandAt,
  demandOver,
  parseLoadProfile,
  parseScalableTarget,
  parseScalingPolicy,
  type Alarm,
  type LoadProfile,
} from './scalingInputs';
import { resourceWarnings } from './scalingResource';
import { scaleOutAt, scaleOutDecision, type ManagedScaling } from '../placement/managedScaling';
import { capacityProviderFor, currentTasks, deploymentSettings, isObject } from './serviceInputs';
import type { InstanceLaunch, ScalingPoint, ScalingRequest, ScalingResult } from './types';
import { prepareService } from './prepare';

const DEFAULT_DURATION = 2 * 3600;
/** A week of minutes: longer runs are a typo and would only take time. */
const MAX_DURATION = 7 * 24 * 3600;

interface Placed {
  instance?: SimInstance;
}

interface Batch {
  at: number;
  tasks: Placed[];
}

/** Which policy metric and alarm metrics a load profile drives. */
const policyMetricFor: Record<LoadProfile['metric'], string> = {
  CPUUtilization: 'ECSServiceAverageCPUUtilization',
  MemoryUtilization: 'ECSServiceAverageMemoryUtilization',
  RequestCount: 'ALBRequestCountPerTarget',
};
const alarmMetricsFor: Record<LoadProfile['metric'], string[]> = {
  CPUUtilization: ['CPUUtilization'],
  MemoryUtilization: ['MemoryUtilization'],
  RequestCount: ['RequestCountPerTarget', 'RequestCount'],
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

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

export function simulateScaling(request: ScalingRequest): ScalingResult {
  const errors: string[] = [];
  const notes: string[] = [];
  const policyList =
    isObject(request.policy) && Array.isArray(request.policy.ScalingPolicies)
      ? request.policy.ScalingPolicies
      : Array.isArray(request.policy)
        ? request.policy
        : [request.policy];
  const warnings = resourceWarnings(request.service, request.target, policyList);
  const fail = (): ScalingResult => ({
    series: [],
    events: [],
    summary: { peakDesired: 0, peakInstances: 0, secondsBelowDesired: 0, unplacedAtEnd: 0, provisioningAtEnd: 0 },
    warnings,
    notes,
    errors,
  });

  const read = prepareService(request, {
    target: request.target,
    policy: request.policy,
    alarms: request.alarms,
    load: request.load,
    options: request.options,
  });
  errors.push(...read.parseErrors);
  notes.push(...read.notes);
  const svcJson = read.serviceJson;
  const target = parseScalableTarget(request.target);
  errors.push(...target.errors);
  const policy = parseScalingPolicy(request.policy, request.alarms ?? []);
  errors.push(...policy.errors);
  const load = parseLoadProfile(request.load);
  errors.push(...load.errors);
  const duration = request.durationSeconds ?? DEFAULT_DURATION;
  if (!Number.isInteger(duration) || duration < 60 || duration > MAX_DURATION)
    errors.push('the duration must be between 1 minute and 7 days');
  errors.push(...read.admissionErrors);
  if (target.target && target.target.max > MAX_DEPLOYED_TASKS)
    errors.push(
      `scalable target: MaxCapacity ${target.target.max} is more than the simulator scales to (${MAX_DEPLOYED_TASKS.toLocaleString('en-US')}; ECS allows 5,000 tasks per service by default)`,
    );
  const { task, service } = read;
  if (errors.length > 0 || !task || !service || !svcJson || !target.target || !load.profile) return fail();
  if (service.schedulingStrategy === 'DAEMON') {
    errors.push(
      'service: a DAEMON service runs one task per instance; service auto scaling applies to REPLICA services',
    );
    return fail();
  }
  const profile = load.profile;
  for (const p of policy.policies) {
    if (p.kind === 'target-tracking' && p.metric !== policyMetricFor[profile.metric]) {
      errors.push(
        `scaling policy: a target-tracking policy tracks ${p.metric}, but the load profile gives ${profile.metric}, which drives ${policyMetricFor[profile.metric]}`,
      );
    }
    if (p.kind === 'step') {
      for (const a of p.alarms)
        if (!alarmMetricsFor[profile.metric].includes(a.metric))
          errors.push(
            `alarm: an alarm of a step policy watches ${a.metric}, but the load profile gives ${profile.metric}`,
          );
    }
  }
  if (profile.metric === 'CPUUtilization' && task.cpu <= 0)
    errors.push(
      'task definition: it reserves no CPU units, so CPU utilization cannot follow from the load (set cpu at task or container level)',
    );
  if (profile.metric === 'MemoryUtilization' && task.memory <= 0)
    errors.push('task definition: it reserves no memory, so memory utilization cannot follow from the load');
  if (errors.length > 0) return fail();

  const options = request.options ?? {};
  const taskStart = options.taskStartSeconds ?? simulatorDefaults.taskStartSeconds;
  const launchSeconds = options.instanceLaunchSeconds ?? simulatorDefaults.instanceLaunchSeconds;
  const settings = deploymentSettings(svcJson, false);
  const drain = settings.loadBalanced
    ? (options.deregistrationDelaySeconds ?? loadBalancerDefaults.deregistrationDelaySeconds)
    : 0;
  const fargate = runsOnFargate(service, task);

  let cluster: ClusterModel | undefined;
  let session: PlacementSession | undefined;
  let cp: ManagedScaling | undefined;
  if (fargate) notes.push('Tasks run on AWS Fargate: every task finds capacity and no instances are involved.');
  else {
    cluster = parseCluster(request.cluster);
    errors.push(...cluster.errors);
    notes.push(...cluster.notes);
    if (cluster.errors.length > 0) return fail();
    const created = PlacementSession.create({
      cluster,
      group: `service:${service.name}`,
      strategies: service.strategies ?? SERVICE_DEFAULT_STRATEGIES,
      constraints: [...service.constraints, ...task.constraints],
      seed: options.seed,
    });
    if (!created.session) {
      errors.push(...created.errors);
      return fail();
    }
    session = created.session;
    cp = capacityProviderFor(cluster, service.capacityProviders, service.launchType, {
      minimumScalingStepSize: options.minimumScalingStepSize,
      maximumScalingStepSize: options.maximumScalingStepSize,
      maxSize: options.maxInstances,
    });
    if (service.capacityProviders.length > 0 && !cp)
      notes.push(
        `The service's capacity provider strategy names ${service.capacityProviders.join(', ')}, which the cluster file does not describe: no instances are added.`,
      );
    if (!cp)
      notes.push(
        'No capacity provider with managed scaling serves the service: auto scaling changes the desired count, and nothing adds instances for the tasks that do not fit.',
      );
    else if (!cp.managedScaling)
      notes.push(
        `Capacity provider ${cp.name ?? ''} has managed scaling turned off: it does not add instances.`.replace(
          '  ',
          ' ',
        ),
      );
  }
  const managed = !!cp && cp.managedScaling;
  const { min, max } = target.target;

  // State.
  const running: Placed[] = [];
  const pending: Batch[] = [];
  const draining: Batch[] = [];
  let waiting = 0;
  const launching: Array<{ at: number; n: number }> = [];
  let launched = 0;
  let warmupUntil = 0;
  /** When the tasks that wait now started waiting. */
  let waitingSince: number | undefined;
  const launches: InstanceLaunch[] = [];
  let cpBelow = 0;
  const events: ScalingResult['events'] = [];
  const series: ScalingPoint[] = [];
  const event = (t: number, message: string) => events.push({ t, message });

  const release = (p: Placed) => {
    if (p.instance && session) session.stop(p.instance, task);
  };
  let lastUnplacedMessage = '';
  const placeWaiting = (t: number) => {
    if (waiting === 0) return;
    if (!session) {
      pending.push({ at: t + taskStart, tasks: Array.from({ length: waiting }, () => ({})) });
      waiting = 0;
      return;
    }
    const r = session.place(task, waiting);
    if (r.placed.length > 0) pending.push({ at: t + taskStart, tasks: r.placed.map((instance) => ({ instance })) });
    waiting -= r.placed.length;
    if (waiting > 0 && r.reasons) {
      const message = `${plural(waiting, 'task')} ${managed ? 'PROVISIONING' : 'not started'}: ${r.reasons.map((x) => x.message).join('; ')}`;
      if (message !== lastUnplacedMessage) event(t, message);
      lastUnplacedMessage = message;
    } else lastUnplacedMessage = '';
  };

  // The service's tasks at the start: those the cluster file lists, else the desired count placed by the engine.
  const group = `service:${service.name}`;
  if (session && cluster) {
    const found = currentTasks(request.cluster, cluster.instances, group, task);
    for (const f of found) running.push({ instance: f.instance });
    if (found.length === 0) {
      const initial = service.desiredCount ?? min;
      const r = session.place(task, initial);
      for (const instance of r.placed) running.push({ instance });
      if (r.placed.length < initial)
        notes.push(`Only ${r.placed.length} of the ${initial} tasks the service starts with fit on the cluster.`);
    }
  } else for (let i = 0; i < (service.desiredCount ?? min); i++) running.push({});
  let desired = service.desiredCount ?? running.length;

  const states: PolicyState[] = policy.policies.map((p) => ({
    above: 0,
    below: 0,
    history: p.kind === 'step' ? p.alarms.map(() => []) : [],
    cooldownUntil: 0,
    scaleInBlockedUntil: 0,
  }));
  const distinct = service.constraints.some((c) => c.type === 'distinctInstance');
  const perInstance =
    cp && cluster && session
      ? tasksPerEmptyInstance(newInstanceSpec(cluster, session.instances, cp.instanceType, 1), task, distinct)
      : 0;
  if (managed && perInstance === 0)
    notes.push(
      `The task does not fit on an empty ${cp!.instanceType}: the capacity provider does not scale out for it.`,
    );

  const perTaskCapacity =
    profile.metric === 'CPUUtilization'
      ? task.cpu / 100
      : profile.metric === 'MemoryUtilization'
        ? task.memory / 100
        : 1;
  let demandIndex = 0;
  let peakDesired = desired;
  let peakInstances = session ? session.instances.length : 0;
  let secondsBelow = 0;

  for (let t = 0; t <= duration; t += 60) {
    // Instances that finished launching register; tasks that finished starting run; drained tasks stop.
    while (launching.length > 0 && launching[0].at <= t) {
      const batch = launching.shift()!;
      if (session && cluster) {
        const make = instanceFactory(cluster, session.instances, cp!.instanceType);
        for (let k = 0; k < batch.n; k++) session.addInstance(make(++launched));
      }
      event(t, `${plural(batch.n, `${cp!.instanceType} instance`)} registered with the cluster`);
    }
    while (pending.length > 0 && pending[0].at <= t) for (const p of pending.shift()!.tasks) running.push(p);
    while (draining.length > 0 && draining[0].at <= t) for (const p of draining.shift()!.tasks) release(p);
    placeWaiting(t);

    // The metric now (the series), and the datapoint of the last complete minute (the alarms): the minute in
    // progress is not a datapoint, so nothing is judged at t = 0.
    const d = demandAt(profile, t, demandIndex);
    demandIndex = d.index;
    const n = running.length;
    const utilization = (load: number): number | null =>
      n === 0 ? null : profile.metric === 'RequestCount' ? load / n : load / (n * perTaskCapacity);
    const metric = utilization(d.value);
    const period = targetTrackingDefaults.datapointSeconds;
    const complete = t >= period;
    const demand = complete ? demandOver(profile, t - period, t) : d.value;
    const datapoint = utilization(demand);
    const before = desired;
    let out: number | undefined;
    let inWanted = policy.policies.length > 0;
    let inTo = 0;
    const why: string[] = [];
    policy.policies.forEach((p, i) => {
      const s = states[i];
      if (p.kind === 'target-tracking') {
        if (datapoint === null) {
          // With no task running and load waiting, one datapoint is enough to start the minimum.
          if (d.value > 0) out = Math.max(out ?? 0, Math.max(min, 1));
          inWanted = false;
          return;
        }
        if (!complete) {
          inWanted = false;
          return;
        }
        s.above = datapoint > p.target ? s.above + 1 : 0;
        s.below = datapoint < p.target ? s.below + 1 : 0;
        const proposal = Math.ceil(demand / (p.target * perTaskCapacity) - 1e-9);
        if (s.above >= targetTrackingDefaults.scaleOutDatapoints && proposal > desired) {
          out = Math.max(out ?? 0, proposal);
          why.push(`${p.metric} ${round1(datapoint)} above ${p.target} for ${s.above} complete minutes`);
        }
        if (!(
          s.below >= targetTrackingDefaults.scaleInDatapoints &&
          !p.disableScaleIn &&
          t >= s.scaleInBlockedUntil &&
          proposal < desired
        ))
          inWanted = false;
        else inTo = Math.max(inTo, proposal);
      } else {
        inWanted = false;
        if (t < s.cooldownUntil) return;
        p.alarms.forEach((a, k) => {
          const value = a.metric === 'RequestCount' ? demand : datapoint;
          if (value === null || !complete) return;
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
            if (Math.abs(change) < p.minAdjustmentMagnitude)
              change = Math.sign(step.adjustment) * p.minAdjustmentMagnitude;
            next = n + change;
          }
          next = Math.min(max, Math.max(min, next));
          if (next === desired) return;
          s.cooldownUntil = t + p.cooldown;
          if (next > desired) {
            out = Math.max(out ?? 0, next);
            why.push(`alarm ${a.name} (${a.metric} ${round1(value)}) in ALARM`);
          } else {
            desired = next;
            why.push(`alarm ${a.name} (${a.metric} ${round1(value)}) in ALARM`);
          }
        });
      }
    });
    if (out !== undefined) {
      const to = Math.min(max, Math.max(min, out));
      if (to > desired) {
        desired = to;
        // A scale-out during a scale-in cooldown ends that cooldown.
        for (const s of states) s.scaleInBlockedUntil = 0;
        policy.policies.forEach((p, i) => {
          if (p.kind === 'target-tracking') states[i].cooldownUntil = t + p.scaleOutCooldown;
        });
      }
    } else if (inWanted && inTo < desired) {
      desired = Math.max(min, inTo);
      policy.policies.forEach((p, i) => {
        if (p.kind === 'target-tracking') states[i].scaleInBlockedUntil = t + p.scaleInCooldown;
      });
      why.push(`the metric below its target for ${targetTrackingDefaults.scaleInDatapoints} complete minutes`);
    }
    if (desired !== before)
      event(
        t,
        `${desired > before ? 'scale-out' : 'scale-in'} alarm: desired ${before} → ${desired}${why.length > 0 ? ` (${why.join('; ')})` : ''}`,
      );

    // Apply the desired count: start tasks, or stop the newest first.
    let live = running.length + pending.reduce((s, b) => s + b.tasks.length, 0) + waiting;
    if (desired > live) {
      waiting += desired - live;
      placeWaiting(t);
    }
    while (desired < live) {
      if (waiting > 0) waiting--;
      else if (pending.length > 0) {
        const last = pending[pending.length - 1];
        release(last.tasks.pop()!);
        if (last.tasks.length === 0) pending.pop();
      } else {
        const p = running.pop()!;
        if (drain > 0) {
          const last = draining[draining.length - 1];
          if (last && last.at === t + drain) last.tasks.push(p);
          else draining.push({ at: t + drain, tasks: [p] });
        } else release(p);
      }
      live--;
    }

    // Managed scaling (one model with the placement estimate and deploy): CapacityProviderReservation = M / N × 100.
    let reservation: number | null = null;
    if (waiting === 0) waitingSince = undefined;
    else waitingSince ??= t;
    if (managed && session && cluster && cp) {
      const inFlight = launching.reduce((s, b) => s + b.n, 0);
      const groupSize = session.instances.length + inFlight;
      let inUse = 0;
      for (const i of session.instances) if (i.view.runningTasksCount > 0) inUse++;
      const decision = scaleOutDecision(cp, {
        instances: session.instances.length,
        launching: inFlight,
        inUse,
        instancesNeeded: waiting > 0 && perInstance > 0 ? Math.ceil(waiting / perInstance) : 0,
      });
      reservation = decision.reservation;
      if (decision.step > 0 && waitingSince !== undefined && t >= scaleOutAt(waitingSince, warmupUntil, t)) {
        if (decision.launch > 0) {
          launching.push({ at: t + launchSeconds, n: decision.launch });
          launches.push({ t, instances: decision.launch });
          warmupUntil = t + cp.instanceWarmupPeriod;
          event(
            t,
            `CapacityProviderReservation ${reservation}% above ${cp.targetCapacity}%: the capacity provider launches ${plural(decision.launch, `${cp.instanceType} instance`)}`,
          );
        } else if (decision.atMaximum) {
          if (!events.some((e) => e.message.startsWith("the capacity provider's group is at its maximum size")))
            event(t, `the capacity provider's group is at its maximum size (${cp.maxSize} instances)`);
        }
      }
      cpBelow = reservation < cp.targetCapacity ? cpBelow + 1 : 0;
      if (cpBelow >= managedScalingDefaults.scaleInDatapoints && launching.length === 0) {
        const want = Math.max(cp.minSize ?? 0, decision.groupTarget);
        const canRemove = Math.min(groupSize - want, Math.max(1, Math.floor(groupSize / 2)));
        // With managed termination protection only instances without tasks go; without it the group also ends busy ones.
        const empty = session.instances.filter((i) => i.view.runningTasksCount === 0);
        const victims = empty.slice(0, canRemove);
        if (!cp.managedTerminationProtection && victims.length < canRemove) {
          const busy = session.instances
            .filter((i) => i.view.runningTasksCount > 0)
            .sort((a, b) => a.view.runningTasksCount - b.view.runningTasksCount);
          victims.push(...busy.slice(0, canRemove - victims.length));
        }
        if (victims.length > 0) {
          const gone = new Set(victims);
          let lost = 0;
          for (let k = running.length - 1; k >= 0; k--) {
            if (running[k].instance && gone.has(running[k].instance!)) {
              running.splice(k, 1);
              lost++;
            }
          }
          for (const b of pending)
            b.tasks = b.tasks.filter((p) => !(p.instance && gone.has(p.instance)) || (lost++, false));
          for (const b of draining) b.tasks = b.tasks.filter((p) => !(p.instance && gone.has(p.instance)));
          for (const v of victims) session.removeInstance(v);
          waiting += lost;
          event(
            t,
            `CapacityProviderReservation ${reservation}% below ${cp.targetCapacity}% for ${cpBelow} minutes: the group terminates ${plural(victims.length, 'instance')}${lost > 0 ? `, stopping ${plural(lost, 'task')} that the scheduler starts again` : ''}`,
          );
          cpBelow = 0;
          placeWaiting(t);
        }
      }
    }

    const pendingCount = pending.reduce((s, b) => s + b.tasks.length, 0);
    const instances = session ? session.instances.length : 0;
    series.push({
      t,
      load: d.value,
      utilization: metric === null ? null : round1(metric),
      desired,
      running: running.length,
      pending: pendingCount,
      provisioning: managed ? waiting : 0,
      instances,
      capacityProviderReservation: reservation,
    });
    peakDesired = Math.max(peakDesired, desired);
    peakInstances = Math.max(peakInstances, instances);
    if (running.length < desired && t < duration) secondsBelow += 60;
  }

  const last = series[series.length - 1];
  return {
    series,
    events,
    summary: {
      peakDesired,
      peakInstances,
      secondsBelowDesired: secondsBelow,
      unplacedAtEnd: managed ? 0 : waiting,
      provisioningAtEnd: last.provisioning,
    },
    ...(launches.length > 0 ? { launches } : {}),
    warnings,
    notes,
    errors,
  };
}
