import { booleanValue, elements, member, numberValue, stringValue, type JsonNode } from '../json';
import { taskDefinitionOfService } from '../workspace';
import { isPlaceholder } from '../../ecs/placeholders';
import { ebsTypesNotOnFargate, ebsVolumeSizes } from '../../ecs/ebs';
import { comparePlatformVersions, fargateLargeCpu, fargateLinuxFeatureMinimums } from '../../ecs/platformVersions';
import { parseCpu } from '../../ecs/taskModel';
import { launchTypesTakenAsCapacityProviders, maxServiceConnectClientAliases } from '../../ecs/serviceConnect';
import { at, type Rule, type RuleContext } from './types';
import { keyNode, taskFacts } from './task';
import { fargateMarker } from './services';

const kinds = ['service'] as const;

/** The body of the task definition the service runs, when the workspace holds it. */
function serviceTaskBody(ctx: RuleContext): JsonNode | undefined {
  const family = ctx.doc.family;
  if (!family || isPlaceholder(family)) return undefined;
  return taskDefinitionOfService(ctx.workspace, ctx.doc)?.body;
}

/** Every named port mapping of a task definition: name -> the name's node. */
export function portMappingNames(task: JsonNode): Map<string, JsonNode> {
  const names = new Map<string, JsonNode>();
  for (const c of taskFacts(task).containers) {
    for (const m of elements(member(c.node, 'portMappings'))) {
      const node = member(m, 'name');
      const name = stringValue(node);
      if (node && name && !names.has(name)) names.set(name, node);
    }
  }
  return names;
}

/** The portName nodes of a service: Service Connect services and VPC Lattice configurations. */
export function portNameNodes(service: JsonNode): JsonNode[] {
  const out: JsonNode[] = [];
  for (const s of elements(member(member(service, 'serviceConnectConfiguration'), 'services'))) {
    const node = member(s, 'portName');
    if (node) out.push(node);
  }
  for (const l of elements(member(service, 'vpcLatticeConfigurations'))) {
    const node = member(l, 'portName');
    if (node) out.push(node);
  }
  return out;
}

export const portName: Rule = {
  code: 'service.port-name',
  severity: 'error',
  kinds,
  summary: 'Service Connect and VPC Lattice portName name a named port mapping of the task definition.',
  rationale:
    "ServiceConnectService.portName and VpcLatticeConfiguration.portName must match the name of a portMappings entry of the service's task definition (SDK doc comments); CreateService fails otherwise.",
  check(ctx) {
    const task = serviceTaskBody(ctx);
    if (!task) return;
    const names = portMappingNames(task);
    for (const node of portNameNodes(ctx.body)) {
      const name = stringValue(node);
      if (name === undefined || isPlaceholder(name) || names.has(name)) continue;
      const known = [...names.keys()].map((n) => `"${n}"`).join(', ');
      ctx.report(
        at(
          node,
          `The task definition "${ctx.doc.family}" has no port mapping named "${name}"; ${known ? `named port mappings: ${known}` : 'give a port mapping a "name" to use it here'}.`,
        ),
      );
    }
  },
};

export const volumeConfiguredAtLaunch: Rule = {
  code: 'service.volume-configured-at-launch',
  severity: 'error',
  kinds,
  summary: "volumeConfigurations[].name is the task definition's volume with configuredAtLaunch: true.",
  rationale:
    'A service attaches an EBS volume only to the task-definition volume marked configuredAtLaunch (Volume.configuredAtLaunch and ServiceVolumeConfiguration doc comments); any other name fails CreateService.',
  check(ctx) {
    const task = serviceTaskBody(ctx);
    if (!task) return;
    const atLaunch = elements(member(task, 'volumes'))
      .filter((v) => booleanValue(member(v, 'configuredAtLaunch')) === true)
      .map((v) => stringValue(member(v, 'name')))
      .filter((n): n is string => !!n);
    for (const config of elements(member(ctx.body, 'volumeConfigurations'))) {
      const node = member(config, 'name');
      const name = stringValue(node);
      if (!node || name === undefined || isPlaceholder(name) || atLaunch.includes(name)) continue;
      ctx.report(
        at(
          node,
          atLaunch.length
            ? `The task definition "${ctx.doc.family}" configures "${atLaunch[0]}" at launch, not "${name}".`
            : `The task definition "${ctx.doc.family}" has no volume with "configuredAtLaunch": true; mark the volume "${name}" so (or add it).`,
        ),
      );
    }
  },
};

