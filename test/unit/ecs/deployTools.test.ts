import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot, tsFiles } from '../sourceTree';
import { deployContextNames, deployTools } from '../../../server/src/ecs/deployTools';

const root = repoRoot;

test('deploy tools differ by the fields of their table row: no code outside the table compares a tool by name', () => {
  const names = deployContextNames.map((n) => n.replace(/[-]/g, '\\-')).join('|');
  // `x === 'aws-cli'`, `'terraform' !== x`, `case 'ecspresso':`
  const identity = new RegExp(`(?:[!=]==\\s*'(?:${names})'|'(?:${names})'\\s*[!=]==|case\\s+'(?:${names})'\\s*:)`);
  const table = join(root, 'server', 'src', 'ecs', 'deployTools.ts');
  const found: string[] = [];
  for (const file of tsFiles(join(root, 'server', 'src'))) {
    if (file === table) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (identity.test(line)) found.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(found, []);
  assert.ok(identity.test(`context === 'github-action'`) && identity.test(`case 'terraform':`));
});

test('each behaviour one tool has alone is a field of its row', () => {
  const only = (field: keyof (typeof deployTools)['aws-cli']) =>
    deployContextNames.filter((n) => deployTools[n][field] === true);
  assert.deepEqual(only('refusesDuplicateKeys'), ['github-action']);
  assert.deepEqual(only('refusesDescribeOnlyMembers'), ['aws-cli']);
  assert.deepEqual(only('routesThroughAppspec'), ['codedeploy']);
  assert.deepEqual(
    deployContextNames.filter((n) => !deployTools[n].fillsImages),
    ['aws-cli'],
  );
});
