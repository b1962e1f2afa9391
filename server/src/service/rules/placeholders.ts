import type { JsonNode } from '../json';
import { isPlaceholder, placeholderToken } from '../../ecs/placeholders';
import { type Rule } from './types';

/** Members whose strings are shell or program text, where $VAR and ${VAR} are meant literally. */
const scriptMembers = new Set(['command', 'entryPoint']);

/** String values that hold placeholders, skipping script members; iterative, as it runs on every keystroke. */
function placeholderStrings(root: JsonNode): JsonNode[] {
  const found: JsonNode[] = [];
  const stack: JsonNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'string') {
      if (isPlaceholder(node.value)) found.push(node);
    } else if (node.type === 'property') {
      const [key, value] = node.children ?? [];
      if (value && !scriptMembers.has(key?.value)) stack.push(value);
    } else if (node.children) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return found;
}

export const placeholderValue: Rule = {
  code: 'placeholder.value',
  severity: 'information',
  kinds: ['task-definition', 'describe-output', 'service'],
  summary: 'Reports template placeholders (<IMAGE1_NAME>, {{x}}, ${X}, …), which are not checked.',
  rationale:
    'Many real files are templates rendered by a pipeline; their placeholders are skipped by the other rules, and this says so once per value.',
  check(ctx) {
    for (const node of placeholderStrings(ctx.body)) {
      ctx.report({
        offset: node.offset,
        length: node.length,
        message: `${placeholderToken(node.value) ?? 'Template'} placeholder, not checked.`,
      });
    }
  },
};

export const placeholderRules: readonly Rule[] = [placeholderValue];
