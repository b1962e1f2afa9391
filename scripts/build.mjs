// Bundles the extension (client, server, CLI, webview) with esbuild and transpiles
// sources and tests to out/ for the test runners. Type checking is `npm run typecheck`.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
// `--dist <folder>`: the bundles only, into that folder (the bench starts a production build from one); out/ is left as it is.
const distFlag = process.argv.indexOf('--dist');
const dist = distFlag > 0 ? process.argv[distFlag + 1] : 'dist';
const bundlesOnly = distFlag > 0;
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const define = { ECS_LENS_VERSION: JSON.stringify(version) };
const common = {
  define,
  bundle: true,
  mainFields: ['module', 'main'],
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // The CommonJS build of the HCL parser's runtime: its ES module build locates its .wasm through import.meta.url.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
};

// The language server reads the schema files the .vsix ships beside it instead of carrying a second copy.
const schemasOnDisk = {
  name: 'schemas-on-disk',
  setup(build) {
    build.onResolve({ filter: /\/schemaSources$/ }, (args) => ({
      path: join(args.resolveDir, 'schemaSourcesOnDisk.ts'),
    }));
  },
};

// Each schema's validator is a file of its own beside the server bundle, loaded the first time a document of its
// kind is checked: the server (and the simulator's thread, which runs the same bundle) starts without compiling them.
const validatorsBeside = {
  name: 'validators-beside',
  setup(build) {
    build.onResolve({ filter: /\/validators\/\w+\.js$/ }, (args) => ({
      path: `./validators/${args.path.split('/').pop()}`,
      external: true,
    }));
  },
};
const validatorsDir = 'schemas/generated/validators';

// Libraries the server requires on first use (server/src/service/libraries.ts) are
// bundled each to a file of its own beside the server bundle: a start-up compiles none of them, and the simulator's
// thread, which runs the same bundle, loads only those it calls for.
const librariesBeside = ['re2js', 'yaml', 'picomatch', 'web-tree-sitter'];
const librariesBesidePlugin = {
  name: 'libraries-beside',
  setup(build) {
    const filter = new RegExp(`^(${librariesBeside.join('|')})$`);
    build.onResolve({ filter }, (args) => {
      // A static import would load the file at start-up anyway: these are required lazily only.
      if (args.kind !== 'require-call')
        throw new Error(`${args.importer} imports ${args.path}: require it on first use`);
      return { path: `./lib/${args.path}.js`, external: true };
    });
  },
};

// The language server library is a file of its own beside the bundles (lib/), which the server's start and the rest
// of the server (features.js) share: one copy, one module state. The types and protocol packages it re-exports are
// read from it too.
const lspLibraries = {
  'vscode-languageserver/node': 'vscode-languageserver',
  'vscode-languageserver-protocol': 'vscode-languageserver',
  'vscode-languageserver-types': 'vscode-languageserver',
  'vscode-languageserver-textdocument': 'vscode-languageserver-textdocument',
};
const lspLibrariesBeside = {
  name: 'lsp-libraries-beside',
  setup(build) {
    build.onResolve({ filter: /^vscode-languageserver/ }, (args) => {
      const file = lspLibraries[args.path];
      if (!file) throw new Error(`${args.importer} imports ${args.path}: name it in scripts/build.mjs`);
      return { path: `./lib/${file}.js`, external: true };
    });
  },
};

// What the server runs past `initialize` (server/src/lsp/features.ts) is a bundle of its own, required once the
// answer to initialize is on its way (lsp/startServer.ts): the server's start compiles none of it.
const featuresBeside = {
  name: 'features-beside',
  setup(build) {
    build.onResolve({ filter: /^\.\/features$/ }, (args) => {
      if (args.kind !== 'require-call') throw new Error(`${args.importer} imports ./features: require it on first use`);
      return { path: './features.js', external: true };
    });
  },
};
const serverPlugins = [schemasOnDisk, validatorsBeside, librariesBesidePlugin, lspLibrariesBeside];

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

if (!bundlesOnly) rmSync('out', { recursive: true, force: true });
/** The modules of the server's two bundles, written to out/bundles/ for the test that they share none. */
const bundleModules = new Map();
rmSync(dist, { recursive: true, force: true });
await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: join(dist, 'client.js'),
    external: ['vscode'],
  }),
  // The server's start (answers initialize), and the rest of the server, which the simulator's worker thread runs too.
  esbuild
    .build({
      ...common,
      entryPoints: ['server/src/server.ts'],
      outfile: join(dist, 'server.js'),
      plugins: [featuresBeside, ...serverPlugins],
      metafile: true,
    })
    .then((result) => bundleModules.set('server', result.metafile)),
  esbuild
    .build({
      ...common,
      entryPoints: ['server/src/lsp/features.ts'],
      outfile: join(dist, 'features.js'),
      plugins: serverPlugins,
      metafile: true,
    })
    .then((result) => bundleModules.set('features', result.metafile)),
  // What the editor and the bin start: the server bundle, run with V8's code cache.
  esbuild.build({ ...common, entryPoints: ['server/src/launch.ts'], outfile: join(dist, 'launch.js') }),
  ...[...librariesBeside, ...new Set(Object.values(lspLibraries))].map((name) =>
    esbuild.build({
      ...common,
      stdin: {
        contents: `module.exports = require(${JSON.stringify(name === 'vscode-languageserver' ? `${name}/node` : name)});`,
        resolveDir: '.',
        loader: 'js',
      },
      outfile: join(dist, 'lib', `${name}.js`),
    }),
  ),
  esbuild.build({
    ...common,
    entryPoints: readdirSync(validatorsDir).map((f) => join(validatorsDir, f)),
    outdir: join(dist, 'validators'),
  }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/index.ts'], outfile: join(dist, 'cli.js') }),
  esbuild.build({
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: ['client/src/webview/main.ts'],
    outfile: join(dist, 'webview.js'),
  }),
  // The speed bench times the checks as bundled, beside the test build of the same sources.
  !bundlesOnly &&
    esbuild.build({
      ...common,
      entryPoints: ['test/bench/bundledCheck.ts'],
      outfile: 'out/test/bench/bundledCheck.bundle.js',
    }),
  !bundlesOnly &&
    esbuild.build({
      entryPoints: [...walk('server/src'), ...walk('client/src'), ...walk('test')],
      outdir: 'out',
      outbase: '.',
      define,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: true,
      logLevel: 'warning',
    }),
]);
mkdirSync('out/bundles', { recursive: true });
for (const [name, meta] of bundleModules)
  writeFileSync(join('out', 'bundles', `${name}.json`), JSON.stringify(Object.keys(meta.inputs).sort(), null, 1));
// Transpiled sources import the generated schemas by relative path.
if (!bundlesOnly) cpSync('schemas', 'out/schemas', { recursive: true });
// The HCL parser's WebAssembly (tree-sitter's runtime and the Terraform grammar) ships next to the bundles
// that read Terraform files; server/src/surfaces/terraform/parser.ts looks for it there first.
for (const wasm of [
  'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
])
  cpSync(wasm, join(dist, wasm.split('/').pop()));
