import assert from 'node:assert/strict';
import { parseDocument, type EcsDocument } from '../../../server/src/service/document';
import { staticWorkspace } from '../../../server/src/service/workspace';
import { validateDocument } from '../../../server/src/service/validation';
import { defaultSettings } from '../../../server/src/service/settings';
import { allRules } from '../../../server/src/service/rules';
import type { Finding, Rule } from '../../../server/src/service/rules/types';
import type { RuleCode } from '../../../server/src/service/ruleCodes';
import { applyOffsetEdits, parseMarkers } from '../markers';
import { readSourceFile, sourceProblems } from '../../../server/src/surfaces';
import { fixtureTree, renderings, type Rendering } from './renderings';

export interface Found extends Finding {
  code: RuleCode;
  /** The document text the finding covers. */
  covered: string;
}

export function rule(code: RuleCode): Rule {
  const r = allRules.find((x) => x.code === code);
  assert.ok(r, `no rule ${code}`);
  return r;
}

/** JSON text for a fixture: objects are pretty-printed, strings used as they are. */
export function json(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/**
 * Checks a document as the user sees it (validateDocument: syntax, schema, every rule, dedupe) and
 * returns the findings with the given code: a rule whose finding never reaches the user finds nothing.
 */
export function check(code: RuleCode, doc: unknown, others: unknown[] = []): Found[] {
  const text = json(doc);
  const main = parseDocument('file:///work/main.json', text);
  const docs: EcsDocument[] = [main, ...others.map((o, i) => parseDocument(`file:///work/other${i}.json`, json(o)))];
  rule(code);
  assert.ok(main.body, 'fixture has no body');
  const found = validateDocument(main, defaultSettings, staticWorkspace(docs))
    .filter((p) => matches(code, p.code))
    .map((p) => ({ ...p, covered: text.slice(p.offset, p.offset + p.length) }));
  for (const r of renderings) checkRendering(r, code, main, others, found);
  return found;
}

// placement.expression reports with the query language's own codes (cql.*).
function matches(code: RuleCode, found: RuleCode): boolean {
  return found === code || (code === 'placement.expression' && found.startsWith('cql.'));
}

/**
 * The same check on the fixture written in another syntax: the rule must find the same problems, each at
 * the place its JSON finding carries over to. Fixtures the syntax cannot say the same way are skipped.
 */
function checkRendering(r: Rendering, code: RuleCode, main: EcsDocument, others: unknown[], found: Found[]): void {
  const fixture = fixtureTree(main.text);
  if (!fixture || (main.kind !== 'task-definition' && main.kind !== 'service')) return;
  const rendered = r.render(fixture, main.kind, main.text);
  if (!rendered) return;
  const file = readSourceFile(`file:///work/main${r.extension}`, rendered.text, defaultSettings);
  const docs: EcsDocument[] = [...file.documents];
  others.forEach((o, i) => {
    const doc = parseDocument(`file:///work/other${i}.json`, json(o));
    const tree = fixtureTree(doc.text);
    const other =
      tree && (doc.kind === 'task-definition' || doc.kind === 'service')
        ? r.render(tree, doc.kind, doc.text)
        : undefined;
    docs.push(
      ...(other
        ? readSourceFile(`file:///work/other${i}${r.extension}`, other.text, defaultSettings).documents
        : [doc]),
    );
  });
  const ws = staticWorkspace(docs);
  const seen = sourceProblems(file, (d) => validateDocument(d, defaultSettings, ws)).filter((p) =>
    matches(code, p.code),
  );
  const at = (p: { offset: number; length: number }) => `${p.offset}+${p.length}`;
  assert.deepEqual(
    seen.map(at).sort(),
    found.map((f) => at(rendered.carry(f.offset, f.length))).sort(),
    `${code} in the ${r.name} rendering: ${seen.map((p) => p.message).join(' / ')}\n${rendered.text}`,
  );
}

export function passes(code: RuleCode, doc: unknown, others: unknown[] = []): void {
  const found = check(code, doc, others);
  assert.deepEqual(
    found.map((f) => `${f.covered}: ${f.message}`),
    [],
    `${code} should not fire`,
  );
}

/** Asserts the rule fires exactly on the given covered texts, in order. */
export function fails(code: RuleCode, doc: unknown, covered: string[], others: unknown[] = []): Found[] {
  const found = check(code, doc, others);
  assert.deepEqual(
    found.map((f) => f.covered),
    covered,
    `${code} findings: ${found.map((f) => f.message).join(' / ')}`,
  );
  return found;
}

/** Asserts findings against `[|…|]` ranges in a marked fixture. */
export function failsAt(code: RuleCode, marked: string, others: unknown[] = []): Found[] {
  const { text, ranges } = parseMarkers(marked);
  const found = check(code, text, others);
  assert.deepEqual(
    found.map((f) => ({ offset: f.offset, length: f.length })),
    ranges,
    found.map((f) => f.message).join(' / '),
  );
  return found;
}

/** Applies the fix with the given title and returns the parsed result (which must be valid JSON). */
export function applyFix(doc: unknown, finding: Finding, title: string): unknown {
  const fix = finding.fixes?.find((f) => f.title === title);
  assert.ok(fix, `no fix "${title}" among ${finding.fixes?.map((f) => f.title).join(', ')}`);
  const out = applyOffsetEdits(json(doc), fix.edits);
  return JSON.parse(out);
}

/** A minimal valid task definition; `over` replaces top-level members, `container` merges into the first container. */
export function task(
  over: Record<string, unknown> = {},
  container: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    family: 'web',
    containerDefinitions: [{ name: 'app', image: 'nginx:1.27', memory: 512, essential: true, ...container }],
    ...over,
  };
}

export function fargateTask(
  over: Record<string, unknown> = {},
  container: Record<string, unknown> = {},
): Record<string, unknown> {
  return task(
    { requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', ...over },
    container,
  );
}

export function service(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { serviceName: 'web', cluster: 'main', taskDefinition: 'web:3', desiredCount: 2, ...over };
}
