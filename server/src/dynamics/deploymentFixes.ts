/**
 * The settings that would let a stalled deployment finish, each tried by running the deployment again with it.
 * Settings that give the same run (minimum percentages that round alike) run once.
 */
import { deploymentBounds, isRollingUpdate } from '../ecs/deployments';
import type { TaskRequirement } from '../placement/taskModel';
import type { DeploymentResult } from './types';
import { plural } from '../placement/text';

/** What a what-if run changes. */
export interface Overrides {
  minimumHealthyPercent?: number;
  maximumPercent?: number;
  dynamicPorts?: boolean;
  extraInstances?: number;
  /** A what-if run behind a fix: only its outcome is read, so it builds no reasons for unplaced tasks and no timeline. */
  quiet?: boolean;
  /** The run works on the cluster copy the what-if runs share: nothing reads its instances once it has returned. */
  shareCluster?: boolean;
}

/** What the search reads of the stalled deployment. */
export interface StalledDeployment {
  strategy: DeploymentResult['strategy'];
  result: Pick<DeploymentResult, 'desiredCount' | 'minimumHealthyPercent' | 'maximumPercent' | 'reason'>;
  task: TaskRequirement;
  fargate: boolean;
  /** The instance type extra instances would be, when the cluster names one. */
  instanceType?: string;
}

/** How a what-if run ended: whether it completed, and how many new tasks were running by then. */
export interface WhatIf {
  completed: boolean;
  newTasks: number;
}

/** Runs each distinct setting once. */
export function onceEach(run: (o: Overrides) => WhatIf): (o: Overrides) => WhatIf {
  const outcomes = new Map<string, WhatIf>();
  return (o) => {
    const key = JSON.stringify(o);
    let done = outcomes.get(key);
    if (done === undefined) outcomes.set(key, (done = run(o)));
    return done;
  };
}

/**
 * The fewest extra instances (1 to `most`) with which the deployment completes, or undefined. Each instance more lets
 * one more task move per round, so the run with one extra instance says about how many are needed: the search starts
 * there and widens its step from it, instead of doubling from 1, and a larger deployment costs no more runs.
 */
function fewestExtraInstances(d: number, most: number, run: (o: Overrides) => WhatIf): number | undefined {
  const completes = (k: number) => run({ extraInstances: k }).completed;
  const one = run({ extraInstances: 1 });
  if (one.completed) return 1;
  const guess = Math.min(most, Math.max(2, Math.ceil(d / Math.max(1, one.newTasks))));
  // `lo` is known not to complete; `hi` completes.
  let lo = 1;
  let hi: number;
  if (completes(guess)) {
    hi = guess;
    for (let step = 1; hi - step > lo; step *= 2) {
      if (!completes(hi - step)) {
        lo = hi - step;
        break;
      }
      hi -= step;
    }
  } else {
    lo = guess;
    let found: number | undefined;
    for (let step = 1; lo < most; step *= 2) {
      const k = Math.min(most, lo + step);
      if (completes(k)) {
        found = k;
        break;
      }
      lo = k;
    }
    if (found === undefined) return undefined;
    hi = found;
  }
  while (hi - lo > 1) {
    const m = Math.floor((lo + hi) / 2);
    if (completes(m)) hi = m;
    else lo = m;
  }
  return hi;
}

export function findFixes(stalled: StalledDeployment, whatIf: (o: Overrides) => WhatIf): string[] {
  const fixes: string[] = [];
  const { result, task } = stalled;
  const d = result.desiredCount;
  const run = onceEach(whatIf);
  const completes = (o: Overrides) => run(o).completed;
  const { minHealthy, maxTasks } = deploymentBounds(d, result.minimumHealthyPercent, result.maximumPercent);

  if (isRollingUpdate(stalled.strategy) && minHealthy > 0 && d > 0) {
    // The largest minimum that still lets the deployment finish; fewer tasks kept always frees more room.
    let lo = 0;
    let hi = minHealthy - 1;
    let best = -1;
    while (lo <= hi) {
      const m = Math.floor((lo + hi) / 2);
      if (completes({ minimumHealthyPercent: Math.floor((m * 100) / d) })) {
        best = m;
        lo = m + 1;
      } else hi = m - 1;
    }
    if (best >= 0) {
      const percent = Math.floor((best * 100) / d);
      fixes.push(
        `minimumHealthyPercent ${percent} (or lower): ECS may stop ${plural(minHealthy - best, 'old task')} before the new ones start, freeing their room`,
      );
    }
  }
  if (isRollingUpdate(stalled.strategy) && maxTasks <= d && d > 0) {
    const percent = Math.ceil(((d + 1) * 100) / d);
    if (completes({ maximumPercent: percent }))
      fixes.push(`maximumPercent ${percent} (or higher): ECS may start a new task before it stops an old one`);
  }
  if (
    (task.tcpPorts.length > 0 || task.udpPorts.length > 0) &&
    result.reason?.code === 'port-conflict' &&
    completes({ dynamicPorts: true })
  ) {
    fixes.push(
      task.networkMode === 'host'
        ? 'awsvpc network mode, or bridge mode with hostPort 0: old and new tasks then do not compete for the same host port'
        : 'dynamic host ports (hostPort 0 or no hostPort in bridge mode): old and new tasks can then share an instance',
    );
  }
  if (!stalled.fargate) {
    // Up to twice the desired count, and at most 10,000 instances more.
    let most = 1;
    while (most * 2 <= Math.min(Math.max(1, 2 * d), 10_000)) most *= 2;
    const found = fewestExtraInstances(d, most, run);
    if (found !== undefined) {
      const type = stalled.instanceType;
      fixes.push(
        `${found} more ${type ? `${type} ` : ''}instance${found === 1 ? '' : 's'} in the cluster (or a capacity provider with managed scaling in the service's strategy)`,
      );
    }
  }
  return fixes;
}
