/**
 * The settings that would let a stalled deployment finish, each tried by running the deployment again with it.
 * Settings that give the same run (minimum percentages that round alike) run once.
 */
import { deploymentBounds } from '../ecs/deployments';
import type { TaskRequirement } from '../placement/taskModel';
import type { DeploymentResult } from './types';

/** What a what-if run changes. */
export interface Overrides {
  minimumHealthyPercent?: number;
  maximumPercent?: number;
  dynamicPorts?: boolean;
  extraInstances?: number;
  /** A what-if run behind a fix: only its outcome is read, so it builds no reasons for unplaced tasks and no timeline. */
  quiet?: boolean;
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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Runs each distinct setting once; `run` says whether the deployment completes with it. */
export function onceEach(run: (o: Overrides) => boolean): (o: Overrides) => boolean {
  const outcomes = new Map<string, boolean>();
  return (o) => {
    const key = JSON.stringify(o);
    let done = outcomes.get(key);
    if (done === undefined) outcomes.set(key, (done = run(o)));
    return done;
  };
}

export function findFixes(stalled: StalledDeployment, run: (o: Overrides) => boolean): string[] {
  const fixes: string[] = [];
  const { result, task } = stalled;
  const d = result.desiredCount;
  const completes = onceEach(run);
  const { minHealthy, maxTasks } = deploymentBounds(d, result.minimumHealthyPercent, result.maximumPercent);

  if (stalled.strategy === 'ROLLING' && minHealthy > 0 && d > 0) {
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
  if (stalled.strategy === 'ROLLING' && maxTasks <= d && d > 0) {
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
    let found: number | undefined;
    for (let k = 1; k <= Math.max(1, 2 * d) && k <= 10_000; k *= 2) {
      if (completes({ extraInstances: k })) {
        let lo = Math.floor(k / 2) + 1;
        let hi = k;
        while (lo < hi) {
          const m = Math.floor((lo + hi) / 2);
          if (completes({ extraInstances: m })) hi = m;
          else lo = m + 1;
        }
        found = lo;
        break;
      }
    }
    if (found !== undefined) {
      const type = stalled.instanceType;
      fixes.push(
        `${found} more ${type ? `${type} ` : ''}instance${found === 1 ? '' : 's'} in the cluster (or a capacity provider with managed scaling in the service's strategy)`,
      );
    }
  }
  return fixes;
}
