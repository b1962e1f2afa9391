import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/service/document';
import { schemaFor, schemaOfKind, schemas, validateSchema, type SchemaName } from '../../../server/src/service/schema';
import { applyOffsetEdits, parseMarkers } from '../markers';
import { defaultSettings } from '../../../server/src/service/settings';
import { validateDocument } from '../../../server/src/service/validation';
import { emptyWorkspace } from '../../../server/src/service/workspace';

function problemsOf(marked: string, uri = 'file:///w/app-task-def.json') {
  const { text, ranges } = parseMarkers(marked);
  const doc = parseDocument(uri, text);
  return { text, ranges, doc, problems: validateSchema(doc) };
}

test('unknown member is reported on its key with a did-you-mean rename fix', () => {
  const { text, ranges, problems } = problemsOf(
    '{"family": "a", "containerDefinitions": [{"name": "x", "image": "nginx", [|"portMapping"|]: []}]}',
  );
  assert.equal(problems.length, 1);
  const [p] = problems;
  assert.equal(p.code, 'schema.unknown-member');
  assert.deepEqual({ offset: p.offset, length: p.length }, ranges[0]);
  assert.match(p.message, /Did you mean "portMappings"\?/);
  const fixed = applyOffsetEdits(text, p.fixes![0].edits);
  assert.match(fixed, /"portMappings": \[\]/);
});

test('enviroment is suggested as environment', () => {
  const { problems } = problemsOf('{"family": "a", "containerDefinitions": [{"name": "x", "enviroment": []}]}');
  assert.match(problems[0].message, /"environment"/);
});

test('a name far from every member gets the allowed list, and no fix', () => {
  const { problems } = problemsOf('{"family": "a", "containerDefinitions": [{"name": "x"}], "zzzzzzzzzz": 1}');
  const p = problems.find((x) => x.code === 'schema.unknown-member')!;
  assert.equal(p.fixes, undefined);
  assert.match(p.message, /Allowed: family, taskRoleArn/);
});

test('wrong types are reported on the value: object for a list, string for a number', () => {
  const { ranges, problems } = problemsOf(
    '{"family": "a", "containerDefinitions": [{"name": "x", "portMappings": [|{}|], "memory": [|"512"|]}]}',
  );
  assert.deepEqual(
    problems.map((p) => p.code),
    ['schema.type', 'schema.type'],
  );
  assert.deepEqual(
    problems.map((p) => ({ offset: p.offset, length: p.length })),
    ranges,
  );
  assert.match(problems[0].message, /Expected a list, found an object/);
  assert.match(problems[1].message, /Expected a number, found the string "512"/);
  assert.equal(problems[1].fixes?.[0].edits[0].newText, '512');
});

test('bad enum value lists the allowed values and suggests the close one', () => {
  const { ranges, problems } = problemsOf(
    '{"family": "a", "containerDefinitions": [{"name": "x"}], "networkMode": [|"awsvcp"|]}',
  );
  assert.equal(problems[0].code, 'schema.enum');
  assert.deepEqual({ offset: problems[0].offset, length: problems[0].length }, ranges[0]);
  assert.match(problems[0].message, /"awsvpc", "bridge", "host", "none"/);
  assert.equal(problems[0].fixes?.[0].edits[0].newText, '"awsvpc"');
});

test('missing required member is anchored on the parent key', () => {
  const { ranges, problems } = problemsOf(
    '{"family": "a", "containerDefinitions": [{"name": "x", "environmentFiles": [{"value": "arn:aws:s3:::b/x.env"}]}], [|"proxyConfiguration"|]: {}}',
  );
  const required = problems.filter((p) => p.code === 'schema.required');
  assert.equal(required.length, 2);
  assert.ok(required.some((p) => p.message.includes('"containerName"') && p.offset === ranges[0].offset));
  assert.ok(required.some((p) => p.message.includes('"type"')));
});

