import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot, tsFiles } from '../sourceTree';
import { deployContextNames, deployTools } from '../../../server/src/ecs/deployTools';

const root = repoRoot;

/** Each line of server/src outside the deploy-tool table where `hits` finds something, with its file and line. */
function outsideTheTable(hits: (line: string) => string[]): string[] {
  const table = join(root, 'server', 'src', 'ecs', 'deployTools.ts');
  const found: string[] = [];
  for (const file of tsFiles(join(root, 'server', 'src'))) {
    if (file === table) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const hit of hits(line)) found.push(`${relative(root, file)}:${i + 1}: ${hit}`);
      });
  }
  return found;
}

test('deploy tools differ by the fields of their table row: no code outside the table compares a tool by name', () => {
  const names = deployContextNames.map((n) => n.replace(/[-]/g, '\\-')).join('|');
  // `x === 'aws-cli'`, `'terraform' !== x`, `case 'ecspresso':`, `tool !== deployTools.ecspresso`
  const row = `deployTools(?:\\.(?:${names.replace(/\\-/g, '')})|\\[\\s*'(?:${names})'\\s*\\])`;
  const identity = new RegExp(
    `(?:[!=]==\\s*(?:'(?:${names})'|${row})|(?:'(?:${names})'|${row})\\s*[!=]==|case\\s+'(?:${names})'\\s*:)`,
  );
  assert.deepEqual(
    outsideTheTable((line) => (identity.test(line) ? [line.trim()] : [])),
    [],
  );
  assert.ok(identity.test(`context === 'github-action'`) && identity.test(`case 'terraform':`));
  assert.ok(identity.test(`tool !== deployTools.ecspresso`) && identity.test(`deployTools['aws-cli'] === tool`));
});

/** `startsWith('ecspresso')`, `title.includes('aws-')`: a string test by (part of) a tool's name or title. */
function nameTests(line: string): string[] {
  const names = [...deployContextNames, ...deployContextNames.map((n) => deployTools[n].title)].map((n) =>
    n.toLowerCase(),
  );
  const found: string[] = [];
  for (const m of line.matchAll(/\.(?:startsWith|endsWith|includes|indexOf|match|test)\(\s*(['"`])([^'"`]+)\1/g)) {
    const text = m[2].toLowerCase();
    // `startsWith('arn:')` and the like name no tool; three characters of one do (`'aws-'`).
    if (text.length >= 3 && names.some((n) => n.startsWith(text) || n.includes(text))) found.push(m[0]);
  }
  return found;
}

test("no code outside the table tests a string for a tool's name or title: that behaviour is a field of the row", () => {
  assert.deepEqual(outsideTheTable(nameTests), []);
  assert.deepEqual(nameTests(`s.startsWith('aws-') || s.startsWith('ecspresso')`), [
    ".startsWith('aws-'",
    ".startsWith('ecspresso'",
  ]);
  assert.deepEqual(nameTests(`ref.startsWith('arn:')`), []);
});

test('each behaviour one tool has alone is a field of its row', () => {
  const only = (field: keyof (typeof deployTools)['aws-cli']) =>
    deployContextNames.filter((n) => deployTools[n][field] === true);
  assert.deepEqual(only('refusesDuplicateKeys'), ['github-action']);
  assert.deepEqual(only('refusesDescribeOnlyMembers'), ['aws-cli']);
  assert.deepEqual(only('routesThroughAppspec'), ['codedeploy']);
  // ecspresso deletes empty lists but sends empty objects; the deploy action drops both.
  assert.deepEqual(only('dropsEmptyLists'), ['github-action', 'ecspresso']);
  assert.deepEqual(only('dropsEmptyObjects'), ['github-action']);
  assert.deepEqual(
    deployContextNames.filter((n) => !deployTools[n].fillsImages),
    ['aws-cli'],
  );
});
