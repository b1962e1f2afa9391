import type { DocumentKind } from '../../service/documentKind';

// Source: hashicorp/terraform-provider-aws, v6 line (main branch, late 2025), the resource schemas in
// internal/service/ecs/task_definition.go and service.go and their expand* functions (which API member each
// argument fills); aws_ecs_daemon_task_definition from daemon_task_definition.go and
// aws_ecs_express_gateway_service from express_gateway_service.go (see their tables below).
// test/unit/surfaces/terraform/resources.test.ts checks every argument against that schema.

/** How Terraform turns an argument's value into the API member's. */
export type ValueForm =
  /** Terraform converts a number or bool literal to the string the argument is typed as (`cpu = 256`). */
  | 'string'
  | 'number'
  | 'boolean'
  /** A list or set of scalars. */
  | 'list'
  /** A map of strings, sent as an object (`options`, `driver_opts`). */
  | 'map'
  /** A map sent as `[{key, value}]` (`tags`). */
  | 'tags'
  /** A map sent as `[{name, value}]` (`proxy_configuration.properties`). */
  | 'nameValue'
  /** A bool sent as "ENABLED" / "DISABLED" (`assign_public_ip`). */
  | 'enabledDisabled'
  /** JSON text of the container definitions (`jsonencode(…)`, a heredoc, `file(…)`). */
  | 'containerDefinitions';

export interface Argument {
  /** The API member it fills, as a path under the API object its block maps to. */
  api?: readonly string[];
  form?: ValueForm;
  /** A nested block: the API takes one object (`object`) or a list of them (`array`). */
  block?: 'object' | 'array';
  /**
   * Written as an attribute whose value is a list of objects (`x = [{ … }]`) instead of as blocks (a Plugin
   * Framework list-of-objects attribute); `block` still says whether the API takes the one object or the list.
   */
  attribute?: true;
  args?: ArgumentTable;
  /** Read by Terraform or the provider only, never sent to ECS: why. */
  surfaceOnly?: string;
}

export type ArgumentTable = Readonly<Record<string, Argument>>;

export interface ResourceMapping {
  kind: DocumentKind;
  args: ArgumentTable;
}

const a = (api: string, form?: ValueForm): Argument => ({ api: api.split('.'), form });
const obj = (api: string, args: ArgumentTable): Argument => ({ api: api.split('.'), block: 'object', args });
const arr = (api: string, args: ArgumentTable): Argument => ({ api: api.split('.'), block: 'array', args });
const only = (why: string): Argument => ({ surfaceOnly: why });
/** `x = [{ … }]`, the list's one object sent as the API object. */
const attrObj = (api: string, args: ArgumentTable): Argument => ({ ...obj(api, args), attribute: true });

/** Arguments every resource has: Terraform's meta-arguments and the provider's own. */
export const metaArguments: ArgumentTable = {
  count: only('Terraform meta-argument'),
  for_each: only('Terraform meta-argument'),
  provider: only('Terraform meta-argument'),
  depends_on: only('Terraform meta-argument'),
  lifecycle: { surfaceOnly: 'Terraform meta-argument', block: 'object' },
  provisioner: { surfaceOnly: 'Terraform meta-argument', block: 'object' },
  connection: { surfaceOnly: 'Terraform meta-argument', block: 'object' },
  timeouts: { surfaceOnly: 'how long the provider waits', block: 'object' },
  region: only('the region the provider calls (provider v6)'),
  tags_all: only('computed: tags with the provider default_tags'),
  id: only('computed'),
  arn: only('computed'),
};

const placementConstraint: ArgumentTable = { expression: a('expression'), type: a('type') };

const efsAuthorization: ArgumentTable = { access_point_id: a('accessPointId'), iam: a('iam') };
const fsxAuthorization: ArgumentTable = {
  credentials_parameter: a('credentialsParameter'),
  domain: a('domain'),
};

