import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/service/document';
import { defaultSettings } from '../../../server/src/service/settings';
import { validateDocument } from '../../../server/src/service/validation';
import { emptyWorkspace, staticWorkspace } from '../../../server/src/service/workspace';
import { parseMarkers } from '../markers';

const check = (
  marked: string,
  rules: Record<string, 'off' | 'warning' | 'error'> = {},
  uri = 'file:///w/app-task-def.json',
) => {
  const { text, ranges } = parseMarkers(marked);
  return {
    ranges,
    problems: validateDocument(parseDocument(uri, text), { ...defaultSettings, rules }, emptyWorkspace),
  };
};

test('memberOf expression problems keep their cql codes and sit on the bad characters, through escapes', () => {
  const { ranges, problems } = check(
    '{"family": "a", "containerDefinitions": [{"name": "x", "image": "nginx", "memory": 128}], "placementConstraints": [{"type": "memberOf", "expression": "attribute:te\\u0061m == \\"y\\" and attribute:[|ecs.instanse-type|] == t3.micro"}]}',
  );
  const p = problems.find((x) => x.code === 'cql.unknown-attribute');
  assert.ok(p, JSON.stringify(problems));
  assert.deepEqual({ offset: p.offset, length: p.length }, ranges[0]);
  assert.match(p.message, /ecs\.instance-type/);
});

test('ecsLens.rules turns a rule off or changes its severity', () => {
  const text =
    '{"family": "a", "containerDefinitions": [{"name": "x", "image": "nginx", "memory": 128, "enviroment": []}]}';
  assert.equal(check(text).problems.find((p) => p.code === 'schema.unknown-member')?.severity, 'error');
  assert.equal(
    check(text, { 'schema.unknown-member': 'warning' }).problems.find((p) => p.code === 'schema.unknown-member')
      ?.severity,
    'warning',
  );
  assert.equal(
    check(text, { 'schema.unknown-member': 'off' }).problems.find((p) => p.code === 'schema.unknown-member'),
    undefined,
  );
});

test('where the parser recovered from a syntax error, only the syntax error is reported there', () => {
  const { problems } = check(
    '{"family": "a", "containerDefinitions": [{"name": "x", "image": "nginx", "memory": 128, "command": {{command}} }]}',
  );
  assert.ok(problems.some((p) => p.code === 'json.syntax'));
  assert.ok(!problems.some((p) => p.code === 'schema.type'), JSON.stringify(problems.map((p) => p.code)));
});

test('a service is checked against its task definition in the workspace, and alone without one', () => {
  const td = parseDocument(
    'file:///w/web-task-def.json',
    JSON.stringify({
      family: 'web',
      networkMode: 'awsvpc',
      containerDefinitions: [{ name: 'web', image: 'nginx', memory: 512, portMappings: [{ containerPort: 80 }] }],
    }),
  );
  const service = parseDocument(
    'file:///w/web-service-def.json',
    JSON.stringify({
      serviceName: 'web',
      taskDefinition: 'web:3',
      desiredCount: 1,
      loadBalancers: [
        {
          targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef',
          containerName: 'api',
          containerPort: 80,
        },
      ],
    }),
  );
  const withTd = validateDocument(service, defaultSettings, staticWorkspace([td, service])).map((p) => p.code);
  assert.ok(withTd.includes('service.load-balancer-container'), withTd.join());
  assert.ok(withTd.includes('service.task-network-configuration'), withTd.join());
  const alone = validateDocument(service, defaultSettings, staticWorkspace([service])).filter(
    (p) => p.severity === 'error',
  );
  assert.deepEqual(alone, []);
});

test('the examples are free of errors and warnings', () => {
  const { readdirSync, readFileSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const dir = join(__dirname, '..', '..', '..', '..', 'examples');
  const docs = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => parseDocument(`file://${join(dir, f)}`, readFileSync(join(dir, f), 'utf8')));
  assert.ok(docs.length >= 5);
  for (const doc of docs) {
    const serious = validateDocument(doc, defaultSettings, staticWorkspace(docs)).filter(
      (p) => p.severity === 'error' || p.severity === 'warning',
    );
    assert.deepEqual(serious, [], doc.uri);
  }
});

