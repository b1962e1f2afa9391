import { elements, member, property, stringValue, type JsonNode } from '../json';
import type { Fix } from '../problem';
import { limits } from '../../ecs/limits';
import { isPlaceholder } from '../../ecs/placeholders';
import { at, type Rule } from './types';
import { removeNode, replaceNode } from '../edits';
import { facts, keyNode, label, type Container } from './task';
import { sliceOver } from '../../shared/steps';

const kinds = ['task-definition', 'describe-output'] as const;

function byName(containers: readonly Container[]): Map<string, Container> {
  const map = new Map<string, Container>();
  for (const c of containers) if (c.name !== undefined && !map.has(c.name)) map.set(c.name, c);
  return map;
}

function known(name: string | undefined, names: Map<string, Container>): boolean {
  return name === undefined || names.has(name) || isPlaceholder(name);
}

export const noEssentialContainer: Rule = {
  code: 'containers.no-essential',
  severity: 'error',
  kinds,
  summary: 'At least one container is essential (essential defaults to true).',
  rationale: 'A task stops when an essential container stops; the API refuses a task definition with none.',
  check(ctx) {
    const containers = facts(ctx).containers;
    if (containers.length === 0 || containers.some((c) => c.essential)) return;
    const first = containers[0];
    const essential = member(first.node, 'essential')!;
    const fix: Fix = {
      title: `Mark ${label(first)} essential`,
      edits: [replaceNode(essential, 'true')],
      preferred: true,
    };
    ctx.report(
      at(
        keyNode(ctx.body, 'containerDefinitions')!,
        'Every container is "essential": false; at least one must be essential (omit the member or set it to true).',
        { fixes: [fix] },
      ),
    );
  },
};

export const duplicateContainerName: Rule = {
  code: 'containers.duplicate-name',
  severity: 'error',
  kinds,
  summary: 'Container names are unique within a task definition.',
  rationale: 'Links, dependsOn, load balancers and overrides refer to containers by name; the API rejects duplicates.',
  check(ctx) {
    const seen = new Set<string>();
    for (const c of facts(ctx).containers) {
      if (c.name === undefined) continue;
      if (seen.has(c.name))
        ctx.report(
          at(c.nameNode!, `Container name "${c.name}" is already used in this task definition; names must be unique.`),
        );
      seen.add(c.name);
    }
  },
};

export const tooManyContainers: Rule = {
  code: 'containers.too-many',
  severity: 'error',
  kinds,
  summary: `A task definition has at most ${limits.containersPerTaskDefinition} containers.`,
  rationale: 'ECS limits the containers per task definition (a service quota that cannot be raised).',
  check(ctx) {
    const list = member(ctx.body, 'containerDefinitions');
    const n = elements(list).length;
    if (n > limits.containersPerTaskDefinition)
      ctx.report(
        at(
          keyNode(ctx.body, 'containerDefinitions')!,
          `${n} containers; a task definition holds at most ${limits.containersPerTaskDefinition}.`,
        ),
      );
  },
};

/** UTF-8 size of the JSON text without insignificant whitespace (strings counted as written). */
export function compactJsonBytes(raw: string): number {
  const count = compactJsonCounter(raw);
  count(raw.length);
  return count.bytes;
}

/** Characters counted between two pauses of `task.size` (a 4 MiB task definition in a few steps). */
const charactersPerStep = 512 * 1024;

/**
 * A count of `compactJsonBytes` that goes on where it stopped: `count(end)` counts up to `end` (or a little past,
 * to finish an escape or a surrogate pair); `count.bytes` is the size so far.
 */
export function compactJsonCounter(raw: string): ((end: number) => void) & { bytes: number } {
  let i = 0;
  let inString = false;
  const count = (end: number) => {
    let bytes = count.bytes;
    for (; i < end; i++) {
      const c = raw.charCodeAt(i);
      if (inString) {
        if (c === 92 /* \\ */) {
          bytes += 2;
          i++;
          continue;
        }
        if (c === 34 /* " */) inString = false;
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
      } else if (c !== 32 && c !== 10 && c !== 13 && c !== 9) {
        if (c === 34) inString = true;
        bytes += 1;
      }
    }
    count.bytes = bytes;
  };
  count.bytes = 0;
  return count;
}

