import { booleanValue, elements, member, stringValue, type JsonNode } from '../json';
import { appendElement, insertMember, removeNode } from '../edits';
import type { Fix } from '../problem';
import { isPlaceholder } from '../../ecs/placeholders';
import { parseImageReference } from '../../ecs/imageReference';
import {
  credentialFormats,
  highEntropy,
  secretNamePairs,
  secretNameReferenceSuffixes,
  secretNameWords,
} from '../../ecs/secretPatterns';
import { comparePlatformVersions, fargateLatestLinuxPlatformVersion } from '../../ecs/platformVersions';
import { taskDefinitionOfService } from '../workspace';
import { at, type Rule, type RuleContext } from './types';
import { facts, label, taskFacts } from './task';
import { fargateMarker } from './services';
import { sliceOver } from '../../shared/steps';

const taskKinds = ['task-definition', 'describe-output'] as const;
/** Kinds whose containers the container-level rules read: task definitions, daemon task definitions, Express services. */
const containerKinds = ['task-definition', 'describe-output', 'daemon-task-definition', 'express-service'] as const;

interface ContainerNode {
  node: JsonNode;
  nameNode: JsonNode | undefined;
  label: string;
}

/** The containers of each document body, read once: every container-level rule reads them. */
const containersByBody = new WeakMap<JsonNode, readonly ContainerNode[]>();

/** The containers of the document: containerDefinitions, or an Express service's primaryContainer. */
function containersOf(ctx: RuleContext): readonly ContainerNode[] {
  let containers = containersByBody.get(ctx.body);
  if (!containers) containersByBody.set(ctx.body, (containers = readContainers(ctx)));
  return containers;
}

function readContainers(ctx: RuleContext): ContainerNode[] {
  if (ctx.doc.kind === 'express-service') {
    const primary = member(ctx.body, 'primaryContainer');
    return primary?.type === 'object' ? [{ node: primary, nameNode: undefined, label: 'the primary container' }] : [];
  }
  return facts(ctx).containers.map((c) => ({ node: c.node, nameNode: c.nameNode, label: label(c) }));
}

/** Where a container-level finding without a value node goes: the name, else the container's key or brace. */
function containerAnchor(c: ContainerNode): JsonNode | { offset: number; length: number } {
  if (c.nameNode) return c.nameNode;
  const key = c.node.parent?.type === 'property' ? c.node.parent.children?.[0] : undefined;
  return key ?? { offset: c.node.offset, length: 1 };
}

function atAnchor(anchor: JsonNode | { offset: number; length: number }, message: string) {
  return { offset: anchor.offset, length: anchor.length, message };
}

export const privileged: Rule = {
  code: 'security.privileged',
  severity: 'warning',
  kinds: containerKinds,
  summary: 'Containers do not run privileged.',
  rationale:
    'A privileged container gets root-level access to the host and every task on it; grant the few Linux capabilities it needs instead.',
  check(ctx) {
    for (const c of containersOf(ctx)) {
      const node = member(c.node, 'privileged');
      if (booleanValue(node) === true)
        ctx.report(
          at(
            node!,
            `${c.label} runs privileged, with full access to the host; add only the Linux capabilities it needs (linuxParameters.capabilities.add).`,
          ),
        );
    }
  },
};

/** A user that is root: absent, "root", "0" or "0:<group>". */
function runsAsRoot(user: string | undefined): boolean {
  return user === undefined || user === '' || /^(?:root|0)(?::.*)?$/.test(user);
}

export const hostNamespace: Rule = {
  code: 'security.host-namespace',
  severity: 'warning',
  kinds: taskKinds,
  summary: "Containers that share the host's network or process namespace run as a non-root user.",
  rationale:
    "With the host network or PID namespace, a root process in the container can act on the host's interfaces or processes; a non-root user limits the damage.",
  check(ctx) {
    const f = facts(ctx);
    if (f.windows) return;
    const shared = [
      f.mode === 'host' && f.networkModeNode ? 'network' : undefined,
      stringValue(member(ctx.body, 'pidMode')) === 'host' ? 'process' : undefined,
    ].filter((s): s is string => !!s);
    if (!shared.length) return;
    for (const c of f.containers) {
      if (booleanValue(member(c.node, 'privileged')) === true) continue; // security.privileged reports it
      const userNode = member(c.node, 'user');
      if (!runsAsRoot(stringValue(userNode))) continue;
      const where = userNode ?? c.nameNode;
      const message = `${label(c)} shares the host's ${shared.join(' and ')} namespace and runs as root; set "user" to a non-root user (e.g. "1000:1000").`;
      if (where) ctx.report(at(where, message));
      else ctx.report({ offset: c.node.offset, length: 1, message });
    }
  },
};

