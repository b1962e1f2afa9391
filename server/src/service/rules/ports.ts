import { elements, member, numberValue, property, stringValue, type JsonNode } from '../json';
import type { Fix } from '../problem';
import { defaultReservedPorts, ephemeralPortRange, isEphemeralPort, portRange } from '../../ecs/reservedPorts';
import { limits } from '../../ecs/limits';
import { portProtocol, staticHostPort } from '../../ecs/taskModel';
import { at, type Rule, type RuleContext } from './types';
import { removeNode, replaceNode } from '../edits';
import { facts, keyNode, label, type Container } from './task';

const kinds = ['task-definition', 'describe-output'] as const;

export interface PortMapping {
  container: Container;
  node: JsonNode;
  containerPort?: number;
  containerPortNode?: JsonNode;
  hostPort?: number;
  hostPortNode?: JsonNode;
  protocol: string;
}

export function portMappings(ctx: RuleContext): PortMapping[] {
  const out: PortMapping[] = [];
  for (const container of facts(ctx).containers) {
    for (const node of elements(member(container.node, 'portMappings'))) {
      if (node.type !== 'object') continue;
      const containerPortNode = member(node, 'containerPort');
      const hostPortNode = member(node, 'hostPort');
      out.push({
        container,
        node,
        containerPortNode,
        hostPortNode,
        containerPort: numberValue(containerPortNode),
        hostPort: numberValue(hostPortNode),
        protocol: portProtocol(stringValue(member(node, 'protocol'))),
      });
    }
  }
  return out;
}

export const hostPortMismatch: Rule = {
  code: 'ports.host-port-mismatch',
  severity: 'error',
  kinds,
  summary: 'With awsvpc or host networking, hostPort is omitted or equals containerPort.',
  rationale:
    'In these modes the container listens on the task or host interface directly, so no port translation exists; the API rejects a different hostPort.',
  check(ctx) {
    const mode = facts(ctx).mode;
    if (mode !== 'awsvpc' && mode !== 'host') return;
    for (const m of portMappings(ctx)) {
      if (m.hostPort === undefined || m.containerPort === undefined || m.hostPort === m.containerPort) continue;
      const prop = property(m.node, 'hostPort')!;
      const fixes: Fix[] = [
        {
          title: `Set "hostPort" to ${m.containerPort}`,
          edits: [replaceNode(m.hostPortNode!, String(m.containerPort))],
          preferred: true,
        },
        { title: 'Remove "hostPort"', edits: [removeNode(ctx.text, prop)] },
      ];
      ctx.report(
        at(
          m.hostPortNode!,
          `With "${mode}" networking hostPort must equal containerPort (${m.containerPort}) or be omitted.`,
          { fixes },
        ),
      );
    }
  },
};

export const noneModeMappings: Rule = {
  code: 'ports.none-network-mode',
  severity: 'error',
  kinds,
  summary: 'Containers of a task with networkMode "none" have no port mappings.',
  rationale: 'A task without networking has no interface to publish ports on; registration rejects port mappings.',
  check(ctx) {
    if (facts(ctx).mode !== 'none') return;
    for (const c of facts(ctx).containers) {
      const prop = property(c.node, 'portMappings');
      if (!prop || elements(prop.children?.[1]).length === 0) continue;
      ctx.report(
        at(
          prop.children![0],
          `With networkMode "none" ${label(c)} cannot publish ports; remove "portMappings" or choose another network mode.`,
          {
            fixes: [{ title: 'Remove "portMappings"', edits: [removeNode(ctx.text, prop)] }],
          },
        ),
      );
    }
  },
};

export const reservedHostPort: Rule = {
  code: 'bridge.reserved-host-port',
  severity: 'error',
  kinds,
  summary: `A static host port is not one the container agent reserves (${defaultReservedPorts.join(', ')}).`,
  rationale:
    'These ports are reserved on every container instance by default (SSH, Docker, the agent), so a task that needs one is never placed.',
  check(ctx) {
    const mode = facts(ctx).mode;
    // The list is the Linux agent's; Windows instances reserve others.
    if (mode !== 'bridge' && mode !== 'host') return;
    for (const m of portMappings(ctx)) {
      const bound = staticHostPort(mode, m.containerPort, m.hostPort);
      if (bound && defaultReservedPorts.includes(bound.port)) {
        const node = bound.from === 'hostPort' ? m.hostPortNode! : m.containerPortNode!;
        ctx.report(
          at(
            node,
            `Host port ${bound.port} is reserved on container instances (${defaultReservedPorts.join(', ')}); the task can never be placed. Use another port${mode === 'host' ? '' : ' or 0 for a dynamic one'}.`,
          ),
        );
      }
    }
  },
};

export const ephemeralHostPort: Rule = {
  code: 'bridge.ephemeral-host-port',
  severity: 'warning',
  kinds,
  summary: `A static host port is outside the ephemeral range ${ephemeralPortRange.from}–${ephemeralPortRange.to}.`,
  rationale:
    'Docker hands out dynamic host ports from this range; a static port inside it can collide with one already assigned and leave the task unplaced.',
  check(ctx) {
    if (facts(ctx).mode !== 'bridge') return;
    for (const m of portMappings(ctx)) {
      if (m.hostPort !== undefined && isEphemeralPort(m.hostPort)) {
        ctx.report(
          at(
            m.hostPortNode!,
            `Host port ${m.hostPort} is in the ephemeral range ${ephemeralPortRange.from}–${ephemeralPortRange.to} used for dynamic ports; pick a port below ${ephemeralPortRange.from} or 0 for a dynamic one.`,
          ),
        );
      }
    }
  },
};