const taskDefinition: ArgumentTable = {
  container_definitions: a('containerDefinitions', 'containerDefinitions'),
  cpu: a('cpu', 'string'),
  enable_fault_injection: a('enableFaultInjection', 'boolean'),
  ephemeral_storage: obj('ephemeralStorage', { size_in_gib: a('sizeInGiB', 'number') }),
  execution_role_arn: a('executionRoleArn'),
  family: a('family', 'string'),
  inference_accelerator: arr('inferenceAccelerators', {
    device_name: a('deviceName'),
    device_type: a('deviceType'),
  }),
  ipc_mode: a('ipcMode'),
  memory: a('memory', 'string'),
  network_mode: a('networkMode'),
  pid_mode: a('pidMode'),
  placement_constraints: arr('placementConstraints', placementConstraint),
  proxy_configuration: obj('proxyConfiguration', {
    container_name: a('containerName'),
    properties: a('properties', 'nameValue'),
    type: a('type'),
  }),
  requires_compatibilities: a('requiresCompatibilities', 'list'),
  runtime_platform: obj('runtimePlatform', {
    cpu_architecture: a('cpuArchitecture'),
    operating_system_family: a('operatingSystemFamily'),
  }),
  tags: a('tags', 'tags'),
  task_role_arn: a('taskRoleArn'),
  volume: arr('volumes', {
    name: a('name'),
    host_path: a('host.sourcePath'),
    configure_at_launch: a('configuredAtLaunch', 'boolean'),
    docker_volume_configuration: obj('dockerVolumeConfiguration', {
      autoprovision: a('autoprovision', 'boolean'),
      driver: a('driver'),
      driver_opts: a('driverOpts', 'map'),
      labels: a('labels', 'map'),
      scope: a('scope'),
    }),
    efs_volume_configuration: obj('efsVolumeConfiguration', {
      authorization_config: obj('authorizationConfig', efsAuthorization),
      file_system_id: a('fileSystemId'),
      root_directory: a('rootDirectory'),
      transit_encryption: a('transitEncryption'),
      transit_encryption_port: a('transitEncryptionPort', 'number'),
    }),
    fsx_windows_file_server_volume_configuration: obj('fsxWindowsFileServerVolumeConfiguration', {
      authorization_config: obj('authorizationConfig', fsxAuthorization),
      file_system_id: a('fileSystemId'),
      root_directory: a('rootDirectory'),
    }),
  }),
  arn_without_revision: only('computed'),
  revision: only('computed'),
  skip_destroy: only('keeps the old revision registered when Terraform replaces it'),
  track_latest: only('makes Terraform follow revisions registered outside it'),
};

const logConfiguration: ArgumentTable = {
  log_driver: a('logDriver'),
  options: a('options', 'map'),
  secret_option: arr('secretOptions', { name: a('name'), value_from: a('valueFrom') }),
};

