import { reparsed, syntaxProblem, type EcsDocument } from './document';
import type { JsonNode } from './json';
import { maxRepairs, recoverSyntax } from './recovery';
import type { Problem } from './problem';
import { allRules, containerListRuleCodes } from './rules';
import type { Finding, Rule } from './rules/types';
import { validateSchema, withBodyValueSteps } from './schema';
import type { EcsLensSettings } from './settings';
import { deployContextFor, type WorkspaceView } from './workspace';
import { withSubstitutedTokens } from '../ecs/placeholders';
import { runSteps, sliceOver, type Steps } from '../shared/steps';
import { duplicateKeyProblems } from './duplicateKeys';
import { treeWalkSteps } from './treeWalk';
import { isProjectConfigUri, unknownProjectRules } from './projectConfig';
import {
  adjustSchemaProblems,
  consumedDocument,
  contextProblems,
  filledNodes,
  ruleDocument,
  withoutFilled,
} from './context/apply';

/** Every problem of a document: syntax, schema, then semantic rules, with the user's severity overrides. */
export function validateDocument(doc: EcsDocument, settings: EcsLensSettings, workspace: WorkspaceView): Problem[] {
  return runSteps(validateDocumentSteps(doc, settings, workspace));
}

/**
 * The same, in steps that may pause between the schema, the deploy context and each rule: the server answers
 * the editor while a large document is checked.
 */
export function* validateDocumentSteps(
  doc: EcsDocument,
  settings: EcsLensSettings,
  workspace: WorkspaceView,
): Steps<Problem[]> {
  // The project configuration: its rule codes, checked from the content the editor holds.
  if (isProjectConfigUri(doc.uri)) return applyOverrides(unknownProjectRules(doc.text), settings.rules);
  if (doc.kind === 'unknown') return [];
  // ALL_CAPS tokens the repository's scripts substitute are placeholders while this file is checked: the
  // scope is set around each step only, so that other work run between steps does not see it.
  const tokens = deployContextFor(workspace, doc).substitutedTokens ?? [];
  const steps = validateKnown(doc, settings, workspace);
  for (;;) {
    const next = withSubstitutedTokens(tokens, () => steps.next());
    if (next.done) return next.value;
    yield;
  }
}

function* validateKnown(doc: EcsDocument, settings: EcsLensSettings, workspace: WorkspaceView): Steps<Problem[]> {
  if (doc.syntaxProblems.length === 0 || doc.unparsed) {
    const checked = yield* checkParsed(doc, workspace);
    // Where the parser recovered from a syntax error (e.g. an unquoted {{placeholder}}), the
    // recovered value is a guess: report the syntax error alone there.
    const broken = brokenOffsets(doc.syntaxProblems);
    // Appended one by one: spreading a list of 100,000 problems into push overflows the stack.
    const problems = doc.syntaxProblems.slice();
    for (const p of checked) if (!broken.within(p.offset, p.offset + Math.max(p.length, 1))) problems.push(p);
    return applyOverrides(dedupe(problems), settings.rules);
  }
  return applyOverrides(dedupe(yield* validateBroken(doc, workspace)), settings.rules);
}

/**
 * The unquoted template expression (`{{command}}`, `${var}`, `{% … %}`) a syntax error stands at, if any:
 * not a member being typed but a value a template engine fills in before the file reaches ECS.
 */
function templateExpressionAt(text: string, offset: number): { offset: number; length: number } | undefined {
  const near = text.slice(Math.max(0, offset - 2), offset + 2);
  const opens = ['{{', '${', '{%'].map((o) => near.indexOf(o)).filter((i) => i >= 0);
  if (opens.length === 0) return undefined;
  // A few hundred characters from the opening: the check stays cheap on a one-line file.
  const from = Math.max(0, offset - 2) + Math.min(...opens);
  // An expression opens with a name, a dot or a call, never with a quote: `{{ "name": …` is an object being typed.
  const match = /^(\{\{-?\s*[A-Za-z_.$(][^}\n]*\}\}|\$\{\s*[A-Za-z_][^}\n]*\}|\{%[^\n]*?%\})/.exec(
    text.slice(from, from + 240),
  );
  return match ? { offset: from, length: match[0].length } : undefined;
}

