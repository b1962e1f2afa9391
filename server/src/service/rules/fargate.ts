import { elements, member, numberValue, property, stringValue, type JsonNode } from '../json';
import type { Fix } from '../problem';
import {
  fargateCpuFor,
  fargateCpuValues,
  fargateMemoryFor,
  fargateSizes,
  fargateWindowsMinCpu,
  isFargatePair,
  nearest,
} from '../../ecs/fargateSizes';
import { cpuSpellings, memorySpellings, parseCpu, parseMemory } from '../../ecs/taskModel';
import {
  fargateAddableCapabilities,
  fargatePidMode,
  fargateUnsupportedContainerMembers,
  fargateUnsupportedLinuxParameters,
  fargateUnsupportedTaskMembers,
} from '../../ecs/fargateSupport';
import { fargateLogDrivers } from '../../ecs/logDrivers';
import { limits } from '../../ecs/limits';
import { isPlaceholder } from '../../ecs/placeholders';
import { at, type Rule, type RuleContext } from './types';
import { insertMember, removeNode, replaceNode, sameNodeIn, setMembers } from '../edits';
import { facts, label } from './task';

const kinds = ['task-definition', 'describe-output'] as const;

/** Where "this is a Fargate task" is written: the FARGATE element of requiresCompatibilities. */
function fargateAnchor(ctx: RuleContext): JsonNode {
  const list = member(ctx.body, 'requiresCompatibilities');
  return elements(list).find((e) => e.value === 'FARGATE') ?? list ?? ctx.body;
}

function removeFix(ctx: RuleContext, prop: JsonNode | undefined, name: string): Fix[] | undefined {
  if (!prop) return undefined;
  return [{ title: `Remove "${name}"`, edits: [removeNode(ctx.text, prop)] }];
}

/** A value that holds something (null, false, empty lists and objects do not change the task). */
function isSet(node: JsonNode | undefined): boolean {
  if (!node || node.type === 'null') return false;
  // A value known only at deploy time (a placeholder, a Terraform dynamic block) may be empty.
  if (node.type === 'string' && isPlaceholder(node.value as string)) return false;
  if (node.type === 'array' || node.type === 'object') return (node.children?.length ?? 0) > 0;
  if (node.type === 'boolean') return node.value === true;
  return true;
}

/** Writes a size back in the form the document used (JSON string or number). */
function sizeJson(node: JsonNode, value: number): string {
  return node.type === 'number' ? String(value) : JSON.stringify(String(value));
}

function sizeText(cpuOrMemory: readonly number[]): string {
  return cpuOrMemory.join(', ');
}

export const fargateNetworkMode: Rule = {
  code: 'fargate.network-mode',
  severity: 'error',
  kinds,
  summary: 'A task that requires Fargate uses the awsvpc network mode.',
  rationale:
    'Fargate gives every task its own elastic network interface; RegisterTaskDefinition rejects any other network mode for FARGATE.',
  check(ctx) {
    const f = facts(ctx);
    if (!f.fargate) return;
    const node = f.networkModeNode;
    if (node && (stringValue(node) === 'awsvpc' || (node.type === 'string' && isPlaceholder(node.value as string))))
      return;
    // A value the schema refused ("", null, a number) is reported there, once: it is not a missing member.
    if (!node && ctx.doc.reportedMembers?.includes('networkMode')) return;
    const fix: Fix = node
      ? { title: 'Set "networkMode" to "awsvpc"', edits: [replaceNode(node, '"awsvpc"')], preferred: true }
      : {
          title: 'Add "networkMode": "awsvpc"',
          edits: [insertMember(ctx.text, ctx.body, 'networkMode', '"awsvpc"')],
          preferred: true,
        };
    const message = node
      ? `Fargate tasks use the "awsvpc" network mode, not ${JSON.stringify(node.value)}.`
      : 'Fargate tasks need "networkMode": "awsvpc" (the default, bridge, is not available on Fargate).';
    ctx.report(at(node ?? fargateAnchor(ctx), message, { fixes: [fix] }));
  },
};

