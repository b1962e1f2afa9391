import { isPlaceholder } from '../../ecs/placeholders';
import { elements, member, property, stringValue, booleanValue, type JsonNode } from '../json';
import type { RuleContext } from './types';
import { effectiveNetworkMode, isWindowsFamily, type NetworkMode } from '../../ecs/taskModel';

export type { NetworkMode } from '../../ecs/taskModel';

export interface Container {
  node: JsonNode;
  name: string | undefined;
  nameNode: JsonNode | undefined;
  /** essential defaults to true when absent. */
  essential: boolean;
}

/** What most task-definition rules need to know, computed once per body node. */
export interface TaskFacts {
  compatibilities: ReadonlySet<string>;
  fargate: boolean;
  external: boolean;
  /** The networkMode member's value node, when present. */
  networkModeNode: JsonNode | undefined;
  /** Undefined when the member holds something that is not a known mode (the schema reports that). */
  mode: NetworkMode | undefined;
  windows: boolean;
  containers: Container[];
  /**
   * False when the container list is not all known: containerDefinitions is not a list (a Terraform
   * expression, a placeholder) or a container's name is a placeholder. A rule then cannot say a name is missing.
   */
  containersKnown: boolean;
}

const cache = new WeakMap<JsonNode, TaskFacts>();

export function taskFacts(body: JsonNode): TaskFacts {
  let facts = cache.get(body);
  if (!facts) {
    facts = computeFacts(body);
    cache.set(body, facts);
  }
  return facts;
}

function computeFacts(body: JsonNode): TaskFacts {
  const compatibilities = new Set(
    elements(member(body, 'requiresCompatibilities'))
      .map(stringValue)
      .filter((s): s is string => !!s),
  );
  const windows = isWindowsFamily(stringValue(member(member(body, 'runtimePlatform'), 'operatingSystemFamily')));
  const networkModeNode = member(body, 'networkMode');
  const mode = effectiveNetworkMode(networkModeNode ? (stringValue(networkModeNode) ?? null) : undefined, windows);
  const definitions = member(body, 'containerDefinitions');
  const containers = elements(definitions)
    .filter((c) => c.type === 'object')
    .map((node) => {
      const nameNode = member(node, 'name');
      return {
        node,
        name: stringValue(nameNode),
        nameNode,
        essential: booleanValue(member(node, 'essential')) !== false,
      };
    });
  return {
    compatibilities,
    fargate: compatibilities.has('FARGATE'),
    external: compatibilities.has('EXTERNAL'),
    networkModeNode,
    mode,
    windows,
    containers,
    containersKnown:
      definitions?.type === 'array' &&
      containers.length === (definitions.children?.length ?? 0) &&
      containers.every((c) => c.name === undefined || !isPlaceholder(c.name)),
  };
}

export function facts(ctx: RuleContext): TaskFacts {
  return taskFacts(ctx.body);
}

/** The key node of a member, for findings that point at the offending key. */
export function keyNode(obj: JsonNode | undefined, name: string): JsonNode | undefined {
  return property(obj, name)?.children?.[0];
}

/** A short label for a container in messages. */
export function label(c: Container): string {
  return c.name ? `container "${c.name}"` : 'this container';
}

/** Where a container-level finding without a better node goes: its name, else its opening brace. */
export function containerAnchor(c: Container): { offset: number; length: number } {
  return c.nameNode ? { offset: c.nameNode.offset, length: c.nameNode.length } : { offset: c.node.offset, length: 1 };
}

/** Where a missing top-level member is reported: the object's first key, else its opening brace. */
export function objectAnchor(obj: JsonNode): { offset: number; length: number } {
  const first = obj.children?.[0]?.children?.[0];
  return first ? { offset: first.offset, length: first.length } : { offset: obj.offset, length: 1 };
}
