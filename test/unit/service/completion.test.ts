import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { complete } from '../../../server/src/service/completion';
import { parseDocument } from '../../../server/src/service/document';
import { emptyWorkspace, staticWorkspace } from '../../../server/src/service/workspace';
import { parseMarkers } from '../markers';
import { defaultSettings } from '../../../server/src/service/settings';
import { validateDocument } from '../../../server/src/service/validation';

function completeAt(marked: string, uri = 'file:///w/app-task-def.json') {
  const { text, cursor } = parseMarkers(marked);
  const td = TextDocument.create(uri, 'json', 1, text);
  const doc = parseDocument(uri, text);
  const list = complete(doc, td, cursor, emptyWorkspace);
  const apply = (label: string) => {
    const item = list.items.find((i) => i.label === label);
    assert.ok(item, `no item "${label}" among ${list.items.map((i) => i.label).join(', ')}`);
    const edit = item.textEdit as {
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
      newText: string;
    };
    return TextDocument.applyEdits(td, [edit]);
  };
  return { items: list.items, labels: list.items.map((i) => i.label), apply };
}

test('member names not yet present, inside an incomplete container definition', () => {
  const { labels, apply } = completeAt('{"family": "a", "containerDefinitions": [{"name": "x", |');
  assert.ok(labels.includes('portMappings'));
  assert.ok(labels.includes('image'));
  assert.ok(!labels.includes('name'), 'name is already present');
  assert.equal(apply('essential'), '{"family": "a", "containerDefinitions": [{"name": "x", "essential": ${1:true}');
});

test('a partly typed key is replaced with the member and a value skeleton of its type', () => {
  const { apply } = completeAt('{"family": "a", "containerDefinitions": [{"portM|"}]}');
  assert.equal(
    apply('portMappings'),
    '{"family": "a", "containerDefinitions": [{"portMappings": [\n\t{\n\t\t$1\n\t}\n]}]}',
  );
});

test('editing an existing key keeps its value', () => {
  const { apply } = completeAt('{"family": "a", "containerDefinitions": [{"imag|": "nginx"}]}');
  assert.equal(apply('image'), '{"family": "a", "containerDefinitions": [{"image": "nginx"}]}');
});

test('a comma is added when another member follows', () => {
  const { apply } = completeAt('{|\n"family": "a"}');
  assert.equal(apply('cpu'), '{"cpu": "256",\n"family": "a"}');
});

test('enum values at a value position, inside or outside quotes', () => {
  const bare = completeAt('{"family": "a", "networkMode": |}');
  assert.deepEqual(bare.labels.filter((l) => l.startsWith('"')).sort(), ['"awsvpc"', '"bridge"', '"host"', '"none"']);
  const quoted = completeAt('{"family": "a", "networkMode": "aw|"}');
  assert.equal(quoted.apply('"awsvpc"'), '{"family": "a", "networkMode": "awsvpc"}');
});

test('booleans for boolean members', () => {
  const { labels } = completeAt('{"containerDefinitions": [{"essential": |}]}');
  assert.deepEqual(labels.sort(), ['false', 'true']);
});

test('snippets for a whole container definition, port mapping, environment entry and secret', () => {
  assert.ok(completeAt('{"containerDefinitions": [ | ]}').labels.includes('New container definition'));
  assert.ok(completeAt('{"containerDefinitions": [{"portMappings": [ | ]}]}').labels.includes('New port mapping'));
  assert.ok(
    completeAt('{"containerDefinitions": [{"environment": [ | ]}]}').labels.includes('New environment variable'),
  );
  assert.ok(completeAt('{"containerDefinitions": [{"secrets": [ | ]}]}').labels.includes('New secret'));
  assert.ok(
    completeAt('{"containerDefinitions": [{"logConfiguration": |}]}').labels.includes('awslogs log configuration'),
  );
  assert.ok(
    completeAt('{"containerDefinitions": [], "placementConstraints": [ | ]}').labels.includes(
      'New memberOf constraint',
    ),
  );
  const service = completeAt(
    '{"serviceName": "a", "desiredCount": 1, "placementStrategy": [ | ]}',
    'file:///w/svc.json',
  );
  assert.ok(service.labels.includes('Spread across availability zones'));
  const inserted = completeAt('{"containerDefinitions": [{"portMappings": [ | ]}]}').apply('New port mapping');
  assert.match(inserted, /"containerPort": \$\{1:80\}/);
});