export const fargateSizeRequired: Rule = {
  code: 'fargate.size-required',
  severity: 'error',
  kinds,
  summary: 'A task that requires Fargate sets task-level cpu and memory.',
  rationale: 'Fargate sizes the task from the task-level cpu and memory; registration fails without them.',
  check(ctx) {
    if (!facts(ctx).fargate) return;
    const cpu = member(ctx.body, 'cpu');
    const memory = member(ctx.body, 'memory');
    const missing = [
      !cpu || cpu.type === 'null' ? 'cpu' : undefined,
      !memory || memory.type === 'null' ? 'memory' : undefined,
    ].filter(Boolean);
    if (missing.length === 0) return;
    const fixes: Fix[] = [];
    // In the text, a member may be there with a null or empty value the rules do not see: the fix sets it.
    const own = (ctx.doc.root && sameNodeIn(ctx.doc.root, ctx.body)) ?? ctx.body;
    const there = (name: string) => !!member(own, name);
    const cpuUnits = parseCpu(cpu?.value);
    const memoryMiB = parseMemory(memory?.value);
    if (missing.length === 2) {
      fixes.push({
        title: `${there('cpu') || there('memory') ? 'Set' : 'Add'} "cpu": "256" and "memory": "512"`,
        edits: setMembers(
          ctx.text,
          ctx.body,
          [
            ['cpu', '"256"'],
            ['memory', '"512"'],
          ],
          ctx.doc.root,
        ),
      });
    } else if (missing[0] === 'memory' && cpuUnits !== undefined && fargateMemoryFor(cpuUnits).length) {
      const m = fargateMemoryFor(cpuUnits)[0];
      fixes.push({
        title: `${there('memory') ? 'Set' : 'Add'} "memory": "${m}"`,
        edits: setMembers(ctx.text, ctx.body, [['memory', `"${m}"`]], ctx.doc.root),
      });
    } else if (missing[0] === 'cpu' && memoryMiB !== undefined && fargateCpuFor(memoryMiB).length) {
      const c = fargateCpuFor(memoryMiB)[0];
      fixes.push({
        title: `${there('cpu') ? 'Set' : 'Add'} "cpu": "${c}"`,
        edits: setMembers(ctx.text, ctx.body, [['cpu', `"${c}"`]], ctx.doc.root),
      });
    }
    ctx.report(
      at(
        fargateAnchor(ctx),
        `Fargate tasks need task-level ${missing.join(' and ')} (e.g. "cpu": "256" with "memory": "512").`,
        { fixes: fixes.length ? fixes : undefined },
      ),
    );
  },
};