test('a service is checked against the revision it names, else the task definition in its folder', () => {
  const td = (uri: string, container: string, revision?: number) =>
    parseDocument(
      uri,
      JSON.stringify({
        taskDefinition: {
          family: 'web',
          ...(revision ? { revision } : {}),
          containerDefinitions: [
            { name: container, image: 'nginx', memory: 512, portMappings: [{ containerPort: 80 }] },
          ],
        },
      }),
    );
  const service = (ref: string) =>
    parseDocument(
      'file:///w/prod/web-service-def.json',
      JSON.stringify({
        serviceName: 'web',
        taskDefinition: ref,
        desiredCount: 1,
        loadBalancers: [
          {
            targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef',
            containerName: 'app',
            containerPort: 80,
          },
        ],
      }),
    );
  const other = td('file:///w/staging/web.json', 'web', 3);
  const here = td('file:///w/prod/web.json', 'app', 4);
  const codes = (ref: string, docs: ReturnType<typeof parseDocument>[]) =>
    validateDocument(service(ref), defaultSettings, staticWorkspace(docs)).map((p) => p.code);
  assert.ok(!codes('web', [other, here]).includes('service.load-balancer-container'), 'the one in the same folder');
  assert.ok(
    codes('web:3', [other, here]).includes('service.load-balancer-container'),
    'revision 3 has no container "app"',
  );
  assert.ok(!codes('web:4', [other, here]).includes('service.load-balancer-container'));
});

test('expression problems with a clear fix offer it: a misspelt ecs attribute, a value in the wrong case', () => {
  const text =
    '{"family": "a", "containerDefinitions": [{"name": "x", "image": "nginx", "memory": 128}], "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instanse-type == t3.micro and attribute:ecs.os-type == \'Linux\'"}]}';
  const problems = validateDocument(parseDocument('file:///w/a-task-def.json', text), defaultSettings, emptyWorkspace);
  let fixed = text;
  for (const code of ['cql.unknown-attribute', 'cql.never-matches']) {
    const p = problems.find((x) => x.code === code)!;
    assert.ok(p.fixes?.length, `${code} has a fix`);
    const e = p.fixes[0].edits[0];
    fixed = fixed.slice(0, e.offset) + e.newText + fixed.slice(e.offset + e.length);
    problems.splice(
      0,
      problems.length,
      ...validateDocument(parseDocument('file:///w/a-task-def.json', fixed), defaultSettings, emptyWorkspace),
    );
  }
  assert.equal(
    JSON.parse(fixed).placementConstraints[0].expression,
    "attribute:ecs.instance-type == t3.micro and attribute:ecs.os-type == 'linux'",
  );
  assert.deepEqual(
    problems.filter((p) => p.code.startsWith('cql.')),
    [],
  );
});

test('one mistake, one finding: a Fargate networkMode of "" or null is the schema’s, an empty image is value.empty', () => {
  const codes = (text: string) =>
    validateDocument(parseDocument('file:///w/web-task-def.json', text), defaultSettings, emptyWorkspace)
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.code} ${text.slice(p.offset, p.offset + p.length)}`);
  const task = (networkMode: string, image: string) =>
    `{"family": "web", "requiresCompatibilities": ["FARGATE"], ${networkMode}"cpu": "256", "memory": "512", "containerDefinitions": [{"name": "web", "image": ${image}}]}`;
  assert.deepEqual(codes(task('"networkMode": "", ', '"nginx:1.27"')), ['schema.enum ""']);
  assert.deepEqual(codes(task('"networkMode": null, ', '"nginx:1.27"')), ['schema.null-value null']);
  assert.deepEqual(codes(task('"networkMode": "awsvpc", ', '""')), ['value.empty ""']);
  // Left out, the default (bridge) is what Fargate refuses: the rule says so.
  assert.deepEqual(codes(task('', '"nginx:1.27"')), ['fargate.network-mode "FARGATE"']);
});