const service: ArgumentTable = {
  alarms: obj('deploymentConfiguration.alarms', {
    alarm_names: a('alarmNames', 'list'),
    enable: a('enable', 'boolean'),
    rollback: a('rollback', 'boolean'),
  }),
  availability_zone_rebalancing: a('availabilityZoneRebalancing'),
  capacity_provider_strategy: arr('capacityProviderStrategy', {
    base: a('base', 'number'),
    capacity_provider: a('capacityProvider'),
    weight: a('weight', 'number'),
  }),
  cluster: a('cluster'),
  deployment_circuit_breaker: obj('deploymentConfiguration.deploymentCircuitBreaker', {
    enable: a('enable', 'boolean'),
    rollback: a('rollback', 'boolean'),
  }),
  deployment_configuration: obj('deploymentConfiguration', {
    bake_time_in_minutes: a('bakeTimeInMinutes', 'number'),
    linear_configuration: obj('linearConfiguration', {
      step_bake_time_in_minutes: a('stepBakeTimeInMinutes', 'number'),
      step_percent: a('stepPercent', 'number'),
    }),
    canary_configuration: obj('canaryConfiguration', {
      canary_bake_time_in_minutes: a('canaryBakeTimeInMinutes', 'number'),
      canary_percent: a('canaryPercent', 'number'),
    }),
    lifecycle_hook: arr('lifecycleHooks', {
      hook_target_arn: a('hookTargetArn'),
      lifecycle_stages: a('lifecycleStages', 'list'),
      role_arn: a('roleArn'),
      hook_details: only('JSON the provider decodes into hookDetails; not checked'),
    }),
    strategy: a('strategy'),
  }),
  deployment_controller: obj('deploymentController', { type: a('type') }),
  deployment_maximum_percent: a('deploymentConfiguration.maximumPercent', 'number'),
  deployment_minimum_healthy_percent: a('deploymentConfiguration.minimumHealthyPercent', 'number'),
  desired_count: a('desiredCount', 'number'),
  enable_ecs_managed_tags: a('enableECSManagedTags', 'boolean'),
  enable_execute_command: a('enableExecuteCommand', 'boolean'),
  health_check_grace_period_seconds: a('healthCheckGracePeriodSeconds', 'number'),
  iam_role: a('role'),
  launch_type: a('launchType'),
  load_balancer: arr('loadBalancers', {
    container_name: a('containerName'),
    container_port: a('containerPort', 'number'),
    elb_name: a('loadBalancerName'),
    target_group_arn: a('targetGroupArn'),
    advanced_configuration: obj('advancedConfiguration', {
      alternate_target_group_arn: a('alternateTargetGroupArn'),
      production_listener_rule: a('productionListenerRule'),
      test_listener_rule: a('testListenerRule'),
      role_arn: a('roleArn'),
    }),
  }),
  name: a('serviceName', 'string'),
  network_configuration: obj('networkConfiguration.awsvpcConfiguration', {
    assign_public_ip: a('assignPublicIp', 'enabledDisabled'),
    security_groups: a('securityGroups', 'list'),
    subnets: a('subnets', 'list'),
  }),
  ordered_placement_strategy: arr('placementStrategy', { field: a('field'), type: a('type') }),
  placement_constraints: arr('placementConstraints', placementConstraint),
  platform_version: a('platformVersion'),
  propagate_tags: a('propagateTags'),
  scheduling_strategy: a('schedulingStrategy'),
  service_connect_configuration: obj('serviceConnectConfiguration', {
    access_log_configuration: obj('accessLogConfiguration', {
      format: a('format'),
      include_query_parameters: a('includeQueryParameters'),
    }),
    enabled: a('enabled', 'boolean'),
    log_configuration: obj('logConfiguration', logConfiguration),
    namespace: a('namespace'),
    service: arr('services', {
      client_alias: arr('clientAliases', {
        dns_name: a('dnsName'),
        port: a('port', 'number'),
        test_traffic_rules: obj('testTrafficRules', {
          header: obj('header', { name: a('name'), value: obj('value', { exact: a('exact') }) }),
        }),
      }),
      discovery_name: a('discoveryName'),
      ingress_port_override: a('ingressPortOverride', 'number'),
      port_name: a('portName'),
      timeout: obj('timeout', {
        idle_timeout_seconds: a('idleTimeoutSeconds', 'number'),
        per_request_timeout_seconds: a('perRequestTimeoutSeconds', 'number'),
      }),
      tls: obj('tls', {
        issuer_cert_authority: obj('issuerCertificateAuthority', { aws_pca_authority_arn: a('awsPcaAuthorityArn') }),
        kms_key: a('kmsKey'),
        role_arn: a('roleArn'),
      }),
    }),
  }),
  service_registries: arr('serviceRegistries', {
    container_name: a('containerName'),
    container_port: a('containerPort', 'number'),
    port: a('port', 'number'),
    registry_arn: a('registryArn'),
  }),
  tags: a('tags', 'tags'),
  task_definition: a('taskDefinition'),
  volume_configuration: arr('volumeConfigurations', {
    name: a('name'),
    managed_ebs_volume: obj('managedEBSVolume', {
      encrypted: a('encrypted', 'boolean'),
      file_system_type: a('filesystemType'),
      iops: a('iops', 'number'),
      kms_key_id: a('kmsKeyId'),
      role_arn: a('roleArn'),
      size_in_gb: a('sizeInGiB', 'number'),
      snapshot_id: a('snapshotId'),
      tag_specifications: arr('tagSpecifications', {
        propagate_tags: a('propagateTags'),
        resource_type: a('resourceType'),
        tags: a('tags', 'tags'),
      }),
      throughput: a('throughput', 'number'),
      volume_initialization_rate: a('volumeInitializationRate', 'number'),
      volume_type: a('volumeType'),
    }),
  }),
  vpc_lattice_configurations: arr('vpcLatticeConfigurations', {
    role_arn: a('roleArn'),
    target_group_arn: a('targetGroupArn'),
    port_name: a('portName'),
  }),
  force_delete: only('lets Terraform delete a service that still runs tasks'),
  force_new_deployment: only('makes Terraform call UpdateService with forceNewDeployment'),
  triggers: only('values whose change forces a new deployment'),
  wait_for_steady_state: only('makes Terraform wait for the deployment to finish'),
  sigint_rollback: only('makes Terraform roll back a deployment it was waiting for when interrupted'),
};

