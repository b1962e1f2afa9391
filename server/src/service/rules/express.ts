import { member, stringValue } from '../json';
import { expressHealthCheckPathPrefix, expressMembersExcludedByTaskDefinition } from '../../ecs/expressServices';
import { fargateMemoryFor, isFargatePair } from '../../ecs/fargateSizes';
import { parseCpu, parseMemory } from '../../ecs/taskModel';
import { isPlaceholder } from '../../ecs/placeholders';
import { at, type Rule } from './types';
import { keyNode } from './task';

const kinds = ['express-service'] as const;

export const expressTaskDefinition: Rule = {
  code: 'express.task-definition-members',
  severity: 'error',
  kinds,
  summary: `With taskDefinitionArn, an Express service sets none of ${expressMembersExcludedByTaskDefinition.join(', ')}.`,
  rationale:
    'CreateExpressGatewayService doc comment: the task definition supplies the container, roles, size and architecture, and the request may not repeat them.',
  check(ctx) {
    if (!member(ctx.body, 'taskDefinitionArn')) return;
    for (const name of expressMembersExcludedByTaskDefinition) {
      const key = keyNode(ctx.body, name);
      if (key)
        ctx.report(
          at(
            key,
            `"${name}" comes from the task definition named in taskDefinitionArn; remove it here (or drop taskDefinitionArn).`,
          ),
        );
    }
  },
};

export const expressHealthCheckPath: Rule = {
  code: 'express.health-check-path',
  severity: 'error',
  kinds,
  summary: 'healthCheckPath starts with "/".',
  rationale:
    'CreateExpressGatewayService doc comment: the load balancer health check path must start with a forward slash (default /ping).',
  check(ctx) {
    const node = member(ctx.body, 'healthCheckPath');
    const path = stringValue(node);
    if (path !== undefined && !isPlaceholder(path) && !path.startsWith(expressHealthCheckPathPrefix))
      ctx.report(at(node!, `healthCheckPath is a path starting with "/", e.g. "/${path.replace(/^\/*/, '')}".`));
  },
};

export const expressSize: Rule = {
  code: 'express.size',
  severity: 'error',
  kinds,
  summary: 'cpu and memory of an Express service are a Fargate task size.',
  rationale:
    'Express services run their tasks on Fargate (the SDK requires FARGATE compatibility of a supplied task definition), so only the Fargate cpu and memory pairs are possible.',
  check(ctx) {
    const cpuNode = member(ctx.body, 'cpu');
    const memoryNode = member(ctx.body, 'memory');
    const cpu = parseCpu(cpuNode?.value);
    const memory = parseMemory(memoryNode?.value);
    if (cpu === undefined || memory === undefined || isFargatePair(cpu, memory)) return;
    const allowed = fargateMemoryFor(cpu);
    ctx.report(
      at(
        memoryNode!,
        allowed.length
          ? `With cpu ${cpu}, memory is one of ${allowed.join(', ')} MiB.`
          : `cpu ${cpu} is not a Fargate size (256, 512, 1024, 2048, 4096, 8192 or 16384).`,
      ),
    );
  },
};

export const expressRules: readonly Rule[] = [expressTaskDefinition, expressHealthCheckPath, expressSize];