export const fargateInvalidSize: Rule = {
  code: 'fargate.invalid-size',
  severity: 'error',
  kinds,
  summary: 'Task cpu and memory form one of the sizes Fargate offers.',
  rationale:
    'Fargate only runs fixed cpu/memory combinations; any other pair fails registration with "Invalid \'cpu\' setting" or "No Fargate configuration exists".',
  check(ctx) {
    const f = facts(ctx);
    if (!f.fargate) return;
    const cpuNode = member(ctx.body, 'cpu');
    const memNode = member(ctx.body, 'memory');
    if (!cpuNode || !memNode || cpuNode.type === 'null' || memNode.type === 'null') return;
    if ([cpuNode, memNode].some((n) => n.type === 'string' && isPlaceholder(n.value as string))) return;
    const cpu = parseCpu(cpuNode.value);
    const memory = parseMemory(memNode.value);
    if (cpu === undefined) {
      ctx.report(at(cpuNode, `Not a cpu value: use ${cpuSpellings}. Fargate accepts ${sizeText(fargateCpuValues)}.`));
      return;
    }
    if (memory === undefined) {
      ctx.report(at(memNode, `Not a memory value: use ${memorySpellings}.`));
      return;
    }
    if (!fargateCpuValues.includes(cpu)) {
      const forMemory = fargateCpuFor(memory);
      const choices = forMemory.length ? forMemory : nearest(fargateCpuValues, cpu, 2);
      const fixes = choices.map((c): Fix => ({
        title: `Set "cpu" to ${c}`,
        edits: [replaceNode(cpuNode, sizeJson(cpuNode, c))],
      }));
      ctx.report(
        at(
          cpuNode,
          `Fargate has no ${cpu} CPU-unit size; cpu is one of ${sizeText(fargateCpuValues)}${forMemory.length ? ` (with ${memory} MiB: ${sizeText(forMemory)})` : ''}.`,
          { fixes },
        ),
      );
      return;
    }
    if (isFargatePair(cpu, memory)) return;
    const valid = fargateMemoryFor(cpu);
    const fixes: Fix[] = nearest(valid, memory, 3).map((m) => ({
      title: `Set "memory" to ${m}`,
      edits: [replaceNode(memNode, sizeJson(memNode, m))],
    }));
    for (const c of fargateCpuFor(memory))
      fixes.push({ title: `Set "cpu" to ${c}`, edits: [replaceNode(cpuNode, sizeJson(cpuNode, c))] });
    const row = fargateSizes.find((s) => s.cpu === cpu)!;
    const allowed =
      row.memory.length <= 7
        ? sizeText(row.memory)
        : `${row.memory[0]}–${row.memory[row.memory.length - 1]} in steps of ${row.memory[1] - row.memory[0]}`;
    ctx.report(at(memNode, `With cpu ${cpu}, Fargate memory is ${allowed} MiB; ${memory} is not offered.`, { fixes }));
  },
};

export const fargateWindowsCpu: Rule = {
  code: 'fargate.windows-cpu',
  severity: 'error',
  kinds,
  summary: 'Windows tasks on Fargate use at least 1 vCPU (1024, 2048 or 4096 units).',
  rationale: 'Fargate runs Windows containers only with 1, 2 or 4 vCPU sizes.',
  check(ctx) {
    const f = facts(ctx);
    if (!f.fargate || !f.windows) return;
    const cpuNode = member(ctx.body, 'cpu');
    const cpu = parseCpu(cpuNode?.value);
    if (!cpuNode || cpu === undefined) return;
    const allowed = fargateSizes.filter((s) => s.windows).map((s) => s.cpu);
    if (allowed.includes(cpu) || !fargateCpuValues.includes(cpu)) return;
    const memory = parseMemory(member(ctx.body, 'memory')?.value);
    const fixes = allowed
      .filter((c) => memory === undefined || isFargatePair(c, memory))
      .map((c): Fix => ({ title: `Set "cpu" to ${c}`, edits: [replaceNode(cpuNode, sizeJson(cpuNode, c))] }));
    ctx.report(
      at(
        cpuNode,
        cpu < fargateWindowsMinCpu
          ? `Windows tasks on Fargate need at least ${fargateWindowsMinCpu} CPU units; use ${sizeText(allowed)}.`
          : `Fargate sizes above ${Math.max(...allowed)} CPU units are Linux only; Windows tasks use ${sizeText(allowed)}.`,
        { fixes: fixes.length ? fixes : undefined },
      ),
    );
  },
};