export const taskDefinitionSize: Rule = {
  code: 'task.size',
  severity: 'error',
  kinds,
  summary: `The task definition is at most ${limits.taskDefinitionBytes} bytes of JSON.`,
  rationale:
    'RegisterTaskDefinition rejects larger requests; big environment blocks are the usual cause (move them to environmentFiles or secrets).',
  *check(ctx) {
    // A character is at most 3 bytes of UTF-8 (a surrogate pair 4 for 2): a short text cannot reach the limit.
    if (ctx.body.length * 3 <= limits.taskDefinitionBytes) return;
    const raw = ctx.text.slice(ctx.body.offset, ctx.body.offset + ctx.body.length);
    const count = compactJsonCounter(raw);
    for (let end = charactersPerStep; end < raw.length; end += charactersPerStep) {
      count(end);
      if (sliceOver()) yield;
    }
    count(raw.length);
    const bytes = count.bytes;
    const key = keyNode(ctx.body, 'containerDefinitions');
    if (bytes > limits.taskDefinitionBytes && key)
      ctx.report(
        at(
          key,
          `The task definition is ${bytes} bytes without whitespace; the limit is ${limits.taskDefinitionBytes}. Move environment values to environmentFiles or secrets.`,
        ),
      );
  },
};

export const dependsOnRule: Rule = {
  code: 'containers.depends-on',
  severity: 'error',
  kinds,
  summary: 'dependsOn names another existing container, has no cycles, and uses a condition that container can meet.',
  rationale:
    'A dependency on a missing container, a cycle, HEALTHY without a health check, or COMPLETE/SUCCESS on an essential container means the task never starts or stops at once.',
  check(ctx) {
    const containers = facts(ctx).containers;
    const names = byName(containers);
    const edges = new Map<string, Array<{ target: string; node: JsonNode }>>();
    for (const c of containers) {
      for (const dep of elements(member(c.node, 'dependsOn'))) {
        const targetNode = member(dep, 'containerName');
        const target = stringValue(targetNode);
        const conditionNode = member(dep, 'condition');
        const condition = stringValue(conditionNode);
        if (!targetNode || target === undefined || isPlaceholder(target)) continue;
        if (target === c.name) {
          ctx.report(at(targetNode, 'A container cannot depend on itself.'));
          continue;
        }
        const other = names.get(target);
        if (!other) {
          ctx.report(
            at(
              targetNode,
              `No container named "${target}" in this task definition; dependsOn names one of: ${[...names.keys()].join(', ')}.`,
            ),
          );
          continue;
        }
        if (c.name !== undefined) {
          const list = edges.get(c.name) ?? [];
          list.push({ target, node: targetNode });
          edges.set(c.name, list);
        }
        if (condition === 'HEALTHY' && !member(other.node, 'healthCheck')) {
          ctx.report(
            at(conditionNode!, `HEALTHY needs a healthCheck on "${target}", which has none; add one or use START.`),
          );
        }
        if ((condition === 'COMPLETE' || condition === 'SUCCESS') && other.essential) {
          ctx.report(
            at(
              conditionNode!,
              `${condition} waits for "${target}" to exit, but it is essential and its exit stops the task; mark it "essential": false.`,
            ),
          );
        }
      }
    }
    // Report each cycle once, on the edge that closes it; iterative, so a hostile chain cannot overflow the stack.
    const state = new Map<string, 'visiting' | 'done'>();
    for (const start of edges.keys()) {
      if (state.has(start)) continue;
      const path = [start];
      const stack = [{ name: start, next: 0 }];
      state.set(start, 'visiting');
      while (stack.length > 0) {
        const frame = stack[stack.length - 1];
        const out = edges.get(frame.name) ?? [];
        if (frame.next >= out.length) {
          state.set(frame.name, 'done');
          stack.pop();
          path.pop();
          continue;
        }
        const edge = out[frame.next++];
        const s = state.get(edge.target);
        if (s === 'visiting') {
          const cycle = [...path.slice(path.indexOf(edge.target)), edge.target];
          const shown =
            cycle.length > 12 ? [...cycle.slice(0, 5), `… ${cycle.length - 10} more …`, ...cycle.slice(-5)] : cycle;
          ctx.report(
            at(edge.node, `dependsOn forms a cycle (${shown.join(' → ')}); none of these containers could start.`),
          );
        } else if (!s) {
          state.set(edge.target, 'visiting');
          path.push(edge.target);
          stack.push({ name: edge.target, next: 0 });
        }
      }
    }
  },
};