export const writableRootFilesystem: Rule = {
  code: 'security.writable-root-filesystem',
  severity: 'information',
  kinds: ['task-definition', 'describe-output', 'daemon-task-definition'],
  summary: 'Linux containers mount their root file system read-only.',
  rationale:
    "A read-only root file system keeps an intruder from changing the container's binaries; write to volumes or tmpfs instead.",
  check(ctx) {
    if (facts(ctx).windows) return;
    for (const c of containersOf(ctx)) {
      const node = member(c.node, 'readonlyRootFilesystem');
      if (booleanValue(node) === true) continue;
      ctx.report(
        atAnchor(
          node ?? containerAnchor(c),
          `${c.label} can write to its root file system; set "readonlyRootFilesystem": true and mount volumes where it writes.`,
        ),
      );
    }
  },
};

/** Capabilities that amount to control of the host or its network. */
const dangerousCapabilities = [
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_MODULE',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'DAC_READ_SEARCH',
  'BPF',
];

export const addedCapabilities: Rule = {
  code: 'security.added-capabilities',
  severity: 'warning',
  kinds: containerKinds,
  summary: `Containers add no broad Linux capabilities (${dangerousCapabilities.join(', ')}).`,
  rationale:
    'These capabilities let a process administer the host, its network or its kernel; few workloads need them.',
  check(ctx) {
    const fargate = ctx.doc.kind !== 'express-service' && facts(ctx).fargate;
    for (const c of containersOf(ctx)) {
      const linux = ctx.doc.kind === 'express-service' ? c.node : member(c.node, 'linuxParameters');
      for (const add of elements(member(member(linux, 'capabilities'), 'add'))) {
        const cap = stringValue(add)?.toUpperCase().replace(/^CAP_/, '');
        // Fargate allows only SYS_PTRACE and reports the others itself.
        if (cap && dangerousCapabilities.includes(cap) && !(fargate && cap !== 'SYS_PTRACE')) {
          ctx.report(
            at(
              add,
              `${c.label} adds ${cap}, which grants broad control over the ${cap === 'NET_ADMIN' ? 'host network' : 'host'}; add narrower capabilities if any.`,
            ),
          );
        }
      }
    }
  },
};

/** Text between `_`, `-` and `.`: the segments a variable name is split into. */
const separator = '[_.-]';
const alternatives = (words: readonly string[]) => words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
/** A segment of the upper-cased name that is one of the secret words. */
const secretWordSegment = new RegExp(`(?:^|${separator})(?:${alternatives(secretNameWords)})(?=${separator}|$)`);
/** Two adjacent segments that are one of the secret pairs. */
const secretPairSegments = new RegExp(
  `(?:^|${separator})(?:${secretNamePairs.map(([a, b]) => `${alternatives([a])}${separator}+${alternatives([b])}`).join('|')})(?=${separator}|$)`,
);
/** A last segment that makes the name a reference to a secret. */
const referenceLastSegment = new RegExp(
  `(?:^|${separator})(?:${alternatives(secretNameReferenceSuffixes)})${separator}*$`,
);
const settingValue = /^(?:true|false|yes|no|on|off|null|none|\d+)$/i;
const allCapsWord = /^[A-Z][A-Z0-9_]*$/;
const cdkGeneratedName = /^[A-Za-z][a-zA-Z]*[a-z][A-Za-z0-9]*[0-9A-F]{8}$/;

/**
 * Why a variable looks like a secret, or undefined. Called for every variable of every container: the patterns are
 * made once, and the name's segments are matched in the upper-cased name rather than split into a list.
 */
