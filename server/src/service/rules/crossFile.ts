import { elements, member, numberValue, stringValue, type JsonNode } from '../json';
import { deployContextFor, resolveTaskDefinition, taskDefinitionOfService } from '../workspace';
import { isPlaceholder } from '../../ecs/placeholders';
import { at, type Rule, type RuleContext } from './types';
import { keyNode, taskFacts, type Container, type TaskFacts } from './task';
import type { EcsDocument } from '../document';
import type { AppspecTarget } from '../context/types';
import { appspecContainerName, appspecContainerPort, appspecTargetNodes } from '../context/appspec';

const kinds = ['service'] as const;

/** The task definition the service runs, when the workspace holds one of its family. */
function serviceTask(ctx: RuleContext): TaskFacts | undefined {
  const family = ctx.doc.family;
  if (!family || isPlaceholder(family)) return undefined;
  const doc = taskDefinitionOfService(ctx.workspace, ctx.doc);
  return doc?.body ? taskFacts(doc.body) : undefined;
}

function taskRef(ctx: RuleContext): JsonNode {
  return member(ctx.body, 'taskDefinition') ?? ctx.body;
}

function mappingFor(container: Container, port: number): JsonNode | undefined {
  return elements(member(container.node, 'portMappings')).find((m) => {
    if (numberValue(member(m, 'containerPort')) === port) return true;
    const range = /^(\d+)-(\d+)$/.exec(stringValue(member(m, 'containerPortRange')) ?? '');
    return !!range && port >= Number(range[1]) && port <= Number(range[2]);
  });
}

function mappedPorts(container: Container): string {
  const ports = elements(member(container.node, 'portMappings'))
    .map((m) => numberValue(member(m, 'containerPort')) ?? stringValue(member(m, 'containerPortRange')))
    .filter((p) => p !== undefined);
  return ports.length ? ports.join(', ') : 'none';
}

export const taskNetworkConfiguration: Rule = {
  code: 'service.task-network-configuration',
  severity: 'error',
  kinds,
  summary: 'A service of an awsvpc task has networkConfiguration; services of other network modes have none.',
  rationale:
    'awsvpc tasks get an interface in the subnets and security groups the service names; for other modes CreateService rejects a network configuration.',
  check(ctx) {
    const task = serviceTask(ctx);
    if (!task || task.mode === undefined) return;
    const config = keyNode(ctx.body, 'networkConfiguration');
    if (task.mode === 'awsvpc' && !config) {
      ctx.report(
        at(
          taskRef(ctx),
          `The task definition "${ctx.doc.family}" uses awsvpc networking, so the service needs networkConfiguration.awsvpcConfiguration (subnets, security groups).`,
        ),
      );
    } else if (task.mode !== 'awsvpc' && config) {
      ctx.report(
        at(
          config,
          `The task definition "${ctx.doc.family}" uses ${task.mode === 'windows-default' ? 'the default' : `"${task.mode}"`} networking; networkConfiguration applies to awsvpc tasks only.`,
        ),
      );
    }
  },
};

export const loadBalancerContainer: Rule = {
  code: 'service.load-balancer-container',
  severity: 'error',
  kinds,
  summary: 'loadBalancers[].containerName and containerPort exist in the task definition.',
  rationale:
    'The load balancer sends traffic to a mapped port of a named container; CreateService fails when the task definition has no such container or port.',
  check(ctx) {
    const task = serviceTask(ctx);
    if (!task) return;
    for (const item of elements(member(ctx.body, 'loadBalancers'))) checkTarget(ctx, task, item, 'load balancer');
  },
};

export const registryContainer: Rule = {
  code: 'service.registry-container',
  severity: 'error',
  kinds,
  summary: 'serviceRegistries[].containerName and containerPort exist in the task definition.',
  rationale:
    'Service discovery registers the named container and port; a name or port the task definition lacks fails CreateService.',
  check(ctx) {
    const task = serviceTask(ctx);
    if (!task) return;
    for (const item of elements(member(ctx.body, 'serviceRegistries')))
      checkTarget(ctx, task, item, 'service registry');
  },
};

function checkTarget(ctx: RuleContext, task: TaskFacts, item: JsonNode, what: string): void {
  const nameNode = member(item, 'containerName');
  const name = stringValue(nameNode);
  if (!nameNode || name === undefined || isPlaceholder(name)) return;
  const container = task.containers.find((c) => c.name === name);
  if (!container) {
    if (!task.containersKnown) return;
    ctx.report(
      at(
        nameNode,
        `The task definition "${ctx.doc.family}" has no container "${name}"; the ${what} can target ${[...new Set(task.containers.map((c) => `"${c.name}"`))].join(', ')}.`,
      ),
    );
    return;
  }
  const portNode = member(item, 'containerPort');
  const port = numberValue(portNode);
  if (portNode && port !== undefined && !mappingFor(container, port)) {
    ctx.report(
      at(
        portNode,
        `Container "${name}" maps no port ${port} (mapped: ${mappedPorts(container)}); add a port mapping or use a mapped port.`,
      ),
    );
  }
}

