import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

test('the dynamics module imports neither vscode nor vscode-languageserver', () => {
  const fromOut = join(__dirname, '..', '..', '..', '..');
  const root = existsSync(join(fromOut, 'server', 'src', 'dynamics')) ? fromOut : process.cwd();
  const dir = join(root, 'server', 'src', 'dynamics');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length > 3);
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    assert.doesNotMatch(text, /from ['"]vscode(-languageserver)?['"]/, file);
  }
});
