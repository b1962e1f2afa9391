import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readRepositoryFacts,
  readRepositoryFactsSliced,
  RepositoryContexts,
} from '../../../server/src/workspace/repository';

function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-repo-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  writeFileSync(
    join(dir, '.github', 'workflows', 'deploy.yml'),
    'jobs:\n  deploy:\n    steps:\n      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2\n        with:\n          task-definition: app/task-def.json\n',
  );
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'task-def.json'), '{}');
  for (let i = 0; i < 300; i++) {
    const folder = join(dir, `pkg-${Math.floor(i / 30)}`);
    if (i % 30 === 0) mkdirSync(folder);
    writeFileSync(join(folder, `data-${i}.json`), '{}');
  }
  return dir;
}

test('the sliced read of a repository learns what the read at once learns', async () => {
  const dir = repository();
  try {
    const atOnce = readRepositoryFacts(dir);
    const sliced = await readRepositoryFactsSliced(dir);
    assert.deepEqual([...sliced.byPath.keys()], [...atOnce.byPath.keys()]);
    assert.equal(atOnce.byPath.get('app/task-def.json')?.name, 'github-action');
    assert.deepEqual(sliced.byPath.get('app/task-def.json'), atOnce.byPath.get('app/task-def.json'));
    const contexts = new RepositoryContexts();
    await contexts.addSliced(dir);
    assert.equal(contexts.contextOf(join(dir, 'app', 'task-def.json')).name, 'github-action');
    assert.equal(contexts.contextOf(join(dir, 'pkg-0', 'data-0.json')).name, 'aws-cli');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
