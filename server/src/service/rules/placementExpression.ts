import { elements, member, stringValue } from '../json';
import { checkExpression, decodedToRawOffset } from '../../cql';
import { isPlaceholder } from '../../ecs/placeholders';
import { type Rule } from './types';

export const placementExpression: Rule = {
  code: 'placement.expression',
  severity: 'error',
  kinds: ['task-definition', 'describe-output', 'service'],
  summary: 'memberOf expressions are valid cluster query language.',
  rationale: 'ECS parses the expression only when it places a task; a syntax error or unknown attribute means the task is never placed.',
  check(ctx) {
    for (const item of elements(member(ctx.body, 'placementConstraints'))) {
      if (stringValue(member(item, 'type')) !== 'memberOf') continue;
      const node = member(item, 'expression');
      const value = stringValue(node);
      if (!node || value === undefined || value.trim() === '' || isPlaceholder(value)) continue;
      const raw = ctx.text.slice(node.offset, node.offset + node.length);
      for (const p of checkExpression(value)) {
        const start = decodedToRawOffset(raw, p.offset);
        const end = decodedToRawOffset(raw, p.offset + p.length);
        ctx.report({ offset: node.offset + start, length: Math.max(end - start, 1), message: p.message, severity: p.severity });
      }
    }
  },
};
