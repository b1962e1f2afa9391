import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from '../../../server/src/service/document';
import { defaultSettings } from '../../../server/src/service/settings';
import { crossFileVersion, staticWorkspace } from '../../../server/src/service/workspace';
import { isValidJson, newDiagnostics, realisticInsertions, serviceDiagnostics, typingStates } from './typing';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const examples = join(repoRoot, 'examples');
const files = [
  ...readdirSync(examples)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(examples, f)),
  join(repoRoot, 'test', 'e2e', 'workspace', 'api.task-def.json'),
];
const docs = files.map((f) => parseDocument(pathToFileURL(f).toString(), readFileSync(f, 'utf8'), defaultSettings));
const taskDefinitions = docs.filter((d) => d.kind === 'task-definition' && d.syntaxProblems.length === 0);

test('typing a member, a container or a port mapping adds no diagnostic but the syntax error, at any prefix', () => {
  assert.ok(taskDefinitions.length >= 3, 'real task definitions to type into');
  let states = 0;
  let broken = 0;
  for (const doc of taskDefinitions) {
    const insertions = realisticInsertions(doc);
    assert.ok(
      insertions.some((i) => i.what === 'a container') && insertions.some((i) => i.what.startsWith('a port mapping')),
      doc.uri,
    );
    for (const insertion of insertions) {
      for (const autoClose of [false, true]) {
        for (const state of typingStates(doc.text, insertion, autoClose)) {
          states++;
          if (isValidJson(state)) continue;
          broken++;
          const extra = newDiagnostics(doc, state, insertion);
          assert.deepEqual(
            extra.map((p) => `${p.code}: ${p.message}`),
            [],
            `${doc.uri}, typing ${insertion.what}${autoClose ? ' (auto-closing)' : ''}:\n${state.slice(insertion.offset - 40, insertion.offset + insertion.typed.length + 40)}`,
          );
        }
      }
      assert.ok(isValidJson(typingStates(doc.text, insertion, false).at(-1)!), `${insertion.what} ends as valid JSON`);
    }
  }
  assert.ok(broken > 500 && broken < states, `${broken} of ${states} states had a syntax error`);
});

test('while a task definition is half-typed, its services keep the diagnostics of its last good version', () => {
  const pairs = docs
    .filter((d) => d.kind === 'service')
    .map((service) => [service, taskDefinitions.find((t) => t.family === service.family)] as const)
    .filter(([, t]) => t);
  assert.ok(pairs.length >= 2, 'examples hold services with their task definitions');
  for (const [service, good] of pairs) {
    const baseline = serviceDiagnostics(service, staticWorkspace([good!, service]));
    for (const insertion of realisticInsertions(good!)) {
      for (const state of typingStates(good!.text, insertion, false)) {
        if (isValidJson(state)) continue;
        const typed = crossFileVersion(good, parseDocument(good!.uri, state, defaultSettings));
        assert.deepEqual(
          serviceDiagnostics(service, staticWorkspace([typed, service])),
          baseline,
          `${service.uri} while typing ${insertion.what}`,
        );
      }
    }
  }
});
