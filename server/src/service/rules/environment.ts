import { elements, member, stringValue, type JsonNode } from '../json';
import { isSecretsManagerArn, isSsmParameterArn, isSsmParameterName, parseS3ObjectArn } from '../../ecs/arns';
import { limits } from '../../ecs/limits';
import { isPlaceholder } from '../../ecs/placeholders';
import { at, type Rule } from './types';
import { facts, keyNode, label } from './task';
import { sliceOver } from '../../shared/steps';

const kinds = ['task-definition', 'describe-output'] as const;

type Named = ReadonlyArray<{ name: string; node: JsonNode }>;

/** The names of a list, read once per list node: three rules read each container's two lists. */
const namesOfList = new WeakMap<JsonNode, Named>();

function names(container: JsonNode, list: 'environment' | 'secrets'): Named {
  const node = member(container, list);
  if (!node) return [];
  let named = namesOfList.get(node);
  if (!named) namesOfList.set(node, (named = readNames(node)));
  return named;
}

function readNames(list: JsonNode): Named {
  const out: Array<{ name: string; node: JsonNode }> = [];
  for (const item of elements(list)) {
    const node = member(item, 'name');
    const name = stringValue(node);
    if (node && name !== undefined) out.push({ name, node });
  }
  return out;
}

export const blankName: Rule = {
  code: 'env.blank-name',
  severity: 'error',
  kinds,
  summary: 'Environment variables and secrets have a non-blank name.',
  rationale: 'A variable needs a name to be set in the container; a blank one is rejected or silently dropped.',
  *check(ctx) {
    for (const c of facts(ctx).containers) {
      if (sliceOver()) yield;
      for (const list of ['environment', 'secrets'] as const) {
        for (const { name, node } of names(c.node, list)) {
          if (name.trim() === '')
            ctx.report(at(node, `A ${list === 'secrets' ? 'secret' : 'variable'} of ${label(c)} has a blank name.`));
        }
      }
    }
  },
};

export const duplicateEnvironment: Rule = {
  code: 'env.duplicate',
  severity: 'warning',
  kinds,
  summary: 'A variable name appears once in a container environment.',
  rationale: 'Only one of the values reaches the container; which one is not something to rely on.',
  *check(ctx) {
    for (const c of facts(ctx).containers) {
      if (sliceOver()) yield;
      const seen = new Set<string>();
      for (const { name, node } of names(c.node, 'environment')) {
        if (seen.has(name))
          ctx.report(
            at(node, `"${name}" is already set in the environment of ${label(c)}; only one value takes effect.`),
          );
        seen.add(name);
      }
    }
  },
};

export const duplicateSecret: Rule = {
  code: 'secrets.duplicate',
  severity: 'error',
  kinds,
  summary: 'A secret name appears once in a container.',
  rationale: 'The agent cannot inject two values under one name; the task fails to start.',
  *check(ctx) {
    for (const c of facts(ctx).containers) {
      if (sliceOver()) yield;
      const seen = new Set<string>();
      for (const { name, node } of names(c.node, 'secrets')) {
        if (seen.has(name))
          ctx.report(at(node, `Secret "${name}" is already defined for ${label(c)}; each secret name is used once.`));
        seen.add(name);
      }
    }
  },
};

export const environmentSecretConflict: Rule = {
  code: 'env.secret-conflict',
  severity: 'error',
  kinds,
  summary: 'A name is not both an environment variable and a secret.',
  rationale: 'Both would set the same variable; ECS refuses the conflict when the task starts.',
  *check(ctx) {
    for (const c of facts(ctx).containers) {
      if (sliceOver()) yield;
      const env = new Set(names(c.node, 'environment').map((e) => e.name));
      for (const { name, node } of names(c.node, 'secrets')) {
        if (env.has(name))
          ctx.report(at(node, `"${name}" is set both in environment and in secrets of ${label(c)}; keep one.`));
      }
    }
  },
};

export const secretValueFrom: Rule = {
  code: 'secrets.value-from',
  severity: 'error',
  kinds,
  summary: 'secrets[].valueFrom is a Secrets Manager secret ARN, an SSM parameter ARN, or a parameter name.',
  rationale:
    'The agent fetches the value from exactly these sources; anything else fails when the task starts (ResourceInitializationError).',
  check(ctx) {
    for (const c of facts(ctx).containers) {
      const lists = [member(c.node, 'secrets'), member(member(c.node, 'logConfiguration'), 'secretOptions')];
      for (const item of lists.flatMap((l) => elements(l))) {
        const node = member(item, 'valueFrom');
        const value = stringValue(node);
        if (!node || value === undefined || isPlaceholder(value)) continue;
        const ok = value.startsWith('arn:')
          ? isSecretsManagerArn(value) || isSsmParameterArn(value)
          : isSsmParameterName(value);
        if (!ok) {
          ctx.report(
            at(
              node,
              value.startsWith('arn:')
                ? 'valueFrom is arn:<partition>:secretsmanager:<region>:<account>:secret:<name> or arn:<partition>:ssm:<region>:<account>:parameter/<name>.'
                : 'valueFrom is an ARN or an SSM parameter name (letters, digits, "_", ".", "-", with "/" for hierarchies).',
            ),
          );
        }
      }
    }
  },
};

export const environmentFilesRule: Rule = {
  code: 'env.files',
  severity: 'error',
  kinds,
  summary: `environmentFiles are S3 object ARNs ending in .env, at most ${limits.environmentFiles} per container.`,
  rationale:
    'The agent downloads each file from S3 and only reads ".env" files; more files or another source is rejected.',
  check(ctx) {
    for (const c of facts(ctx).containers) {
      const files = elements(member(c.node, 'environmentFiles'));
      if (files.length > limits.environmentFiles)
        ctx.report(
          at(
            keyNode(c.node, 'environmentFiles')!,
            `${files.length} environment files; a container takes at most ${limits.environmentFiles}.`,
          ),
        );
      for (const file of files) {
        const node = member(file, 'value');
        const value = stringValue(node);
        if (!node || value === undefined || isPlaceholder(value)) continue;
        const s3 = parseS3ObjectArn(value);
        if (!s3) ctx.report(at(node, 'An environment file is an S3 object ARN: arn:aws:s3:::<bucket>/<key>.env.'));
        else if (!s3.key.endsWith('.env'))
          ctx.report(at(node, `The object key must end in ".env"; "${s3.key}" does not.`));
      }
    }
  },
};

export const environmentRules: readonly Rule[] = [
  blankName,
  duplicateEnvironment,
  duplicateSecret,
  environmentSecretConflict,
  secretValueFrom,
  environmentFilesRule,
];
