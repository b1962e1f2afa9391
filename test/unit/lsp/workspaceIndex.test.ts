import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceIndex } from '../../../server/src/lsp/workspaceIndex';
import { defaultSettings } from '../../../server/src/service/settings';

test('a file on disk with a byte order mark is read as an editor reads it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-index-'));
  try {
    writeFileSync(join(dir, 'web-service-def.json'), '\ufeff{"serviceName": "web", "taskDefinition": "web"}');
    const index = new WorkspaceIndex(() => defaultSettings);
    await index.scan([pathToFileURL(dir).toString()]);
    const [doc] = index.documents();
    assert.equal(doc?.kind, 'service');
    assert.deepEqual(doc.syntaxProblems, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
