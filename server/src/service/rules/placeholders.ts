import { member, stringValue, type JsonNode } from '../json';
import { isBareImageToken, isPlaceholder, placeholderName, placeholderToken } from '../../ecs/placeholders';
import { deployContextFor } from '../workspace';
import { deployTools } from '../../ecs/deployTools';
import { at, type Rule, type RuleContext } from './types';
import { sliceOver, type Steps } from '../../shared/steps';
import { facts, label } from './task';

/**
 * Whether something in the repository fills a container's image before ECS sees it: a deploy tool that renders
 * templates or images (the deploy and render actions, ecspresso, CodeDeploy, Terraform), a jq step or the render
 * action naming it, or a sed substitution of the token.
 */
function imageIsFilled(ctx: RuleContext, token: string | undefined): boolean {
  const context = deployContextFor(ctx.workspace, ctx.doc);
  if (deployTools[context.name].fillsImages) return true;
  if (context.filledMembers?.some((f) => f.path[f.path.length - 1] === 'image')) return true;
  const name = token ? placeholderName(token) : undefined;
  return !!name && !!context.substitutedTokens?.includes(name);
}

/** Members whose strings are shell or program text, where $VAR and ${VAR} are meant literally. */
const scriptMembers = new Set(['command', 'entryPoint']);

/** Nodes walked between two pauses of `placeholderStrings`. */
const nodesPerStep = 10_000;

/**
 * String values that hold placeholders, skipping script members; iterative, as it runs on every keystroke, and
 * pausing every few thousand nodes (a large document's check).
 */
function* placeholderStrings(root: JsonNode): Steps<JsonNode[]> {
  const found: JsonNode[] = [];
  const stack: JsonNode[] = [root];
  let walked = 0;
  while (stack.length) {
    if (++walked % nodesPerStep === 0 && sliceOver()) yield;
    const node = stack.pop()!;
    if (node.type === 'string') {
      if (isPlaceholder(node.value as string)) found.push(node);
    } else if (node.type === 'property') {
      const [key, value] = node.children ?? [];
      if (value && !scriptMembers.has(key?.value as string)) stack.push(value);
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
  *check(ctx) {
    const images = new Map<number, string>();
    if (ctx.doc.kind === 'task-definition' || ctx.doc.kind === 'describe-output')
      for (const c of facts(ctx).containers) {
        const node = member(c.node, 'image');
        if (node && stringValue(node) !== undefined) images.set(node.offset, label(c));
      }
    for (const node of yield* placeholderStrings(ctx.body)) {
      const token = placeholderToken(node.value as string);
      const container = images.get(node.offset);
      if (container !== undefined && !imageIsFilled(ctx, token)) {
        ctx.report(unreplacedImage(node, token ?? (node.value as string), container));
        continue;
      }
      ctx.report({
        offset: node.offset,
        length: node.length,
        message: `${token ?? 'Template'} placeholder, not checked.`,
      });
    }
    // A bare ALL_CAPS image is a stand-in too, though no template syntax marks it.
    for (const [offset, container] of images) {
      const node = findAt(ctx.body, offset);
      const value = stringValue(node);
      if (!node || value === undefined || isPlaceholder(value) || !isBareImageToken(value)) continue;
      if (imageIsFilled(ctx, value)) {
        ctx.report({ offset: node.offset, length: node.length, message: `${value} placeholder, not checked.` });
      } else ctx.report(unreplacedImage(node, value, container));
    }
  },
};

function unreplacedImage(node: JsonNode, token: string, container: string) {
  return at(
    node,
    `The image of ${container} is the placeholder ${token}, and no script, workflow or pipeline in the repository replaces it: ECS would try to pull "${token}". Substitute it before registering, or name the image.`,
    { severity: 'warning' },
  );
}

function findAt(root: JsonNode, offset: number): JsonNode | undefined {
  const stack: JsonNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.offset === offset && node.type === 'string') return node;
    if (node.offset <= offset && offset < node.offset + node.length) stack.push(...(node.children ?? []));
  }
  return undefined;
}

export const placeholderRules: readonly Rule[] = [placeholderValue];
