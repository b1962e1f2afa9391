import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { inflateRawSync } from 'node:zlib';

const root = path.resolve(__dirname, '..', '..', '..');
const vsixPath = path.resolve(process.env.ECS_LENS_VSIX ?? path.join(root, 'ecs-lens.vsix'));

interface ZipEntry {
  name: string;
  compressedSize: number;
  size: number;
  method: number;
  localHeaderOffset: number;
}

/** The central directory of a zip file (a .vsix is one); no zip64, which vsce does not write for files this small. */
export function listZip(zip: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory header at ${offset}`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const start =
    entry.localHeaderOffset +
    30 +
    zip.readUInt16LE(entry.localHeaderOffset + 26) +
    zip.readUInt16LE(entry.localHeaderOffset + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? Buffer.from(data) : inflateRawSync(data);
}

describe(
  'the packaged .vsix',
  { skip: existsSync(vsixPath) ? false : `${vsixPath} not built: run npm run package` },
  () => {
    const zip = existsSync(vsixPath) ? readFileSync(vsixPath) : Buffer.alloc(0);
    const entries = existsSync(vsixPath) ? listZip(zip) : [];
    const names = entries.map((e) => e.name);
    const files = names.filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));

    it('reports its size and file count', (t) => {
      const kib = statSync(vsixPath).size / 1024;
      const unpacked = entries.reduce((sum, e) => sum + e.size, 0) / 1024;
      t.diagnostic(
        `${path.basename(vsixPath)}: ${kib.toFixed(1)} KiB, ${files.length} files (${unpacked.toFixed(1)} KiB unpacked)`,
      );
      for (const e of entries) t.diagnostic(`  ${e.name} ${(e.size / 1024).toFixed(1)} KiB`);
      assert.ok(files.length > 0);
    });

    it('is under 800 KB, so the editor downloads and unpacks it quickly', () => {
      assert.ok(statSync(vsixPath).size < 800_000, `${statSync(vsixPath).size} bytes`);
    });

    it('holds the editor bundles, the schemas, the manifest, README, LICENSE and the icon', () => {
      for (const required of [
        'package.json',
        'dist/client.js',
        'dist/launch.js',
        'dist/server.js',
        'dist/webview.js',
        'dist/web-tree-sitter.wasm',
        'dist/tree-sitter-terraform.wasm',
        'schemas/generated/task-definition.schema.json',
        'schemas/generated/service.schema.json',
        'images/icon.png',
      ]) {
        assert.ok(files.includes(required), `${required} is in the .vsix`);
      }
      assert.ok(
        files.some((f) => /^readme\.md$/i.test(f)),
        'README.md is in the .vsix',
      );
      // vsce stores the license as LICENSE.txt.
      assert.ok(
        files.some((f) => /^licen[cs]e(\.txt|\.md)?$/i.test(f)),
        'LICENSE is in the .vsix',
      );
    });

    it('holds no sources, source maps, tests, fixtures or node_modules', () => {
      const unwanted = files.filter(
        (f) =>
          /\.(ts|mts|cts|map|tsbuildinfo)$/.test(f) ||
          /(^|\/)node_modules\//.test(f) ||
          /^(test|out|client|server|scripts|examples|\.ci|\.github|\.vscode)\//.test(f) ||
          /^(tsconfig.*\.json|package-lock\.json|\.vscodeignore|\.gitignore)$/.test(f),
      );
      assert.deepEqual(unwanted, []);
    });

    it('carries each bundle once: the simulator runs from the rest of the server (features.js), the validators and libraries beside it', () => {
      const validators = readdirSync(path.join(root, 'schemas', 'generated', 'validators'))
        .map((f) => `dist/validators/${f}`)
        .sort();
      assert.ok(validators.length > 0);
      assert.deepEqual(files.filter((f) => f.startsWith('dist/') && f.endsWith('.js')).sort(), [
        'dist/client.js',
        'dist/features.js',
        'dist/launch.js',
        'dist/lib/picomatch.js',
        'dist/lib/re2js.js',
        'dist/lib/vscode-languageserver-textdocument.js',
        'dist/lib/vscode-languageserver.js',
        'dist/lib/web-tree-sitter.js',
        'dist/lib/yaml.js',
        'dist/server.js',
        ...validators,
        'dist/webview.js',
      ]);
    });

    it('has the server bundle require each library beside it on first use, never at its start', () => {
      // The libraries are required from the rest of the server (features.js), which the start loads after initialize.
      const server = readZipEntry(
        zip,
        entries.find((e) => e.name === 'extension/dist/features.js')!,
      ).toString('utf8');
      for (const library of ['picomatch', 're2js', 'web-tree-sitter', 'yaml']) {
        assert.ok(files.includes(`dist/lib/${library}.js`), `dist/lib/${library}.js is packaged`);
        // Only the one require in server/src/service/libraries.ts names the file.
        assert.equal(server.split(`require("./lib/${library}.js")`).length - 1, 1, `${library} is required once`);
      }
      // The libraries themselves are not inside the bundle (re2js's exception classes and yaml's composer are telltales).
      assert.doesNotMatch(server, /RE2JSSyntaxException|Composer/);
    });

    it('answers initialize from a small start (server.js) that requires the rest of the server (features.js) later', () => {
      const start = readZipEntry(
        zip,
        entries.find((e) => e.name === 'extension/dist/server.js')!,
      ).toString('utf8');
      assert.equal(start.split('require("./features.js")').length - 1, 1, 'the start requires features.js once');
      // No rule, schema validator or simulator in the start: a rule code and the simulator's reply type are telltales.
      assert.doesNotMatch(start, /containers\.depends-on|explainTask|validators\//);
    });

    it('leaves out the CLI bundle and the bins: they ship with the npm package', () => {
      assert.deepEqual(
        files.filter((f) => f === 'dist/cli.js' || f.startsWith('bin/')),
        [],
      );
    });

    it('has the extension page written for users as its README, with its pictures and every setting', () => {
      const readmeEntry = entries.find((e) => /^extension\/readme\.md$/i.test(e.name));
      assert.ok(readmeEntry);
      const page = readZipEntry(zip, readmeEntry).toString('utf8');
      assert.equal(
        page,
        readFileSync(path.join(root, 'EXTENSION.md'), 'utf8'),
        'the README in the .vsix is EXTENSION.md',
      );
      // Not the developer README: no build, test or repository layout sections.
      assert.doesNotMatch(page, /npm (test|run|install)|## (Development|Architecture|Benchmarks)/);
      const pictures = [...page.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
      assert.ok(pictures.length >= 2, `pictures: ${pictures.join(', ')}`);
      for (const picture of pictures) assert.ok(files.includes(picture), `${picture} is packaged`);
      // Every picture shipped is one the page shows, or the icon: the developer README's pictures stay out.
      assert.deepEqual(
        files.filter((f) => f.startsWith('images/')).sort(),
        [...new Set([...pictures, 'images/icon.png'])].sort(),
      );
      const manifestEntry = entries.find((e) => e.name === 'extension/package.json')!;
      const manifest = JSON.parse(readZipEntry(zip, manifestEntry).toString('utf8')) as {
        contributes: { configuration: { properties: Record<string, unknown> }; commands: Array<{ title: string }> };
      };
      for (const setting of Object.keys(manifest.contributes.configuration.properties))
        assert.ok(page.includes(`\`${setting}\``), `${setting} is described`);
      for (const command of manifest.contributes.commands)
        assert.ok(page.includes(command.title), `command "${command.title}" is described`);
    });

    it('has a manifest whose entry point is in the package', () => {
      const manifestEntry = entries.find((e) => e.name === 'extension/package.json');
      assert.ok(manifestEntry);
      const manifest = JSON.parse(readZipEntry(zip, manifestEntry).toString('utf8')) as { main: string; icon?: string };
      const normal = (p: string) => path.posix.normalize(p).replace(/^\.\//, '');
      assert.ok(files.includes(normal(manifest.main)), `main ${manifest.main} is packaged`);
      if (manifest.icon) assert.ok(files.includes(normal(manifest.icon)), `icon ${manifest.icon} is packaged`);
    });

    it('has a 128×128 PNG icon', () => {
      const icon = entries.find((e) => e.name === 'extension/images/icon.png');
      assert.ok(icon);
      const png = readZipEntry(zip, icon);
      assert.equal(png.toString('latin1', 1, 4), 'PNG');
      assert.equal(png.readUInt32BE(16), 128);
      assert.equal(png.readUInt32BE(20), 128);
    });
  },
);
