import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../../../server/src/service/document';
import { hover } from '../../../server/src/service/hover';
import { documentSymbols } from '../../../server/src/service/symbols';
import { complete } from '../../../server/src/service/completion';
import { emptyWorkspace } from '../../../server/src/service/workspace';
import { parseMarkers } from '../markers';

function hoverAt(marked: string, uri = 'file:///w/app-task-def.json') {
  const { text, cursor } = parseMarkers(marked);
  const td = TextDocument.create(uri, 'json', 1, text);
  const h = hover(parseDocument(uri, text), td, cursor);
  return h ? (h.contents as { value: string }).value : undefined;
}

test('hover on a member: type, allowed values, description and API reference link', () => {
  const md = hoverAt('{"family": "a", "network|Mode": "awsvpc", "containerDefinitions": []}')!;
  assert.match(md, /\*\*networkMode\*\*/);
  assert.match(md, /"awsvpc"/);
  assert.match(md, /API_RegisterTaskDefinitionRequest\.html/);
  assert.ok(md.length > 200, 'carries the SDK documentation');
});

test('hover on a nested member names its shape and default', () => {
  const md = hoverAt('{"containerDefinitions": [{"healthCheck": {"inter|val": 30}}]}')!;
  assert.match(md, /Default: `30`/);
  assert.match(md, /Range: 5 to 300/);
  assert.match(md, /API_HealthCheck\.html/);
});

test('hover on a value explains its member', () => {
  assert.match(hoverAt('{"containerDefinitions": [{"essential": tr|ue}]}')!, /\*\*essential\*\*/);
});

test('hover on a read-only member of describe output', () => {
  assert.match(
    hoverAt('{"taskDefinition": {"revi|sion": 3, "containerDefinitions": []}}', 'file:///w/x.json')!,
    /read-only/,
  );
});

test('no hover on unknown members or non-ECS files', () => {
  assert.equal(hoverAt('{"containerDefinitions": [{"bog|us": 1}]}'), undefined);
  assert.equal(hoverAt('{"na|me": "x"}', 'file:///w/package.json'), undefined);
});

test('document symbols: containers with their ports and environment', () => {
  const text = JSON.stringify({
    family: 'a',
    containerDefinitions: [
      {
        name: 'web',
        image: 'nginx',
        portMappings: [{ containerPort: 80, hostPort: 8080 }],
        environment: [{ name: 'A', value: '1' }],
      },
    ],
  });
  const uri = 'file:///w/a-task-def.json';
  const symbols = documentSymbols(parseDocument(uri, text), TextDocument.create(uri, 'json', 1, text));
  const web = symbols.find((s) => s.name === 'web')!;
  assert.equal(web.detail, 'nginx');
  assert.deepEqual(
    web.children!.map((c) => c.name),
    ['80/tcp', 'A'],
  );
  assert.equal(web.children![0].detail, 'host 8080');
});

test('hover inside a memberOf expression explains the subject under the cursor', () => {
  const md = hoverAt(
    '{"containerDefinitions": [], "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-t|ype =~ t3.*"}]}',
  )!;
  assert.ok(md);
  assert.match(md, /instance-type|instance type/i);
});

// How long this takes is measured by test/bench/linearity.ts.
test('hover and completion inside a very long memberOf expression answer', () => {
  const text = JSON.stringify({
    family: 'a',
    containerDefinitions: [],
    placementConstraints: [{ type: 'memberOf', expression: 'attribute:a == "' + 'x\\'.repeat(50_000) + '"' }],
  });
  const doc = parseDocument('file:///w/a-task-def.json', text);
  const td = TextDocument.create(doc.uri, 'json', 1, text);
  assert.doesNotThrow(() => hover(doc, td, text.length - 10));
  assert.ok(complete(doc, td, text.length - 10, emptyWorkspace) !== undefined);
});