test('service members complete in a service file', () => {
  const { labels } = completeAt('{"serviceName": "web", "desiredCount": 1, |}', 'file:///w/web-service-def.json');
  assert.ok(labels.includes('launchType'));
  assert.ok(labels.includes('placementStrategy'));
});

test('describe output completes inside taskDefinition only', () => {
  const inside = completeAt('{"taskDefinition": {"containerDefinitions": [{"name": "x"}], |}}', 'file:///w/out.json');
  assert.ok(inside.labels.includes('family'));
});

test('no completion outside ECS content', () => {
  assert.deepEqual(completeAt('{"name": "pkg", |}', 'file:///w/package.json').labels, []);
});

test('cluster files complete from the cluster schema', () => {
  const { labels } = completeAt('{"instanceGroups": [{"instanceType": "m5.large", |}]}', 'file:///w/prod.cluster.json');
  assert.ok(labels.includes('count'));
  assert.ok(labels.includes('availabilityZones'));
});

test('inside a memberOf expression, completion hands over to the query language, escapes included', () => {
  const subjects = completeAt(
    '{"containerDefinitions": [], "placementConstraints": [{"type": "memberOf", "expression": "|"}]}',
  );
  assert.ok(subjects.labels.some((l) => l.startsWith('attribute:')));
  assert.ok(subjects.labels.includes('task:group'));
  const operators = completeAt(
    '{"containerDefinitions": [], "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.os-type |"}]}',
  );
  assert.ok(operators.labels.includes('=='));
  const values = completeAt(
    '{"containerDefinitions": [], "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.os-type == |"}]}',
  );
  assert.ok(values.labels.includes('linux'));
  const applied = values.apply('linux');
  assert.equal(JSON.parse(applied).placementConstraints[0].expression, 'attribute:ecs.os-type == linux');
});

test('after a member value without its comma, member names are offered and the comma is added', () => {
  const { text, cursor } = parseMarkers('{"family": "a", "containerDefinitions": [{"name": "web"\n  |\n}]}');
  const uri = 'file:///w/app-task-def.json';
  const td = TextDocument.create(uri, 'json', 1, text);
  const list = complete(parseDocument(uri, text), td, cursor, emptyWorkspace);
  const image = list.items.find((i) => i.label === 'image')!;
  assert.ok(image, list.items.map((i) => i.label).join());
  const edited = TextDocument.applyEdits(td, [
    image.textEdit as { range: never; newText: string },
    ...(image.additionalTextEdits ?? []),
  ]);
  assert.equal(edited, '{"family": "a", "containerDefinitions": [{"name": "web",\n  "image": "$1"\n}]}');
});

test('task cpu and memory complete with Fargate sizes, memory narrowed by the cpu', () => {
  const cpu = completeAt('{"family": "a", "cpu": |, "containerDefinitions": []}');
  assert.deepEqual(
    cpu.labels.filter((l) => /^"\d+"$/.test(l)),
    ['"256"', '"512"', '"1024"', '"2048"', '"4096"', '"8192"', '"16384"', '"32768"'],
  );
  const memory = completeAt('{"family": "a", "cpu": "256", "memory": "|", "containerDefinitions": []}');
  assert.deepEqual(
    memory.labels.filter((l) => /^"\d+"$/.test(l)),
    ['"512"', '"1024"', '"2048"'],
  );
  assert.equal(memory.apply('"1024"'), '{"family": "a", "cpu": "256", "memory": "1024", "containerDefinitions": []}');
});

test('awslogs option names complete inside logConfiguration.options, required ones first', () => {
  const { items, apply } = completeAt(
    '{"containerDefinitions": [{"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/a", |}}}]}',
  );
  const labels = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
  assert.equal(labels[0], 'awslogs-region');
  assert.ok(!labels.includes('awslogs-group'));
  assert.ok(labels.includes('awslogs-stream-prefix'));
  assert.match(apply('awslogs-region'), /"awslogs-region": "\$1"}/);
  assert.deepEqual(
    completeAt('{"containerDefinitions": [{"logConfiguration": {"logDriver": "splunk", "options": {|}}}]}').labels,
    [],
  );
});

