import type { JsonNode } from './json';
import type { Problem } from './problem';
import { removeNode } from './edits';
import { treeWalk } from './treeWalk';
import { deployTools, type DeployContextName } from '../ecs/deployTools';

/**
 * Members given twice in one object. The AWS CLI (Python's json), the SDKs and Go's encoding/json keep the
 * last one, and so do the schema and the rules here; each earlier one is reported where it stands. The deploy
 * action parses the file with yaml 2, which refuses duplicate keys ("Map keys must be unique").
 */
export function duplicateKeyProblems(root: JsonNode | undefined, text: string, context: DeployContextName): Problem[] {
  const problems: Problem[] = [];
  if (!root) return problems;
  // Only the objects that give a member twice (one walk of the tree, shared with the other checks) are looked at.
  for (const node of treeWalk(root).duplicateHolders) {
    const last = new Map<string, JsonNode>();
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0];
      if (key && typeof key.value === 'string') last.set(key.value, prop);
    }
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0];
      if (!key || typeof key.value !== 'string') continue;
      const winner = last.get(key.value)!;
      if (winner !== prop) {
        const line = lineOf(text, winner.offset);
        problems.push(
          deployTools[context].refusesDuplicateKeys
            ? {
                offset: key.offset,
                length: key.length,
                code: 'json.duplicate-key',
                severity: 'error',
                message: `"${key.value}" is given again on line ${line}: the deploy action's YAML parser refuses duplicate keys. Keep one.`,
                fixes: [{ title: `Remove this "${key.value}"`, edits: [removeNode(text, prop)] }],
              }
            : {
                offset: key.offset,
                length: key.length,
                code: 'json.duplicate-key',
                severity: 'warning',
                message: `"${key.value}" is given again on line ${line}, and the last one wins: this one is ignored. Keep one.`,
                fixes: [{ title: `Remove this "${key.value}"`, edits: [removeNode(text, prop)] }],
                unnecessary: true,
              },
        );
      }
    }
  }
  return problems.sort((a, b) => a.offset - b.offset);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
