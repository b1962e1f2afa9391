/**
 * A service deployment as a discrete-event simulation over the placement engine: rolling updates
 * (minimumHealthyPercent / maximumPercent), DAEMON replacement per instance, and ECS native
 * blue/green, linear and canary, with draining, health timing, managed scaling and the circuit breaker.
 *
 * This file is the driver loop and the outcome; each phase has a file of its own: the plan (deploymentPlan.ts),
 * the run's state (deploymentRun.ts), launch and managed scaling (deploymentLaunch.ts), health and drain
 * (deploymentHealth.ts), traffic shift (trafficShift.ts) and the fixes (deploymentFixes.ts).
 */
import { isRollingUpdate } from '../ecs/deployments';
import { reusableCluster, type SimInstance } from '../placement/clusterModel';
import type { TaskRequirement } from '../placement/taskModel';
import { simulatorDefaults } from './defaults';
import { findFixes, type Overrides } from './deploymentFixes';
import { advanceTasks, stopOld } from './deploymentHealth';
import { placeWaiting, registerLaunched, scaleOut, setUp } from './deploymentLaunch';
import { emptyResult, prepare, type Prepared } from './deploymentPlan';
import { Run } from './deploymentRun';
import { plural } from '../placement/text';
import { shiftTraffic } from './trafficShift';
import type { DeploymentRequest, DeploymentResult } from './types';

export { MAX_DEPLOYED_TASKS } from './deploymentPlan';

const MAX_STEPS = 20_000;

/** The scheduler's pass: stop what the minimum allows, start what the maximum allows, place what waits. */
function schedule(run: Run, t: number): void {
  const oldActive = run.count('old', 'running');
  const newLive = run.count('new', 'waiting', 'pending', 'running', 'healthy');
  const newHealthy = run.count('new', 'healthy');

  if (isRollingUpdate(run.p.settings.strategy)) {
    // Until the deployment is done, the scheduler stops old tasks down to the minimum healthy count.
    const canStop = Math.min(oldActive, oldActive + newHealthy - run.minHealthy);
    if (canStop > 0) stopOld(run, t, canStop);
  } else if (t >= run.blueStopAt && oldActive > 0) {
    stopOld(run, t, oldActive);
  }

  const oldNow = run.count('old', 'running');
  const room = Math.min(run.desired - newLive, run.maxTasks - (oldNow + newLive));
  for (let i = 0; i < room; i++) run.addTask('new', run.task, 'waiting');
  placeWaiting(run, t);
}

/** Tasks whose time has come change state, then instances whose launch is over register. */
function advance(run: Run, t: number): boolean {
  const tasks = advanceTasks(run, t);
  const instances = registerLaunched(run, t);
  return tasks || instances;
}

function configurationStalled(run: Run): boolean {
  return (
    isRollingUpdate(run.p.settings.strategy) &&
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
    ...(run.group && run.group.launches.length > 0 ? { launches: run.group.launches } : {}),
    placements: o.quiet ? [] : placementsOf(run),
    ...(run.timeline ? { timeline: run.timeline } : {}),
    notes: [...p.notes, ...run.notes],
    errors: run.errors,
  });
  if (!setUp(run)) return { ...emptyResult(run.errors, [...p.notes, ...run.notes]) };
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
    advance(run, t);
    // Stopping frees room at once without a load balancer: repeat the pass until it settles.
    for (let k = 0; k < 4; k++) {
      const before = run.tasks.length + run.count('new', 'waiting') + run.count('old', 'running');
      schedule(run, t);
      shiftTraffic(run, t);
      if (run.tasks.length + run.count('new', 'waiting') + run.count('old', 'running') === before) break;
    }
    // Managed scaling reads the minute's tasks once the scheduler has placed what it could.
    scaleOut(run, t);
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
          (run.group?.cannotScale ? `; ${run.group.cannotScale}` : ''),
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
  // Nothing reads this run's instances once it has returned: it runs on the cluster the what-if runs share after it.
  if (prepared.cluster) prepared.whatIfCluster = reusableCluster(prepared.cluster);
  return withFixes(prepared, execute(prepared, { shareCluster: true }));
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
            instanceType: prepared.whatIfCluster?.instances.find((i) => i.instanceType)?.instanceType,
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