test("Service Connect portName completes the named port mappings of the service's task definition", () => {
  const taskText =
    '{"family": "api", "containerDefinitions": [{"name": "app", "portMappings": [{"containerPort": 8080, "name": "http"}, {"containerPort": 9090, "name": "metrics"}, {"containerPort": 22}]}]}';
  const api = parseDocument('file:///w/api-task-def.json', taskText);
  const { text, cursor } = parseMarkers(
    '{"serviceName": "api", "taskDefinition": "api:3", "serviceConnectConfiguration": {"enabled": true, "services": [{"portName": "|"}]}}',
  );
  const uri = 'file:///w/api-service-def.json';
  const doc = parseDocument(uri, text);
  const td = TextDocument.create(uri, 'json', 1, text);
  const list = complete(doc, td, cursor, staticWorkspace([api, doc]));
  const names = list.items.filter((i) => i.kind === 18 /* Reference */).map((i) => i.label);
  assert.deepEqual(names, ['"http"', '"metrics"']);
  const edit = list.items.find((i) => i.label === '"metrics"')!.textEdit as {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  };
  assert.match(TextDocument.applyEdits(td, [edit]), /"portName": "metrics"\}/);
  assert.deepEqual(
    complete(doc, td, cursor, staticWorkspace([doc])).items.filter((i) => i.kind === 18),
    [],
  );
});

test('value completion offers exactly the allowed values: the network modes, the Fargate memory sizes of a cpu', () => {
  const modes = completeAt('{"family": "a", "networkMode": |, "containerDefinitions": []}').labels.filter(
    (l) => !l.startsWith('{'),
  );
  assert.deepEqual([...modes].sort(), ['"awsvpc"', '"bridge"', '"host"', '"none"'].sort(), modes.join(', '));
  const memory = completeAt(
    '{"family": "a", "requiresCompatibilities": ["FARGATE"], "cpu": "1 vCPU", "memory": |, "containerDefinitions": []}',
  ).labels;
  // With 1 vCPU Fargate offers 2 to 8 GB: seven sizes, none of the 0.25 vCPU ones.
  assert.equal(memory.filter((l) => /^"\d+"$/.test(l)).length, 7, memory.join(', '));
  assert.ok(!memory.includes('"512"'), '512 MiB is not a size of 1 vCPU');
});

test('member completion lists each member once and none already present', () => {
  const { labels } = completeAt('{"family": "a", "cpu": "256", |, "containerDefinitions": []}');
  assert.deepEqual(
    labels.filter((l, i) => labels.indexOf(l) !== i),
    [],
    'no duplicates',
  );
  for (const present of ['family', 'cpu', 'containerDefinitions'])
    assert.ok(!labels.includes(present), `${present} is already present`);
  assert.ok(labels.includes('memory') && labels.includes('networkMode'));
});

/** The text a snippet leaves once each placeholder keeps its default (the first choice of a list). */
function expandSnippet(text: string): string {
  return text
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

test('an element completed before an existing element gets the separating comma', () => {
  const container = completeAt(
    '{"family": "a", "containerDefinitions": [ |\n{"name": "b", "image": "b:1", "memory": 256}]}',
  );
  const text = expandSnippet(container.apply('New container definition'));
  assert.doesNotThrow(() => JSON.parse(text), text);
  assert.equal(JSON.parse(text).containerDefinitions.length, 2);
  const port = completeAt('{"containerDefinitions": [{"portMappings": [ | {"containerPort": 81}]}]}');
  assert.equal(
    expandSnippet(port.apply('New port mapping')),
    '{"containerDefinitions": [{"portMappings": [ { "containerPort": 80, "protocol": "tcp" }, {"containerPort": 81}]}]}',
  );
  // The last element needs none.
  const last = completeAt('{"containerDefinitions": [{"portMappings": [{"containerPort": 81}, | ]}]}');
  assert.doesNotThrow(() => JSON.parse(expandSnippet(last.apply('New port mapping'))));
});

test('the container snippet leaves a task definition the project’s own rules find nothing wrong with', () => {
  for (const task of [
    '{"family": "a", "networkMode": "bridge", "containerDefinitions": [ | ]}',
    '{"family": "a", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512", "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", "containerDefinitions": [ | ]}',
  ]) {
    const text = expandSnippet(completeAt(task).apply('New container definition'));
    const problems = validateDocument(
      parseDocument('file:///w/app-task-def.json', text),
      defaultSettings,
      emptyWorkspace,
    )
      .filter((p) => p.severity === 'error' || p.severity === 'warning')
      .map((p) => `${p.code}: ${p.message}`);
    assert.deepEqual(problems, [], text);
  }
});
