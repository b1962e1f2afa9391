/**
 * Seeded fuzzing of every language-service entry point and the placement simulator: real
 * documents are mutated (characters, tokens, truncation, type swaps, nesting, huge and odd
 * strings, memberOf expressions, duplicate keys, wrong top-level types) and each mutant must
 * get answers, never an exception, with every range inside the text and no call hanging.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getNodeValue, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { simulate } from '../../../server/src/placement';
import { definition } from '../../../server/src/service/definition';
import {
  codeActionsFor,
  complete,
  defaultSettings,
  documentSymbols,
  hover,
  parseDocument,
  staticWorkspace,
  validateDocument,
  type EcsDocument,
  type Problem,
} from '../../../server/src/service/languageService';
import { expressionNodes } from '../../../server/src/service/expressions';
import { applyOffsetEdits } from '../markers';
import { mulberry32 as random } from '../../../server/src/placement/random';
import { simulationInputs } from '../../../server/src/placement/inputErrors';

/** Another seed explores further: ECS_LENS_FUZZ_SEED=7 node out/test/unit/fuzz/languageService.fuzz.test.js */
const SEED = Number(process.env.ECS_LENS_FUZZ_SEED ?? 20250214);

const root = join(__dirname, '..', '..', '..', '..');
const examplesDir = join(root, 'examples');
const corpusDir = join(root, '..', 'shared', 'corpus');

interface Seed {
  name: string;
  text: string;
}