export const classicDynamicPort: Rule = {
  code: 'service.classic-load-balancer',
  severity: 'error',
  kinds,
  summary: 'A Classic Load Balancer targets a static host port of a bridge or host task.',
  rationale:
    'Classic Load Balancers forward to one fixed instance port: dynamic host ports and awsvpc task interfaces cannot be registered.',
  check(ctx) {
    const task = serviceTask(ctx);
    if (!task) return;
    for (const item of elements(member(ctx.body, 'loadBalancers'))) {
      const classic = member(item, 'loadBalancerName');
      if (!classic || member(item, 'targetGroupArn')) continue;
      if (task.mode === 'awsvpc') {
        ctx.report(
          at(
            classic,
            `Classic Load Balancers cannot target awsvpc tasks ("${ctx.doc.family}"); use an Application or Network Load Balancer target group.`,
          ),
        );
        continue;
      }
      if (task.mode !== 'bridge') continue;
      const container = task.containers.find((c) => c.name === stringValue(member(item, 'containerName')));
      const port = numberValue(member(item, 'containerPort'));
      const mapping = container && port !== undefined ? mappingFor(container, port) : undefined;
      if (mapping && !(numberValue(member(mapping, 'hostPort')) ?? 0)) {
        ctx.report(
          at(
            classic,
            `Port ${port} of "${container!.name}" has a dynamic host port, which a Classic Load Balancer cannot follow; set a static hostPort or use a target group.`,
          ),
        );
      }
    }
  },
};

export const serviceRole: Rule = {
  code: 'service.role',
  severity: 'error',
  kinds,
  summary: 'The service role is set only with a load balancer and not for awsvpc tasks.',
  rationale:
    'The role lets ECS register instances with a load balancer; awsvpc services use the service-linked role and CreateService rejects an explicit one.',
  check(ctx) {
    const role = keyNode(ctx.body, 'role');
    const value = member(ctx.body, 'role');
    if (!role || value?.type === 'null' || stringValue(value) === '' || isPlaceholder(stringValue(value) ?? '')) return;
    const loadBalancers = member(ctx.body, 'loadBalancers');
    // A list built at deploy time (a placeholder, a Terraform dynamic block) may hold load balancers.
    if (loadBalancers && loadBalancers.type !== 'array') return;
    if (elements(loadBalancers).length === 0) {
      ctx.report(at(role, 'A service role is only used with a load balancer; remove "role" or add loadBalancers.'));
      return;
    }
    if (serviceTask(ctx)?.mode === 'awsvpc')
      ctx.report(
        at(
          role,
          `The task definition "${ctx.doc.family}" uses awsvpc networking; such services use the ECS service-linked role, remove "role".`,
        ),
      );
  },
};

export const ambiguousTaskDefinition: Rule = {
  code: 'service.task-definition-ambiguous',
  severity: 'information',
  kinds,
  summary:
    "Several task definitions of the service's family are equally near it: the service is not checked against any of them.",
  rationale:
    'The checks across files must not depend on the order files are found in; naming a revision (family:N) or keeping one task definition beside the service settles which one runs.',
  check(ctx) {
    const family = ctx.doc.family;
    if (!family || isPlaceholder(family)) return;
    const { ambiguous } = resolveTaskDefinition(ctx.workspace, ctx.doc);
    if (ambiguous.length < 2) return;
    const names = ambiguous.map((d) =>
      decodeURIComponent(d.uri.slice(d.uri.lastIndexOf('/', d.uri.lastIndexOf('/') - 1) + 1)),
    );
    ctx.report(
      at(
        taskRef(ctx),
        `${ambiguous.length} task definitions of family "${family}" are equally near this service (${names.join(', ')}); it is checked against none. Name a revision ("${family}:N") or keep one beside the service.`,
      ),
    );
  },
};

/** How the appspec's LoadBalancerInfo disagrees with the task definition it deploys, if it does. */
type AppspecMismatch =
  | { kind: 'container'; container: string; names: string }
  | { kind: 'port'; container: Container; port: number; mapped: number[] };

/**
 * One comparison for both files: ContainerName must be one of the task definition's containers, and
 * ContainerPort a containerPort that container maps. A placeholder on either side leaves the pair unjudged.
 */
function appspecMismatch(target: AppspecTarget, taskBody: JsonNode): AppspecMismatch | undefined {
  const containers = taskFacts(taskBody).containers;
  if (containers.some((c) => c.name === undefined || isPlaceholder(c.name))) return undefined;
  const container =
    target.containerName === undefined ? undefined : containers.find((c) => c.name === target.containerName);
  if (target.containerName !== undefined && !container)
    return {
      kind: 'container',
      container: target.containerName,
      names: containers.map((c) => `"${c.name}"`).join(', ') || 'none',
    };
  if (!container || target.containerPort === undefined) return undefined;
  const mappings = elements(member(container.node, 'portMappings'));
  const ports = mappings
    .map((m) => member(m, 'containerPort'))
    .filter((n) => n && !(n.type === 'string' && isPlaceholder(String(n.value))));
  if (ports.length !== mappings.length) return undefined;
  if (ports.some((n) => numberValue(n) === target.containerPort)) return undefined;
  const mapped = ports.map((n) => numberValue(n)).filter((n) => n !== undefined);
  return { kind: 'port', container, port: target.containerPort, mapped };
}