/** The text with each template expression made a JSON string of the same length, so that the rest can be repaired. */
function maskTemplates(text: string, templates: ReadonlyArray<{ offset: number; length: number }>): string {
  let out = '';
  let at = 0;
  for (const t of templates) {
    if (t.offset < at) continue;
    out +=
      text.slice(at, t.offset) + '"' + text.slice(t.offset + 1, t.offset + t.length - 1).replace(/["\\]/g, "'") + '"';
    at = t.offset + t.length;
  }
  return out + text.slice(at);
}

/** Schema, deploy context and rules over a parsed document; a step each, and a step per rule. */
function* checkParsed(doc: EcsDocument, workspace: WorkspaceView): Steps<Problem[]> {
  if (!doc.body || doc.body.type !== 'object') return [];
  // The one walk of the tree that the checks below read (duplicate members, empty values), in steps.
  yield* treeWalkSteps(doc.body);
  if (doc.root && doc.root !== doc.body) yield* treeWalkSteps(doc.root);
  // The file is judged as its consumer sends it to ECS (see context/): what the consumer drops is not a mistake.
  const context = deployContextFor(workspace, doc);
  const consumed = consumedDocument(doc, context);
  if (sliceOver()) yield;
  const found = duplicateKeyProblems(doc.root, doc.text, context.name);
  if (sliceOver()) yield;
  const valued = yield* withBodyValueSteps(consumed.doc);
  for (const p of adjustSchemaProblems(validateSchema(valued), doc, context)) found.push(p);
  if (sliceOver()) yield;
  for (const p of contextProblems(doc, consumed, context)) found.push(p);
  if (sliceOver()) yield;
  const forRules = ruleDocument(consumed.doc, found);
  const all = found.slice();
  for (const p of yield* runRulesSteps(forRules.doc, workspace)) if (!forRules.holders.has(p.offset)) all.push(p);
  // A value that a jq step or the render action replaces before the deploy is not the one ECS judges.
  return withoutFilled(all, filledNodes(doc.body, context.filledMembers));
}

/**
 * A text with syntax errors (often a member being typed): the syntax errors are reported, and the
 * schema and the rules check the text around them as if the broken parts were not there yet.
 * Nothing is reported inside a repaired region, nor on an object, list or member that holds one
 * (a required member may be the one being typed), so a half-typed edit adds no other diagnostic.
 */
function* validateBroken(doc: EcsDocument, workspace: WorkspaceView): Steps<Problem[]> {
  // Template expressions are values, not damage: they become strings before the rest is repaired, and keep their syntax errors.
  const templates: Array<{ offset: number; length: number }> = [];
  for (const p of doc.syntaxProblems.slice(0, maxRepairs)) {
    const t = templateExpressionAt(doc.text, p.offset);
    if (t && !templates.some((k) => k.offset === t.offset)) templates.push(t);
  }
  templates.sort((x, y) => x.offset - y.offset);
  const atTemplate = (p: Problem) => templates.some((t) => p.offset >= t.offset - 2 && p.offset <= t.offset + t.length);
  const recovery = recoverSyntax(
    templates.length ? maskTemplates(doc.text, templates) : doc.text,
    doc.syntaxProblems.filter((p) => !atTemplate(p)).length,
  );
  if (!recovery) return doc.syntaxProblems;
  const repairedSyntax = recovery.errors
    .map((e) => syntaxProblem(e.error, e.text))
    .filter((p) => p.offset < doc.text.length || doc.text.length === 0);
  const syntax = onePerLine(doc.text, [...doc.syntaxProblems.filter(atTemplate), ...repairedSyntax]);
  const repaired = reparsed(doc, recovery.text);
  if (!repaired.body || repaired.body.type !== 'object') return syntax;
  // Nothing is said inside a template expression: its value is not known until it is rendered.
  const regions = [...recovery.regions, ...templates].map((r) => ({ start: r.offset, end: r.offset + r.length }));
  const { anchors, objects } = holders(repaired.root, regions);
  const checked: Problem[] = [];
  for (const p of yield* checkParsed(repaired, workspace)) {
    const start = p.offset;
    const end = p.offset + Math.max(p.length, 1);
    if (anchors.has(start) || regions.some((r) => r.start < end && start < r.end)) continue;
    // A rule weighs an object as a whole; the object being typed into is not whole yet.
    if (!p.code.startsWith('schema.') && objects.some((o) => o.offset <= start && end <= o.offset + o.length)) continue;
    const fixes = p.fixes?.filter((f) =>
      f.edits.every((e) => !regions.some((r) => r.start < e.offset + Math.max(e.length, 1) && e.offset < r.end)),
    );
    checked.push(fixes && fixes.length !== p.fixes?.length ? { ...p, fixes: fixes.length ? fixes : undefined } : p);
  }
  return [...syntax, ...checked];
}

/** The first syntax error of each line: the ones after it on that line are the parser stumbling over the same mistake. */
function onePerLine(text: string, problems: Problem[]): Problem[] {
  // One pass over the text, the problems taken in the order of their offsets.
  const lineOf = new Map<Problem, number>();
  let line = 0;
  let at = 0;
  for (const p of [...problems].sort((a, b) => a.offset - b.offset)) {
    for (let i = text.indexOf('\n', at); i !== -1 && i < p.offset; i = text.indexOf('\n', i + 1)) {
      line++;
      at = i + 1;
    }
    lineOf.set(p, line);
  }
  const seen = new Set<number>();
  return problems.filter((p) => {
    const n = lineOf.get(p)!;
    if (seen.has(n)) return false;
    seen.add(n);
    return true;
  });
}

/**
 * Of the nodes holding a repaired region: the offsets where problems about them are anchored (the
 * node's start, its key), and for each region the innermost object holding it.
 */
function holders(
  root: JsonNode | undefined,
  regions: Array<{ start: number; end: number }>,
): { anchors: Set<number>; objects: JsonNode[] } {
  const anchors = new Set<number>();
  const objects: JsonNode[] = [];
  if (root) anchors.add(root.offset);
  for (const r of regions) {
    let node = root;
    let innermost: JsonNode | undefined;
    while (node?.children) {
      const inside: JsonNode | undefined = node.children.find(
        (c) => c.offset <= r.start && r.end <= c.offset + c.length,
      );
      if (!inside) break;
      if (inside.type === 'property' && inside.children?.[0]) anchors.add(inside.children[0].offset);
      if (inside.type === 'object' || inside.type === 'array') anchors.add(inside.offset);
      if (inside.type === 'object') innermost = inside;
      else if (inside.type === 'array') innermost = undefined;
      node = inside;
    }
    if (innermost) objects.push(innermost);
  }
  return { anchors, objects };
}

/** Offsets of syntax errors, sorted, asked "is one in [start, end)?" by binary search: linear overall. */
function brokenOffsets(syntaxProblems: readonly Problem[]): { within(start: number, end: number): boolean } {
  const offsets = syntaxProblems.map((p) => p.offset).sort((a, b) => a - b);
  return {
    within(start, end) {
      if (offsets.length === 0) return false;
      let lo = 0;
      let hi = offsets.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (offsets[mid] < start) lo = mid + 1;
        else hi = mid;
      }
      return lo < offsets.length && offsets[lo] < end;
    },
  };
}

/** Problems shown per document at most; the rest are summed up in one last problem, as JSON editors do. */
export const maxProblemsShown = 1000;

/**
 * The first `max` problems in document order and, when there are more, one more problem at the
 * document's start that says how many are not shown.
 */
export function capProblems(problems: readonly Problem[], max = maxProblemsShown): Problem[] {
  if (problems.length <= max) return problems.slice();
  const shown = problems
    .slice()
    .sort((a, b) => a.offset - b.offset)
    .slice(0, max);
  const hidden = problems.length - max;
  shown.push({
    offset: 0,
    length: 1,
    code: 'problems.more',
    severity: 'information',
    message: `${hidden.toLocaleString('en-US')} more problems not shown: fix the ones above first.`,
  });
  return shown;
}

const rulesByKind = new WeakMap<readonly Rule[], Map<EcsDocument['kind'], Rule[]>>();

/** The rules that check documents of a kind, chosen once per list and kind. */
function rulesFor(rules: readonly Rule[], kind: EcsDocument['kind']): Rule[] {
  let byKind = rulesByKind.get(rules);
  if (!byKind) rulesByKind.set(rules, (byKind = new Map<EcsDocument['kind'], Rule[]>()));
  let chosen = byKind.get(kind);
  if (!chosen) {
    chosen = rules.filter((rule) =>
      kind === 'container-definitions' ? containerListRuleCodes.has(rule.code) : rule.kinds.includes(kind),
    );
    byKind.set(kind, chosen);
  }
  return chosen;
}

export function runRules(doc: EcsDocument, workspace: WorkspaceView, rules: readonly Rule[] = allRules): Problem[] {
  return runSteps(runRulesSteps(doc, workspace, rules));
}

/** The rules over a document, a step each. */
function* runRulesSteps(
  doc: EcsDocument,
  workspace: WorkspaceView,
  rules: readonly Rule[] = allRules,
): Steps<Problem[]> {
  const body = doc.body;
  if (!body) return [];
  const problems: Problem[] = [];
  // One context for every rule of the document: a rule reports while it runs, so `rule` is the one reporting.
  let rule: Rule;
  const report = (f: Finding) =>
    problems.push({
      offset: f.offset,
      length: f.length,
      message: f.message,
      fixes: f.fixes,
      code: f.code ?? rule.code,
      severity: f.severity ?? rule.severity,
    });
  const ctx = { doc, body, text: doc.text, workspace, report };
  for (rule of rulesFor(rules, doc.kind)) {
    if (sliceOver()) yield;
    try {
      const steps = rule.check(ctx);
      if (steps) yield* steps;
    } catch (error) {
      // A rule that fails on odd input must not take the others (or the server) down.
      problems.push({
        offset: body.offset,
        length: 1,
        code: 'internal.rule-failed',
        severity: 'hint',
        message: `Rule ${rule.code} failed on this document: ${(error as Error).message}`,
      });
    }
  }
  return problems;
}

/**
 * One problem per range: when the schema and a rule report the same node, the first
 * (the schema's) is kept, so the user reads one message per mistake.
 */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.offset}:${p.length}:${p.severity === 'information' || p.severity === 'hint' ? p.code : 'problem'}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function applyOverrides(problems: Problem[], overrides: EcsLensSettings['rules']): Problem[] {
  if (!overrides || Object.keys(overrides).length === 0) return problems;
  const out: Problem[] = [];
  for (const p of problems) {
    const level = overrides[p.code];
    if (level === 'off') continue;
    out.push(level ? { ...p, severity: level } : p);
  }
  return out;
}
