import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../../server/src/service/rules';
import { ruleCodes } from '../../../server/src/service/ruleCodes';
import { queryLanguageRules, structuralRules } from '../../../server/src/service/structuralRules';

const fromOut = join(__dirname, '..', '..', '..', '..');
const root = existsSync(join(fromOut, 'docs', 'rules.md')) ? fromOut : process.cwd();

test('every code a diagnostic can carry is documented, once, and every documented check has a code', () => {
  const documented = [...structuralRules, ...allRules, ...queryLanguageRules].map((r) => r.code);
  assert.deepEqual(
    documented.filter((c, i) => documented.indexOf(c) !== i),
    [],
    'a code documented twice',
  );
  assert.deepEqual([...ruleCodes].sort(), [...new Set(documented)].sort());
  for (const r of [...structuralRules, ...allRules, ...queryLanguageRules]) {
    assert.ok(r.summary.trim() && r.rationale.trim(), `${r.code} has a summary and a rationale`);
  }
});

test('docs/rules.md has a section for every code', () => {
  const headings = new Set(
    [...readFileSync(join(root, 'docs', 'rules.md'), 'utf8').matchAll(/^## (\S+)$/gm)].map((m) => m[1]),
  );
  assert.deepEqual(
    ruleCodes.filter((c) => !headings.has(c)),
    [],
  );
});
