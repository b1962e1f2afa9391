// Attributes ECS sets on container instances (developer guide, "task placement constraints"),
// with value sets from the RegisterTaskDefinition RuntimePlatform and CPUArchitecture enums.

export interface BuiltinAttribute {
  name: string;
  description: string;
  example?: string;
  /** Every value the attribute can take, when that set is closed. */
  values?: readonly string[];
  /** Set only on some instances. */
  optional?: boolean;
}

export const OS_FAMILIES: readonly string[] = [
  'LINUX',
  'WINDOWS_SERVER_2016_FULL',
  'WINDOWS_SERVER_2019_FULL',
  'WINDOWS_SERVER_2019_CORE',
  'WINDOWS_SERVER_2022_FULL',
  'WINDOWS_SERVER_2022_CORE',
  'WINDOWS_SERVER_2025_FULL',
  'WINDOWS_SERVER_2025_CORE',
  'WINDOWS_SERVER_20H2_CORE',
  'WINDOWS_SERVER_2004_CORE',
];

export const BUILTIN_ATTRIBUTES: readonly BuiltinAttribute[] = [
  { name: 'ecs.ami-id', description: 'ID of the AMI the instance was launched from.', example: 'ami-1234abcd' },
  { name: 'ecs.availability-zone', description: 'Availability Zone of the instance.', example: 'us-east-1a' },
  { name: 'ecs.instance-type', description: 'EC2 instance type of the instance.', example: 'g2.2xlarge' },
  { name: 'ecs.os-type', description: 'Operating system of the instance.', values: ['linux', 'windows'] },
  {
    name: 'ecs.os-family',
    description: "Operating system family, as in a task definition's runtimePlatform.operatingSystemFamily.",
    values: OS_FAMILIES,
  },
  { name: 'ecs.cpu-architecture', description: 'CPU architecture of the instance.', values: ['x86_64', 'arm64'] },
  { name: 'ecs.vpc-id', description: 'VPC the instance runs in.', example: 'vpc-1234abcd' },
  { name: 'ecs.subnet-id', description: 'Subnet of the instance.', example: 'subnet-1234abcd' },
  {
    name: 'ecs.awsvpc-trunk-id',
    description: 'Present when the instance has a trunk network interface (ENI trunking).',
    optional: true,
  },
  {
    name: 'ecs.outpost-arn',
    description: 'ARN of the Outpost the instance runs on; present only on Outposts.',
    optional: true,
  },
  {
    name: 'ecs.capability.external',
    description: 'Present on external (ECS Anywhere) instances.',
    values: ['true'],
    optional: true,
  },
];

export function builtinAttribute(name: string): BuiltinAttribute | undefined {
  return BUILTIN_ATTRIBUTES.find((a) => a.name === name);
}
