import { parseArn, parseS3ObjectArn } from '../ecs/arns';
import {
  awslogsActions,
  awslogsCreateGroupAction,
  ecrAuthorizationAction,
  ecrPullActions,
  ecrPullThroughCacheActions,
  pullThroughCachePrefixes,
  s3BucketLocationAction,
  s3EnvironmentFileActions,
  secretArnSuffix,
  secretArnSuffixWildcard,
  secretsManagerAction,
  ssmParametersAction,
} from '../ecs/executionRolePermissions';
import { isEcrImage, parseImageReference } from '../ecs/imageReference';
import { isPlaceholder } from '../ecs/placeholders';
import { elements, member, stringValue, type JsonNode } from './json';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
}

export interface ExecutionRolePolicy {
  policy: { Version: '2012-10-17'; Statement: PolicyStatement[] };
  /** What could not be scoped exactly, one sentence each. */
  notes: string[];
}

/** The containers of a task definition body (or of a daemon task definition). */
function containers(body: JsonNode): JsonNode[] {
  return elements(member(body, 'containerDefinitions')).filter((c) => c.type === 'object');
}

/**
 * The least-privilege policy the execution role of this task definition needs: ECR pulls for its ECR images,
 * CloudWatch Logs for its awslogs groups, exactly its secrets, its environment files and registry credentials.
 */
export function executionRolePolicy(body: JsonNode): ExecutionRolePolicy {
  const notes: string[] = [];
  const account = accountOf(body);
  const statements: PolicyStatement[] = [];
  const add = (sid: string, actions: readonly string[], resources: Iterable<string>) => {
    const list = [...new Set(resources)].sort();
    if (list.length) statements.push({ Sid: sid, Effect: 'Allow', Action: [...actions], Resource: list });
  };

  const repositories: string[] = [];
  /** ECR repositories under a pull-through cache prefix (ecr-public/, docker-hub/, …). */
  const cached: string[] = [];
  const logGroups: string[] = [];
  const createGroups: string[] = [];
  const secrets: string[] = [];
  const parameters: string[] = [];
  const objects: string[] = [];
  const buckets: string[] = [];

  const secretRef = (value: string | undefined, where: string) => {
    if (!value) return;
    if (isPlaceholder(value))
      return void notes.push(`${where} is a placeholder (${value}); add its ARN once it is rendered.`);
    const arn = parseArn(value);
    if (arn?.service === 'secretsmanager') {
      // valueFrom may select a JSON key, version stage or version ID after the secret's ARN: the permission is on the secret.
      const [, name] = /^secret:([^:]+)/.exec(arn.resource) ?? [];
      // IAM matches the secret's real ARN, which ends in -XXXXXX: a name without that suffix needs the wildcard.
      const complete = secretArnSuffix.test(name);
      secrets.push(
        `arn:${arn.partition}:secretsmanager:${arn.region}:${arn.account}:secret:${name}${complete ? '' : secretArnSuffixWildcard}`,
      );
    } else if (arn?.service === 'ssm') {
      parameters.push(value);
    } else if (!arn) {
      // A bare parameter name: a parameter of the task's own Region and account.
      const name = value.replace(/^\//, '');
      parameters.push(`arn:aws:ssm:*:${account ?? '*'}:parameter/${name}`);
      notes.push(
        `${where} names the parameter "${value}" without an ARN: it is read in the task's Region${account ? '' : ' and account'}, so the policy leaves ${account ? 'the Region' : 'the Region and account'} open.`,
      );
    } else notes.push(`${where} is a ${arn.service} ARN, which is not a secret source; left out.`);
  };

  for (const c of containers(body)) {
    const name = stringValue(member(c, 'name')) ?? 'a container';
    const image = stringValue(member(c, 'image'));
    if (image && !isPlaceholder(image)) {
      const { ref } = parseImageReference(image);
      if (ref && isEcrImage(ref)) {
        const [acct, , , region] = ref.registry!.split('.');
        const repository = `arn:${ref.registry!.endsWith('.cn') ? 'aws-cn' : 'aws'}:ecr:${region}:${acct}:repository/${ref.repository}`;
        repositories.push(repository);
        const prefix = ref.repository.split('/')[0];
        if (ref.repository.includes('/') && pullThroughCachePrefixes.includes(prefix)) cached.push(repository);
      }
    } else if (image)
      notes.push(`The image of "${name}" is a placeholder (${image}); if it is in ECR, add its repository.`);
    const log = member(c, 'logConfiguration');
    const options = member(log, 'options');
    if (stringValue(member(log, 'logDriver')) === 'awslogs') {
      const group = stringValue(member(options, 'awslogs-group'));
      const region = stringValue(member(options, 'awslogs-region'));
      if (group && !isPlaceholder(group)) {
        const arn = `arn:aws:logs:${region && !isPlaceholder(region) ? region : '*'}:${account ?? '*'}:log-group:${group}`;
        logGroups.push(`${arn}:*`);
        if (stringValue(member(options, 'awslogs-create-group')) === 'true') createGroups.push(`${arn}:*`);
      } else notes.push(`"${name}" logs with awslogs without a literal awslogs-group; add its log group.`);
    }
    for (const s of elements(member(c, 'secrets')))
      secretRef(stringValue(member(s, 'valueFrom')), `A secret of "${name}"`);
    for (const s of elements(member(log, 'secretOptions')))
      secretRef(stringValue(member(s, 'valueFrom')), `A log secret option of "${name}"`);
    const credentials = stringValue(member(member(c, 'repositoryCredentials'), 'credentialsParameter'));
    if (credentials) secretRef(credentials, `The registry credentials of "${name}"`);
    for (const f of elements(member(c, 'environmentFiles'))) {
      const value = stringValue(member(f, 'value'));
      const object = value ? parseS3ObjectArn(value) : undefined;
      if (object) {
        objects.push(value!);
        buckets.push(`arn:aws:s3:::${object.bucket}`);
      }
    }
  }

  add('PullEcrImages', ecrPullActions, repositories);
  if (repositories.length) add('EcrLogin', [ecrAuthorizationAction], ['*']);
  add('PullThroughCache', ecrPullThroughCacheActions, cached);
  if (cached.length)
    notes.push(
      `${cached.length === 1 ? 'An image is' : `${cached.length} images are`} under a pull-through cache prefix (${[...new Set(cached.map((r) => r.split('repository/')[1].split('/')[0]))].join(', ')}/): the first pull imports it and creates the repository.`,
    );
  add('WriteLogs', awslogsActions, logGroups);
  add('CreateLogGroups', [awslogsCreateGroupAction], createGroups);
  add('ReadSecrets', [secretsManagerAction], secrets);
  add('ReadParameters', [ssmParametersAction], parameters);
  add('ReadEnvironmentFiles', s3EnvironmentFileActions, objects);
  add('LocateEnvironmentFileBuckets', [s3BucketLocationAction], buckets);
  if (secrets.length || parameters.length)
    notes.push(
      'Secrets or parameters encrypted with a customer managed KMS key also need kms:Decrypt on that key; the task definition does not name it.',
    );
  if (!statements.length)
    notes.push(
      'This task definition needs no execution role: no ECR image, awslogs group, secret or environment file.',
    );
  return { policy: { Version: '2012-10-17', Statement: statements }, notes };
}

/** The account the task's ARNs name (execution role first), to scope log groups and bare parameter names. */
function accountOf(body: JsonNode): string | undefined {
  for (const key of ['executionRoleArn', 'taskRoleArn']) {
    const account = parseArn(stringValue(member(body, key)) ?? '')?.account;
    if (account) return account;
  }
  return undefined;
}
