// The list is the union's only spelling, so it names every tool; `deployTools` below then needs a row for each.
const names = ['aws-cli', 'github-action', 'ecspresso', 'codedeploy', 'terraform'] as const;

/** The tools that take a task-definition or service file to ECS, and what each does to the file first. */
export type DeployContextName = (typeof names)[number];

export const deployContextNames: readonly DeployContextName[] = names;

export interface DeployToolFacts {
  /** How the tool is named in messages. */
  title: string;
  /** The title is a name written in lower case (ecspresso, aws-actions/…): a sentence starts with it as it is. */
  lowercaseName: boolean;
  /** Explicit nulls are dropped (not sent) instead of rejected. */
  dropsNull: boolean;
  /** Empty strings are dropped (not sent). */
  dropsEmptyString: boolean;
  /** Empty lists (recursively empty) are dropped. */
  dropsEmptyLists: boolean;
  /** Empty objects (recursively empty) are dropped. */
  dropsEmptyObjects: boolean;
  /** Numeric zero is taken as unset for these members (value-typed numbers of the tool's SDK). */
  dropsZero: boolean;
  zeroDroppedMembers?: readonly string[];
  /** Member names are matched whatever their case. */
  caseInsensitiveKeys: boolean;
  /** Members the API does not define are dropped, not rejected. */
  dropsUnknownMembers: boolean;
  /**
   * Where the tool drops them without a word (no log line, no plan diff), the source that says so: such a
   * member is a mistake nobody would see, so it stays an error.
   */
  dropsUnknownMembersSilently?: string;
  /** Top-level members of describe-task-definition output that the tool removes. */
  removesReadOnly: readonly string[] | 'all';
  /** The tool names the service itself (create-service's serviceName is not needed in the file). */
  suppliesServiceName: boolean;
  /** A member given twice in one object is refused (the file is parsed as YAML), not the last one taken. */
  refusesDuplicateKeys: boolean;
  /** A task definition's describe-only members are refused when registered (an error, not a cleanup hint). */
  refusesDescribeOnlyMembers: boolean;
  /** The tool fills a container's image before ECS sees the file (renders a template or sets the image). */
  fillsImages: boolean;
  /** The tool shifts traffic to the container and port an appspec beside the file names (CodeDeploy blue/green). */
  routesThroughAppspec: boolean;
}

const strict: DeployToolFacts = {
  title: 'the AWS CLI',
  lowercaseName: false,
  dropsNull: false,
  dropsEmptyString: false,
  dropsEmptyLists: false,
  dropsEmptyObjects: false,
  dropsZero: false,
  caseInsensitiveKeys: false,
  dropsUnknownMembers: false,
  removesReadOnly: [],
  suppliesServiceName: false,
  refusesDuplicateKeys: false,
  refusesDescribeOnlyMembers: true,
  fillsImages: false,
  routesThroughAppspec: false,
};

