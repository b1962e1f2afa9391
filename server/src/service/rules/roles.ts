import { elements, member, stringValue, type JsonNode } from '../json';
import { isIamRoleArn, isIamRoleName } from '../../ecs/arns';
import { isEcrImage, parseImageReference } from '../../ecs/imageReference';
import { isPlaceholder } from '../../ecs/placeholders';
import { at, type Rule } from './types';
import { insertMember } from '../edits';
import { keyNode, label, taskFacts } from './task';

const kinds = ['task-definition', 'describe-output'] as const;

export const roleArn: Rule = {
  code: 'roles.arn',
  severity: 'error',
  kinds,
  summary: 'taskRoleArn and executionRoleArn are IAM role ARNs or role names.',
  rationale:
    'ECS passes the role to STS; a value that is not a role (a user, a policy, a malformed ARN) fails registration or task start.',
  check(ctx) {
    for (const name of ['taskRoleArn', 'executionRoleArn']) {
      const node = member(ctx.body, name);
      const value = stringValue(node);
      if (!node || value === undefined || value === '' || isPlaceholder(value)) continue;
      if (value.startsWith('arn:') ? !isIamRoleArn(value) : !isIamRoleName(value)) {
        ctx.report(
          at(node, `${name} is a role ARN (arn:aws:iam::<12-digit account>:role/<path/>name) or a role name.`),
        );
      }
    }
  },
};

/** Why the task needs an execution role, with the node that makes it so; undefined when it does not. */
function executionRoleReason(body: JsonNode): { reason: string; node: JsonNode } | undefined {
  const f = taskFacts(body);
  for (const c of f.containers) {
    const secrets = keyNode(c.node, 'secrets');
    if (secrets && elements(member(c.node, 'secrets')).length)
      return { reason: `${label(c)} uses secrets`, node: secrets };
    const secretOptions = keyNode(member(c.node, 'logConfiguration'), 'secretOptions');
    if (secretOptions && elements(member(member(c.node, 'logConfiguration'), 'secretOptions')).length)
      return { reason: `${label(c)} passes secrets to its log driver`, node: secretOptions };
    const creds = keyNode(c.node, 'repositoryCredentials');
    if (creds) return { reason: `${label(c)} pulls with repositoryCredentials`, node: creds };
    const envFiles = keyNode(c.node, 'environmentFiles');
    if (envFiles && elements(member(c.node, 'environmentFiles')).length)
      return { reason: `${label(c)} uses environmentFiles`, node: envFiles };
    if (f.fargate) {
      const driver = member(member(c.node, 'logConfiguration'), 'logDriver');
      if (stringValue(driver) === 'awslogs')
        return { reason: `${label(c)} logs with awslogs on Fargate`, node: driver! };
      const image = member(c.node, 'image');
      const ref = stringValue(image);
      const parsed = ref && !isPlaceholder(ref) ? parseImageReference(ref).ref : undefined;
      if (parsed && isEcrImage(parsed)) return { reason: `${label(c)} pulls from Amazon ECR on Fargate`, node: image! };
    }
  }
  return undefined;
}

export const executionRoleRequired: Rule = {
  code: 'roles.execution-role-required',
  severity: 'error',
  kinds,
  summary:
    'executionRoleArn is set when the agent acts for the task: secrets, repositoryCredentials, environmentFiles, or on Fargate awslogs and ECR images.',
  rationale:
    'The agent uses the execution role to read secrets and S3 files, authenticate to registries and, on Fargate, pull from ECR and write CloudWatch logs; without it the task fails to start.',
  check(ctx) {
    const existing = member(ctx.body, 'executionRoleArn');
    if (existing && existing.type !== 'null' && stringValue(existing) !== '') return;
    const why = executionRoleReason(ctx.body);
    if (!why) return;
    const fix = existing
      ? {
          title: 'Fill in executionRoleArn',
          edits: [
            {
              offset: existing.offset,
              length: existing.length,
              newText: '"arn:aws:iam::<ACCOUNT_ID>:role/ecsTaskExecutionRole"',
            },
          ],
        }
      : {
          title: 'Add an executionRoleArn',
          edits: [
            insertMember(
              ctx.text,
              ctx.body,
              'executionRoleArn',
              '"arn:aws:iam::<ACCOUNT_ID>:role/ecsTaskExecutionRole"',
            ),
          ],
        };
    const anchor = existing ?? why.node;
    ctx.report({
      offset: anchor.offset,
      length: anchor.length,
      message: `The task needs an executionRoleArn: ${why.reason}.`,
      fixes: [fix],
    });
  },
};

export const roleRules: readonly Rule[] = [roleArn, executionRoleRequired];