export const fargateUnsupportedMember: Rule = {
  code: 'fargate.unsupported-member',
  severity: 'error',
  kinds,
  summary: 'A task that requires Fargate sets no member Fargate does not support.',
  rationale:
    'Fargate hides the host: host-level features (privileged mode, devices, host volumes, links, custom DNS, placement constraints…) are rejected at registration.',
  check(ctx) {
    if (!facts(ctx).fargate) return;
    const report = (obj: JsonNode, name: string, why: string) => {
      const prop = property(obj, name);
      const key = prop?.children?.[0];
      if (key)
        ctx.report(
          at(key, `Fargate does not support "${name}"${why}; remove it.`, { fixes: removeFix(ctx, prop, name) }),
        );
    };
    for (const name of fargateUnsupportedTaskMembers) if (isSet(member(ctx.body, name))) report(ctx.body, name, '');
    const pidMode = member(ctx.body, 'pidMode');
    if (isSet(pidMode) && stringValue(pidMode) !== fargatePidMode)
      report(ctx.body, 'pidMode', ` with a value other than "${fargatePidMode}"`);
    for (const volume of elements(member(ctx.body, 'volumes'))) {
      const host = member(volume, 'host');
      if (isSet(member(host, 'sourcePath')))
        report(host!, 'sourcePath', ' (host volumes); use a task-scoped volume or EFS');
    }
    for (const c of facts(ctx).containers) {
      for (const name of fargateUnsupportedContainerMembers)
        if (isSet(member(c.node, name))) report(c.node, name, ` (in ${label(c)})`);
      const linux = member(c.node, 'linuxParameters');
      for (const name of fargateUnsupportedLinuxParameters)
        if (isSet(member(linux, name))) report(linux!, name, ` (in ${label(c)})`);
      for (const add of elements(member(member(linux, 'capabilities'), 'add'))) {
        const cap = stringValue(add);
        if (cap !== undefined && !fargateAddableCapabilities.includes(cap)) {
          ctx.report(
            at(add, `Fargate lets a container add only ${fargateAddableCapabilities.join(', ')}, not ${cap}.`, {
              fixes: [{ title: `Remove ${cap}`, edits: [removeNode(ctx.text, add)] }],
            }),
          );
        }
      }
      for (const req of elements(member(c.node, 'resourceRequirements'))) {
        const type = member(req, 'type');
        if (stringValue(type) === 'GPU')
          ctx.report(
            at(type!, `Fargate has no GPUs; remove the GPU resource requirement of ${label(c)}.`, {
              fixes: [{ title: 'Remove the GPU requirement', edits: [removeNode(ctx.text, req)] }],
            }),
          );
      }
    }
  },
};

export const fargateLogDriver: Rule = {
  code: 'fargate.log-driver',
  severity: 'error',
  kinds,
  summary: `Fargate containers log with ${fargateLogDrivers.join(', ')}.`,
  rationale: 'Fargate ships only these log drivers; registration rejects others.',
  check(ctx) {
    if (!facts(ctx).fargate) return;
    for (const c of facts(ctx).containers) {
      const driver = member(member(c.node, 'logConfiguration'), 'logDriver');
      const value = stringValue(driver);
      if (driver && value !== undefined && !fargateLogDrivers.includes(value) && !isPlaceholder(value)) {
        ctx.report(
          at(
            driver,
            `Fargate does not offer the "${value}" log driver; use ${fargateLogDrivers.join(', ')} (awsfirelens routes logs to other destinations).`,
          ),
        );
      }
    }
  },
};

export const fargateEphemeralStorage: Rule = {
  code: 'fargate.ephemeral-storage',
  severity: 'error',
  kinds,
  summary: `ephemeralStorage.sizeInGiB is ${limits.ephemeralStorageGiB.min}–${limits.ephemeralStorageGiB.max}.`,
  rationale:
    'Fargate tasks get 20 GiB by default; the member raises it within a fixed range and the API rejects other values.',
  check(ctx) {
    const size = member(member(ctx.body, 'ephemeralStorage'), 'sizeInGiB');
    const n = numberValue(size);
    if (size && n !== undefined && (n < limits.ephemeralStorageGiB.min || n > limits.ephemeralStorageGiB.max)) {
      ctx.report(
        at(
          size,
          `sizeInGiB is ${limits.ephemeralStorageGiB.min}–${limits.ephemeralStorageGiB.max}; omit ephemeralStorage for the default 20 GiB.`,
        ),
      );
    }
  },
};

export const fargateRules: readonly Rule[] = [
  fargateNetworkMode,
  fargateSizeRequired,
  fargateInvalidSize,
  fargateWindowsCpu,
  fargateUnsupportedMember,
  fargateLogDriver,
  fargateEphemeralStorage,
];
