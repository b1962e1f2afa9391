import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem } from 'vscode-languageserver/node';
import { completionsAt, hitAt } from '../../../../server/src/lsp/surfacePositions';
import { complete } from '../../../../server/src/service/completion';
import { defaultSettings } from '../../../../server/src/service/settings';
import { staticWorkspace } from '../../../../server/src/service/workspace';
import { prepareSurfaces, readSourceFile } from '../../../../server/src/surfaces';
import { parseMarkers } from '../../markers';

before(() => prepareSurfaces());

/** The completion items at the `|` of a marked Terraform file, as the language server offers them. */
function itemsAt(marked: string): { text: string; items: CompletionItem[]; source: TextDocument } {
  const { text, cursor } = parseMarkers(marked);
  const file = readSourceFile('untitled:/main.tf', text, defaultSettings);
  const source = TextDocument.create('untitled:/main.tf', 'terraform', 1, text);
  const hit = hitAt(file, source, source.positionAt(cursor));
  assert.ok(hit, 'no document at the cursor');
  const ws = staticWorkspace(file.documents);
  const list = completionsAt(file, hit, defaultSettings, (doc, inner, offset) => complete(doc, inner, offset, ws));
  return { text, items: list.items, source };
}

/** The text after choosing the item labelled `label`. */
function chosen(marked: string, label: string): string {
  const { text, items, source } = itemsAt(marked);
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} among ${items.map((i) => i.label).join(', ')}`);
  assert.ok(item.textEdit && 'range' in item.textEdit);
  const { range, newText } = item.textEdit;
  return text.slice(0, source.offsetAt(range.start)) + newText + text.slice(source.offsetAt(range.end));
}

const task = (body: string) => `resource "aws_ecs_task_definition" "app" {
  family = "web"
${body}
}
`;

test('a half-typed resource argument completes to its snake_case name, written as an HCL argument', () => {
  const labels = itemsAt(task('  netw|')).items.map((i) => i.label);
  assert.ok(labels.includes('network_mode'), labels.join(', '));
  assert.ok(labels.includes('container_definitions'));
  assert.ok(!labels.includes('networkMode'), 'API names are not Terraform arguments');
  assert.ok(!labels.includes('family'), 'a member already written is not offered again');
  assert.equal(chosen(task('  netw|'), 'network_mode'), task('  network_mode = "${1|awsvpc,bridge,host,none|}"'));
});

test('a nested block of the resource completes as a block, and its own arguments inside it', () => {
  assert.equal(chosen(task('  runtime_pl|'), 'runtime_platform'), task('  runtime_platform {\n\t$0\n}'));
  const inside = itemsAt(task('  runtime_platform {\n    |\n  }')).items.map((i) => i.label);
  assert.deepEqual(inside.sort(), ['cpu_architecture', 'operating_system_family']);
});

test('inside jsonencode, container members complete as HCL keys with HCL values', () => {
  const marked = task(`  container_definitions = jsonencode([{
    name = "app"
    ess|
  }])`);
  const labels = itemsAt(marked).items.map((i) => i.label);
  assert.ok(labels.includes('essential') && labels.includes('portMappings'), labels.join(', '));
  assert.ok(!labels.includes('name'));
  assert.match(chosen(marked, 'essential'), /\n {4}essential = \$\{1:true\}\n/);
  assert.match(chosen(marked, 'portMappings'), /\n {4}portMappings = \[\n\t\{\n\t\t\$1\n\t\}\n\]\n/);
  // A nested object's members are completed in that object.
  const nested = itemsAt(
    task(`  container_definitions = jsonencode([{
    name = "app"
    logConfiguration = {
      |
    }
  }])`),
  ).items.map((i) => i.label);
  assert.ok(nested.includes('logDriver') && !nested.includes('essential'), nested.join(', '));
});

test('an enum value inside an HCL string completes with the API values, in the string', () => {
  const marked = task('  network_mode = "aw|"');
  const labels = itemsAt(marked).items.map((i) => i.label);
  assert.ok(labels.includes('"awsvpc"'), labels.join(', '));
  assert.equal(chosen(marked, '"awsvpc"'), task('  network_mode = "awsvpc"'));
});

test('a service argument that fills part of an API object is offered by its own name', () => {
  const labels = itemsAt(`resource "aws_ecs_service" "web" {
  name = "web"
  |
}
`).items.map((i) => i.label);
  for (const name of ['launch_type', 'network_configuration', 'deployment_maximum_percent', 'desired_count'])
    assert.ok(labels.includes(name), `${name} not in ${labels.join(', ')}`);
});

test('after `=` with no value yet, enum values are offered as HCL strings, quotes included', () => {
  const labels = (marked: string) => itemsAt(marked).items.map((i) => i.label);
  assert.deepEqual(labels(task('  network_mode = |')).sort(), ['"awsvpc"', '"bridge"', '"host"', '"none"']);
  assert.equal(chosen(task('  network_mode = |'), '"awsvpc"'), task('  network_mode = "awsvpc"'));
  // A bare word typed so far is replaced, quotes added.
  assert.equal(chosen(task('  network_mode = aw|'), '"awsvpc"'), task('  network_mode = "awsvpc"'));
  // Inside jsonencode, after `key = ` and `key: `.
  const log = (sep: string) =>
    task(`  container_definitions = jsonencode([{
    name  = "app"
    image = "nginx:1.27"
    logConfiguration = { logDriver ${sep} | }
  }])`);
  assert.ok(labels(log('=')).includes('"awslogs"'), labels(log('=')).join(', '));
  assert.equal(chosen(log(':'), '"awslogs"'), log(':').replace('|', '"awslogs"'));
  // Not after a comparison, and no argument names where a value is due.
  assert.ok(!labels(task('  network_mode = |')).includes('cpu'));
  assert.deepEqual(
    labels(task('  cpu = var.x == |')).filter((l) => l.startsWith('"')),
    [],
  );
});
