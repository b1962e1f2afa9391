import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from '../../server/src/service/document';
import { defaultSettings } from '../../server/src/service/settings';
import { isValidJson, newDiagnostics, realisticInsertions, typingStates } from '../unit/service/typing';

// Every prefix of a member, a container and a port mapping typed into real task definitions of the
// corpus; ECS_LENS_TYPING_ALL=1 types into every one of them instead of every eighth.
const repoRoot = join(__dirname, '..', '..', '..');
const corpus = process.env.ECS_LENS_CORPUS ?? join(repoRoot, '..', 'shared', 'corpus');

if (existsSync(corpus)) {
  const names = readdirSync(corpus)
    .filter((n) => n.endsWith('.json'))
    .sort();
  const taskDefinitions = names
    .map((name) =>
      parseDocument(
        pathToFileURL(join(corpus, name)).toString(),
        readFileSync(join(corpus, name), 'utf8'),
        defaultSettings,
      ),
    )
    .filter((d) => d.kind === 'task-definition' && d.syntaxProblems.length === 0 && d.text.length < 20_000);
  const chosen = process.env.ECS_LENS_TYPING_ALL ? taskDefinitions : taskDefinitions.filter((_, i) => i % 8 === 0);

  test('typing into corpus task definitions adds no diagnostic but the syntax error, at any prefix', () => {
    assert.ok(chosen.length >= 10, `${chosen.length} corpus task definitions`);
    let broken = 0;
    for (const doc of chosen) {
      for (const insertion of realisticInsertions(doc)) {
        for (const autoClose of [false, true]) {
          for (const state of typingStates(doc.text, insertion, autoClose)) {
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
      }
    }
    console.log(`typing: ${broken} half-typed states in ${chosen.length} corpus task definitions`);
  });
}