export const duplicateHostPort: Rule = {
  code: 'ports.duplicate-host-port',
  severity: 'error',
  kinds,
  summary: 'No two port mappings of a task claim the same static host port and protocol.',
  rationale: 'A host port can be bound once per instance; a task that asks for it twice can never start.',
  check(ctx) {
    const mode = facts(ctx).mode;
    const seen = new Map<string, PortMapping>();
    for (const m of portMappings(ctx)) {
      const bound = staticHostPort(mode, m.containerPort, m.hostPort);
      if (!bound) continue;
      const port = bound.port;
      const key = `${port}/${m.protocol}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, m);
        continue;
      }
      const node = bound.from === 'hostPort' ? m.hostPortNode! : m.containerPortNode!;
      ctx.report(
        at(
          node,
          `Host port ${port}/${m.protocol} is already mapped by ${label(first.container)}; each static host port can be used once per task.`,
        ),
      );
    }
  },
};

export const duplicateContainerPort: Rule = {
  code: 'ports.duplicate-container-port',
  severity: 'error',
  kinds,
  summary: 'In an awsvpc task no two port mappings use the same containerPort and protocol.',
  rationale:
    'All containers of an awsvpc task share one network interface, so a port can be bound by only one of them.',
  check(ctx) {
    if (facts(ctx).mode !== 'awsvpc') return;
    const seen = new Map<string, PortMapping>();
    for (const m of portMappings(ctx)) {
      if (m.containerPort === undefined) continue;
      const key = `${m.containerPort}/${m.protocol}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, m);
        continue;
      }
      ctx.report(
        at(
          m.containerPortNode!,
          `Port ${key} is already mapped by ${label(first.container)}; containers of an awsvpc task share one network interface.`,
        ),
      );
    }
  },
};

function parseRange(value: string): { start: number; end: number } | undefined {
  const m = /^(\d+)-(\d+)$/.exec(value);
  return m ? { start: Number(m[1]), end: Number(m[2]) } : undefined;
}

export const containerPortRangeRule: Rule = {
  code: 'ports.container-port-range',
  severity: 'error',
  kinds,
  summary:
    'containerPortRange is "start-end" within 1–65535, without hostPort or containerPort, in bridge or awsvpc mode, not overlapping.',
  rationale:
    'Port ranges map a block of ports with dynamically chosen host ports; the API rejects malformed, overlapping or host-pinned ranges and other network modes.',
  check(ctx) {
    const mode = facts(ctx).mode;
    for (const c of facts(ctx).containers) {
      const taken: Array<{ start: number; end: number }> = [];
      const mappings = elements(member(c.node, 'portMappings'));
      for (const node of mappings) {
        const port = numberValue(member(node, 'containerPort'));
        if (port !== undefined) taken.push({ start: port, end: port });
      }
      for (const node of mappings) {
        const rangeNode = member(node, 'containerPortRange');
        const text = stringValue(rangeNode);
        if (!rangeNode || text === undefined) continue;
        const range = parseRange(text);
        if (!range || range.start < portRange.from || range.end > portRange.to || range.start >= range.end) {
          ctx.report(
            at(
              rangeNode,
              `containerPortRange is "start-end" with ${portRange.from} ≤ start < end ≤ ${portRange.to}, e.g. "8000-8010".`,
            ),
          );
          continue;
        }
        if (mode !== 'bridge' && mode !== 'awsvpc' && mode !== undefined) {
          ctx.report(at(rangeNode, 'Port ranges need the bridge or awsvpc network mode.'));
        }
        for (const name of ['hostPort', 'containerPort']) {
          const key = keyNode(node, name);
          if (key)
            ctx.report(
              at(
                key,
                `A mapping with containerPortRange takes no ${name}: host ports for a range are chosen dynamically.`,
              ),
            );
        }
        const overlap = taken.find((t) => t.start <= range.end && range.start <= t.end);
        if (overlap)
          ctx.report(
            at(
              rangeNode,
              `Ports ${text} overlap another mapping of ${label(c)} (${overlap.start === overlap.end ? overlap.start : `${overlap.start}-${overlap.end}`}).`,
            ),
          );
        taken.push(range);
      }
    }
  },
};

const portNamePattern = new RegExp(`^[a-z0-9_][a-z0-9_-]{0,${limits.portMappingNameLength - 1}}$`);

export const portMappingName: Rule = {
  code: 'ports.mapping-name',
  severity: 'error',
  kinds,
  summary: `A port-mapping name is up to ${limits.portMappingNameLength} lowercase letters, digits, "_" and "-", not starting with "-", unique in the task.`,
  rationale: 'Service Connect refers to port mappings by name, so names follow DNS-like rules and must be unique.',
  check(ctx) {
    const seen = new Set<string>();
    for (const m of portMappings(ctx)) {
      const nameNode = member(m.node, 'name');
      const name = stringValue(nameNode);
      if (!nameNode || name === undefined) continue;
      if (!portNamePattern.test(name)) {
        ctx.report(
          at(
            nameNode,
            `Port-mapping names are 1–${limits.portMappingNameLength} lowercase letters, digits, "_" and "-", not starting with "-".`,
          ),
        );
      } else if (seen.has(name)) {
        ctx.report(
          at(nameNode, `Port-mapping name "${name}" is already used in this task; names are unique across containers.`),
        );
      }
      seen.add(name);
    }
  },
};

export const portRules: readonly Rule[] = [
  hostPortMismatch,
  noneModeMappings,
  reservedHostPort,
  ephemeralHostPort,
  duplicateHostPort,
  duplicateContainerPort,
  containerPortRangeRule,
  portMappingName,
];
