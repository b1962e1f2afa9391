/** Builders for the deployment and scaling tests: a cluster whose instances already run the service's tasks. */
export { cluster, service, taskDef } from '../placement/helpers';

/** `count` instances of a type, each running `perInstance` tasks of service:web that ask for cpu/memory and the given host ports. */
export function runningCluster(
  count: number,
  instanceType: string,
  perInstance: number,
  task: { cpu: number; memory: number; hostPorts?: number[] },
  extra: Record<string, unknown> = {},
  availabilityZones: string[] = ['us-east-1a', 'us-east-1b'],
): Record<string, unknown> {
  return {
    name: 'test',
    instanceGroups: [
      {
        instanceType,
        count,
        availabilityZones,
        runningTasks:
          perInstance > 0
            ? [
                {
                  group: 'service:web',
                  count: perInstance,
                  cpu: task.cpu,
                  memory: task.memory,
                  hostPorts: task.hostPorts ?? [],
                },
              ]
            : [],
      },
    ],
    ...extra,
  };
}

/** A target tracking policy that keeps the service's average CPU at 50 %. */
export const cpu50 = {
  PolicyName: 'cpu50',
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: {
    TargetValue: 50,
    PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
  },
};
