/**
 * Launch: the run's starting point (the old revision's tasks on a copy of the cluster, or on AWS Fargate), placing
 * the new tasks, and the capacity provider's managed scaling that launches instances for the tasks that wait.
 */
import { circuitBreakerFailureThreshold, deploymentBounds, isRollingUpdate } from '../ecs/deployments';
import { isUsable } from '../placement/checks';
import { serviceMembership } from '../placement/capacityProviders';
import { cloneCluster, parseCluster, type ClusterModel, type SimInstance } from '../placement/clusterModel';
import { PlacementSession } from '../placement/session';
import { SERVICE_DEFAULT_STRATEGIES } from '../placement/strategies';
import type { UnplacedReason } from '../placement/types';
import { daemonGroupsOf, NewInstances } from '../placement/groupGrowth';
import type { Run, SimTask, TaskList } from './deploymentRun';
import { plural } from '../placement/text';
import { ProviderGroup } from './providerGroup';
import { capacityProviderFor, currentTasks } from './serviceInputs';

/** Sets the run up from its plan: the old tasks, the desired count and the deployment's bounds. */
export function setUp(run: Run): boolean {
  const p = run.p;
  const min = run.o.minimumHealthyPercent ?? p.settings.minimumHealthyPercent;
  const max = run.o.maximumPercent ?? p.settings.maximumPercent;
  if (p.fargate) setUpFargate(run);
  else if (!setUpCluster(run)) return false;
  const bounds = deploymentBounds(run.desired, min, max);
  run.minHealthy = bounds.minHealthy;
  run.maxTasks = isRollingUpdate(p.settings.strategy) ? bounds.maxTasks : run.desired * 2;
  run.threshold = circuitBreakerFailureThreshold(run.desired, p.settings.circuitBreaker.threshold);
  if (run.p.options.timelineInstances && run.session && !run.o.quiet) run.timeline = { instances: [], frames: [] };
  return true;
}

function setUpFargate(run: Run): void {
  const p = run.p;
  run.desired = p.service.desiredCount ?? 1;
  for (let i = 0; i < run.desired; i++) run.addTask('old', p.oldTask, 'running');
  run.notes.push(
    'Tasks run on AWS Fargate: every task finds capacity, so the deployment is paced only by the deployment configuration and health timing.',
  );
}

function setUpCluster(run: Run): boolean {
  const p = run.p;
  const shared = run.o.quiet || run.o.shareCluster ? p.whatIfCluster : undefined;
  const cluster = shared ? shared.reset() : cloneCluster(p.cluster ?? parseCluster(p.clusterInput));
  run.errors.push(...cluster.errors);
  run.notes.push(...cluster.notes);
  if (cluster.errors.length > 0) return false;
  run.cluster = cluster;
  const strategies = p.daemon ? [] : (p.service.strategies ?? SERVICE_DEFAULT_STRATEGIES);
  const created = PlacementSession.create({
    cluster,
    group: p.group,
    strategies,
    constraints: [...p.service.constraints, ...p.task.constraints],
    serviceConstraints: p.service.constraints.length,
    // A DAEMON service runs on every instance, as the estimate places it: no capacity provider strategy applies.
    membership: p.daemon ? undefined : serviceMembership(p.service, cluster),
    seed: p.options.seed,
  });
  if (!created.session) {
    run.errors.push(...created.errors);
    return false;
  }
  run.session = created.session;
  const cp = capacityProviderFor(cluster, p.service.capacityProviders, p.service.launchType, {
    minimumScalingStepSize: p.options.minimumScalingStepSize,
    maximumScalingStepSize: p.options.maximumScalingStepSize,
    maxSize: p.options.maxInstances,
  });
  if (cp?.managedScaling)
    run.group = new ProviderGroup({
      cp,
      cluster,
      session: created.session,
      task: run.task,
      launchSeconds: p.options.instanceLaunchSeconds,
      daemonGroups: daemonGroupsOf(cluster, p.daemon ? created.session.group : undefined),
      scalesIn: false,
      event: (t, message) => run.event(t, message),
    });
  if (p.service.capacityProviders.length > 0 && !cp)
    run.notes.push(
      `The service's capacity provider strategy names ${p.service.capacityProviders.join(', ')}, and the cluster file gives no instance type for it: no instances are added.`,
    );
  addExtraInstances(run, cluster, created.session);
  // The what-if copy keeps its instance objects from run to run, so the old tasks found on it are found once.
  const found = shared
    ? (p.whatIfTasks ??= currentTasks(p.clusterInput, cluster.instances, p.group, p.oldTask))
    : currentTasks(p.clusterInput, cluster.instances, p.group, p.oldTask);
  for (let k = 0; k < found.length; k++) run.addTask('old', found[k].task, 'running', found[k].instance);
  if (p.daemon) {
    run.desired = found.length > 0 ? found.length : cluster.instances.filter(isUsable).length;
  } else {
    run.desired = p.service.desiredCount ?? (found.length > 0 ? found.length : 1);
  }
  if (found.length === 0) placeOldRevision(run, cluster, created.session);
  return true;
}

