import assert from 'node:assert/strict';
import { before } from 'node:test';
import { parseDocument, type EcsDocument } from '../../../server/src/service/document';
import { staticWorkspace } from '../../../server/src/service/workspace';
import { validateDocument } from '../../../server/src/service/validation';
import { defaultSettings } from '../../../server/src/service/settings';
import { allRules } from '../../../server/src/service/rules';
import type { Finding, Rule } from '../../../server/src/service/rules/types';
import type { RuleCode } from '../../../server/src/service/ruleCodes';
import { applyOffsetEdits, parseMarkers } from '../markers';
import { prepareSurfaces, readSourceFile, sourceProblems } from '../../../server/src/surfaces';
import type { Problem } from '../../../server/src/service/problem';
import type { Rendering } from '../surfaces/renderings';
import { terraformRendering } from '../surfaces/terraform/render';
import { cloudFormationJson, cloudFormationYaml } from '../surfaces/cloudformation/rendering';

/**
 * One rule test, every surface: each JSON input is also written in these syntaxes, and the rule must find
 * the same problems there, at the source ranges that correspond to the JSON ones.
 */
export const renderings: readonly Rendering[] = [terraformRendering, cloudFormationYaml, cloudFormationJson];

before(() => prepareSurfaces());

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
  // placement.expression reports with the query language's own codes (cql.*).
  const ofCode = (p: Problem) => p.code === code || (code === 'placement.expression' && p.code.startsWith('cql.'));
  const found = validateDocument(main, defaultSettings, staticWorkspace(docs))
    .filter(ofCode)
    .map((p) => ({ ...p, covered: text.slice(p.offset, p.offset + p.length) }));
  for (const r of renderings) sameOnSurface(r, text, main, found, docs.slice(1), ofCode);
  return found;
}

/** The findings on the rendering of the document: the JSON ones, at the corresponding source ranges. */
function sameOnSurface(
  r: Rendering,
  text: string,
  main: EcsDocument,
  found: Problem[],
  others: EcsDocument[],
  ofCode: (p: Problem) => boolean,
): void {
  const rendered = r.render(text, main.kind);
  if (!rendered) return;
  const expected = found.filter((p) => !r.drops.includes(p.code)).map((p) => rendered.map(p.offset, p.length));
  const file = readSourceFile(r.uri, rendered.text, defaultSettings);
  const workspace = staticWorkspace([...file.documents, ...others]);
  const got = sourceProblems(file, (d) => validateDocument(d, defaultSettings, workspace)).filter(ofCode);
  assert.deepEqual(
    got.map((p) => ({ offset: p.offset, length: p.length })),
    expected,
    `the ${r.name} rendering finds otherwise:\n${rendered.text}\nthere: ${got.map((p) => p.message).join(' / ')}\nJSON: ${found.map((p) => p.message).join(' / ')}`,
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
