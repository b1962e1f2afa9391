// The same check in other tools, so findings can be mapped. Each ID was read in the tool's own source:
// Checkov: bridgecrewio/checkov checkov/terraform/checks/resource/aws/ECS*.py (the `id` of each check);
// Trivy: aquasecurity/trivy-checks checks/cloud/aws/ecs/*.rego (METADATA custom.id and aliases);
// KICS: Checkmarx/kics docs/queries/terraform-queries.md (query name and ID);
// AWS Config: awslabs/aws-config-rules aws-config-conformance-packs/Security-Best-Practices-for-ECS.yaml;
// Security Hub: the "Security Hub controls for Amazon ECS" page of the Security Hub user guide.

export interface ScannerIds {
  checkov?: string;
  kics?: string;
  trivy?: string;
  awsConfig?: string;
  securityHub?: string;
  /** Where ECS Lens checks differently from these tools, and why. */
  differences?: string;
}

export const scannerNames: Readonly<Record<Exclude<keyof ScannerIds, 'differences'>, string>> = {
  checkov: 'Checkov',
  kics: 'KICS',
  trivy: 'Trivy',
  awsConfig: 'AWS Config',
  securityHub: 'Security Hub',
};

/** By ECS Lens rule code. A tool missing from an entry has no such check that could be verified. */
export const scannerIds: Readonly<Record<string, ScannerIds>> = {
  'security.privileged': {
    checkov: 'CKV_AWS_334',
    awsConfig: 'ecs-containers-nonprivileged',
    securityHub: 'ECS.4',
    differences:
      'Checkov\'s Terraform check reads a container key named "privilege", which ECS does not have, so it passes privileged containers; ECS Lens reads "privileged".',
  },
  'security.host-namespace': {
    checkov: 'CKV_AWS_335',
    awsConfig: 'ecs-task-definition-user-for-host-mode-check, ecs-task-definition-pid-mode-check',
    securityHub: 'ECS.3, ECS.17',
    differences:
      "Checkov looks for pidMode inside container definitions, where ECS never puts it; ECS Lens reads the task-level pidMode and networkMode and, like AWS Config's host-mode check, accepts a non-root user.",
  },
  'security.writable-root-filesystem': {
    checkov: 'CKV_AWS_336',
    awsConfig: 'ecs-containers-readonly-access',
    securityHub: 'ECS.5',
  },
  'security.environment-secret': {
    kics: 'd40210ea-64b9-4cce-a4fb-e8604f3c062c',
    trivy: 'AVD-AWS-0036',
    awsConfig: 'ecs-no-environment-secrets',
    securityHub: 'ECS.8',
    differences:
      'AWS Config matches a fixed list of variable names; ECS Lens also recognises credential formats (AWS access keys, GitHub, Slack and Stripe tokens, private keys) and random-looking values, and skips names that only refer to a secret (…_ARN, …_FILE, …_NAME).',
  },
  'security.execution-role-as-task-role': { checkov: 'CKV_AWS_249' },
  'task.efs-transit-encryption': { checkov: 'CKV_AWS_97', trivy: 'AVD-AWS-0035' },
  'security.public-ip': { checkov: 'CKV_AWS_333', securityHub: 'ECS.2' },
  'security.fargate-platform-version': {
    checkov: 'CKV_AWS_332',
    awsConfig: 'ecs-fargate-latest-platform-version',
    securityHub: 'ECS.10',
    differences:
      'The scanners also flag a pinned current version; ECS Lens flags only a version older than the newest it knows, since pinning the newest is a deliberate choice.',
  },
  'security.no-logging': { securityHub: 'ECS.9' },
  'security.added-capabilities': {},
  'security.mutable-image-tag': {},
};
