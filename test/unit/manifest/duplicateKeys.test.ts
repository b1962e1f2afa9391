import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { visit } from 'jsonc-parser';

const root = join(__dirname, '..', '..', '..', '..');

/** Keys given twice in one object, as "path: key" (JSON.parse keeps the last silently; esbuild warns). */
export function duplicateKeys(text: string): string[] {
  const stack: Array<Set<string>> = [];
  const found: string[] = [];
  visit(text, {
    onObjectBegin: () => void stack.push(new Set()),
    onObjectEnd: () => void stack.pop(),
    onObjectProperty: (name, offset, _length, _line, _column, pathSupplier) => {
      const keys = stack[stack.length - 1];
      if (keys.has(name)) found.push(`${pathSupplier().join('.')}: ${name} (offset ${offset})`);
      keys.add(name);
    },
  });
  return found;
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

test('the duplicate-key scan sees a key given twice at any depth', () => {
  assert.deepEqual(duplicateKeys('{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}').length, 2);
  assert.deepEqual(duplicateKeys('{"a": {"x": 1}, "b": {"x": 1}}'), []);
});

test('no JSON file the extension or the npm package ships gives a key twice', () => {
  const files = [
    join(root, 'package.json'),
    ...jsonFiles(join(root, 'schemas')),
    ...jsonFiles(join(root, 'examples')),
    ...jsonFiles(join(root, 'docs')),
  ];
  assert.ok(files.length > 8, `${files.length} files`);
  const offenders = files.flatMap((f) =>
    duplicateKeys(readFileSync(f, 'utf8')).map((d) => `${relative(root, f)}: ${d}`),
  );
  assert.deepEqual(offenders, []);
});
