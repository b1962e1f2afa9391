import { decodedToRawOffset, rawToDecodedOffset, type CqlFacts } from '../cql';
import type { EcsDocument } from './document';
import { elements, member, properties, stringValue, type JsonNode } from './json';
import type { WorkspaceView } from './workspace';

/** The `expression` string nodes of placementConstraints in a task definition or service body. */
export function expressionNodes(doc: EcsDocument): JsonNode[] {
  if (!doc.body || (doc.kind !== 'task-definition' && doc.kind !== 'describe-output' && doc.kind !== 'service'))
    return [];
  return elements(member(doc.body, 'placementConstraints'))
    .map((c) => member(c, 'expression'))
    .filter((n): n is JsonNode => n?.type === 'string');
}

/** The expression string node containing `offset` (inside its quotes), if any. */
export function expressionAt(doc: EcsDocument, offset: number): JsonNode | undefined {
  return expressionNodes(doc).find((n) => offset > n.offset && offset < n.offset + n.length);
}

/** Offset in the document → offset in the decoded string value of `node`. */
export function documentToDecoded(doc: EcsDocument, node: JsonNode, documentOffset: number): number {
  const raw = doc.text.slice(node.offset, node.offset + node.length);
  return rawToDecodedOffset(raw, documentOffset - node.offset, (node.value as string).length);
}

/** Offset in the decoded string value of `node` → offset in the document. */
export function decodedToDocument(doc: EcsDocument, node: JsonNode, decodedOffset: number): number {
  const raw = doc.text.slice(node.offset, node.offset + node.length);
  return node.offset + decodedToRawOffset(raw, decodedOffset);
}

/** Attribute names, zones, instance types and task groups the workspace knows, for expression completion. */
export function workspaceFacts(workspace: WorkspaceView): CqlFacts {
  const attributes = new Set<string>();
  const availabilityZones = new Set<string>();
  const instanceTypes = new Set<string>();
  const groups = new Set<string>();
  for (const d of workspace.documents()) {
    if (d.kind === 'cluster' && d.root) {
      for (const group of elements(member(d.root, 'instanceGroups'))) {
        const type = stringValue(member(group, 'instanceType'));
        if (type) instanceTypes.add(type);
        const az = stringValue(member(group, 'availabilityZone'));
        if (az) availabilityZones.add(az);
        for (const z of elements(member(group, 'availabilityZones')))
          if (z.type === 'string') availabilityZones.add(z.value as string);
        for (const [name] of properties(member(group, 'attributes'))) attributes.add(name);
      }
      for (const instance of elements(member(d.root, 'containerInstances'))) {
        for (const attr of elements(member(instance, 'attributes'))) {
          const name = stringValue(member(attr, 'name'));
          const value = stringValue(member(attr, 'value'));
          if (!name) continue;
          if (name === 'ecs.availability-zone' && value) availabilityZones.add(value);
          else if (name === 'ecs.instance-type' && value) instanceTypes.add(value);
          else if (!name.startsWith('ecs.') && !name.startsWith('com.amazonaws.')) attributes.add(name);
        }
      }
    } else if (d.kind === 'service' && d.body) {
      const name = stringValue(member(d.body, 'serviceName'));
      if (name) groups.add(`service:${name}`);
    } else if ((d.kind === 'task-definition' || d.kind === 'describe-output') && d.family) {
      groups.add(`family:${d.family}`);
    }
  }
  return {
    attributes: [...attributes],
    availabilityZones: [...availabilityZones],
    instanceTypes: [...instanceTypes],
    groups: [...groups],
  };
}
