import { member, stringValue } from '../json';
import { parseImageReference } from '../../ecs/imageReference';
import { isBareImageToken, isPlaceholder } from '../../ecs/placeholders';
import { type Rule } from './types';
import { facts, label } from './task';

const kinds = ['task-definition', 'describe-output'] as const;

export const imageReference: Rule = {
  code: 'image.reference',
  severity: 'error',
  kinds,
  summary: 'image is a valid reference: [registry/]repository[:tag][@sha256:digest], at most 255 characters.',
  rationale:
    'A malformed reference fails the image pull at task start (CannotPullContainerError), long after registration succeeded.',
  check(ctx) {
    for (const c of facts(ctx).containers) {
      const node = member(c.node, 'image');
      const value = stringValue(node);
      // A bare ALL_CAPS word is a stand-in, not a reference: placeholder.value says so.
      if (!node || value === undefined || isPlaceholder(value) || isBareImageToken(value)) continue;
      const { problem } = parseImageReference(value);
      if (!problem) continue;
      // +1 skips the opening quote: the range covers the offending part of the string.
      const offset = node.offset + 1 + problem.offset;
      const length = problem.length;
      const raw = ctx.text.slice(node.offset, node.offset + node.length);
      const escaped = raw.length !== value.length + 2;
      ctx.report(
        escaped || length === 0
          ? { offset: node.offset, length: node.length, message: `${problem.message} (image of ${label(c)})` }
          : { offset, length, message: `${problem.message} (image of ${label(c)})` },
      );
    }
  },
};

export const imageRules: readonly Rule[] = [imageReference];
