import { member, numberValue, type JsonNode } from '../json';
import { cpuSpellings, memorySpellings, parseCpu, parseMemory } from '../../ecs/taskModel';
import { limits } from '../../ecs/limits';
import { isPlaceholder } from '../../ecs/placeholders';
import { at, type Rule, type RuleContext } from './types';
import { containerAnchor, facts, label } from './task';

const kinds = ['task-definition', 'describe-output'] as const;

function taskSize(ctx: RuleContext, name: 'cpu' | 'memory'): { node: JsonNode; value: number } | undefined {
  const node = member(ctx.body, name);
  if (!node || (node.type === 'string' && isPlaceholder(node.value as string))) return undefined;
  const value = name === 'cpu' ? parseCpu(node.value) : parseMemory(node.value);
  return value === undefined ? undefined : { node, value };
}

export const containerMemoryRequired: Rule = {
  code: 'resources.container-memory-required',
  severity: 'error',
  kinds,
  summary: 'Without task-level memory, every container sets memory or memoryReservation.',
  rationale:
    'The scheduler needs a memory figure to place the task; registration fails when neither the task nor the container gives one.',
  check(ctx) {
    const task = member(ctx.body, 'memory');
    if (task && task.type !== 'null') return;
    for (const c of facts(ctx).containers) {
      const given = (name: string) => {
        const n = member(c.node, name);
        return !!n && n.type !== 'null';
      };
      if (!given('memory') && !given('memoryReservation')) {
        ctx.report({
          ...containerAnchor(c),
          message: `The task sets no memory, so ${label(c)} needs "memory" (hard limit, MiB) or "memoryReservation" (soft limit, MiB).`,
        });
      }
    }
  },
};

export const reservationAboveMemory: Rule = {
  code: 'resources.reservation-above-memory',
  severity: 'error',
  kinds,
  summary: 'A container memoryReservation is not above its memory.',
  rationale:
    'memoryReservation is the soft limit and memory the hard limit; the API rejects a soft limit above the hard one.',
  check(ctx) {
    for (const c of facts(ctx).containers) {
      const memory = numberValue(member(c.node, 'memory'));
      const reservationNode = member(c.node, 'memoryReservation');
      const reservation = numberValue(reservationNode);
      if (memory !== undefined && reservation !== undefined && reservation > memory) {
        ctx.report(
          at(
            reservationNode!,
            `memoryReservation (${reservation} MiB) is above memory (${memory} MiB) for ${label(c)}; the soft limit must not exceed the hard limit.`,
          ),
        );
      }
    }
  },
};

export const containerMemoryMinimum: Rule = {
  code: 'resources.container-memory-minimum',
  severity: 'error',
  kinds,
  summary: `Container memory and memoryReservation are at least ${limits.containerMemoryMinMiB} MiB.`,
  rationale:
    'Docker reserves a minimum amount of memory per container; smaller limits make the container fail to start.',
  check(ctx) {
    for (const c of facts(ctx).containers) {
      for (const name of ['memory', 'memoryReservation']) {
        const node = member(c.node, name);
        const value = numberValue(node);
        if (node && value !== undefined && value < limits.containerMemoryMinMiB) {
          ctx.report(
            at(
              node,
              `${name} is ${value} MiB; Docker needs at least ${limits.containerMemoryMinMiB} MiB per container.`,
            ),
          );
        }
      }
    }
  },
};

export const memorySum: Rule = {
  code: 'resources.memory-sum',
  severity: 'error',
  kinds,
  summary: 'Container memory fits in the task memory.',
  rationale:
    'Containers share the task-level memory; a container limit or a total reservation above it cannot be honoured and registration fails.',
  check(ctx) {
    const task = taskSize(ctx, 'memory');
    if (!task) return;
    let sum = 0;
    let above = false;
    for (const c of facts(ctx).containers) {
      const memoryNode = member(c.node, 'memory');
      const memory = numberValue(memoryNode);
      const reservation = numberValue(member(c.node, 'memoryReservation'));
      if (memory !== undefined && memory > task.value) {
        ctx.report(
          at(memoryNode!, `memory of ${label(c)} (${memory} MiB) is above the task memory (${task.value} MiB).`),
        );
        above = true;
      }
      sum += reservation ?? memory ?? 0;
    }
    // A container above the task memory also makes the total too large: one mistake, reported once.
    if (sum > task.value && !above) {
      ctx.report(
        at(
          task.node,
          `The containers reserve ${sum} MiB in total (memoryReservation, else memory), more than the task memory of ${task.value} MiB.`,
        ),
      );
    }
  },
};

export const cpuSum: Rule = {
  code: 'resources.cpu-sum',
  severity: 'error',
  kinds,
  summary: 'The sum of container cpu fits in the task cpu.',
  rationale: 'Container cpu units are carved out of the task-level cpu; a larger sum is rejected at registration.',
  check(ctx) {
    const task = taskSize(ctx, 'cpu');
    if (!task || facts(ctx).windows) return;
    let sum = 0;
    for (const c of facts(ctx).containers) sum += numberValue(member(c.node, 'cpu')) ?? 0;
    if (sum > task.value)
      ctx.report(
        at(task.node, `The containers ask for ${sum} CPU units in total, more than the task cpu of ${task.value}.`),
      );
  },
};

export const taskCpuRange: Rule = {
  code: 'resources.task-cpu-range',
  severity: 'error',
  kinds,
  summary: `Task cpu for EC2 and external instances is ${limits.ec2TaskCpu.min}–${limits.ec2TaskCpu.max} units.`,
  rationale:
    'Outside Fargate the task-level cpu is optional but, when set, must lie in this range (0.125 to 192 vCPU).',
  check(ctx) {
    if (facts(ctx).fargate) return;
    const node = member(ctx.body, 'cpu');
    if (!node || node.type === 'null' || (node.type === 'string' && isPlaceholder(node.value as string))) return;
    const cpu = parseCpu(node.value);
    if (cpu === undefined) {
      ctx.report(at(node, `Not a cpu value: use ${cpuSpellings}.`));
    } else if (cpu < limits.ec2TaskCpu.min || cpu > limits.ec2TaskCpu.max) {
      ctx.report(
        at(node, `Task cpu is ${limits.ec2TaskCpu.min}–${limits.ec2TaskCpu.max} CPU units; ${cpu} is out of range.`),
      );
    }
  },
};

export const taskMemoryValue: Rule = {
  code: 'resources.task-memory-value',
  severity: 'error',
  kinds,
  summary: `Task memory for EC2 and external instances is written in ${memorySpellings}.`,
  rationale: 'The API converts task-level memory to MiB at registration and rejects a string in any other unit.',
  check(ctx) {
    if (facts(ctx).fargate) return;
    const node = member(ctx.body, 'memory');
    // Other JSON types are the schema's to report.
    if (
      !node ||
      (node.type !== 'string' && node.type !== 'number') ||
      (node.type === 'string' && isPlaceholder(node.value as string))
    )
      return;
    if (parseMemory(node.value) === undefined) ctx.report(at(node, `Not a memory value: use ${memorySpellings}.`));
  },
};

export const resourceRules: readonly Rule[] = [
  containerMemoryRequired,
  reservationAboveMemory,
  containerMemoryMinimum,
  memorySum,
  cpuSum,
  taskCpuRange,
  taskMemoryValue,
];
