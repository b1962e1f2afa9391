import { findNodeAtOffset } from 'jsonc-parser';
import type { DocumentKind, EcsDocument } from '../document';
import { elements, member, stringValue, type JsonNode } from '../json';
import type { Problem } from '../problem';
import { readOnlyMembers } from '../schema';
import { deployTools, nonEmptyMembers, updateServiceOnlyMembers, type DeployToolFacts } from '../../ecs/deployTools';
import { prune, pruneOptionsOf, prunesNothing, ruleView, type PruneOptions } from './semantics';
import type { DeployContext, FilledMember } from './types';
import { markdownText } from '../../workspace/plainText';
import { treeWalk } from '../treeWalk';

export const defaultDeployContext: DeployContext = {
  name: 'aws-cli',
  reason:
    'no deploy tool named, so it is checked as aws ecs register-task-definition/create-service --cli-input-json input',
};

/** The document as its consumer sends it to ECS, and what the consumer left out on the way. */
export interface ConsumedDocument {
  doc: EcsDocument;
  removed: JsonNode[];
  recased: JsonNode[];
}

/** What each consumer leaves out of each kind of document: the same for every file, so made once. */
const pruneOptionsByTool = new Map<string, PruneOptions>();

export function consumedDocument(doc: EcsDocument, context: DeployContext): ConsumedDocument {
  const body = doc.body;
  if (!body || body.type !== 'object') return { doc, removed: [], recased: [] };
  const key = `${context.name} ${doc.kind}`;
  let consumer = pruneOptionsByTool.get(key);
  if (!consumer) {
    consumer = pruneOptionsOf(deployTools[context.name], doc.kind, readOnlyMembers);
    pruneOptionsByTool.set(key, consumer);
  }
  const options = hasDuplicateKeys(body) ? { ...consumer, dropShadowed: true } : consumer;
  if (prunesNothing(options)) return { doc, removed: [], recased: [] };
  const pruned = prune(body, options);
  return {
    doc: { ...doc, body: pruned.body, bodyValue: pruned.value },
    removed: pruned.removed,
    recased: pruned.recased,
  };
}

/**
 * The same document as the rules see it: a null or "" that `reported` already covers is left out, so it is reported
 * once. `holders` are the offsets of the objects that held such values: a rule finding anchored on one of them
 * ("this entry needs …") is the same mistake again.
 */
export function ruleDocument(
  doc: EcsDocument,
  reported: readonly Problem[],
): { doc: EcsDocument; holders: ReadonlySet<number> } {
  if (!doc.body || doc.body.type !== 'object' || reported.length === 0) return { doc, holders: new Set() };
  const offsets = new Set(reported.map((p) => p.offset));
  // Most findings are about other values: the copy below is made only when it leaves something out.
  if (!holdsEmptyValueAt(doc.body, offsets)) return { doc, holders: new Set() };
  const pruned = prune(doc.body, ruleView(offsets));
  if (!pruned.removed.length) return { doc, holders: new Set() };
  const holders = new Set<number>();
  const reportedMembers: string[] = [];
  for (const node of pruned.removed) {
    const holder = node.parent;
    // The document itself is no entry: a finding about the whole task stands, but it knows the member is stated.
    const property = node.type === 'property' ? node : holder?.type === 'property' ? holder : undefined;
    if (property?.parent?.offset === doc.body.offset) {
      const key: unknown = property.children?.[0]?.value;
      if (typeof key === 'string') reportedMembers.push(key);
    }
    if (!holder || holder.offset === doc.body.offset) continue;
    holders.add(holder.offset);
    // A finding may sit on the holder's key instead ("options" needs awslogs-group).
    const key = holder.parent?.type === 'property' ? holder.parent.children?.[0] : undefined;
    if (key) holders.add(key.offset);
  }
  return { doc: { ...doc, body: pruned.body, bodyValue: pruned.value, reportedMembers }, holders };
}

/** True when a null or "" value (of a member or in a list) under `body` starts at one of `offsets`. */
function holdsEmptyValueAt(body: JsonNode, offsets: ReadonlySet<number>): boolean {
  const stack: JsonNode[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'null' || (node.type === 'string' && node.value === '')) {
      if (offsets.has(node.offset)) return true;
    } else if (node.type === 'object') {
      for (const prop of node.children ?? []) {
        const value = prop.children?.[1];
        if (value) stack.push(value);
      }
    } else if (node.type === 'array') for (const child of node.children ?? []) stack.push(child);
  }
  return false;
}

