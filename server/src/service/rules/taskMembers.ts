import { elements, member, stringValue } from '../json';
import { limits } from '../../ecs/limits';
import { isPlaceholder } from '../../ecs/placeholders';
import { at, type Rule } from './types';
import { insertMember, replaceNode } from '../edits';
import { facts, keyNode } from './task';

const kinds = ['task-definition', 'describe-output'] as const;

export const proxyConfiguration: Rule = {
  code: 'task.proxy-configuration',
  severity: 'error',
  kinds,
  summary: 'proxyConfiguration names a container of the task and needs the awsvpc network mode.',
  rationale:
    'The proxy (App Mesh Envoy) must run in the task, and traffic redirection is only set up on the task network interface of awsvpc.',
  check(ctx) {
    const proxy = member(ctx.body, 'proxyConfiguration');
    if (!proxy || proxy.type !== 'object') return;
    const f = facts(ctx);
    const nameNode = member(proxy, 'containerName');
    const name = stringValue(nameNode);
    if (nameNode && name !== undefined && !isPlaceholder(name) && !f.containers.some((c) => c.name === name)) {
      ctx.report(
        at(
          nameNode,
          `No container named "${name}"; the proxy container is one of: ${f.containers
            .map((c) => c.name)
            .filter(Boolean)
            .join(', ')}.`,
        ),
      );
    }
    if (
      f.mode !== 'awsvpc' &&
      !(f.networkModeNode?.type === 'string' && isPlaceholder(f.networkModeNode.value as string))
    ) {
      const node = f.networkModeNode;
      const fix = node
        ? { title: 'Set "networkMode" to "awsvpc"', edits: [replaceNode(node, '"awsvpc"')] }
        : {
            title: 'Add "networkMode": "awsvpc"',
            edits: [insertMember(ctx.text, ctx.body, 'networkMode', '"awsvpc"')],
          };
      ctx.report(
        at(node ?? keyNode(ctx.body, 'proxyConfiguration')!, 'proxyConfiguration needs "networkMode": "awsvpc".', {
          fixes: [fix],
        }),
      );
    }
  },
};

export const externalNetworkMode: Rule = {
  code: 'task.external-network-mode',
  severity: 'error',
  kinds,
  summary: 'A task that requires EXTERNAL uses bridge, host or none networking.',
  rationale: 'ECS Anywhere instances have no elastic network interfaces to give awsvpc tasks.',
  check(ctx) {
    const f = facts(ctx);
    const mode = stringValue(f.networkModeNode);
    if (f.external && mode === 'awsvpc')
      ctx.report(
        at(f.networkModeNode!, 'External (ECS Anywhere) instances run bridge, host or none networking, not awsvpc.'),
      );
  },
};

export const arm64Windows: Rule = {
  code: 'task.arm64-windows',
  severity: 'error',
  kinds,
  summary: 'ARM64 is not combined with a Windows operating-system family.',
  rationale: 'Windows containers on ECS run only on X86_64.',
  check(ctx) {
    const platform = member(ctx.body, 'runtimePlatform');
    const arch = member(platform, 'cpuArchitecture');
    if (stringValue(arch) === 'ARM64' && facts(ctx).windows) {
      ctx.report(
        at(arch!, 'Windows tasks run on X86_64 only; use "X86_64" or a LINUX operatingSystemFamily.', {
          fixes: [{ title: 'Set "cpuArchitecture" to "X86_64"', edits: [replaceNode(arch!, '"X86_64"')] }],
        }),
      );
    }
  },
};

export const efsTransitEncryption: Rule = {
  code: 'task.efs-transit-encryption',
  severity: 'error',
  kinds,
  summary: 'An EFS volume using IAM authorization or an access point enables transitEncryption.',
  rationale:
    'EFS IAM authorization and access points only work over TLS; the API rejects them with transit encryption off.',
  check(ctx) {
    for (const volume of elements(member(ctx.body, 'volumes'))) {
      const efs = member(volume, 'efsVolumeConfiguration');
      if (!efs) continue;
      const auth = member(efs, 'authorizationConfig');
      const iam = stringValue(member(auth, 'iam')) === 'ENABLED';
      const accessPoint = !!stringValue(member(auth, 'accessPointId'));
      if (!iam && !accessPoint) continue;
      const transit = member(efs, 'transitEncryption');
      if (stringValue(transit) === 'ENABLED') continue;
      const why = iam ? 'IAM authorization' : 'an access point';
      const fix = transit
        ? { title: 'Set "transitEncryption" to "ENABLED"', edits: [replaceNode(transit, '"ENABLED"')], preferred: true }
        : {
            title: 'Add "transitEncryption": "ENABLED"',
            edits: [insertMember(ctx.text, efs, 'transitEncryption', '"ENABLED"')],
            preferred: true,
          };
      ctx.report(
        at(
          transit ?? keyNode(volume, 'efsVolumeConfiguration')!,
          `An EFS volume with ${why} needs "transitEncryption": "ENABLED".`,
          { fixes: [fix] },
        ),
      );
    }
  },
};

export const taskPlacementConstraints: Rule = {
  code: 'task.placement-constraints',
  severity: 'error',
  kinds,
  summary: `A task definition has at most ${limits.taskPlacementConstraints} placementConstraints, each memberOf with an expression.`,
  rationale:
    'distinctInstance only makes sense for a service or run-task call; a task definition accepts memberOf constraints only.',
  check(ctx) {
    const list = member(ctx.body, 'placementConstraints');
    const items = elements(list);
    if (items.length > limits.taskPlacementConstraints)
      ctx.report(
        at(
          keyNode(ctx.body, 'placementConstraints')!,
          `${items.length} placement constraints; at most ${limits.taskPlacementConstraints} are allowed.`,
        ),
      );
    for (const item of items) {
      // Another type is the schema's to report (the API's enum for task definitions is memberOf alone).
      const type = member(item, 'type');
      const value = stringValue(type);
      const expression = member(item, 'expression');
      if (value === 'memberOf' && (!expression || stringValue(expression)?.trim() === '')) {
        ctx.report(
          at(
            expression ?? type!,
            'A memberOf constraint needs an expression, e.g. "attribute:ecs.instance-type =~ t3.*".',
          ),
        );
      }
    }
  },
};

export const taskMemberRules: readonly Rule[] = [
  proxyConfiguration,
  externalNetworkMode,
  arm64Windows,
  efsTransitEncryption,
  taskPlacementConstraints,
];