export const linksRule: Rule = {
  code: 'containers.links',
  severity: 'error',
  kinds,
  summary: 'links are used only with bridge networking and name existing containers.',
  rationale:
    'Docker links only exist on the bridge network; in other modes containers reach each other on localhost or the host. A link to a missing container fails registration.',
  check(ctx) {
    const f = facts(ctx);
    const names = byName(f.containers);
    for (const c of f.containers) {
      const prop = property(c.node, 'links');
      const links = elements(prop?.children?.[1]);
      if (!prop || links.length === 0) continue;
      if (f.mode !== 'bridge' && f.mode !== undefined && !f.fargate) {
        ctx.report(
          at(
            prop.children![0],
            `links need the bridge network mode; with "${f.mode}" containers reach each other on localhost.`,
            {
              fixes: [{ title: 'Remove "links"', edits: [removeNode(ctx.text, prop)] }],
            },
          ),
        );
        continue;
      }
      for (const link of links) {
        const value = stringValue(link);
        if (value === undefined) continue;
        const target = value.split(':')[0];
        if (!known(target, names) || target === c.name)
          ctx.report(at(link, `No other container named "${target}" to link to; links are "name" or "name:alias".`));
      }
    }
  },
};

export const volumesFromRule: Rule = {
  code: 'containers.volumes-from',
  severity: 'error',
  kinds,
  summary: 'volumesFrom.sourceContainer names another container of the task.',
  rationale: 'Volumes can only be shared from a container in the same task; registration fails otherwise.',
  check(ctx) {
    const names = byName(facts(ctx).containers);
    for (const c of facts(ctx).containers) {
      for (const v of elements(member(c.node, 'volumesFrom'))) {
        const node = member(v, 'sourceContainer');
        const value = stringValue(node);
        if (node && (!known(value, names) || value === c.name))
          ctx.report(at(node, `No other container named "${value}" in this task definition to take volumes from.`));
      }
    }
  },
};

export const mountPointVolume: Rule = {
  code: 'containers.mount-point-volume',
  severity: 'error',
  kinds,
  summary: 'mountPoints[].sourceVolume names a volume of the task definition.',
  rationale: 'A mount point mounts a task volume by name; an unknown name fails registration.',
  check(ctx) {
    const volumes = new Set(
      elements(member(ctx.body, 'volumes'))
        .map((v) => stringValue(member(v, 'name')))
        .filter((n): n is string => !!n),
    );
    for (const c of facts(ctx).containers) {
      for (const mp of elements(member(c.node, 'mountPoints'))) {
        const node = member(mp, 'sourceVolume');
        const value = stringValue(node);
        if (node && value !== undefined && !volumes.has(value) && !isPlaceholder(value)) {
          ctx.report(
            at(
              node,
              volumes.size
                ? `No volume named "${value}"; the task defines ${[...volumes].map((v) => `"${v}"`).join(', ')}.`
                : `No volume named "${value}": the task definition declares no "volumes".`,
            ),
          );
        }
      }
    }
  },
};

export const hostnameAwsvpc: Rule = {
  code: 'containers.hostname-awsvpc',
  severity: 'error',
  kinds,
  summary: 'Containers of an awsvpc task set no hostname.',
  rationale: 'With awsvpc the hostname comes from the task network interface; the API rejects a container hostname.',
  check(ctx) {
    if (facts(ctx).mode !== 'awsvpc') return;
    for (const c of facts(ctx).containers) {
      const prop = property(c.node, 'hostname');
      if (prop && prop.children?.[1]?.type !== 'null') {
        ctx.report(
          at(prop.children![0], `"hostname" is not supported with the awsvpc network mode (${label(c)}).`, {
            fixes: [{ title: 'Remove "hostname"', edits: [removeNode(ctx.text, prop)] }],
          }),
        );
      }
    }
  },
};

export const containerRules: readonly Rule[] = [
  noEssentialContainer,
  duplicateContainerName,
  tooManyContainers,
  taskDefinitionSize,
  dependsOnRule,
  linksRule,
  volumesFromRule,
  mountPointVolume,
  hostnameAwsvpc,
];
