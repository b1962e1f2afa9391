import { elements, member, numberValue, stringValue, type JsonNode } from '../json';
import { deployContextFor, resolveTaskDefinition, taskDefinitionOfService } from '../workspace';
import { isPlaceholder } from '../../ecs/placeholders';
import { at, type Rule, type RuleContext } from './types';
import { keyNode, taskFacts, type Container, type TaskFacts } from './task';

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
        `The task definition "${ctx.doc.family}" has no container "${name}"; the ${what} can target ${task.containers.map((c) => `"${c.name}"`).join(', ')}.`,
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

export const appspecTarget: Rule = {
  code: 'codedeploy.appspec-container',
  severity: 'error',
  kinds: ['task-definition'],
  summary:
    'The CodeDeploy appspec beside the task definition names one of its containers and a port that container maps (LoadBalancerInfo ContainerName, ContainerPort).',
  rationale:
    'CodeDeploy routes the load balancer to LoadBalancerInfo.ContainerName on ContainerPort of the task definition it deploys (CodeDeploy user guide, AppSpec Resources for ECS); a name or port the task definition lacks fails the deployment.',
  check(ctx) {
    const target = deployContextFor(ctx.workspace, ctx.doc).appspecTarget;
    if (!target) return;
    const where = `${target.source.path} line ${target.source.line}`;
    const containers = taskFacts(ctx.body).containers;
    if (containers.some((c) => c.name === undefined || isPlaceholder(c.name))) return;
    const container =
      target.containerName === undefined ? undefined : containers.find((c) => c.name === target.containerName);
    if (target.containerName !== undefined && !container) {
      const names = containers.map((c) => `"${c.name}"`).join(', ');
      ctx.report(
        at(
          keyNode(ctx.body, 'containerDefinitions') ?? ctx.body,
          `The appspec (${where}) routes traffic to container "${target.containerName}", which this task definition does not have; its containers are ${names || 'none'}.`,
        ),
      );
      return;
    }
    if (!container || target.containerPort === undefined) return;
    const ports = elements(member(container.node, 'portMappings'))
      .map((m) => member(m, 'containerPort'))
      .filter((n) => n && !(n.type === 'string' && isPlaceholder(String(n.value))));
    if (ports.length !== elements(member(container.node, 'portMappings')).length) return;
    if (ports.some((n) => numberValue(n) === target.containerPort)) return;
    const mapped = ports.map((n) => numberValue(n)).filter((n) => n !== undefined);
    ctx.report(
      at(
        container.nameNode ?? container.node,
        `The appspec (${where}) routes traffic to port ${target.containerPort} of "${container.name}", which maps ${mapped.length ? `port${mapped.length === 1 ? '' : 's'} ${mapped.join(', ')}` : 'no port'}; add a port mapping for ${target.containerPort} or change ContainerPort.`,
      ),
    );
  },
};

export const crossFileRules: readonly Rule[] = [
  appspecTarget,
  ambiguousTaskDefinition,
  taskNetworkConfiguration,
  loadBalancerContainer,
  registryContainer,
  classicDynamicPort,
  serviceRole,
];