function portList(mapped: number[]): string {
  return mapped.length ? `port${mapped.length === 1 ? '' : 's'} ${mapped.join(', ')}` : 'no port';
}

/** The task definitions whose appspec (by their deploy context) is this file: taskdef files beside it. */
function deployedTaskDefinitions(ctx: RuleContext): EcsDocument[] {
  const file = (ctx.doc.origin?.uri ?? ctx.doc.uri).replace(/#.*$/, '');
  const folder = file.slice(0, file.lastIndexOf('/') + 1);
  const name = decodeURIComponent(file.slice(folder.length));
  return ctx.workspace.documents().filter((d) => {
    if (d.kind !== 'task-definition' || !d.body || d.origin || !d.uri.startsWith(folder)) return false;
    if (d.uri.indexOf('/', folder.length) >= 0) return false;
    const source = deployContextFor(ctx.workspace, d).appspecTarget?.source.path;
    return source !== undefined && source.slice(source.lastIndexOf('/') + 1) === name;
  });
}

export const appspecTarget: Rule = {
  code: 'codedeploy.appspec-container',
  severity: 'error',
  kinds: ['task-definition', 'appspec'],
  summary:
    'The CodeDeploy appspec and the task definition beside it agree: LoadBalancerInfo ContainerName is one of its containers and ContainerPort a port that container maps.',
  rationale:
    'CodeDeploy routes the load balancer to LoadBalancerInfo.ContainerName on ContainerPort of the task definition it deploys (CodeDeploy user guide, AppSpec Resources for ECS); a name or port the task definition lacks fails the deployment.',
  check(ctx) {
    if (ctx.doc.kind === 'appspec') {
      checkAppspec(ctx);
      return;
    }
    const target = deployContextFor(ctx.workspace, ctx.doc).appspecTarget;
    if (!target) return;
    const where = `${target.source.path} line ${target.source.line}`;
    const mismatch = appspecMismatch(target, ctx.body);
    if (mismatch?.kind === 'container')
      ctx.report(
        at(
          keyNode(ctx.body, 'containerDefinitions') ?? ctx.body,
          `The appspec (${where}) routes traffic to container "${mismatch.container}", which this task definition does not have; its containers are ${mismatch.names}.`,
        ),
      );
    else if (mismatch?.kind === 'port')
      ctx.report(
        at(
          mismatch.container.nameNode ?? mismatch.container.node,
          `The appspec (${where}) routes traffic to port ${mismatch.port} of "${mismatch.container.name}", which maps ${portList(mismatch.mapped)}; add a port mapping for ${mismatch.port} or change ContainerPort.`,
        ),
      );
  },
};

/** The appspec's side: the same mismatch, at its ContainerName or ContainerPort value. */
function checkAppspec(ctx: RuleContext): void {
  const nodes = appspecTargetNodes(ctx.body);
  if (!nodes) return;
  const target = { containerName: appspecContainerName(nodes.name), containerPort: appspecContainerPort(nodes.port) };
  if (target.containerName === undefined && target.containerPort === undefined) return;
  // Several taskdef files beside one appspec (one per environment): the appspec is wrong only when none agrees
  // with it; each file that disagrees is told so on its own side. One diagnostic here, for the first by name.
  const tasks = deployedTaskDefinitions(ctx).sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const found = tasks.map((task) => ({
    file: decodeURIComponent(task.uri.slice(task.uri.lastIndexOf('/') + 1)),
    mismatch: appspecMismatch({ ...target, source: { path: '', line: 0 } }, task.body!),
  }));
  if (found.length === 0 || found.some((f) => f.mismatch === undefined)) return;
  const { file, mismatch } = found[0];
  if (mismatch?.kind === 'container' && nodes.name)
    ctx.report(
      at(
        nodes.name,
        `ContainerName "${mismatch.container}" is not a container of the task definition in ${file}; its containers are ${mismatch.names}.`,
      ),
    );
  else if (mismatch?.kind === 'port' && nodes.port)
    ctx.report(
      at(
        nodes.port,
        `ContainerPort ${mismatch.port} is not a port that "${mismatch.container.name}" maps in ${file} (it maps ${portList(mismatch.mapped)}); use a mapped port or add a port mapping for ${mismatch.port} there.`,
      ),
    );
}

export const crossFileRules: readonly Rule[] = [
  appspecTarget,
  ambiguousTaskDefinition,
  taskNetworkConfiguration,
  loadBalancerContainer,
  registryContainer,
  classicDynamicPort,
  serviceRole,
];