test('missing top-level required member is anchored on the opening brace', () => {
  const { problems } = problemsOf('{"containerDefinitions": [{"name": "x"}]}');
  const p = problems.find((x) => x.code === 'schema.required')!;
  assert.equal(p.offset, 0);
  assert.equal(p.length, 1);
  assert.match(p.message, /"family"/);
});

test('explicit null is an error with a removal fix', () => {
  const { text, problems } = problemsOf('{"family": "a", "containerDefinitions": [{"name": "x"}], "ipcMode": null}');
  assert.equal(problems[0].code, 'schema.null-value');
  assert.equal(JSON.parse(applyOffsetEdits(text, problems[0].fixes![0].edits)).ipcMode, undefined);
});

test('read-only members of describe output warn once each and one fix removes them all', () => {
  const { text, problems } = problemsOf(
    '{"taskDefinitionArn": "arn:x", "family": "a", "revision": 3, "containerDefinitions": [{"name": "x"}], "status": "ACTIVE", "compatibilities": ["EC2"]}',
  );
  assert.deepEqual(
    problems.map((p) => p.code),
    ['schema.read-only-member', 'schema.read-only-member', 'schema.read-only-member', 'schema.read-only-member'],
  );
  assert.ok(problems.every((p) => p.severity === 'warning'));
  const fixed = JSON.parse(applyOffsetEdits(text, problems[0].fixes![0].edits));
  assert.deepEqual(Object.keys(fixed), ['family', 'containerDefinitions']);
});

test('removing adjacent read-only members, the first among them, takes non-overlapping edits that leave valid JSON', () => {
  const cases = [
    '{"taskDefinitionArn": "arn:x", "revision": 3, "family": "a", "status": "ACTIVE", "containerDefinitions": [{"name": "x"}]}',
    '{"taskDefinitionArn": "arn:x", "revision": 3,\n "status": "ACTIVE"}',
    '{"family": "a", "revision": 3, "status": "ACTIVE"}',
  ];
  for (const text of cases) {
    const edits = problemsOf(text).problems.find((p) => p.code === 'schema.read-only-member')!.fixes![0].edits;
    for (let i = 1; i < edits.length; i++)
      assert.ok(edits[i].offset >= edits[i - 1].offset + edits[i - 1].length, `${text}: ${JSON.stringify(edits)}`);
    const fixed = JSON.parse(applyOffsetEdits(text, edits));
    for (const key of ['taskDefinitionArn', 'revision', 'status']) assert.equal(fixed[key], undefined, text);
  }
});

test('describe-task-definition output is validated inside taskDefinition', () => {
  const { doc, problems } = problemsOf(
    '{"taskDefinition": {"family": "a", "revision": 1, "containerDefinitions": [{"name": "x", "cpu": "1"}]}, "tags": []}',
    'file:///w/out.json',
  );
  assert.equal(doc.kind, 'describe-output');
  assert.deepEqual(problems.map((p) => p.code).sort(), ['schema.read-only-member', 'schema.type']);
});

test('ranges from the overlay: ports and the family pattern; health-check ranges and the container count are left to their rules', () => {
  const { problems } = problemsOf(
    JSON.stringify({
      family: 'bad family!',
      containerDefinitions: [
        { name: 'x', portMappings: [{ containerPort: 70000 }], healthCheck: { command: ['CMD', 'true'], interval: 2 } },
      ],
    }),
  );
  assert.deepEqual(problems.map((p) => p.code).sort(), ['schema.pattern', 'schema.range']);
  const eleven = JSON.stringify({
    family: 'a',
    containerDefinitions: Array.from({ length: 11 }, (_, i) => ({ name: `c${i}` })),
  });
  assert.deepEqual(
    problemsOf(eleven)
      .problems.map((p) => p.code)
      .filter((c) => c === 'schema.item-count'),
    [],
  );
});