// aws_ecs_daemon_task_definition: internal/service/ecs/daemon_task_definition.go (a Plugin Framework resource).
// AutoFlex expands each attribute into the RegisterDaemonTaskDefinitionInput field of the same name (its
// tfsdk tag in CamelCase, blocks that allow one element as objects); `volume` is expanded by hand
// (expandDaemonVolumesFromModel: host_path → host.sourcePath).
const daemonSecret: ArgumentTable = { name: a('name'), value_from: a('valueFrom') };
const daemonContainer: ArgumentTable = {
  command: a('command', 'list'),
  cpu: a('cpu', 'number'),
  depends_on: arr('dependsOn', { condition: a('condition'), container_name: a('containerName') }),
  entry_point: a('entryPoint', 'list'),
  environment: arr('environment', { name: a('name'), value: a('value') }),
  environment_file: arr('environmentFiles', { type: a('type'), value: a('value') }),
  essential: a('essential', 'boolean'),
  firelens_configuration: obj('firelensConfiguration', { options: a('options', 'map'), type: a('type') }),
  health_check: obj('healthCheck', {
    command: a('command', 'list'),
    interval: a('interval', 'number'),
    retries: a('retries', 'number'),
    start_period: a('startPeriod', 'number'),
    timeout: a('timeout', 'number'),
  }),
  image: a('image'),
  interactive: a('interactive', 'boolean'),
  linux_parameters: obj('linuxParameters', {
    capabilities: obj('capabilities', { add: a('add', 'list'), drop: a('drop', 'list') }),
    device: arr('devices', {
      container_path: a('containerPath'),
      host_path: a('hostPath'),
      permissions: a('permissions', 'list'),
    }),
    init_process_enabled: a('initProcessEnabled', 'boolean'),
    tmpfs: arr('tmpfs', {
      container_path: a('containerPath'),
      mount_options: a('mountOptions', 'list'),
      size: a('size', 'number'),
    }),
  }),
  log_configuration: obj('logConfiguration', {
    log_driver: a('logDriver'),
    options: a('options', 'map'),
    secret_option: arr('secretOptions', daemonSecret),
  }),
  memory: a('memory', 'number'),
  memory_reservation: a('memoryReservation', 'number'),
  mount_point: arr('mountPoints', {
    container_path: a('containerPath'),
    read_only: a('readOnly', 'boolean'),
    source_volume: a('sourceVolume'),
  }),
  name: a('name'),
  privileged: a('privileged', 'boolean'),
  pseudo_terminal: a('pseudoTerminal', 'boolean'),
  readonly_root_filesystem: a('readonlyRootFilesystem', 'boolean'),
  repository_credentials: obj('repositoryCredentials', { credentials_parameter: a('credentialsParameter') }),
  restart_policy: obj('restartPolicy', {
    enabled: a('enabled', 'boolean'),
    ignored_exit_codes: a('ignoredExitCodes', 'list'),
    restart_attempt_period: a('restartAttemptPeriod', 'number'),
  }),
  secret: arr('secrets', daemonSecret),
  start_timeout: a('startTimeout', 'number'),
  stop_timeout: a('stopTimeout', 'number'),
  system_control: arr('systemControls', { namespace: a('namespace'), value: a('value') }),
  ulimit: arr('ulimits', {
    hard_limit: a('hardLimit', 'number'),
    name: a('name'),
    soft_limit: a('softLimit', 'number'),
  }),
  user: a('user'),
  working_directory: a('workingDirectory'),
};
const daemonTaskDefinition: ArgumentTable = {
  container_definition: arr('containerDefinitions', daemonContainer),
  cpu: a('cpu', 'string'),
  execution_role_arn: a('executionRoleArn'),
  family: a('family', 'string'),
  memory: a('memory', 'string'),
  revision: only('computed'),
  status: only('computed'),
  tags: a('tags', 'tags'),
  task_role_arn: a('taskRoleArn'),
  volume: arr('volumes', { host_path: a('host.sourcePath'), name: a('name') }),
};

