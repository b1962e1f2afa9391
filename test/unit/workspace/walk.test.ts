import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSkipDirectory, readFileBounded, walkFolders, walkSync } from '../../../server/src/workspace/walk';

/** A workspace with every kind of entry a hostile repository can hold, removed after the test. */
function hostileTree(t: { after: (fn: () => void) => void }) {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'ecs-lens-walk-')));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const ws = join(base, 'ws');
  const outside = join(base, 'outside');
  mkdirSync(join(ws, 'deploy', 'nested'), { recursive: true });
  mkdirSync(join(ws, 'node_modules', 'pkg'), { recursive: true });
  mkdirSync(join(ws, '.aws'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(ws, 'deploy', 'web-task-def.json'), '{"family": "web"}');
  writeFileSync(join(ws, 'deploy', 'nested', 'svc.json'), '{}');
  writeFileSync(join(ws, 'deploy', 'notes.txt'), 'x');
  writeFileSync(join(ws, 'node_modules', 'pkg', 'package.json'), '{}');
  writeFileSync(join(ws, '.aws', 'task-def.json'), '{}');
  writeFileSync(join(outside, 'secret.json'), '{"secret": true}');
  execFileSync('mkfifo', [join(ws, 'pipe.json')]);
  symlinkSync('/dev/zero', join(ws, 'zero.json'));
  symlinkSync('/proc/self/fd/0', join(ws, 'stdin.json'));
  symlinkSync('/', join(ws, 'root'));
  symlinkSync(outside, join(ws, 'out-link'));
  symlinkSync(join(outside, 'secret.json'), join(ws, 'secret-link.json'));
  symlinkSync(ws, join(ws, 'deploy', 'loop'));
  symlinkSync(join(ws, 'deploy', 'web-task-def.json'), join(ws, 'alias.json'));
  symlinkSync(join(ws, 'missing.json'), join(ws, 'dangling.json'));
  return { base, ws, outside };
}

const json = (name: string) => name.endsWith('.json');

test('the walk lists regular files inside the root only, through links that stay inside', (t) => {
  const { ws } = hostileTree(t);
  const result = walkSync([ws], { includeFile: json });
  const listed = result.files.map((f) => f.path.slice(ws.length + 1)).sort();
  // alias.json links to a file listed under its own name: one real file, listed once, by that name.
  assert.deepEqual(listed, ['deploy/nested/svc.json', 'deploy/web-task-def.json']);
  for (const f of result.files) assert.ok(f.realPath.startsWith(ws + '/'), f.realPath);
  const reasons = Object.fromEntries(result.skipped.map((s) => [s.path.slice(ws.length + 1), s.reason]));
  assert.equal(reasons['pipe.json'], 'not-regular');
  assert.equal(reasons['zero.json'], 'outside-root');
  assert.equal(reasons['secret-link.json'], 'outside-root');
  assert.equal(reasons['root'], 'outside-root');
  assert.equal(reasons['out-link'], 'outside-root');
  assert.equal(reasons['dangling.json'], 'unreadable');
  assert.ok(!result.files.some((f) => f.path.includes('node_modules') || f.path.includes('.aws')));
  assert.equal(result.truncated, false);
});

test('each real file is listed once, whatever the links to it', (t) => {
  const { ws } = hostileTree(t);
  const result = walkSync([ws], { includeFile: json });
  const real = result.files.map((f) => f.realPath);
  assert.equal(new Set(real).size, real.length);
  assert.ok(real.includes(join(ws, 'deploy', 'web-task-def.json')));
  // A link inside the root to a file nothing else lists is followed.
  mkdirSync(join(ws, 'deploy', '.hidden'));
  writeFileSync(join(ws, 'deploy', '.hidden', 'task.json'), '{}');
  symlinkSync(join(ws, 'deploy', '.hidden', 'task.json'), join(ws, 'linked-task.json'));
  const again = walkSync([ws], { includeFile: json });
  assert.ok(
    again.files.some(
      (f) => f.path === join(ws, 'linked-task.json') && f.realPath === join(ws, 'deploy', '.hidden', 'task.json'),
    ),
  );
});

test('a skip predicate composed with the default lets a named dot-folder in', (t) => {
  const { ws } = hostileTree(t);
  const result = walkSync([ws], {
    includeFile: json,
    skipDirectory: (name, rel) => rel !== '.aws' && defaultSkipDirectory(name),
  });
  assert.ok(result.files.some((f) => f.path === join(ws, '.aws', 'task-def.json')));
  assert.ok(!result.files.some((f) => f.path.includes('node_modules')));
});

test('depth, file and entry budgets stop the walk and say so', (t) => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'ecs-lens-walk-')));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  let dir = base;
  for (let i = 0; i < 6; i++) {
    dir = join(dir, `d${i}`);
    mkdirSync(dir);
    writeFileSync(join(dir, `f${i}.json`), '{}');
  }
  const shallow = walkSync([base], { includeFile: json, maxDepth: 3 });
  assert.deepEqual(
    shallow.files.map((f) => f.path.split('/').pop()),
    ['f0.json', 'f1.json', 'f2.json'],
  );
  assert.ok(shallow.skipped.some((s) => s.reason === 'too-deep'));
  const few = walkSync([base], { includeFile: json, maxFiles: 2 });
  assert.equal(few.files.length, 2);
  assert.equal(few.truncated, true);
  const entries = walkSync([base], { includeFile: json, maxEntries: 3 });
  assert.equal(entries.truncated, true);
  assert.ok(entries.files.length < 6);
});

test('the async walk lets other work run between chunks and gives the same files', async (t) => {
  const { ws } = hostileTree(t);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const chunks: string[][] = [];
  const result = await walkFolders([ws], {
    includeFile: json,
    foldersPerChunk: 1,
    onFiles: (files) => chunks.push(files.map((f) => f.path)),
  });
  clearInterval(timer);
  assert.deepEqual(
    result.files.map((f) => f.path).sort(),
    walkSync([ws], { includeFile: json })
      .files.map((f) => f.path)
      .sort(),
  );
  assert.deepEqual(chunks.flat().sort(), result.files.map((f) => f.path).sort());
  assert.ok(chunks.length >= 2);
});

test('a bounded read refuses pipes, devices and what leads outside, and stops at its budget', (t) => {
  const { ws } = hostileTree(t);
  const pipe = readFileBounded(join(ws, 'pipe.json'), { maxBytes: 1024 });
  assert.equal(pipe.ok ? 'read' : pipe.reason, 'not-regular');
  const zero = readFileBounded(join(ws, 'zero.json'), { maxBytes: 1024 });
  assert.equal(zero.ok ? 'read' : zero.reason, 'not-regular');
  const secret = readFileBounded(join(ws, 'secret-link.json'), { maxBytes: 1024, roots: [ws] });
  assert.equal(secret.ok ? 'read' : secret.reason, 'outside-root');
  writeFileSync(join(ws, 'big.json'), 'x'.repeat(5000));
  const big = readFileBounded(join(ws, 'big.json'), { maxBytes: 1024 });
  assert.equal(big.ok ? 'read' : big.reason, 'too-large');
  const head = readFileBounded(join(ws, 'big.json'), { maxBytes: 1024, allowPartial: true });
  assert.ok(head.ok && head.text.length === 1024 && head.truncated);
  const whole = readFileBounded(join(ws, 'deploy', 'web-task-def.json'), { maxBytes: 1024, roots: [ws] });
  assert.ok(whole.ok && whole.text === '{"family": "web"}' && !whole.truncated);
});