test('a valid service gets no schema problem; a wrong launchType does', () => {
  assert.deepEqual(
    problemsOf('{"serviceName": "web", "taskDefinition": "web", "desiredCount": 2}', 'file:///w/svc.json').problems,
    [],
  );
  const { problems } = problemsOf(
    '{"serviceName": "web", "taskDefinition": "web", "launchType": "fargate"}',
    'file:///w/svc.json',
  );
  assert.equal(problems[0].code, 'schema.enum');
  assert.equal(problems[0].fixes?.[0].edits[0].newText, '"FARGATE"');
});

test('compact cluster files are validated against the cluster schema; describe-container-instances output is taken as is', () => {
  const { problems } = problemsOf(
    '{"instanceGroups": [{"instanceType": "m5.large", "availabilityZone": "us-east-1a", "count": 2, "cuont": 3}]}',
    'file:///w/prod.cluster.json',
  );
  assert.deepEqual(
    problems.map((p) => p.code),
    ['schema.unknown-member'],
  );
  assert.match(problems[0].message, /Did you mean "count"/);
  assert.deepEqual(
    problemsOf('{"containerInstances": [{"ec2InstanceId": "i-1", "whatever": true}]}', 'file:///w/ci.json').problems,
    [],
  );
});

test("a missing required member has a fix that adds it in the object's layout", () => {
  const { text, problems } = problemsOf('{\n  "containerDefinitions": [{"name": "x"}]\n}');
  const p = problems.find((x) => x.code === 'schema.required')!;
  const fixed = applyOffsetEdits(text, p.fixes![0].edits);
  assert.equal(fixed, '{\n  "family": "",\n  "containerDefinitions": [{"name": "x"}]\n}');
  const nested = problemsOf('{"family": "a", "containerDefinitions": [{"name": "x"}], "proxyConfiguration": {}}');
  const q = nested.problems.find((x) => x.code === 'schema.required')!;
  assert.deepEqual(JSON.parse(applyOffsetEdits(nested.text, q.fixes![0].edits)).proxyConfiguration, {
    containerName: '',
  });
});

test('a service file without serviceName is a warning: deployment tools often supply the name', () => {
  const { problems } = problemsOf(
    '{"taskDefinition": "web", "desiredCount": 2, "deploymentConfiguration": {}}',
    'file:///w/web-service-def.json',
  );
  assert.deepEqual(
    problems.map((p) => [p.code, p.severity]),
    [['schema.required', 'warning']],
  );
  assert.match(problems[0].message, /serviceName/);
});

test('schema dispatch is one table by document kind: every schema is some kind’s, and only unknown documents and appspecs have none', () => {
  const used = new Set(Object.values(schemaOfKind).filter((n) => n !== null));
  assert.deepEqual([...used].sort(), Object.keys(schemas).sort());
  for (const [kind, name] of Object.entries(schemaOfKind) as Array<[keyof typeof schemaOfKind, SchemaName | null]>) {
    // An appspec is CodeDeploy's format: the rules read it, no ECS schema does.
    if (name === null) assert.ok(kind === 'unknown' || kind === 'appspec', kind);
    assert.equal(schemaFor(kind), name === null ? undefined : schemas[name], kind);
  }
});

test('a number written as a string and a string written as a number are fixed in place, each as the preferred fix', () => {
  const text = JSON.stringify({
    family: 'web',
    cpu: 256,
    containerDefinitions: [{ name: 'web', image: 'nginx', memoryReservation: '512', essential: true }],
  });
  const doc = parseDocument('file:///w/web-task-def.json', text, defaultSettings);
  const problems = validateDocument(doc, defaultSettings, emptyWorkspace).filter((p) => p.code === 'schema.type');
  const applied = problems.map((p) => {
    const [fix] = p.fixes ?? [];
    assert.equal(fix?.preferred, true, p.message);
    const [edit] = fix.edits;
    return {
      title: fix.title,
      text: text.slice(0, edit.offset) + edit.newText + text.slice(edit.offset + edit.length),
    };
  });
  assert.deepEqual(
    applied.map((a) => a.title),
    ['Use the string "256"', 'Use the number 512'],
  );
  assert.match(applied[0].text, /"cpu":"256"/);
  assert.match(applied[1].text, /"memoryReservation":512/);
});