// aws_ecs_express_gateway_service: internal/service/ecs/express_gateway_service.go (a Plugin Framework resource).
// AutoFlex expands the model into CreateExpressGatewayServiceInput field by field (tfsdk tag in CamelCase; a
// list that allows one element as the object); `network_configuration`, `scaling_target` and
// `primary_container.aws_logs_configuration` are list-of-objects attributes (`x = [{ … }]`), the rest blocks.
const expressService: ArgumentTable = {
  cluster: a('cluster'),
  cpu: a('cpu', 'string'),
  execution_role_arn: a('executionRoleArn'),
  health_check_path: a('healthCheckPath'),
  infrastructure_role_arn: a('infrastructureRoleArn'),
  memory: a('memory', 'string'),
  network_configuration: attrObj('networkConfiguration', {
    security_groups: a('securityGroups', 'list'),
    subnets: a('subnets', 'list'),
  }),
  primary_container: obj('primaryContainer', {
    aws_logs_configuration: attrObj('awsLogsConfiguration', {
      log_group: a('logGroup'),
      log_stream_prefix: a('logStreamPrefix'),
    }),
    command: a('command', 'list'),
    container_port: a('containerPort', 'number'),
    environment: arr('environment', { name: a('name'), value: a('value') }),
    image: a('image'),
    repository_credentials: obj('repositoryCredentials', { credentials_parameter: a('credentialsParameter') }),
    secret: arr('secrets', { name: a('name'), value_from: a('valueFrom') }),
  }),
  scaling_target: attrObj('scalingTarget', {
    auto_scaling_metric: a('autoScalingMetric'),
    auto_scaling_target_value: a('autoScalingTargetValue', 'number'),
    max_task_count: a('maxTaskCount', 'number'),
    min_task_count: a('minTaskCount', 'number'),
  }),
  service_name: a('serviceName', 'string'),
  tags: a('tags', 'tags'),
  task_role_arn: a('taskRoleArn'),
  current_deployment: only('computed'),
  ingress_paths: only('computed: the endpoints ECS gives the service'),
  service_arn: only('computed'),
  service_revision_arn: only('computed'),
  wait_for_steady_state: only('makes Terraform wait for the deployment to finish'),
};

/** The ECS resources the Terraform surface reads, by resource type. */
export const terraformResources: Readonly<Record<string, ResourceMapping>> = {
  aws_ecs_task_definition: { kind: 'task-definition', args: taskDefinition },
  aws_ecs_service: { kind: 'service', args: service },
  aws_ecs_daemon_task_definition: { kind: 'daemon-task-definition', args: daemonTaskDefinition },
  aws_ecs_express_gateway_service: { kind: 'express-service', args: expressService },
};

/** An argument of a resource or nested block, meta-arguments included at the top level. */
export function argumentOf(table: ArgumentTable, name: string, topLevel: boolean): Argument | undefined {
  return Object.hasOwn(table, name)
    ? table[name]
    : topLevel && Object.hasOwn(metaArguments, name)
      ? metaArguments[name]
      : undefined;
}

/** The argument that fills an API member (for renaming a member in the source's spelling). */
export function argumentFor(table: ArgumentTable, apiName: string): string | undefined {
  for (const [name, arg] of Object.entries(table)) if (arg.api?.length === 1 && arg.api[0] === apiName) return name;
  return undefined;
}
