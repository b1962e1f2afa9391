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
