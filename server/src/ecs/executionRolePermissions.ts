// Source: Amazon ECS Developer Guide, "Amazon ECS task execution IAM role" (ECR pulls, awslogs, private registry
// authentication, Secrets Manager and Systems Manager secrets, environment files on S3) and the managed policy
// AmazonECSTaskExecutionRolePolicy.

/** Pulling an image from a private ECR repository, scoped to the repository. */
export const ecrPullActions: readonly string[] = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
];

/** The ECR registry login; IAM offers no resource to scope it to. */
export const ecrAuthorizationAction = 'ecr:GetAuthorizationToken';

/** The awslogs driver writing to a log group. */
export const awslogsActions: readonly string[] = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** Only with the awslogs-create-group option set to "true". */
export const awslogsCreateGroupAction = 'logs:CreateLogGroup';

/** A secret (or private registry credentials) from Secrets Manager. */
export const secretsManagerAction = 'secretsmanager:GetSecretValue';

/** Secrets from Systems Manager Parameter Store. */
export const ssmParametersAction = 'ssm:GetParameters';

/** Environment files on S3. */
export const s3EnvironmentFileActions: readonly string[] = ['s3:GetObject'];
export const s3BucketLocationAction = 's3:GetBucketLocation';

// Source: Amazon ECR user guide, pull-through-cache-iam.html: pulling through a cache rule also needs
// ecr:BatchImportUpstreamImage (fetch the upstream image) and ecr:CreateRepository (the first pull creates the
// cached repository).
export const ecrPullThroughCacheActions: readonly string[] = ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'];

// Source: Amazon ECR user guide, pull-through-cache-creating-rule.html: the repository prefixes its examples give
// the upstream registries (a rule may choose another prefix, which ECS Lens cannot see).
export const pullThroughCachePrefixes: readonly string[] = [
  'ecr-public',
  'docker-hub',
  'quay',
  'k8s',
  'registry-k8s-io',
  'github',
  'ghcr',
  'azure',
  'gitlab',
];

// Source: Secrets Manager user guide, troubleshoot.html#ARN_secretnamehyphen and auth-and-access_examples.html:
// a secret's ARN ends in a hyphen and 6 random characters, so a policy for a name without them matches
// `name-??????`; a name already ending in a hyphen and 6 characters is taken as a complete ARN.
export const secretArnSuffix = /-[A-Za-z0-9]{6}$/;
export const secretArnSuffixWildcard = '-??????';
