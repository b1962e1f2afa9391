import type { JsonNode } from '../json';
import { isPlaceholder, placeholderToken } from '../../ecs/placeholders';
import { type Rule } from './types';

/** Members whose strings are shell or program text, where $VAR and ${VAR} are meant literally. */
const scriptMembers = new Set(['command', 'entryPoint']);

function* placeholderStrings(node: JsonNode, inScript: boolean): Generator<JsonNode> {
  if (node.type === 'string') {
    if (!inScript && isPlaceholder(node.value)) yield node;
    return;
  }
  if (node.type === 'property') {
    const [key, value] = node.children ?? [];
    if (value) yield* placeholderStrings(value, inScript || scriptMembers.has(key?.value));
    return;
  }
  for (const child of node.children ?? []) yield* placeholderStrings(child, inScript);
}

export const placeholderValue: Rule = {
  code: 'placeholder.value',
  severity: 'information',
  kinds: ['task-definition', 'describe-output', 'service'],
  summary: 'Reports template placeholders (<IMAGE1_NAME>, {{x}}, ${X}, …), which are not checked.',
  rationale: 'Many real files are templates rendered by a pipeline; their placeholders are skipped by the other rules, and this says so once per value.',
  check(ctx) {
    for (const node of placeholderStrings(ctx.body, false)) {
      ctx.report({ offset: node.offset, length: node.length, message: `${placeholderToken(node.value) ?? 'Template'} placeholder, not checked.` });
    }
  },
};

export const placeholderRules: readonly Rule[] = [placeholderValue];
