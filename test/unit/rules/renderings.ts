import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Span } from '../../../server/src/surfaces/virtualJson';
import { cloudFormationJson, cloudFormationYaml } from '../surfaces/cloudformation/rendering';

/**
 * "One rule test, every surface": each rule test's JSON fixture is also written in another syntax (a
 * rendering), read back through that surface, and must draw the same findings at the places the JSON
 * findings carry over to. A rendering returns undefined for a fixture its syntax cannot say the same way
 * (a member the syntax lacks, a value it would convert); such a fixture is checked in JSON only.
 */
export interface Rendering {
  name: string;
  /** File-name ending of rendered files (`.yaml`, `.tf`). */
  extension: string;
  render(fixture: JsonNode, kind: 'task-definition' | 'service', text: string): Rendered | undefined;
}

export interface Rendered {
  text: string;
  /** The source range a range of the JSON fixture carries over to. */
  carry(offset: number, length: number): Span;
}

/** The JSON tree of a fixture, or undefined when the text is not plain JSON (syntax errors, duplicate members). */
export function fixtureTree(text: string): JsonNode | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (!root || errors.length || root.type !== 'object' || hasDuplicates(root)) return undefined;
  return root;
}

function hasDuplicates(node: JsonNode): boolean {
  if (node.type === 'object') {
    const keys = (node.children ?? []).map((p) => p.children?.[0]?.value as string);
    if (new Set(keys).size !== keys.length) return true;
  }
  return (node.children ?? []).some(hasDuplicates);
}

/** Every rendering the rule tests run on. */
export const renderings: readonly Rendering[] = [cloudFormationYaml, cloudFormationJson];