const generated: Seed[] = [
  {
    name: 'gen-ec2-task-def.json',
    text: JSON.stringify(
      {
        family: 'gen',
        networkMode: 'bridge',
        requiresCompatibilities: ['EC2'],
        cpu: '1024',
        memory: '2 GB',
        executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
        taskRoleArn: 'arn:aws:iam::123456789012:role/task',
        placementConstraints: [
          { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.* and attribute:team in [web, "a b"]' },
        ],
        volumes: [{ name: 'data', host: { sourcePath: '/data' } }],
        containerDefinitions: [
          {
            name: 'app',
            image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.2@sha256:' + 'a'.repeat(64),
            cpu: 512,
            memory: 1024,
            memoryReservation: 512,
            essential: true,
            portMappings: [
              { containerPort: 8080, hostPort: 0, protocol: 'tcp' },
              { containerPortRange: '9000-9010', protocol: 'udp' },
            ],
            environment: [
              { name: 'A', value: '1' },
              { name: 'A', value: '2' },
              { name: 'REGION', value: '{{region}}' },
            ],
            secrets: [{ name: 'DB', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db' }],
            healthCheck: {
              command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'],
              interval: 30,
              timeout: 5,
              retries: 3,
              startPeriod: 10,
            },
            logConfiguration: {
              logDriver: 'awslogs',
              options: { 'awslogs-group': '/ecs/gen', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'app' },
            },
            mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }],
            dependsOn: [{ containerName: 'sidecar', condition: 'START' }],
            links: ['sidecar'],
            ulimits: [{ name: 'nofile', softLimit: 1024, hardLimit: 2048 }],
          },
          {
            name: 'sidecar',
            image: '<SIDECAR_IMAGE>',
            memory: 128,
            essential: false,
            firelensConfiguration: { type: 'fluentbit' },
          },
        ],
      },
      null,
      2,
    ),
  },
  {
    name: 'gen-describe-task-def.json',
    text: JSON.stringify(
      {
        taskDefinition: {
          taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/d:3',
          family: 'd',
          revision: 3,
          status: 'ACTIVE',
          networkMode: 'awsvpc',
          requiresCompatibilities: ['FARGATE'],
          cpu: '256',
          memory: '512',
          containerDefinitions: [{ name: 'd', image: 'nginx', portMappings: [{ containerPort: 80, hostPort: 80 }] }],
        },
      },
      null,
      1,
    ),
  },
  {
    name: 'gen-service-def.json',
    text: JSON.stringify(
      {
        serviceName: 'gen',
        cluster: 'c',
        taskDefinition: 'gen:7',
        desiredCount: 3,
        launchType: 'EC2',
        schedulingStrategy: 'REPLICA',
        placementStrategy: [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          { type: 'binpack', field: 'cpu' },
          { type: 'random' },
        ],
        placementConstraints: [
          { type: 'distinctInstance' },
          {
            type: 'memberOf',
            expression:
              'not(task:group == service:other) && agentVersion >= 1.14.5 or registeredAt < 2018-06-18T22:28:28Z',
          },
        ],
        loadBalancers: [
          {
            targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/g/0123456789abcdef',
            containerName: 'app',
            containerPort: 8080,
          },
        ],
        deploymentConfiguration: {
          maximumPercent: 200,
          minimumHealthyPercent: 50,
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
        tags: [{ key: 'team', value: 'web' }],
      },
      null,
      2,
    ),
  },
  {
    name: 'gen.cluster.json',
    text: JSON.stringify(
      {
        capacityProvider: { instanceType: 'c5.xlarge', targetCapacity: 90 },
        instanceGroups: [
          {
            instanceType: 'c5.xlarge',
            availabilityZones: ['us-east-1a', 'us-east-1b'],
            count: 3,
            attributes: { team: 'web' },
            runningTasks: [{ group: 'service:gen', cpu: 256, memory: 512 }],
          },
          { instanceType: 'g4dn.xlarge', availabilityZone: 'us-east-1c', count: 1, status: 'DRAINING' },
        ],
      },
      null,
      2,
    ),
  },
];

/** The files at the top of examples/ (its folders hold other syntaxes). */
function exampleFiles(): string[] {
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

function loadSeeds(): Seed[] {
  const seeds: Seed[] = [];
  for (const name of exampleFiles()) seeds.push({ name, text: readFileSync(join(examplesDir, name), 'utf8') });
  const fixtures = join(root, 'test', 'fixtures', 'clusters');
  for (const name of readdirSync(fixtures).sort()) {
    // Named so that the describe-container-instances output is taken as a cluster file.
    seeds.push({
      name: name.endsWith('.cluster.json') ? name : name.replace(/\.json$/, '.cluster.json'),
      text: readFileSync(join(fixtures, name), 'utf8'),
    });
  }
  seeds.push(...generated);
  if (existsSync(corpusDir)) {
    // A fixed, spread-out sample of the real-world corpus (read in place, never copied).
    const files = readdirSync(corpusDir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    for (let i = 0; i < files.length; i += Math.max(1, Math.floor(files.length / 12))) {
      seeds.push({ name: files[i], text: readFileSync(join(corpusDir, files[i]), 'utf8') });
    }
  }
  return seeds;
}

// ---- mutators -------------------------------------------------------------------------

type Rng = () => number;
const pick = <T>(next: Rng, list: readonly T[]): T => list[Math.floor(next() * list.length)];
const at = (next: Rng, text: string) => Math.floor(next() * (text.length + 1));

const CHARS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  '/',
  '*',
  ' ',
  '\n',
  '\t',
  '\r',
  '0',
  '-',
  '.',
  'e',
  'a',
  '\u0000',
  '\u0001',
  '\u00e9',
  '\u200f',
  '\ufeff',
  '\ud800',
  '\udc00',
  '\ud83d\ude00',
  '\u2028',
  '\uffff',
];
const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '""',
  '"x"',
  'null',
  'true',
  'false',
  '-1',
  '0',
  '1e400',
  '-0',
  '1.5',
  '"\\u00"',
  '"\\ud800"',
  '"\\u0000"',
  '/* c */',
  '// c\n',
  '{{x}}',
  '<X>',
  '${X}',
  ',,',
  '::',
  '"a":',
  '"memberOf"',
  '"expression"',
  'NaN',
  'Infinity',
];
const VALUES = [
  '""',
  '"x"',
  '"256"',
  '"0.25 vCPU"',
  '"1 GB"',
  '"awsvpc"',
  '"FARGATE"',
  '"memberOf"',
  '"arn:aws:iam::1:role/x"',
  '0',
  '-1',
  '1.5',
  '65536',
  '1e9',
  '1e308',
  '-1e308',
  '9007199254740993',
  '1e-300',
  'null',
  'true',
  'false',
  '{}',
  '[]',
  '[null]',
  '[{}]',
  '{"":""}',
  '[[]]',
  '{"name":null}',
  '[1,"a",{},[]]',
];
const EXPRESSION_PIECES = [
  'attribute:',
  'ecs.instance-type',
  'ecs.availability-zone',
  'ecs.os-type',
  'team',
  'task:group',
  'ec2InstanceId',
  'agentConnected',
  'agentVersion',
  'registeredAt',
  'runningTasksCount',
  '==',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'exists',
  '!exists',
  'in',
  '!in',
  '=~',
  '!~',
  'and',
  'or',
  'not',
  '&&',
  '||',
  '!',
  '(',
  ')',
  '[',
  ']',
  ',',
  "'",
  '\\"',
  ' ',
  ' ',
  '\\\\',
  '{',
  '}',
  '*',
  '+',
  '?',
  '.',
  '|',
  't2.*',
  '(?=',
  '\\\\1',
  '(a+)+$',
  '1.14.5',
  '2018-06-18',
  'T22:28:28Z',
  'linux',
  'x',
  '1',
  '-',
  ':',
  '\\u00e9',
  '\\ud83d',
  '\\t',
  '\\n',
  '\\u0000',
];

function randomExpression(next: Rng): string {
  if (next() < 0.05) return '('.repeat(150 + Math.floor(next() * 50)) + 'task:group == a' + ')'.repeat(150);
  if (next() < 0.05) return 'attribute:a =~ ' + '(a|a)*'.repeat(50 + Math.floor(next() * 400));
  if (next() < 0.05) return 'attribute:a == "' + 'x\\'.repeat(20_000) + '"';
  if (next() < 0.05) return 'attribute:a in [' + Array.from({ length: 500 }, (_, i) => `v${i}`).join(',') + ']';
  const n = 1 + Math.floor(next() * 20);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(next, EXPRESSION_PIECES);
  return s;
}

/** Value nodes of the original text (when it parses), for mutations that keep the structure. */
function valueNodes(tree: JsonNode | undefined): JsonNode[] {
  const out: JsonNode[] = [];
  const walk = (n: JsonNode) => {
    if (n.type !== 'property') out.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  if (tree) walk(tree);
  return out;
}

function replaceNode(text: string, node: JsonNode, newText: string): string {
  return text.slice(0, node.offset) + newText + text.slice(node.offset + node.length);
}

function nested(next: Rng): string {
  const depth = pick(next, [50, 150, 199, 200, 201, 250, 2000, 20000]);
  return next() < 0.5 ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

interface Mutator {
  name: string;
  apply(text: string, next: Rng, nodes: JsonNode[]): string;
}

const mutators: Mutator[] = [
  {
    name: 'delete-char',
    apply: (t, r) => {
      const i = at(r, t);
      return t.slice(0, i) + t.slice(i + 1);
    },
  },
  {
    name: 'delete-range',
    apply: (t, r) => {
      const i = at(r, t);
      return t.slice(0, i) + t.slice(i + 1 + Math.floor(r() * 40));
    },
  },
  {
    name: 'duplicate-range',
    apply: (t, r) => {
      const i = at(r, t);
      const j = Math.min(t.length, i + 1 + Math.floor(r() * 60));
      return t.slice(0, j) + t.slice(i, j) + t.slice(j);
    },
  },
  {
    name: 'insert-char',
    apply: (t, r) => {
      const i = at(r, t);
      return t.slice(0, i) + pick(r, CHARS) + t.slice(i);
    },
  },
  {
    name: 'insert-token',
    apply: (t, r) => {
      const i = at(r, t);
      return t.slice(0, i) + pick(r, TOKENS) + t.slice(i);
    },
  },
  {
    name: 'many-edits',
    apply: (t, r) => {
      let s = t;
      for (let k = 0; k < 8; k++) {
        const i = at(r, s);
        s = r() < 0.5 ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + pick(r, [...CHARS, ...TOKENS]) + s.slice(i);
      }
      return s;
    },
  },
  {
    name: 'delete-token',
    apply: (t, r, nodes) => {
      if (!nodes.length) return t.slice(1);
      const n = pick(r, nodes);
      return t.slice(0, n.offset) + t.slice(n.offset + n.length);
    },
  },
  {
    name: 'duplicate-token',
    apply: (t, r, nodes) => {
      if (!nodes.length) return t + t;
      const n = pick(r, nodes);
      const s = t.slice(n.offset, n.offset + n.length);
      return t.slice(0, n.offset) + s + pick(r, [',', ' ', '']) + s + t.slice(n.offset + n.length);
    },
  },
  { name: 'swap-type', apply: (t, r, nodes) => (nodes.length ? replaceNode(t, pick(r, nodes), pick(r, VALUES)) : t) },
  {
    name: 'swap-many-types',
    apply: (t, r, nodes) => {
      let s = t;
      for (const n of [...nodes].filter(() => r() < 0.3).sort((a, b) => b.offset - a.offset))
        s = replaceNode(s, n, pick(r, VALUES));
      return s;
    },
  },
  {
    name: 'deep-nesting',
    apply: (t, r, nodes) => (nodes.length ? replaceNode(t, pick(r, nodes), nested(r)) : nested(r)),
  },
  {
    name: 'huge-string',
    apply: (t, r, nodes) => {
      const big = JSON.stringify(
        pick(r, ['x', 'é', '\u0000', 'a-', '{{x}}'] as const).repeat(pick(r, [5000, 70000, 200000])),
      );
      return nodes.length ? replaceNode(t, pick(r, nodes), big) : big;
    },
  },
  {
    name: 'huge-array',
    apply: (t, r, nodes) => {
      const n = nodes.filter((x) => x.type === 'array');
      const big = '[' + Array.from({ length: pick(r, [200, 3000]) }, () => pick(r, VALUES)).join(',') + ']';
      return n.length ? replaceNode(t, pick(r, n), big) : t;
    },
  },
  {
    name: 'odd-string',
    apply: (t, r, nodes) => {
      const s = nodes.filter((x) => x.type === 'string');
      const odd =
        '"' +
        Array.from({ length: 1 + Math.floor(r() * 6) }, () =>
          pick(r, [
            '\\u0000',
            '\\ud800',
            '\\udc00',
            '\ud800',
            '\ud83d\ude00',
            '\\"',
            '\\\\',
            '\u2028',
            '\u0007',
            '\\u12',
            '\u202e',
            '${',
            '{{',
            '<',
          ]),
        ).join('') +
        '"';
      return s.length ? replaceNode(t, pick(r, s), odd) : t;
    },
  },
  {
    name: 'member-of',
    apply: (t, r, nodes) => {
      const expression = JSON.stringify(randomExpression(r));
      const existing = nodes.filter(
        (n) => n.type === 'string' && n.parent?.type === 'property' && n.parent.children?.[0]?.value === 'expression',
      );
      if (existing.length && r() < 0.6) return replaceNode(t, pick(r, existing), expression);
      const open = t.indexOf('{');
      return open < 0
        ? t
        : t.slice(0, open + 1) +
            `"placementConstraints": [{"type": "memberOf", "expression": ${expression}}],` +
            t.slice(open + 1);
    },
  },
  {
    name: 'duplicate-key',
    apply: (t, r, nodes) => {
      const props = nodes.map((n) => n.parent).filter((p): p is JsonNode => p?.type === 'property');
      if (!props.length) return t;
      const p = pick(r, props);
      const s = t.slice(p.offset, p.offset + p.length);
      return t.slice(0, p.offset) + s + ', ' + s + t.slice(p.offset + p.length);
    },
  },
  {
    name: 'unknown-field',
    apply: (t, r, nodes) => {
      const objects = nodes.filter((n) => n.type === 'object');
      if (!objects.length) return t;
      const o = pick(r, objects);
      const key = pick(r, [
        '"enviroment"',
        '"containerDefinitons"',
        '""',
        '"__proto__"',
        '"constructor"',
        '"hasOwnProperty"',
        '"a/b~c"',
        '"\\u0000"',
        '"0"',
      ]);
      return (
        t.slice(0, o.offset + 1) + `${key}: ${pick(r, VALUES)}${o.children?.length ? ',' : ''}` + t.slice(o.offset + 1)
      );
    },
  },
  {
    name: 'top-level',
    apply: (t, r) =>
      pick(r, [
        '',
        ' ',
        '\n',
        '[]',
        '""',
        '42',
        'null',
        'true',
        '{}',
        '[' + t + ']',
        '"' + t.slice(0, 50) + '"',
        t + t,
        '\ufeff' + t,
        t + '\u0000',
        '{"taskDefinition": ' + t + '}',
        '{"taskDefinition": []}',
        '{"services": [' + t + ']}',
      ]),
  },
  {
    name: 'extreme-number',
    apply: (t, r, nodes) => {
      const numbers = nodes.filter((n) => n.type === 'number');
      return numbers.length
        ? replaceNode(
            t,
            pick(r, numbers),
            pick(r, [
              '1e9',
              '4294967296',
              '9007199254740993',
              '1e308',
              '-1e308',
              '1e-320',
              '-0',
              '0.5',
              '100000',
              '10001',
            ]),
          )
        : t;
    },
  },
  {
    name: 'prototype-keys',
    apply: (t, r, nodes) => {
      const keys = nodes.filter(
        (n) => n.type === 'string' && n.parent?.type === 'property' && n.parent.children?.[0] === n,
      );
      return keys.length
        ? replaceNode(
            t,
            pick(r, keys),
            pick(r, ['"__proto__"', '"constructor"', '"toString"', '"valueOf"', '"prototype"']),
          )
        : t;
    },
  },
];

// ---- checks ---------------------------------------------------------------------------

const times = new Map<string, number>();
function timed<T>(name: string, fn: () => T): T {
  const start = performance.now();
  let value: T;
  try {
    value = fn();
  } catch (error) {
    (error as Error).message = `${name} threw: ${(error as Error).message}`;
    throw error;
  }
  const ms = performance.now() - start;
  if (ms > (times.get(name) ?? 0)) times.set(name, ms);
  return value;
}

function assertRange(td: TextDocument, range: Range, what: string): void {
  const start = td.offsetAt(range.start);
  const end = td.offsetAt(range.end);
  // offsetAt clamps; a position it had to clamp is outside the text.
  const back = td.positionAt(start);
  if (back.line !== range.start.line || back.character !== range.start.character)
    assert.fail(`${what}: start ${JSON.stringify(range.start)} is outside the text`);
  const backEnd = td.positionAt(end);
  if (backEnd.line !== range.end.line || backEnd.character !== range.end.character)
    assert.fail(`${what}: end ${JSON.stringify(range.end)} is outside the text`);
  if (start > end) assert.fail(`${what}: range ends before it starts`);
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function checkProblems(text: string, problems: Problem[]): void {
  const valid = problems.some((p) => p.fixes?.length) && parsesAsJson(text);
  const seen = new Set<string>();
  for (const p of problems) {
    assert.notEqual(p.code, 'internal.rule-failed', p.message);
    assert.ok(Number.isInteger(p.offset) && Number.isInteger(p.length), `${p.code}: non-integer range`);
    assert.ok(
      p.offset >= 0 && p.length >= 0 && p.offset + p.length <= text.length,
      `${p.code} at ${p.offset}+${p.length} lies outside the text (${text.length})`,
    );
    assert.ok(typeof p.message === 'string' && p.message.length > 0, `${p.code}: empty message`);
    for (const fix of p.fixes ?? []) {
      // One fix often hangs off several problems (remove all read-only members): check it once.
      const key = fix.title + JSON.stringify(fix.edits);
      if (seen.has(key)) continue;
      seen.add(key);
      const sorted = [...fix.edits].sort((a, b) => a.offset - b.offset);
      let end = 0;
      for (const e of sorted) {
        assert.ok(
          e.offset >= end && e.length >= 0 && e.offset + e.length <= text.length,
          `${p.code} fix "${fix.title}" edits outside the text or overlaps: ${JSON.stringify(e)}`,
        );
        end = e.offset + e.length;
      }
      // Applying and re-parsing is the costly part: a bounded number of fixes per mutant.
      if (seen.size > 12) continue;
      const fixed = applyOffsetEdits(text, fix.edits);
      assert.equal(typeof fixed, 'string');
      // A fix on valid JSON keeps it valid; a fix for the only syntax error makes it valid.
      const syntaxFix = p.code.startsWith('json.') && problems.filter((q) => q.code.startsWith('json.')).length === 1;
      if (valid || syntaxFix) assert.ok(parsesAsJson(fixed), `${p.code} fix "${fix.title}" leaves invalid JSON`);
    }
  }
}

/** The value the panel would send for a file: strict JSON, or what the tolerant parser recovers. */
function valueOf(doc: EcsDocument): unknown {
  try {
    return JSON.parse(doc.text);
  } catch {
    return doc.root ? getNodeValue(doc.root) : undefined;
  }
}

/** The message and the first frames inside the project, so a report points at the code to fix. */
function where(error: Error): string {
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((l) => /out[\\/]server[\\/]/.test(l))
    .slice(0, 3)
    .map((l) => l.trim());
  return [error.message.split('\n')[0], ...frames].join(' | ');
}

let simulations = 0;
function checkSimulate(name: string, request: Parameters<typeof simulate>[0]): void {
  const result = timed(`simulate as ${name}`, () => simulate(request));
  simulations++;
  assert.ok(
    Array.isArray(result.errors) && Array.isArray(result.placements) && Array.isArray(result.unplaced),
    `simulate as ${name}: malformed result`,
  );
  for (const e of result.errors) {
    assert.equal(typeof e.message, 'string');
    assert.ok(e.input === undefined || simulationInputs.includes(e.input), `simulate as ${name}: an error of no input`);
  }
}

function exercise(
  name: string,
  text: string,
  context: { workspaceDocs: EcsDocument[]; td: unknown; service: unknown; cluster: unknown },
  next: Rng,
): void {
  const uri = `file:///w/${name}`;
  const doc = timed('parseDocument', () => parseDocument(uri, text, defaultSettings));
  const workspace = staticWorkspace([doc, ...context.workspaceDocs.filter((d) => d.uri !== uri)]);
  const problems = timed('validateDocument', () => validateDocument(doc, defaultSettings, workspace));
  checkProblems(text, problems);

  const td = TextDocument.create(uri, 'json', 1, text);
  const offsets = new Set<number>([0, text.length, at(next, text), at(next, text)]);
  if (problems.length)
    offsets.add(problems[0].offset).add(problems[problems.length - 1].offset + problems[problems.length - 1].length);
  for (const n of expressionNodes(doc).slice(0, 2))
    offsets.add(n.offset + 1 + Math.floor(next() * Math.max(1, n.length - 1)));
  for (const offset of offsets) {
    const list = timed('complete', () => complete(doc, td, offset, workspace));
    for (const item of list.items) {
      const edit = item.textEdit;
      if (edit && 'range' in edit) assertRange(td, edit.range, `completion "${item.label}" at ${offset}`);
      for (const extra of item.additionalTextEdits ?? [])
        assertRange(td, extra.range, `completion "${item.label}" at ${offset}`);
    }
    const h = timed('hover', () => hover(doc, td, offset));
    if (h?.range) assertRange(td, h.range, `hover at ${offset}`);
    for (const t of timed('definition', () => definition(doc, offset, workspace))) {
      assert.ok(
        t.offset >= 0 && t.offset + t.length <= t.doc.text.length,
        `definition at ${offset} lies in its target`,
      );
    }
  }

  const symbols = timed('documentSymbols', () => documentSymbols(doc, td));
  const walk = (list: typeof symbols) => {
    for (const s of list) {
      assertRange(td, s.range, `symbol ${s.name}`);
      assertRange(td, s.selectionRange, `symbol ${s.name}`);
      walk(s.children ?? []);
    }
  };
  walk(symbols);

  const diagnostics: Diagnostic[] = problems.map((p) => ({
    range: { start: td.positionAt(p.offset), end: td.positionAt(p.offset + p.length) },
    message: p.message,
    code: p.code,
    source: 'ecs-lens',
    data: { fixes: p.fixes, version: 1 },
  }));
  const actions = timed('codeActionsFor', () => codeActionsFor(td, diagnostics));
  for (const action of actions) {
    const edits = action.edit?.changes?.[uri] ?? [];
    for (const e of edits) assertRange(td, e.range, `code action "${action.title}"`);
    const applied = TextDocument.applyEdits(td, edits);
    assert.equal(typeof applied, 'string');
  }

  const value = valueOf(doc);
  checkSimulate('task definition', { taskDefinition: value, service: context.service, cluster: context.cluster });
  checkSimulate('service', { taskDefinition: context.td, service: value, cluster: context.cluster });
  checkSimulate('cluster', { taskDefinition: context.td, service: context.service, cluster: value });
}

test('mutated documents never crash a service entry point or the simulator, and every range lies in the text', () => {
  const started = performance.now();
  const next = random(SEED);
  const seeds = loadSeeds();
  const exampleDocs = exampleFiles().map((name) =>
    parseDocument(`file:///w/${name}`, readFileSync(join(examplesDir, name), 'utf8')),
  );
  const context = {
    workspaceDocs: exampleDocs,
    td: JSON.parse(readFileSync(join(examplesDir, 'ec2-worker-task-def.json'), 'utf8')),
    service: JSON.parse(readFileSync(join(examplesDir, 'ec2-worker-service-def.json'), 'utf8')),
    cluster: JSON.parse(readFileSync(join(examplesDir, 'web.cluster.json'), 'utf8')),
  };
  let mutants = 0;
  const failures: string[] = [];
  const run = (seed: Seed, mutation: string, text: string) => {
    mutants++;
    try {
      exercise(seed.name, text, context, next);
    } catch (error) {
      // ECS_LENS_FUZZ_DUMP=<file> keeps the first failing mutant for a regression test.
      if (process.env.ECS_LENS_FUZZ_DUMP && failures.length === 0) writeFileSync(process.env.ECS_LENS_FUZZ_DUMP, text);
      if (failures.length < 10)
        failures.push(
          `${seed.name} / ${mutation} (${text.length} chars, starts ${JSON.stringify(text.slice(0, 120))}): ${where(error as Error)}`,
        );
    }
  };

  for (const seed of seeds) {
    run(seed, 'original', seed.text);
    const nodes = valueNodes(parseTree(seed.text));
    // Truncation at every N-th offset: what the editor sees while a file is typed or pasted.
    const step = Math.max(1, Math.floor(seed.text.length / 12));
    for (let cut = 0; cut < seed.text.length; cut += step) run(seed, `truncate@${cut}`, seed.text.slice(0, cut));
    const perSeed = seed.name.startsWith('gen') || !seed.name.includes('__') ? 70 : 25;
    for (let k = 0; k < perSeed; k++) {
      const mutator = mutators[(k + Math.floor(next() * 3)) % mutators.length];
      run(seed, mutator.name, mutator.apply(seed.text, next, nodes));
    }
  }
  // Every seed's name also under a URI that says nothing, so the content decides the kind.
  for (const seed of seeds.slice(0, 8))
    run(
      { name: `unnamed-${basename(seed.name).replace(/[^a-z]/g, '')}.json`, text: seed.text },
      'by-content',
      seed.text,
    );

  const elapsed = performance.now() - started;
  const slowest = [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([n, ms]) => `${n} ${ms.toFixed(1)} ms`)
    .join(', ');
  // Timings are printed, not asserted: a hang is caught by the test runner's own timeout.
  console.log(
    `fuzz: ${mutants} mutants of ${seeds.length} documents, ${simulations} simulations, ${(elapsed / 1000).toFixed(1)} s; slowest: ${slowest}`,
  );
  assert.deepEqual(failures, []);
});