export function secretReason(name: string, value: string): string | undefined {
  // A short value is still a password when the name says so ("hunter2"); only the random-key test needs length.
  if (value.length === 0 || isPlaceholder(value) || settingValue.test(value) || value.startsWith('arn:'))
    return undefined;
  const format = credentialFormats.find((f) => f.pattern.test(value));
  if (format) return `its value is ${format.name}`;
  // An ALL_CAPS word (MY_ACCESS_TOKEN, CHANGE_THIS) is a stand-in to be replaced, not a secret.
  if (allCapsWord.test(value)) return undefined;
  const upper = name.toUpperCase();
  if (!referenceLastSegment.test(upper) && (secretPairSegments.test(upper) || secretWordSegment.test(upper)))
    return 'its name says it holds a secret';
  // A name the CDK generated (a construct path in words plus an 8-digit uppercase hash: Queue4A8B9C2D) is not a key.
  if (cdkGeneratedName.test(value) && /[a-z]{3}/.test(value)) return undefined;
  if (
    value.length >= highEntropy.minLength &&
    !/[\s/:@.]/.test(value) &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    /\d/.test(value) &&
    entropy(value) >= highEntropy.bitsPerChar
  )
    return 'its value looks like a random key';
  return undefined;
}

/** Shannon entropy of a string in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Moves an environment entry to `secrets`, with a Secrets Manager ARN placeholder to fill in. */
function moveToSecretsFix(ctx: RuleContext, container: JsonNode, entry: JsonNode, name: string): Fix {
  const secret = `{ "name": ${JSON.stringify(name)}, "valueFrom": ${JSON.stringify(`arn:aws:secretsmanager:<REGION>:<ACCOUNT_ID>:secret:${name}`)} }`;
  const secrets = member(container, 'secrets');
  const add =
    secrets?.type === 'array'
      ? appendElement(ctx.text, secrets, secret)
      : insertMember(ctx.text, container, 'secrets', `[${secret}]`);
  return {
    title: `Move ${name} to "secrets" (valueFrom a Secrets Manager secret to fill in)`,
    edits: [removeNode(ctx.text, entry), add],
  };
}

export const environmentSecret: Rule = {
  code: 'security.environment-secret',
  severity: 'warning',
  kinds: containerKinds,
  summary: 'Secrets come from "secrets" (Secrets Manager or Parameter Store), not plain "environment" values.',
  rationale:
    'Environment values are stored in the task definition in clear text and shown to anyone who can describe it; "secrets" are fetched at launch with the execution role.',
  *check(ctx) {
    for (const c of containersOf(ctx)) {
      if (sliceOver()) yield;
      for (const entry of elements(member(c.node, 'environment'))) {
        const name = stringValue(member(entry, 'name'));
        const valueNode = member(entry, 'value');
        const value = stringValue(valueNode);
        if (name === undefined || value === undefined) continue;
        const reason = secretReason(name, value);
        if (!reason) continue;
        // The secrets array is outside the environment array: the two edits never overlap.
        const fix =
          secrets(c.node) === undefined || secrets(c.node)!.type === 'array'
            ? [moveToSecretsFix(ctx, c.node, entry, name)]
            : undefined;
        ctx.report(
          at(
            valueNode!,
            `"${name}" of ${c.label} looks like a secret (${reason}); pass it in "secrets" with a valueFrom ARN instead of a plain value.`,
            { fixes: fix },
          ),
        );
      }
    }
  },
};

function secrets(container: JsonNode): JsonNode | undefined {
  return member(container, 'secrets');
}

export const executionRoleAsTaskRole: Rule = {
  code: 'security.execution-role-as-task-role',
  severity: 'warning',
  kinds: taskKinds,
  summary: 'The task role is not the execution role.',
  rationale:
    'The execution role pulls images and reads every secret of the task; handing it to the application gives the code those permissions too.',
  check(ctx) {
    const task = stringValue(member(ctx.body, 'taskRoleArn'));
    const execution = stringValue(member(ctx.body, 'executionRoleArn'));
    if (task && execution && task === execution && !isPlaceholder(task))
      ctx.report(
        at(
          member(ctx.body, 'taskRoleArn')!,
          'The task role is the execution role; give the application its own role with only what it calls.',
        ),
      );
  },
};

