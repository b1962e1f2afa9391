import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot, tsFiles } from './sourceTree';

const root = repoRoot;

/** Module specifiers of import/export/require statements, and of import() types. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm))
    found.push(m[1]);
  return found;
}

// The pure modules: plain values in, plain values out, usable by the CLI and any editor.
const pureDirs = ['service', 'ecs', 'cql', 'placement', 'dynamics', 'workspace'];
const editorModule =
  /^vscode(-languageserver(\/.*)?|-languageclient(\/.*)?|-jsonrpc(\/.*)?|-languageserver-protocol(\/.*)?)?$/;

test('modules under service/, ecs/, cql/, placement/, dynamics/ and workspace/ import no vscode, language server or JSON-RPC package', () => {
  const offenders: string[] = [];
  let checked = 0;
  for (const dir of pureDirs) {
    const path = join(root, 'server', 'src', dir);
    if (!existsSync(path)) continue;
    for (const file of tsFiles(path)) {
      checked++;
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        // Types from vscode-languageserver-types and -textdocument are plain data.
        if (editorModule.test(spec)) offenders.push(`${relative(root, file)}: ${spec}`);
      }
    }
  }
  assert.ok(checked > 50, `${checked} files checked`);
  assert.deepEqual(offenders, []);
});

test('the pure modules import nothing of cli/ or lsp/: argument reading and output formats live with their command', () => {
  const offenders: string[] = [];
  for (const dir of pureDirs) {
    const path = join(root, 'server', 'src', dir);
    if (!existsSync(path)) continue;
    for (const file of tsFiles(path))
      for (const spec of specifiers(readFileSync(file, 'utf8')))
        if (/^\.\.\/(?:\.\.\/)*(?:cli|lsp)(?:\/|$)/.test(spec)) offenders.push(`${relative(root, file)}: ${spec}`);
  }
  assert.deepEqual(offenders, []);
});

test('the client imports of the server only protocol.ts and the dependency-free modules of shared/', () => {
  const offenders: string[] = [];
  for (const file of tsFiles(join(root, 'client', 'src'))) {
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (spec.includes('server/src/') && !/server\/src\/(protocol|shared\/[A-Za-z]+)$/.test(spec))
        offenders.push(`${relative(root, file)}: ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('modules under server/src/shared/ import nothing: the webview bundles them as they are', () => {
  const files = tsFiles(join(root, 'server', 'src', 'shared'));
  assert.ok(files.length > 0);
  for (const file of files) assert.deepEqual(specifiers(readFileSync(file, 'utf8')), [], relative(root, file));
});

test('the import scan sees every kind of import statement', () => {
  const text =
    "import a from 'vscode';\nimport type { B } from \"vscode-languageserver/node\";\nexport * from 'x';\nconst c = require('vscode-jsonrpc');\ntype D = import('y').D;\nimport 'side-effect';";
  assert.deepEqual(specifiers(text), [
    'vscode',
    'vscode-languageserver/node',
    'x',
    'vscode-jsonrpc',
    'y',
    'side-effect',
  ]);
  assert.ok(
    [
      'vscode',
      'vscode-languageserver',
      'vscode-languageserver/node',
      'vscode-languageclient/node',
      'vscode-jsonrpc/node',
    ].every((s) => editorModule.test(s)),
  );
  assert.ok(
    !editorModule.test('vscode-languageserver-types') && !editorModule.test('vscode-languageserver-textdocument'),
  );
});
