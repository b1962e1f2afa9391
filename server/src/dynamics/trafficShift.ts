/**
 * Traffic shift for ECS native blue/green, linear and canary deployments: once the whole green set is healthy,
 * production traffic moves to it in the strategy's steps, and after the bake time the old tasks stop.
 */
import { trafficShiftDefaults, isRollingUpdate } from '../ecs/deployments';
import type { Run } from './deploymentRun';
import type { DeploymentSettings } from './serviceInputs';

type Shift = { t: number; percent: number };

/** When each share of traffic moves to the new revision, by strategy, starting at t. */
const shiftsOf: Record<
  Exclude<DeploymentSettings['strategy'], 'ROLLING'>,
  (s: DeploymentSettings, t: number) => Shift[]
> = {
  BLUE_GREEN: (_s, t) => [{ t, percent: 100 }],
  LINEAR: (s, t) => {
    const step = s.linear?.stepPercent ?? trafficShiftDefaults.linearStepPercent;
    const bake = (s.linear?.stepBakeTimeInMinutes ?? trafficShiftDefaults.linearStepBakeMinutes) * 60;
    const shifts: Shift[] = [];
    let percent = 0;
    for (let i = 0; percent < 100; i++) {
      percent = Math.min(100, Math.round((i + 1) * step * 10) / 10);
      shifts.push({ t: t + i * bake, percent });
    }
    return shifts;
  },
  CANARY: (s, t) => {
    const canary = s.canary?.canaryPercent ?? trafficShiftDefaults.canaryPercent;
    const bake = (s.canary?.canaryBakeTimeInMinutes ?? trafficShiftDefaults.canaryBakeMinutes) * 60;
    return [
      { t, percent: canary },
      { t: t + bake, percent: 100 },
    ];
  },
};

/** Blue/green, linear and canary: traffic moves once the whole green set is healthy. */
export function shiftTraffic(run: Run, t: number): void {
  const s = run.p.settings;
  if (isRollingUpdate(s.strategy) || run.trafficStarted) return;
  if (run.count('new', 'healthy') < run.desired) return;
  run.trafficStarted = true;
  const shifts = shiftsOf[s.strategy](s, t);
  for (const shift of shifts) {
    run.traffic.push(shift);
    run.event(shift.t, `${shift.percent}% of production traffic on the new revision`);
  }
  run.blueStopAt = shifts[shifts.length - 1].t + s.bakeTimeMinutes * 60;
  run.event(run.blueStopAt, `bake time over: the old revision's tasks stop`);
}