export const deployTools: Readonly<Record<DeployContextName, DeployToolFacts>> = {
  // botocore validates every given parameter against the model: null, unknown members and describe-only members are refused.
  'aws-cli': strict,
  // aws-actions/amazon-ecs-deploy-task-definition v2.6.3 (c465972), index.js: cleanNullKeys drops null, "" and
  // recursively empty lists/objects; removeIgnoredAttributes deletes IGNORED_TASK_DEFINITION_ATTRIBUTES; the
  // AWS SDK for JavaScript v3 serializer sends only the members the model defines.
  'github-action': {
    title: 'aws-actions/amazon-ecs-deploy-task-definition',
    lowercaseName: true,
    dropsNull: true,
    dropsEmptyString: true,
    dropsEmptyLists: true,
    dropsEmptyObjects: true,
    dropsZero: false,
    caseInsensitiveKeys: false,
    dropsUnknownMembers: true,
    removesReadOnly: [
      'compatibilities',
      'taskDefinitionArn',
      'requiresAttributes',
      'revision',
      'status',
      'registeredAt',
      'deregisteredAt',
      'registeredBy',
    ],
    suppliesServiceName: false,
    // The action parses the task definition file with yaml 2, which refuses a key given twice ("Map keys must be unique").
    refusesDuplicateKeys: true,
    refusesDescribeOnlyMembers: false,
    // The render action sets the image; the deploy action registers what it renders.
    fillsImages: true,
    routesThroughAppspec: false,
  },
  // kayac/ecspresso v2 (a4e6e32), json.go walkMap: null members and empty lists are deleted and keys re-cased;
  // ecspresso.go unmarshalJSON decodes into aws-sdk-go-v2 types (Go matches field names case-insensitively),
  // logs unknown fields as a warning and ignores them; the Go SDK omits zero-valued enums and value-typed numbers,
  // so "" and those 0s mean unset. LoadServiceDefinition sets serviceName from the config.
  ecspresso: {
    title: 'ecspresso',
    lowercaseName: true,
    dropsNull: true,
    dropsEmptyString: true,
    dropsEmptyLists: true,
    // json.go walkMap deletes empty lists only: an empty object is sent.
    dropsEmptyObjects: false,
    dropsZero: true,
    // aws-sdk-go-v2 service/ecs/types/types.go: only value-typed numbers (CapacityProviderStrategyItem Base and
    // Weight int32, ContainerDefinition Cpu, EphemeralStorage SizeInGiB, Ulimit limits, Tmpfs Size) are left out at 0;
    // pointer numbers (*int32: bakeTimeInMinutes, desiredCount, memory, ports, health check, percents) send their 0.
    zeroDroppedMembers: ['base', 'weight', 'cpu', 'sizeInGiB', 'softLimit', 'hardLimit', 'size'],
    caseInsensitiveKeys: true,
    dropsUnknownMembers: true,
    removesReadOnly: 'all',
    suppliesServiceName: true,
    refusesDuplicateKeys: false,
    refusesDescribeOnlyMembers: false,
    // Its templates ({{ must_env }}, {{ tfstate }}) are rendered before registering.
    fillsImages: true,
    routesThroughAppspec: false,
  },
  // CodePipeline's Amazon ECS (Blue/Green) action substitutes <IMAGE1_NAME>-style placeholders in taskdef.json
  // and registers the result: otherwise as strict as the API.
  codedeploy: {
    ...strict,
    title: 'CodeDeploy (CodePipeline)',
    refusesDescribeOnlyMembers: false,
    fillsImages: true,
    routesThroughAppspec: true,
  },
  // hashicorp/terraform-provider-aws decodes container_definitions JSON into aws-sdk-go-v2 ContainerDefinition
  // values with encoding/json: null means unset and unknown members are ignored, without a word (its issue 43217).
  // The same provider applies aws_ecs_task_definition and aws_ecs_service resources (a null argument is unset).
  terraform: {
    ...strict,
    title: 'the AWS provider for Terraform',
    dropsNull: true,
    dropsUnknownMembers: true,
    dropsUnknownMembersSilently: 'terraform-provider-aws issue 43217',
    refusesDescribeOnlyMembers: false,
    // The image is usually an interpolation of the configuration.
    fillsImages: true,
  },
};

/**
 * Members whose empty string ECS or the log driver refuses: an empty image, log group or reference names nothing.
 * Not taskRoleArn/executionRoleArn: the API's own RegisterTaskDefinition example (SDK model) sends "taskRoleArn": "".
 */
export const nonEmptyMembers: ReadonlySet<string> = new Set([
  // Source: RegisterTaskDefinition / CreateService members that name a resource (SDK doc comments), awslogs driver options.
  'image',
  'credentialsParameter',
  'valueFrom',
  'containerName',
  'sourceVolume',
  'containerPath',
  'fileSystemId',
  'targetGroupArn',
  'loadBalancerName',
  'registryArn',
  'capacityProvider',
  'logDriver',
  'awslogs-group',
  'awslogs-region',
  'awslogs-stream-prefix',
]);

/** Members of describe-services output that create-service does not take (SDK `Service` shape minus CreateServiceRequest). */
export const describeServiceMembers: readonly string[] = [
  'serviceArn',
  'clusterArn',
  'status',
  'runningCount',
  'pendingCount',
  'platformFamily',
  'taskSets',
  'deployments',
  'roleArn',
  'events',
  'createdAt',
  'createdBy',
  'currentServiceDeployment',
  'currentServiceRevisions',
  'resourceManagementType',
];

/** Members update-service takes that create-service does not (SDK UpdateServiceRequest): `service` names the service. */
export const updateServiceOnlyMembers: readonly string[] = ['service', 'forceNewDeployment'];