/** A what-if run's extra instances, of the cluster's first instance type. */
function addExtraInstances(run: Run, cluster: ClusterModel, session: PlacementSession): void {
  const template = cluster.instances.find((i) => i.instanceType) ?? cluster.instances[0];
  const extra = run.o.extraInstances ?? 0;
  if (!template?.instanceType || extra <= 0) return;
  const type = template.instanceType;
  for (const spec of new NewInstances(cluster, cluster.instances, type).launch(
    extra,
    (k) => `${type}-extra-${k + 1}`,
  )) {
    spec.cpu = template.registeredCpu;
    spec.memory = template.registeredMemory;
    session.addInstance(spec);
  }
}

/** Without the running tasks in the cluster file, the deployment starts from the current revision placed by the same engine. */
function placeOldRevision(run: Run, cluster: ClusterModel, session: PlacementSession): void {
  const p = run.p;
  const start = p.daemon ? 0 : run.desired;
  if (p.daemon) {
    for (const instance of cluster.instances) {
      if (!isUsable(instance)) continue;
      const r = session.place(p.oldTask, 1, (i) => i === instance);
      if (r.placed.length === 1) run.addTask('old', p.oldTask, 'running', instance);
    }
  } else {
    const r = session.place(p.oldTask, start);
    for (const instance of r.placed) run.addTask('old', p.oldTask, 'running', instance);
  }
  const n = run.count('old', 'running');
  run.notes.push(
    `The cluster file lists no running tasks of ${p.group}; the deployment starts from ${plural(n, 'task')} of the current revision placed by the simulator.`,
  );
}

/** Places the waiting new tasks: on AWS Fargate every one, on instances what the placement engine finds room for. */
export function placeWaiting(run: Run, t: number): void {
  const waitingCount = run.count('new', 'waiting');
  if (waitingCount === 0) return;
  const waiting = run.bucket('new', 'waiting');
  const start = (task: SimTask, instance?: SimInstance) => {
    task.instance = instance;
    run.set(task, 'pending', t + run.p.options.taskStartSeconds);
    if (instance) run.stopOrder?.rekey(instance);
  };
  if (!run.session) {
    // Fargate: every task finds capacity; the events read as on EC2, with AWS Fargate as the place.
    for (const task of waiting) start(task);
    run.event(t, `${plural(waitingCount, 'new task')} placed on AWS Fargate`);
    run.blocked = undefined;
    return;
  }
  const { placedCount, reasons } = placeOnInstances(run, run.session, waiting, waitingCount, start);
  if (placedCount > 0) run.event(t, `${plural(placedCount, 'new task')} placed`);
  if (reasons && placedCount < waitingCount) {
    const fresh = !run.blocked;
    run.blocked = { t, reasons };
    if (fresh)
      run.event(
        t,
        `${plural(waitingCount - placedCount, 'new task')} cannot be placed: ${reasons.map((r) => r.message).join('; ')}`,
      );
    run.group?.scheduleLook(t);
  } else {
    run.blocked = undefined;
    run.group?.noneWaits();
  }
}

/** DAEMON: one new task per usable instance; REPLICA: the first waiting tasks on what the engine places. */
function placeOnInstances(
  run: Run,
  session: PlacementSession,
  waiting: TaskList,
  waitingCount: number,
  start: (task: SimTask, instance?: SimInstance) => void,
): { placedCount: number; reasons?: UnplacedReason[] } {
  let reasons: UnplacedReason[] | undefined;
  let placedCount = 0;
  if (run.p.daemon) {
    for (const task of waiting) {
      const r = session.place(task.req, 1, (i) => !run.daemonNew.has(i) && isUsable(i), !run.o.quiet);
      if (r.placed.length === 0) {
        reasons = r.reasons;
        break;
      }
      run.daemonNew.add(r.placed[0]);
      start(task, r.placed[0]);
      placedCount++;
    }
  } else {
    const r = session.place(run.task, waitingCount, undefined, !run.o.quiet);
    // The first waiting tasks start, in the order they were created (the list keeps the order they began waiting).
    let k = 0;
    for (let task = waiting.first; task && k < r.placed.length;) {
      const next = task.nextInState;
      start(task, r.placed[k++]);
      task = next;
    }
    placedCount = r.placed.length;
    reasons = r.reasons;
  }
  return { placedCount, reasons };
}

/** Capacity-provider managed scaling: once a minute with tasks waiting, after the warm-up of the last launch. */
export function scaleOut(run: Run, t: number): void {
  const group = run.group;
  if (!group?.lookDue(t)) return;
  const waiting = run.count('new', 'waiting');
  if (waiting === 0) return;
  const need = group.need(waiting);
  if (need.instances === 0) {
    group.stop(
      t,
      `${group.noFit(need)}, so the capacity provider does not scale out for ${need.excludedBy ? 'the task' : 'it'}`,
    );
    return;
  }
  const decision = group.decide(need);
  // The instances launching already take the waiting tasks.
  if (decision.step === 0) return;
  group.scaleOut(t, decision, waiting);
}

/** Instances whose launch time has come register with the cluster; returns whether any did. */
export function registerLaunched(run: Run, t: number): boolean {
  return run.group?.register(t) ?? false;
}