/** Whether the file is update-service input: the repository passes it so, or it names the service as update-service does. */
export function isUpdateServiceInput(doc: EcsDocument, context: DeployContext): boolean {
  return (
    doc.kind === 'service' &&
    (!!context.updateService || (!!member(doc.body, 'service') && !member(doc.body, 'serviceName')))
  );
}

/** Schema findings as the consumer sees them: softened, dropped or kept. */
export function adjustSchemaProblems(problems: Problem[], doc: EcsDocument, context: DeployContext): Problem[] {
  const tool = deployTools[context.name];
  const update = isUpdateServiceInput(doc, context);
  const out: Problem[] = [];
  for (const p of problems) {
    const name = memberNamed(doc.text, p);
    if (p.code === 'schema.unknown-member' && update && name && updateServiceOnlyMembers.includes(name)) continue;
    // An empty image, log group or reference is value.empty (below), as the rule reference names it: one finding.
    if (
      p.code === 'schema.length' &&
      !tool.dropsEmptyString &&
      doc.text.slice(p.offset, p.offset + p.length) === '""'
    ) {
      const value = doc.root && findNodeAtOffset(doc.root, p.offset);
      const key: unknown = value?.parent?.type === 'property' ? value.parent.children?.[0]?.value : undefined;
      if (typeof key === 'string' && nonEmptyMembers.has(key)) continue;
    }
    if (p.code === 'schema.required' && /"serviceName"/.test(p.message) && (update || tool.suppliesServiceName))
      continue;
    // The AWS CLI sends every member: register-task-definition rejects describe-only ones (Unknown parameter),
    // as create-service rejects describe-services members, so under it they are errors, not cleanup hints.
    // describe-task-definition output itself ({"taskDefinition": …}) is what the CLI printed, not input: unchanged.
    if (p.code === 'schema.read-only-member' && tool.refusesDescribeOnlyMembers && doc.kind === 'task-definition') {
      out.push({
        ...p,
        severity: 'error',
        message: `"${name ?? 'This member'}" is part of describe-task-definition output; aws ecs register-task-definition --cli-input-json rejects it. Remove the describe-only members before registering (the fix removes them all).`,
      });
      continue;
    }
    if (p.code === 'schema.unknown-member' && tool.dropsUnknownMembersSilently) {
      out.push({
        ...p,
        message: `${p.message} ${capital(tool)} drops members the API does not define without a word (${tool.dropsUnknownMembersSilently}): this one never reaches ECS.`,
      });
      continue;
    }
    if (p.code === 'schema.unknown-member' && tool.dropsUnknownMembers) {
      out.push({
        ...p,
        severity: 'warning',
        message: `${p.message} ${capital(tool)} drops members the API does not define, so this one has no effect.`,
      });
      continue;
    }
    if (p.code === 'schema.required' && /"family"/.test(p.message) && context.familySupplied) {
      const at = context.familySupplied;
      out.push({
        ...p,
        severity: 'warning',
        message: `Missing "family": the repository supplies it with --family (${at.path} line ${at.line}); add it to check the file alone.`,
        fixes: undefined,
      });
      continue;
    }
    out.push(p);
  }
  return out;
}

/** Problems that come from the consumer itself: one note on what it leaves out, empty values a strict consumer sends. */
export function contextProblems(original: EcsDocument, consumed: ConsumedDocument, context: DeployContext): Problem[] {
  const tool = deployTools[context.name];
  const problems: Problem[] = [];
  const { removed, recased } = consumed;
  if (removed.length || recased.length) {
    const first = [...removed, ...recased].sort((a, b) => a.offset - b.offset)[0];
    const anchor = first.type === 'property' ? (first.children?.[0] ?? first) : first;
    const parts: string[] = [];
    if (removed.length)
      parts.push(`leaves out ${removed.length} null, empty or describe-only value${removed.length === 1 ? '' : 's'}`);
    if (recased.length)
      parts.push(`reads ${recased.length} member name${recased.length === 1 ? '' : 's'} whatever the case`);
    problems.push({
      offset: anchor.offset,
      length: anchor.length,
      code: 'context.consumer-tolerates',
      severity: 'information',
      message: `${capital(tool)} ${parts.join(' and ')} before ECS sees the file (${context.reason}); they are not checked.`,
    });
  }
  // Appended one by one: a spread into push() passes every element as an argument and overflows the stack on a large list.
  if (!tool.dropsEmptyString && original.body)
    for (const p of emptyValues(consumed.doc.body ?? original.body, tool.title)) problems.push(p);
  return problems;
}

