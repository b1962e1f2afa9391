import { findNodeAtOffset, getNodePath, type Segment } from 'jsonc-parser';
import type { EcsDocument } from './document';
import { elements, member, stringValue, type JsonNode } from './json';
import { mayPair, taskDefinitionsOfFamily, type WorkspaceView } from './workspace';

/** A place in a document, by offsets; lsp/ turns it into a Location. */
export interface Target {
  doc: EcsDocument;
  offset: number;
  length: number;
}

/**
 * Go to definition for names that refer to something else: a service's task definition and
 * container names, and inside a task definition the containers and volumes that dependsOn,
 * links, volumesFrom, mountPoints and proxyConfiguration name.
 */
export function definition(doc: EcsDocument, offset: number, workspace: WorkspaceView): Target[] {
  if (!doc.root || !doc.body) return [];
  const node = findNodeAtOffset(doc.root, offset);
  if (!node || node.type !== 'string') return [];
  const path = getNodePath(node);
  const bodyPath = doc.kind === 'describe-output' ? path.slice(1) : path;
  const value = node.value as string;
  if (doc.kind === 'service') return serviceTargets(doc, bodyPath, value, workspace);
  if (doc.kind === 'task-definition' || doc.kind === 'describe-output') return containerOrVolume(doc, bodyPath, value);
  return [];
}

function serviceTargets(doc: EcsDocument, path: Segment[], value: string, workspace: WorkspaceView): Target[] {
  const taskDefinitions = doc.family
    ? taskDefinitionsOfFamily(workspace, doc.family).filter((td) => mayPair(doc, td))
    : [];
  if (path.length === 1 && path[0] === 'taskDefinition') {
    return taskDefinitions.map((td) => at(td, member(td.body, 'family') ?? td.body));
  }
  if (isPortNamePath(path)) return taskDefinitions.flatMap((td) => portMappingNamed(td, value));
  const isContainerName =
    path.length === 3 &&
    (path[0] === 'loadBalancers' || path[0] === 'serviceRegistries') &&
    path[2] === 'containerName';
  if (!isContainerName) return [];
  return taskDefinitions.flatMap((td) => containerNamed(td, value));
}

function containerOrVolume(doc: EcsDocument, path: Segment[], value: string): Target[] {
  const last = path[path.length - 1];
  const inContainer = path[0] === 'containerDefinitions';
  if (inContainer && path[2] === 'dependsOn' && last === 'containerName') return containerNamed(doc, value);
  if (inContainer && path[2] === 'volumesFrom' && last === 'sourceContainer') return containerNamed(doc, value);
  if (inContainer && path[2] === 'links' && path.length === 4) return containerNamed(doc, value.split(':')[0]);
  if (inContainer && path[2] === 'mountPoints' && last === 'sourceVolume') {
    return elements(member(doc.body, 'volumes'))
      .map((v) => member(v, 'name'))
      .filter((n) => stringValue(n) === value)
      .map((n) => at(doc, n));
  }
  if (path[0] === 'proxyConfiguration' && last === 'containerName') return containerNamed(doc, value);
  return [];
}

/** serviceConnectConfiguration.services[i].portName or vpcLatticeConfigurations[i].portName. */
export function isPortNamePath(path: Segment[]): boolean {
  return (
    (path.length === 4 &&
      path[0] === 'serviceConnectConfiguration' &&
      path[1] === 'services' &&
      path[3] === 'portName') ||
    (path.length === 3 && path[0] === 'vpcLatticeConfigurations' && path[2] === 'portName')
  );
}

function portMappingNamed(doc: EcsDocument, name: string): Target[] {
  return elements(member(doc.body, 'containerDefinitions'))
    .flatMap((c) => elements(member(c, 'portMappings')))
    .map((m) => member(m, 'name'))
    .filter((n) => stringValue(n) === name)
    .map((n) => at(doc, n));
}

function containerNamed(doc: EcsDocument, name: string): Target[] {
  return elements(member(doc.body, 'containerDefinitions'))
    .map((c) => member(c, 'name'))
    .filter((n) => stringValue(n) === name)
    .map((n) => at(doc, n));
}

function at(doc: EcsDocument, node: JsonNode | undefined): Target {
  return { doc, offset: node?.offset ?? 0, length: node?.length ?? 0 };
}
