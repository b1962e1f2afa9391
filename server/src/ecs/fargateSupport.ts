// Source: Amazon ECS Developer Guide, "Task definition differences for Fargate" (parameters Fargate does not accept).

/** Task-definition members a Fargate task may not set. */
export const fargateUnsupportedTaskMembers: readonly string[] = [
  'placementConstraints',
  'ipcMode',
  'inferenceAccelerators',
];

/** Container-definition members a Fargate task may not set. */
export const fargateUnsupportedContainerMembers: readonly string[] = [
  'links',
  'privileged',
  'disableNetworking',
  'dnsServers',
  'dnsSearchDomains',
  'extraHosts',
  'dockerSecurityOptions',
];

/** linuxParameters members a Fargate task may not set. */
export const fargateUnsupportedLinuxParameters: readonly string[] = [
  'devices',
  'sharedMemorySize',
  'tmpfs',
  'maxSwap',
  'swappiness',
];

/** The only Linux capability Fargate lets a container add. */
export const fargateAddableCapabilities: readonly string[] = ['SYS_PTRACE'];

/** The only pidMode Fargate accepts. */
export const fargatePidMode = 'task';