/** `""` where ECS or the log driver needs a value (an ARN, a log group, an image): one error per value. */
function emptyValues(body: JsonNode, consumer: string): Problem[] {
  const out: Problem[] = [];
  for (const { name, value } of treeWalk(body).emptyStrings)
    if (nonEmptyMembers.has(name))
      out.push({
        offset: value.offset,
        length: value.length,
        code: 'value.empty',
        severity: 'error',
        message: `"${name}" must not be empty: ${consumer} sends "" as it is and ECS refuses it. Give a value or remove the member.`,
      });
  return out;
}

function memberNamed(text: string, p: Problem): string | undefined {
  const m = /^"([^"]*)"$/.exec(text.slice(p.offset, p.offset + p.length));
  return m?.[1];
}

/** The tool's title at the start of a sentence. */
function capital(tool: DeployToolFacts): string {
  return tool.lowercaseName ? tool.title : tool.title[0].toUpperCase() + tool.title.slice(1);
}

/** The hover text of a document's first line and the status item's tooltip: which tool consumes the file, why, and what follows. */
export function deployContextMarkdown(context: DeployContext, kind?: DocumentKind): string {
  const tool = deployTools[context.name];
  const effects: string[] = [];
  if (tool.dropsNull || tool.dropsEmptyString)
    effects.push(
      `drops ${[tool.dropsNull && 'null', tool.dropsEmptyString && '""', tool.dropsZero && '0 of base, weight and cpu', tool.dropsEmptyLists && 'empty lists'].filter(Boolean).join(', ')} before ECS sees the file`,
    );
  if (tool.caseInsensitiveKeys) effects.push('reads member names whatever their case');
  if (tool.dropsUnknownMembersSilently)
    effects.push('drops members the API does not define without a word (an error here: the member has no effect)');
  else if (tool.dropsUnknownMembers) effects.push('ignores members the API does not define (a warning here)');
  if (kind === 'container-definitions') effects.push('the file is a list of container definitions');
  if (!effects.length)
    effects.push('sends the file as it is: null, comments, unknown and describe-only members are errors');
  return `**Deploy context: ${context.name}** — ${markdownText(context.reason)}.\n\n${capital(tool)} ${effects.join('; ')}. Set \`ecsLens.deployContext\` to choose another.`;
}

/** True when some object of the tree gives a member twice. */
export function hasDuplicateKeys(root: JsonNode): boolean {
  return treeWalk(root).duplicateHolders.length > 0;
}

/** The value nodes of the members a pipeline step sets (see FilledMember), in this document. */
export function filledNodes(body: JsonNode | undefined, filled: readonly FilledMember[] | undefined): JsonNode[] {
  if (!body || !filled?.length) return [];
  const out: JsonNode[] = [];
  for (const { path } of filled) {
    let nodes: JsonNode[] = [body];
    for (const step of path) {
      const next: JsonNode[] = [];
      for (const node of nodes) {
        if (typeof step === 'string' && step !== '*') {
          const m = member(node, step);
          if (m) next.push(m);
        } else if (typeof step === 'number') {
          const e = elements(node)[step];
          if (e) next.push(e);
        } else if (step === '*') next.push(...elements(node));
        else next.push(...elements(node).filter((e) => stringValue(member(e, 'name')) === step.container));
      }
      nodes = next;
    }
    out.push(...nodes);
  }
  return out;
}

/** Findings inside a value a pipeline step replaces are about a value ECS never sees. */
export function withoutFilled<T extends { offset: number; length: number }>(problems: T[], nodes: JsonNode[]): T[] {
  if (!nodes.length) return problems;
  return problems.filter((p) => !nodes.some((n) => p.offset >= n.offset && p.offset + p.length <= n.offset + n.length));
}
