import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../../server/src/service/document';

const root = join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.json'));

test('the examples name no $schema: a copy works anywhere, the extension knows their kinds by name and content', () => {
  assert.ok(examples.length >= 6);
  for (const name of examples) {
    const value = JSON.parse(readFileSync(join(root, 'examples', name), 'utf8'));
    assert.equal(value.$schema, undefined, name);
    assert.notEqual(parseDocument(`file:///copy/${name}`, JSON.stringify(value)).kind, 'unknown', name);
  }
});

test('the manifest gives VS Code a schema only for files the language server does not check against one', () => {
  // The server validates, completes and explains clusters and load profiles from schemas/: a jsonValidation
  // entry for them would show every mistake twice.
  const served = ['web.cluster.json', 'worker.load.json', 'web-task-def.json', 'web-service-def.json'];
  const patterns: string[] = manifest.contributes.jsonValidation
    .map((v: { fileMatch: string | string[] }) => v.fileMatch)
    .flat();
  for (const p of patterns) {
    const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    for (const name of served) assert.ok(!re.test(name), `${p} matches ${name}`);
  }
});
