import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import { LspClient } from './client';

// Completion in CloudFormation templates over the protocol: property names in CloudFormation's spelling,
// written as YAML at the template's indentation or as JSON, and enum values inside plain YAML values.
const repoRoot = join(__dirname, '..', '..', '..');
const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-lsp-cfn-'));
const yamlText = readFileSync(join(repoRoot, 'examples', 'cloudformation', 'stack.yaml'), 'utf8');
const yamlUri = pathToFileURL(join(folder, 'stack.yaml')).toString();
const jsonUri = pathToFileURL(join(folder, 'stack.json')).toString();
writeFileSync(join(folder, 'stack.yaml'), yamlText);
let client: LspClient;

before(async () => {
  client = new LspClient();
  await client.initialize(pathToFileURL(folder).toString());
});

after(async () => {
  assert.equal(await client.stop(), 0);
});

function at(text: string, needle: string, delta = needle.length): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

async function itemsAt(uri: string, position: { line: number; character: number }): Promise<CompletionItem[]> {
  const completion = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri },
    position,
  });
  return Array.isArray(completion) ? completion : (completion?.items ?? []);
}

function editOf(item: CompletionItem | undefined): { range: unknown; newText: string } {
  assert.ok(item?.textEdit && 'range' in item.textEdit, 'an item with a range edit');
  return item.textEdit;
}

test('a YAML template: a half-typed container property is completed by its CloudFormation name, as YAML', async () => {
  let version = 1;
  const typedAt = async (after: string, typedLine: string): Promise<[string, CompletionItem[]]> => {
    const typed = yamlText.replace(after, `${after}${typedLine}\n`);
    if (version === 1) await client.open(yamlUri, typed);
    else await client.change(yamlUri, typed, version);
    version++;
    return [typed, await itemsAt(yamlUri, at(typed, `${typedLine}\n`, typedLine.length))];
  };
  const [typed, first] = await typedAt('          Essential: true\n', '          StopTi');
  let items = first;
  const stop = items.find((i) => i.label === 'StopTimeout');
  assert.deepEqual(editOf(stop).range, {
    start: at(typed, '          StopTi\n', 10),
    end: at(typed, '          StopTi\n', 16),
  });
  assert.match(editOf(stop).newText, /^StopTimeout: \$\{1:\d+\}$/);
  const labels = items.map((i) => i.label);
  assert.ok(!labels.includes('Essential'), 'a property already written is not offered again');
  assert.ok(!labels.some((l) => /^[a-z]/.test(l)), `API spellings offered: ${labels.join(', ')}`);

  // A nested object: its members as a YAML block under the key, two columns in.
  items = (await typedAt('          Memory: 768\n', '          HealthC'))[1];
  const health = items.find((i) => i.label === 'HealthCheck');
  assert.match(editOf(health).newText, /^HealthCheck:\n {12}\S/);
  assert.equal(health!.insertTextMode, 1, 'the block carries its own indentation');

  // A list of objects: each item a YAML block, its first property on the dash's line.
  items = (await typedAt('          Memory: 768\n', '          Ulim'))[1];
  assert.equal(
    editOf(items.find((i) => i.label === 'Ulimits')).newText,
    'Ulimits:\n            - Name: ${1:nofile}\n              SoftLimit: ${2:65535}\n              HardLimit: ${3:65535}',
  );

  // A service property renamed by the table (the API's placementStrategy).
  items = (await typedAt('      DesiredCount: 3\n', '      PlacementStr'))[1];
  const strategies = items.find((i) => i.label === 'PlacementStrategies');
  assert.match(editOf(strategies).newText, /^PlacementStrategies:\n {8}- /);
  assert.ok(!items.some((i) => i.label === 'PlacementStrategy'), 'the API name is not offered');
});

test('a YAML template: enum values complete inside a plain value, written as YAML', async () => {
  const typed = yamlText.replace('      NetworkMode: bridge\n', '      NetworkMode: aw\n');
  await client.change(yamlUri, typed, 20);
  const items = await itemsAt(yamlUri, at(typed, 'NetworkMode: aw\n', 15));
  const awsvpc = items.find((i) => editOf(i).newText === 'awsvpc');
  assert.ok(awsvpc, items.map((i) => editOf(i).newText).join(', '));
  assert.deepEqual(editOf(awsvpc).range, {
    start: at(typed, 'NetworkMode: aw\n', 'NetworkMode: '.length),
    end: at(typed, 'NetworkMode: aw\n', 15),
  });
  const empty = typed.replace('      LaunchType: EC2\n', '      LaunchType: \n');
  await client.change(yamlUri, empty, 21);
  const launch = await itemsAt(yamlUri, at(empty, '      LaunchType: '));
  assert.ok(
    launch.some((i) => editOf(i).newText === 'FARGATE'),
    launch.map((i) => editOf(i).newText).join(', '),
  );
  assert.ok(!launch.some((i) => i.label === 'DesiredCount'), 'no property names at a value');
});

test('a JSON template: a half-typed property in quotes is completed with its quotes, as JSON', async () => {
  const template = {
    Resources: {
      Task: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          Family: 'web',
          ContainerDefinitions: [{ Name: 'web', Image: 'nginx', Memory: 512 }],
        },
      },
    },
  };
  const typed = JSON.stringify(template, null, 2).replace('"Memory": 512', '"Memory": 512,\n          "StopTi"');
  await client.open(jsonUri, typed);
  const items = await itemsAt(jsonUri, at(typed, '"StopTi', '"StopTi'.length));
  const stop = items.find((i) => i.label === 'StopTimeout');
  assert.deepEqual(editOf(stop).range, { start: at(typed, '"StopTi"', 0), end: at(typed, '"StopTi"') });
  assert.match(editOf(stop).newText, /^"StopTimeout": \$\{1:\d+\}$/);
  assert.equal(stop!.filterText, '"StopTimeout"');
});
