/**
 * Simulator-over-time timings: a rolling deployment of 1,000 tasks on 1,000 instances, and 24 hours of
 * service auto scaling at one-minute steps up to 5,000 tasks on 5,000 instances (budget 2 s each).
 * Measures only; budgets are checked from the output.
 */
import { simulateDeployment, simulateScaling } from '../../server/src/dynamics';
import type { DeploymentRequest, ScalingRequest } from '../../server/src/dynamics';
import { median } from './simulate';

const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

export function deployment(staticPort: boolean): DeploymentRequest {
  return {
    cluster: {
      instanceGroups: [
        {
          instanceType: 'm5.large',
          count: 1000,
          availabilityZones: zones,
          runningTasks: [{ group: 'service:bench', cpu: 256, memory: 512, hostPorts: staticPort ? [8080] : [] }],
        },
      ],
    },
    service: {
      serviceName: 'bench',
      desiredCount: 1000,
      deploymentConfiguration: staticPort
        ? { minimumHealthyPercent: 50, maximumPercent: 100 }
        : { minimumHealthyPercent: 100, maximumPercent: 200 },
      loadBalancers: [
        {
          targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/bench/abc',
          containerName: 'app',
          containerPort: 8080,
        },
      ],
    },
    taskDefinition: {
      family: 'bench',
      containerDefinitions: [
        {
          name: 'app',
          image: 'app:2',
          cpu: 256,
          memory: 512,
          portMappings: [{ containerPort: 8080, hostPort: staticPort ? 8080 : 0 }],
        },
      ],
    },
  };
}

/** A day of CPU demand: a night floor, a morning ramp to 5,000 busy tasks' worth at the target, an evening fall. */
export function scaling(capacityProvider: boolean): ScalingRequest {
  const demand: Array<[number, number]> = [];
  for (let h = 0; h < 24; h++) {
    const shape = Math.max(0.05, Math.sin((Math.PI * h) / 24) ** 2);
    demand.push([h * 3600, Math.round(5000 * 512 * shape)]);
  }
  return {
    cluster: {
      ...(capacityProvider
        ? { capacityProvider: { instanceType: 'm5.large', targetCapacity: 100, maxSize: 5000 } }
        : {}),
      instanceGroups: [{ instanceType: 'm5.large', count: capacityProvider ? 500 : 5000, availabilityZones: zones }],
    },
    service: {
      serviceName: 'bench',
      desiredCount: 250,
      ...(capacityProvider ? { capacityProviderStrategy: [{ capacityProvider: 'cp', weight: 1 }] } : {}),
      placementConstraints: capacityProvider ? [] : [{ type: 'distinctInstance' }],
    },
    taskDefinition: {
      family: 'bench',
      containerDefinitions: [{ name: 'app', image: 'app:2', cpu: 1024, memory: 2048 }],
    },
    target: {
      ServiceNamespace: 'ecs',
      ScalableDimension: 'ecs:service:DesiredCount',
      MinCapacity: 100,
      MaxCapacity: 5000,
    },
    policy: {
      PolicyName: 'cpu',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 50,
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      },
    },
    load: { metric: 'CPUUtilization', demand },
    durationSeconds: 24 * 3600,
  };
}

function measure(fn: () => unknown, runs: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export function benchDynamics(): Array<{ name: string; medianMs: number; detail: string }> {
  const cases: Array<{ name: string; fn: () => { detail: string } }> = [
    {
      name: 'deploy: rolling 1,000 tasks on 1,000 instances, maximumPercent 200 (budget 2 s)',
      fn: () => {
        const r = simulateDeployment(deployment(false));
        return { detail: `${r.outcome} in ${r.durationSeconds} s, peak ${r.peakTasks} tasks, ${r.steps.length} steps` };
      },
    },
    {
      name: 'deploy: rolling 1,000 tasks on 1,000 instances, static port, minimumHealthyPercent 50 (budget 2 s)',
      fn: () => {
        const r = simulateDeployment(deployment(true));
        return { detail: `${r.outcome} in ${r.durationSeconds} s, peak ${r.peakTasks} tasks, ${r.steps.length} steps` };
      },
    },
    {
      name: 'scale: 24 h at 1-minute steps, up to 5,000 tasks on 5,000 instances (budget 2 s)',
      fn: () => {
        const r = simulateScaling(scaling(false));
        return { detail: `peak desired ${r.summary.peakDesired}, ${r.events.length} events` };
      },
    },
    {
      name: 'scale: 24 h, capacity provider growing 500 → 5,000 instances (budget 2 s)',
      fn: () => {
        const r = simulateScaling(scaling(true));
        return {
          detail: `peak desired ${r.summary.peakDesired}, peak ${r.summary.peakInstances} instances, ${r.events.length} events`,
        };
      },
    },
  ];
  return cases.map((c) => {
    let detail = '';
    const ms = measure(() => {
      detail = c.fn().detail;
    }, 3);
    return { name: c.name, medianMs: ms, detail };
  });
}

if (require.main === module) {
  for (const r of benchDynamics())
    console.log(`${r.medianMs.toFixed(2).padStart(10)} ms  ${r.name}\n            ${r.detail}`);
}