export const noLogging: Rule = {
  code: 'security.no-logging',
  severity: 'information',
  kinds: ['task-definition', 'describe-output', 'daemon-task-definition'],
  summary: 'Every container has a logConfiguration.',
  rationale:
    "Without a log driver the container's output stays on the host (or is lost on Fargate), leaving nothing to investigate with.",
  check(ctx) {
    for (const c of containersOf(ctx)) {
      if (!member(c.node, 'logConfiguration'))
        ctx.report(atAnchor(containerAnchor(c), `${c.label} has no logConfiguration; its output is not collected.`));
    }
  },
};

export const mutableImageTag: Rule = {
  code: 'security.mutable-image-tag',
  severity: 'information',
  kinds: containerKinds,
  summary: 'Images are pinned by a version tag or digest, not "latest" or no tag, and keep versionConsistency enabled.',
  rationale:
    'A moving tag runs whatever was pushed last; ECS resolves tags to digests at deployment only while versionConsistency is enabled (ContainerDefinition.versionConsistency doc comment).',
  check(ctx) {
    for (const c of containersOf(ctx)) {
      const imageNode = member(c.node, 'image');
      const image = stringValue(imageNode);
      if (image && !isPlaceholder(image)) {
        const { ref } = parseImageReference(image);
        if (ref && !ref.digest && (!ref.tag || ref.tag === 'latest'))
          ctx.report(
            at(
              imageNode!,
              `${c.label} runs ${ref.tag ? 'the "latest" tag' : 'an untagged image (":latest")'}; pin a version tag or a digest.`,
            ),
          );
      }
      const consistency = member(c.node, 'versionConsistency');
      if (stringValue(consistency) === 'disabled')
        ctx.report(
          at(
            consistency!,
            `With versionConsistency disabled, tasks of ${c.label} may run different images under one tag; keep it enabled.`,
          ),
        );
    }
  },
};

const serviceKinds = ['service'] as const;

export const publicIp: Rule = {
  code: 'security.public-ip',
  severity: 'information',
  kinds: serviceKinds,
  summary: 'Service tasks get no public IP address (assignPublicIp DISABLED).',
  rationale:
    'A public address exposes every task to the internet, guarded only by its security groups; reach tasks through a load balancer and pull images through NAT or VPC endpoints.',
  check(ctx) {
    const node = member(member(member(ctx.body, 'networkConfiguration'), 'awsvpcConfiguration'), 'assignPublicIp');
    if (stringValue(node) === 'ENABLED')
      ctx.report(
        at(
          node!,
          'Tasks get a public IP address; use private subnets with "assignPublicIp": "DISABLED" where you can.',
        ),
      );
  },
};

export const fargatePlatformVersion: Rule = {
  code: 'security.fargate-platform-version',
  severity: 'information',
  kinds: serviceKinds,
  summary: `A Fargate service uses LATEST or the newest Linux platform version (${fargateLatestLinuxPlatformVersion}).`,
  rationale:
    'Older platform versions miss kernel and runtime fixes and newer features; AWS patches within a version, not across them.',
  check(ctx) {
    const node = member(ctx.body, 'platformVersion');
    const version = stringValue(node);
    if (!version || !fargateMarker(ctx) || comparePlatformVersions(version, fargateLatestLinuxPlatformVersion) !== -1)
      return;
    const task = ctx.doc.family ? taskDefinitionOfService(ctx.workspace, ctx.doc)?.body : undefined;
    // Windows Fargate has its own versions (1.0.0): for that one, only a task definition known to be Linux settles it.
    if (task ? taskFacts(task).windows : version === '1.0.0') return;
    ctx.report(
      at(
        node!,
        `Platform version ${version} is older than ${fargateLatestLinuxPlatformVersion}; use "LATEST" or ${fargateLatestLinuxPlatformVersion}.`,
      ),
    );
  },
};

export const securityRules: readonly Rule[] = [
  privileged,
  hostNamespace,
  writableRootFilesystem,
  addedCapabilities,
  environmentSecret,
  executionRoleAsTaskRole,
  noLogging,
  mutableImageTag,
  publicIp,
  fargatePlatformVersion,
];
