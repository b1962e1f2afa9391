import { parseTree } from 'jsonc-parser';
import { appspecLoadBalancerInfo } from '../../ecs/codedeployAppspec';
import { readAppspec } from '../../surfaces/appspec';
import { elements, member, numberValue, stringValue, type JsonNode } from '../json';
import type { AppspecTarget } from './types';

/** The ContainerName and ContainerPort nodes of an appspec (as the appspec surface writes it): the first LoadBalancerInfo. */
export function appspecTargetNodes(body: JsonNode | undefined): { name?: JsonNode; port?: JsonNode } | undefined {
  for (const resource of elements(member(body, 'Resources'))) {
    let info: JsonNode | undefined = resource;
    for (const step of appspecLoadBalancerInfo) info = member(info, step);
    if (info?.type === 'object') return { name: member(info, 'ContainerName'), port: member(info, 'ContainerPort') };
  }
  return undefined;
}

/** A ContainerName the appspec states (not a placeholder a pipeline fills). */
export function appspecContainerName(node: JsonNode | undefined): string | undefined {
  const name = stringValue(node);
  return name !== undefined && name !== '' && !/[<{$]/.test(name) ? name : undefined;
}

/** A ContainerPort the appspec states: a number, or digits in quotes. */
export function appspecContainerPort(node: JsonNode | undefined): number | undefined {
  const written =
    numberValue(node) ?? (/^\d{1,5}$/.test(stringValue(node) ?? '') ? Number(stringValue(node)) : undefined);
  return written !== undefined && Number.isInteger(written) ? written : undefined;
}

/**
 * What an appspec's LoadBalancerInfo names, read the way the appspec surface reads the file, with the line
 * of the first value: the task-definition side of the check sees what the appspec side does.
 */
export function appspecTargetOfText(path: string, text: string): AppspecTarget | undefined {
  const reading = readAppspec(path, text);
  const doc = reading.documents[0];
  if (!doc) return undefined;
  const nodes = appspecTargetNodes(parseTree(doc.text));
  if (!nodes) return undefined;
  const containerName = appspecContainerName(nodes.name);
  const containerPort = appspecContainerPort(nodes.port);
  if (containerName === undefined && containerPort === undefined) return undefined;
  const first = [
    containerName !== undefined ? nodes.name : undefined,
    containerPort !== undefined ? nodes.port : undefined,
  ]
    .filter((n): n is JsonNode => n !== undefined)
    .sort((a, b) => a.offset - b.offset)[0];
  const offset = doc.origin.map.toSource(first.offset, first.length)?.offset ?? 0;
  const line = text.slice(0, offset).split('\n').length;
  return { containerName, containerPort, source: { path, line } };
}
