// Completion for clients other than VS Code: what the user typed filters by the name in any client, and a
// client without snippet support gets plain, single-line text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { complete, snippetToPlainText } from '../../../server/src/service/completion';
import { parseDocument } from '../../../server/src/service/document';
import { defaultSettings } from '../../../server/src/service/settings';
import { validateDocument } from '../../../server/src/service/validation';
import { emptyWorkspace } from '../../../server/src/service/workspace';
import { parseMarkers } from '../markers';

const uri = 'file:///w/app-task-def.json';

function completeAt(marked: string, snippets = true) {
  const { text, cursor } = parseMarkers(marked);
  const td = TextDocument.create(uri, 'json', 1, text);
  const list = complete(parseDocument(uri, text), td, cursor, emptyWorkspace, { snippets });
  const item = (label: string) => {
    const found = list.items.find((i) => i.label === label);
    assert.ok(found, `no item "${label}" among ${list.items.map((i) => i.label).join(', ')}`);
    return found;
  };
  const apply = (label: string) => {
    const found = item(label);
    return TextDocument.applyEdits(td, [found.textEdit as TextEdit, ...(found.additionalTextEdits ?? [])]);
  };
  /** The text the user typed inside the item's replaced range, up to the cursor. */
  const typed = (i: CompletionItem) => {
    const edit = i.textEdit as TextEdit;
    return text.slice(td.offsetAt(edit.range.start), cursor);
  };
  return { text, td, cursor, items: list.items, item, apply, typed };
}

/** Expands a snippet with its defaults, as an editor does when the user accepts every placeholder. */
const expand = snippetToPlainText;

const container = '{"family": "a", "containerDefinitions": [{"name": "x", "image": "nginx", "memory": 128, |}]}';

test('a partly typed member name filters by the name itself: the range starts after the quote the user typed', () => {
  const c = completeAt(container.replace('|', '"depe|'));
  const dependsOn = c.item('dependsOn');
  // What a client compares: the typed text with the filter text (label when absent) and with the insert text.
  assert.equal(c.typed(dependsOn), 'depe');
  assert.ok((dependsOn.filterText ?? dependsOn.label).startsWith('depe'));
  assert.ok((dependsOn.textEdit as TextEdit).newText.startsWith('depe'));
  assert.equal(dependsOn.filterText, undefined, 'no quoted filter text');
  // Every offered item agrees with what was typed about where the word starts.
  for (const i of c.items) assert.equal(c.typed(i), 'depe', i.label);
  assert.match(c.apply('dependsOn'), /\{"name": "x", "image": "nginx", "memory": 128, "dependsOn": \[/);
});

test('with the closing quote already there (an editor closed it), the name replaces up to and with it', () => {
  const c = completeAt(container.replace('|', '"depe|"'));
  assert.equal(c.typed(c.item('dependsOn')), 'depe');
  assert.match(c.apply('dependsOn'), /"memory": 128, "dependsOn": \[/);
});

test('a partly typed enum value inside quotes filters by the value', () => {
  const c = completeAt('{"family": "a", "networkMode": "aw|", "containerDefinitions": []}');
  const awsvpc = c.item('"awsvpc"');
  assert.equal(c.typed(awsvpc), 'aw');
  assert.ok(awsvpc.filterText!.startsWith('aw') && (awsvpc.textEdit as TextEdit).newText.startsWith('aw'));
  assert.equal(c.apply('"awsvpc"'), '{"family": "a", "networkMode": "awsvpc", "containerDefinitions": []}');
  assert.ok(!c.items.some((i) => i.label === '""' || i.label === 'true'), 'no non-string items inside a string');
});

test('without snippet support, items carry plain single-line text with the defaults filled in', () => {
  const positions = [
    container,
    container.replace('|', '"ul|'),
    '{"family": "a", "containerDefinitions": [ | ]}',
    '{"family": "a", "containerDefinitions": [{"name": "x", "portMappings": [ | ]}]}',
    '{"family": "a", "containerDefinitions": [{"name": "x", "logConfiguration": {"logDriver": "awslogs", "options": {|}}}]}',
    '{"family": "a", "networkMode": |, "containerDefinitions": []}',
  ];
  let checked = 0;
  for (const marked of positions) {
    const c = completeAt(marked, false);
    assert.ok(c.items.length > 0, marked);
    for (const i of c.items) {
      const text = (i.textEdit as TextEdit).newText;
      assert.notEqual(i.insertTextFormat, InsertTextFormat.Snippet, `${i.label} is not a snippet`);
      assert.doesNotMatch(text, /\$\d|\$\{|\n|\0/, `${i.label}: ${JSON.stringify(text)}`);
      checked++;
    }
  }
  assert.ok(checked > 50, `${checked} items checked`);
  const c = completeAt(container, false);
  assert.equal(JSON.parse(c.apply('ulimits')).containerDefinitions[0].ulimits[0].name, 'nofile');
  assert.equal(JSON.parse(c.apply('essential')).containerDefinitions[0].essential, true);
});

test('with snippet support (the default), items keep their snippets', () => {
  const c = completeAt(container);
  assert.equal(c.item('essential').insertTextFormat, InsertTextFormat.Snippet);
  assert.match((c.item('essential').textEdit as TextEdit).newText, /\$\{1:true\}/);
});

test('snippets read as their defaults in plain text', () => {
  assert.equal(expand('"name": "${1:app}"'), '"name": "app"');
  assert.equal(expand('"protocol": "${2|tcp,udp|}"'), '"protocol": "tcp"');
  assert.equal(expand('[\n\t{\n\t\t$1\n\t}\n]'), '[{}]');
  assert.equal(expand('{\n\t$1\n}'), '{}');
  assert.equal(expand('"a\\$b": ${1:x\\}y}'), '"a$b": x}y');
  assert.equal(expand('${1:outer ${2:inner}}'), 'outer inner');
});

test('completing ulimits inserts an entry that is valid as it stands', () => {
  const c = completeAt(container);
  const inserted = expand(c.apply('ulimits'));
  const doc = parseDocument(uri, inserted);
  const ulimit = JSON.parse(inserted).containerDefinitions[0].ulimits[0];
  assert.deepEqual(Object.keys(ulimit).sort(), ['hardLimit', 'name', 'softLimit']);
  const codes = (d: ReturnType<typeof parseDocument>) =>
    validateDocument(d, defaultSettings, emptyWorkspace).map((p) => `${p.code}: ${p.message}`);
  // The same problems as before the completion: the inserted entry adds none.
  assert.deepEqual(codes(doc), codes(parseDocument(uri, c.text.replace(', }', '}'))));
});
