/** Generated cluster files for benches and tests: describe-container-instances output as the AWS CLI prints it. */

/** One container instance with the attributes a current ECS-optimized AMI registers. */
function instance(i: number): unknown {
  const id = i.toString(16).padStart(17, '0');
  return {
    containerInstanceArn: `arn:aws:ecs:us-east-1:123456789012:container-instance/prod/${i.toString(16).padStart(32, '0')}`,
    ec2InstanceId: `i-${id}`,
    version: 1,
    versionInfo: { agentVersion: '1.86.3', agentHash: 'a1b2c3d4', dockerVersion: 'DockerVersion: 25.0.6' },
    status: 'ACTIVE',
    agentConnected: true,
    runningTasksCount: 0,
    pendingTasksCount: 0,
    registeredResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 7680 },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2375', '2376', '51678', '51679'] },
      { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
    ],
    remainingResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 7680 },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2375', '2376', '51678', '51679'] },
      { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
    ],
    attributes: [
      { name: 'ecs.instance-type', value: 'm5.large' },
      { name: 'ecs.availability-zone', value: `us-east-1${'abc'[i % 3]}` },
      { name: 'ecs.os-type', value: 'linux' },
      { name: 'ecs.cpu-architecture', value: 'x86_64' },
      { name: 'ecs.ami-id', value: 'ami-0123456789abcdef0' },
      { name: 'ecs.vpc-id', value: 'vpc-0123456789abcdef0' },
      { name: 'ecs.subnet-id', value: 'subnet-0123456789abcdef0' },
      ...Array.from({ length: 20 }, (_, k) => ({ name: `com.amazonaws.ecs.capability.docker-remote-api.1.${17 + k}` })),
      ...['awslogs', 'fluentd', 'gelf', 'json-file', 'syslog', 'journald'].map((d) => ({
        name: `com.amazonaws.ecs.capability.logging-driver.${d}`,
      })),
    ],
    registeredAt: '2026-01-01T00:00:00.000000+00:00',
    attachments: [],
    tags: [],
  };
}

/** `n` instances, indented as `aws ecs describe-container-instances` prints them (4 spaces): about 4.5 KiB each. */
export function describeContainerInstances(n: number): string {
  return JSON.stringify(
    { containerInstances: Array.from({ length: n }, (_, i) => instance(i)), failures: [] },
    null,
    4,
  );
}