export const managedEbsVolume: Rule = {
  code: 'service.ebs-volume',
  severity: 'error',
  kinds,
  summary:
    'A managed EBS volume has a size or a snapshot, a size its type allows, and no magnetic (standard) type on Fargate.',
  rationale:
    'ServiceManagedEBSVolumeConfiguration doc comments: sizeInGiB or snapshotId must be given, each volume type has its size range, and the magnetic type is not supported on Fargate.',
  check(ctx) {
    for (const config of elements(member(ctx.body, 'volumeConfigurations'))) {
      const ebs = member(config, 'managedEBSVolume');
      if (ebs?.type !== 'object') continue;
      const sizeNode = member(ebs, 'sizeInGiB');
      if (!sizeNode && !member(ebs, 'snapshotId')) {
        ctx.report(at(keyNode(config, 'managedEBSVolume')!, 'managedEBSVolume needs "sizeInGiB" or "snapshotId".'));
      }
      const typeNode = member(ebs, 'volumeType');
      const type = stringValue(typeNode);
      const size = numberValue(sizeNode);
      const range = type ? ebsVolumeSizes[type] : undefined;
      if (range && size !== undefined && (size < range.min || size > range.max))
        ctx.report(at(sizeNode!, `A ${type} volume is ${range.min}–${range.max} GiB.`));
      if (type && ebsTypesNotOnFargate.includes(type) && fargateMarker(ctx))
        ctx.report(
          at(typeNode!, `Fargate does not attach "${type}" (magnetic) volumes; use gp3 or another SSD or HDD type.`),
        );
    }
  },
};

export const fargatePlatformVersion: Rule = {
  code: 'service.fargate-platform-version',
  severity: 'error',
  kinds,
  summary: `A Fargate service pinned to a Linux platform version before ${fargateLinuxFeatureMinimums.pidMode} runs no task that uses pidMode, ephemeral storage or 8 and 16 vCPU sizes.`,
  rationale:
    'pidMode and the 8 and 16 vCPU sizes need Linux platform version 1.4.0 or later (RegisterTaskDefinition doc comments); so does ephemeral storage beyond the default (Developer Guide, Fargate Linux platform versions).',
  check(ctx) {
    const node = member(ctx.body, 'platformVersion');
    const version = stringValue(node);
    if (!node || !version || version === 'LATEST' || !fargateMarker(ctx)) return;
    const task = serviceTaskBody(ctx);
    if (!task) return;
    const needs: string[] = [];
    if (member(task, 'pidMode') && comparePlatformVersions(version, fargateLinuxFeatureMinimums.pidMode) === -1)
      needs.push('pidMode');
    if (
      member(task, 'ephemeralStorage') &&
      comparePlatformVersions(version, fargateLinuxFeatureMinimums.ephemeralStorage) === -1
    )
      needs.push('ephemeralStorage');
    const cpu = parseCpu(member(task, 'cpu')?.value);
    if (
      cpu !== undefined &&
      fargateLargeCpu.includes(cpu) &&
      comparePlatformVersions(version, fargateLinuxFeatureMinimums.largeSizes) === -1
    )
      needs.push(`${cpu / 1024} vCPU`);
    if (needs.length)
      ctx.report(
        at(
          node,
          `The task definition "${ctx.doc.family}" uses ${needs.join(', ')}, which need Fargate platform version ${fargateLinuxFeatureMinimums.pidMode} or LATEST; this service pins ${version}.`,
        ),
      );
  },
};

export const serviceConnectClientAliases: Rule = {
  code: 'service.connect-client-aliases',
  severity: 'error',
  kinds,
  summary: `A Service Connect service has at most ${maxServiceConnectClientAliases} client alias.`,
  rationale:
    'ServiceConnectService.clientAliases doc comment: the list holds at most one client alias; CreateService rejects more.',
  check(ctx) {
    for (const s of elements(member(member(ctx.body, 'serviceConnectConfiguration'), 'services'))) {
      const aliases = elements(member(s, 'clientAliases'));
      if (aliases.length <= maxServiceConnectClientAliases) continue;
      ctx.report(
        at(
          aliases[maxServiceConnectClientAliases],
          `A Service Connect service takes at most ${maxServiceConnectClientAliases} client alias; this one lists ${aliases.length}. Give each further name its own entry in "services" with its own portName.`,
        ),
      );
    }
  },
};

export const managedInstancesLaunchType: Rule = {
  code: 'service.managed-instances-launch-type',
  severity: 'error',
  kinds,
  summary: 'A service runs on Managed Instances through a capacityProviderStrategy, not launchType MANAGED_INSTANCES.',
  rationale:
    'CreateServiceRequest.launchType doc comment: to use Amazon ECS Managed Instances, give the capacityProviderStrategy parameter and omit launchType.',
  check(ctx) {
    const node = member(ctx.body, 'launchType');
    const value = stringValue(node);
    if (!node || !value || !launchTypesTakenAsCapacityProviders.includes(value)) return;
    ctx.report(
      at(
        node,
        `launchType "${value}" is not a launch type for a service; name the Managed Instances capacity provider in "capacityProviderStrategy" and remove "launchType".`,
      ),
    );
  },
};

export const serviceFeatureRules: readonly Rule[] = [
  serviceConnectClientAliases,
  managedInstancesLaunchType,
  portName,
  volumeConfiguredAtLaunch,
  managedEbsVolume,
  fargatePlatformVersion,
];
