import { elements, member, stringValue } from '../json';
import { checkExpression } from '../../cql';
import { decodedToDocument } from '../expressions';
import { isPlaceholder } from '../../ecs/placeholders';
import { type Rule } from './types';

export const placementExpression: Rule = {
  code: 'placement.expression',
  severity: 'error',
  kinds: ['task-definition', 'describe-output', 'service'],
  summary: 'memberOf expressions are valid cluster query language; findings carry the cql.* codes listed below.',
  rationale:
    'ECS parses the expression only when it places a task; a syntax error or unknown attribute means the task is never placed.',
  check(ctx) {
    for (const item of elements(member(ctx.body, 'placementConstraints'))) {
      if (stringValue(member(item, 'type')) !== 'memberOf') continue;
      const node = member(item, 'expression');
      const value = stringValue(node);
      if (!node || value === undefined || value.trim() === '' || isPlaceholder(value)) continue;
      for (const p of checkExpression(value)) {
        const start = decodedToDocument(ctx.doc, node, p.offset);
        const end = decodedToDocument(ctx.doc, node, p.offset + p.length);
        // Findings keep the query language's own codes (cql.*), so each can be tuned in ecsLens.rules.
        // The replacement lives inside a JSON string: escape it as the string's content.
        const fixes =
          p.replacement === undefined
            ? undefined
            : [
                {
                  title: `Change to ${p.replacement}`,
                  edits: [{ offset: start, length: end - start, newText: JSON.stringify(p.replacement).slice(1, -1) }],
                  preferred: true,
                },
              ];
        ctx.report({
          offset: start,
          length: Math.max(end - start, 1),
          message: p.message,
          severity: p.severity,
          code: p.code,
          fixes,
        });
      }
    }
  },
};
