/**
 * Speed against peers and floors, each measured side by side in one run (the two contenders alternate,
 * rounds repeat, medians are printed): `ecs-lens check` against vscode-json-languageservice validating
 * the same files against the same schemas (whole processes, and in-process per file), completion at the
 * end of a long file against its start, the longest block of the event loop by the repository scan and
 * a large open, server spawn to `initialize` against `node -e 0`, and the packaged size. Never asserts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { deflateRawSync } from 'node:zlib';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type JSONSchema } from 'vscode-json-languageservice';
import { complete } from '../../server/src/service/completion';
import { parseDocument } from '../../server/src/service/document';
import { schemaFor } from '../../server/src/service/schema';
import { defaultSettings } from '../../server/src/service/settings';
import { emptyWorkspace } from '../../server/src/service/workspace';
import type * as BundledCheck from './bundledCheck';
import { readSourceFileInSlices } from '../../server/src/surfaces';
import { readRepositoryFactsSliced } from '../../server/src/workspace/repository';
import { median } from './simulate';

export interface SpeedRow {
  name: string;
  ours: number;
  peer: number;
  /** What the peer or floor is. */
  against: string;
  unit?: string;
}

/** The parse and every check as bundled (scripts/build.mjs): the in-process rows time the code the CLI and server run. */
function bundledCheck(): typeof BundledCheck {
  return require(join(__dirname, 'bundledCheck.bundle.js')) as typeof BundledCheck;
}

const corpusDir = process.env.ECS_LENS_CORPUS ?? join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');

/** Runs `a` and `b` in alternation (`b` first on odd rounds), `rounds` times; medians of each and of the ratio. */
async function sideBySide(
  rounds: number,
  a: () => unknown,
  b: () => unknown,
): Promise<{ a: number; b: number; ratio: number }> {
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  const timed = async (fn: () => unknown) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  await a();
  await b();
  for (let r = 0; r < rounds; r++) {
    let ta: number;
    let tb: number;
    if (r % 2 === 0) {
      ta = await timed(a);
      tb = await timed(b);
    } else {
      tb = await timed(b);
      ta = await timed(a);
    }
    as.push(ta);
    bs.push(tb);
    ratios.push(ta / tb);
  }
  return { a: median(as), b: median(bs), ratio: median(ratios) };
}

/** The complete corpus documents that are ECS files, with the schema each is checked against. */
export function corpusFiles(): Array<{ name: string; text: string; schema: JSONSchema }> {
  if (!existsSync(corpusDir)) return [];
  const out: Array<{ name: string; text: string; schema: JSONSchema }> = [];
  for (const name of readdirSync(corpusDir).sort()) {
    if (!name.endsWith('.json')) continue;
    const text = readFileSync(join(corpusDir, name), 'utf8');
    const doc = parseDocument(`file:///corpus/${name}`, text, defaultSettings);
    const schema = schemaFor(doc.kind);
    if (schema) out.push({ name, text, schema: schema });
  }
  return out;
}

const peerService = () => {
  const service = getLanguageService({});
  service.configure({ validate: true });
  return service;
};

async function peerValidate(
  service: ReturnType<typeof getLanguageService>,
  uri: string,
  text: string,
  schema: JSONSchema,
): Promise<number> {
  const td = TextDocument.create(uri, 'json', 1, text);
  return (await service.doValidation(td, service.parseJSONDocument(td), undefined, schema)).length;
}

/** The peer as a whole process: reads the files a manifest lists and validates each against its schema. */
export async function peerCheckMain(manifest: string): Promise<void> {
  const entries = JSON.parse(readFileSync(manifest, 'utf8')) as Array<{ path: string; schema: string }>;
  const schemaFiles = new Map<string, JSONSchema>();
  const service = peerService();
  let problems = 0;
  for (const e of entries) {
    let schema = schemaFiles.get(e.schema);
    if (!schema) {
      schema = JSON.parse(readFileSync(e.schema, 'utf8')) as JSONSchema;
      schemaFiles.set(e.schema, schema);
    }
    problems += await peerValidate(service, pathToFileURL(e.path).toString(), readFileSync(e.path, 'utf8'), schema);
  }
  process.stdout.write(`${entries.length} files, ${problems} problems\n`);
}

async function corpusRows(repoRoot: string, copies: number, rounds: number): Promise<SpeedRow[]> {
  const files = corpusFiles();
  if (files.length === 0) {
    console.log(`            (corpus comparison skipped: no corpus at ${corpusDir}; set ECS_LENS_CORPUS)`);
    return [];
  }
  const rows: SpeedRow[] = [];
  // In-process: every corpus file parsed and checked, against the peer parsing and validating it.
  const service = peerService();
  const ours = bundledCheck();
  // A sample is several passes over the corpus: one pass (about 80 ms) gave medians that moved by a fifth from run to
  // run on a quiet machine, as a collection caused by one contender's garbage fell in the other's sample.
  const passes = 4;
  const inProcess = await sideBySide(
    rounds * 2,
    () => {
      for (let pass = 0; pass < passes; pass++)
        for (const f of files) {
          const uri = `file:///corpus/${f.name}`;
          const file = ours.readSourceFile(uri, f.text, ours.defaultSettings);
          for (const doc of file.documents) ours.validateDocument(doc, ours.defaultSettings, ours.emptyWorkspace);
        }
    },
    async () => {
      for (let pass = 0; pass < passes; pass++)
        for (const f of files) await peerValidate(service, `file:///corpus/${f.name}`, f.text, f.schema);
    },
  );
  rows.push({
    name: `in-process, ${files.length} corpus files, per file (parse, schema, every rule; bundled as shipped)`,
    ours: inProcess.a / files.length / passes,
    peer: inProcess.b / files.length / passes,
    against: 'vscode-json-languageservice parse + schema validation',
  });

  // Whole processes over copies of the corpus in folders of one copy each.
  const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-bench-corpus-'));
  try {
    const manifest: Array<{ path: string; schema: string }> = [];
    const schemaPaths = new Map<JSONSchema, string>();
    for (let c = 0; c < copies; c++) {
      const folder = join(dir, `copy-${c}`);
      mkdirSync(folder);
      for (const f of files) {
        const path = join(folder, f.name);
        writeFileSync(path, f.text);
        let schemaPath = schemaPaths.get(f.schema);
        if (!schemaPath) {
          schemaPath = join(dir, `schema-${schemaPaths.size}.json`);
          writeFileSync(schemaPath, JSON.stringify(f.schema));
          schemaPaths.set(f.schema, schemaPath);
        }
        manifest.push({ path, schema: schemaPath });
      }
    }
    const manifestPath = join(dir, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const run = (args: string[]) => () => {
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
      if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
    };
    const whole = await sideBySide(
      rounds,
      run([join(repoRoot, 'bin', 'ecs-lens.js'), 'check', '--format', 'json', dir]),
      run([join(__dirname, 'bench.js'), 'peer-check', manifestPath]),
    );
    rows.push({
      name: `whole process, ecs-lens check over ${manifest.length.toLocaleString('en-US')} corpus copies`,
      ours: whole.a,
      peer: whole.b,
      against: 'a node process validating the same files with vscode-json-languageservice',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function container(i: number, envCount: number) {
  return {
    name: `app-${i}`,
    image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/app-${i}:1.0.${i}`,
    essential: i === 0,
    cpu: 64,
    memoryReservation: 128,
    portMappings: [{ containerPort: 8080 + i, protocol: 'tcp', name: `http-${i}` }],
    environment: Array.from({ length: envCount }, (_, j) => ({ name: `VAR_${i}_${j}`, value: `value-${j}` })),
    logConfiguration: {
      logDriver: 'awslogs',
      options: { 'awslogs-group': '/ecs/app', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': `app-${i}` },
    },
  };
}

/** A task definition of `containers` containers with `envCount` environment variables each. */
export function generatedTaskDefinition(containers: number, envCount: number): string {
  return JSON.stringify(
    {
      family: 'bench',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '4096',
      memory: '16384',
      executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
      containerDefinitions: Array.from({ length: containers }, (_, i) => container(i, envCount)),
    },
    null,
    2,
  );
}

async function generatedRows(rounds: number): Promise<SpeedRow[]> {
  const rows: SpeedRow[] = [];
  const service = peerService();
  const ours = bundledCheck();
  const schema = schemaFor('task-definition') as JSONSchema;
  for (const [containers, env] of [
    [1, 5],
    [4, 20],
    [10, 100],
    [10, 1000],
  ] as const) {
    const text = generatedTaskDefinition(containers, env);
    const uri = 'file:///bench/generated-task-def.json';
    const repeat = Math.max(1, Math.round(20_000 / text.length));
    const r = await sideBySide(
      rounds,
      () => {
        for (let i = 0; i < repeat; i++) {
          const file = ours.readSourceFile(uri, text, ours.defaultSettings);
          ours.validateDocument(file.documents[0], ours.defaultSettings, ours.emptyWorkspace);
        }
      },
      async () => {
        for (let i = 0; i < repeat; i++) await peerValidate(service, uri, text, schema);
      },
    );
    rows.push({
      name: `in-process, generated task definition of ${(text.length / 1024).toFixed(0)} KiB (${containers} containers x ${env} variables)`,
      ours: r.a / repeat,
      peer: r.b / repeat,
      against: 'vscode-json-languageservice parse + schema validation',
    });
  }
  return rows;
}

/** A task definition of about `lines` lines. */
function longTaskDefinition(lines: number): string {
  const environment = Array.from({ length: Math.ceil(lines / 4) }, (_, i) => ({ name: `VAR_${i}`, value: `v-${i}` }));
  return JSON.stringify(
    { family: 'long', containerDefinitions: [{ name: 'app', image: 'nginx', memory: 512, environment }] },
    null,
    2,
  );
}

async function completionRow(rounds: number): Promise<SpeedRow> {
  const text = longTaskDefinition(8000);
  const td = TextDocument.create('file:///bench/long-task-def.json', 'json', 1, text);
  const doc = parseDocument(td.uri, text, defaultSettings);
  const start = text.indexOf('"family"') + 1;
  const end = text.lastIndexOf('"value"') + 1;
  const repeat = 20;
  const r = await sideBySide(
    rounds,
    () => {
      for (let i = 0; i < repeat; i++) complete(doc, td, end, emptyWorkspace);
    },
    () => {
      for (let i = 0; i < repeat; i++) complete(doc, td, start, emptyWorkspace);
    },
  );
  return {
    name: `completion at the end of a ${td.lineCount.toLocaleString('en-US')}-line file`,
    ours: r.a / repeat,
    peer: r.b / repeat,
    against: 'completion at its start',
  };
}

/** The longest stretch during which a 1 ms timer could not run while `work` was under way. */
async function longestBlock(work: () => unknown): Promise<number> {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  await work();
  running = false;
  longest = Math.max(longest, performance.now() - last);
  return longest;
}

function repositoryTree(files: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-bench-repo-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  writeFileSync(
    join(dir, '.github', 'workflows', 'deploy.yml'),
    'jobs:\n  deploy:\n    steps:\n      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2\n        with:\n          task-definition: app/task-def.json\n',
  );
  for (let i = 0; i < files; i++) {
    const folder = join(dir, `pkg-${Math.floor(i / 50)}`);
    if (i % 50 === 0) mkdirSync(folder);
    writeFileSync(join(folder, i % 10 === 0 ? `deploy-${i}.sh` : `data-${i}.json`), i % 10 === 0 ? 'echo\n' : '{}');
  }
  return dir;
}

async function blockRows(): Promise<SpeedRow[]> {
  const rows: SpeedRow[] = [];
  for (const files of [5_000, 20_000]) {
    const dir = repositoryTree(files);
    try {
      const samples: number[] = [];
      for (let i = 0; i < 3; i++) samples.push(await longestBlock(() => readRepositoryFactsSliced(dir)));
      rows.push({
        name: `longest event-loop block while reading the repository facts of ${files.toLocaleString('en-US')} files`,
        ours: median(samples),
        peer: 100,
        against: 'the 100 ms floor',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const big = generatedTaskDefinition(10, 4800);
  const samples: number[] = [];
  for (let i = 0; i < 3; i++)
    samples.push(
      // As the language server reads a document: in slices that give the thread back.
      await longestBlock(() =>
        readSourceFileInSlices('file:///bench/big-task-def.json', big, defaultSettings, () => false),
      ),
    );
  rows.push({
    name: `longest event-loop block while reading a ${(big.length / 1024 / 1024).toFixed(2)} MiB task definition`,
    ours: median(samples),
    peer: 100,
    against: 'the 100 ms floor',
  });
  return rows;
}

/** Spawns a server (a script run by node with `--stdio`) and measures until it answers `initialize`. */
function spawnToInitialize(script: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return spawnUntil(script, env, false);
}

/**
 * Spawn until the server has answered `initialize` or, with `outline`, until it has answered a document's outline
 * after `initialized` and `didOpen`: the whole start, the library and the rest of the server loaded.
 */
function spawnUntil(script: string, env: NodeJS.ProcessEnv, outline: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--stdio'], { env });
    const send = (message: object) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    let buffer = '';
    let initialized = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (!initialized && buffer.includes('"id":1,"result"')) {
        initialized = true;
        if (!outline) {
          child.kill();
          return resolve();
        }
        const uri = 'file:///bench/task-definition.json';
        const text =
          '{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 512}]}';
        send({ method: 'initialized', params: {} });
        send({
          method: 'textDocument/didOpen',
          params: { textDocument: { uri, languageId: 'json', version: 1, text } },
        });
        send({ id: 2, method: 'textDocument/documentSymbol', params: { textDocument: { uri } } });
      }
      if (outline && buffer.includes('"id":2,"result"')) {
        child.kill();
        resolve();
      }
    });
    child.on('error', reject);
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  });
}

/**
 * The least a server on vscode-languageserver can start in: the library, a document store and an `initialize`
 * answer, bundled and minified as the server is. What the library alone costs is in every LSP server built on it.
 */
async function bareServer(repoRoot: string, dir: string): Promise<string> {
  const esbuild = require('esbuild') as typeof import('esbuild');
  const outfile = join(dir, 'bare-server.js');
  await esbuild.build({
    stdin: {
      contents: [
        "import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';",
        "import { TextDocument } from 'vscode-languageserver-textdocument';",
        'const connection = createConnection(ProposedFeatures.all);',
        'new TextDocuments(TextDocument).listen(connection);',
        'connection.onInitialize(() => ({ capabilities: { textDocumentSync: 2, hoverProvider: true } }));',
        'connection.listen();',
      ].join('\n'),
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/**
 * Spawn to `initialize` against `node -e 0`: the server as a user's second start finds it (its code cache made),
 * as a first start (no cache), and the bare vscode-languageserver server, the floor of any server on that library.
 * The server answers `initialize` before it loads that library (server/src/lsp/serverMain.ts): the last two rows
 * time the whole start, to a document's outline.
 * The server is the production build, minified as the .vsix ships it, laid out as an installation is.
 */
export async function benchStart(repoRoot: string, rounds: number): Promise<SpeedRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-start-'));
  try {
    const built = spawnSync(
      process.execPath,
      [join(repoRoot, 'scripts', 'build.mjs'), '--production', '--dist', join(dir, 'dist')],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    if (built.status !== 0) throw new Error(`the production build failed: ${built.stderr}`);
    for (const folder of ['schemas', 'docs']) symlinkSync(join(repoRoot, folder), join(dir, folder));
    const launcher = join(dir, 'dist', 'launch.js');
    const nodeAlone = () => {
      spawnSync(process.execPath, ['-e', '0']);
    };
    // A cache of its own, made by the warm-up run sideBySide does first.
    const cached = { ...process.env, ECS_LENS_CODE_CACHE: join(dir, 'code-cache') };
    const uncached = { ...process.env, ECS_LENS_CODE_CACHE: 'off' };
    const bare = await bareServer(repoRoot, dir);
    const rows: SpeedRow[] = [];
    for (const [name, start] of [
      ['server spawn to initialize answered (code cache made)', () => spawnToInitialize(launcher, cached)],
      ['server spawn to initialize answered (first start, no code cache)', () => spawnToInitialize(launcher, uncached)],
      ['bare vscode-languageserver server spawn to initialize (the floor)', () => spawnToInitialize(bare)],
      // The whole first start: what the early answer to initialize does not take away.
      ['server spawn to an outline answered (first start, no code cache)', () => spawnUntil(launcher, uncached, true)],
      ['server spawn to an outline answered (code cache made)', () => spawnUntil(launcher, cached, true)],
    ] as const) {
      const r = await sideBySide(rounds, start, nodeAlone);
      rows.push({ name, ours: r.a, peer: r.b, against: 'node -e 0' });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The production bundles, deflated as the .vsix stores them, and the .vsix itself when one was packaged. */
async function sizeRows(repoRoot: string): Promise<SpeedRow[]> {
  const esbuild = require('esbuild') as typeof import('esbuild');
  const rows: SpeedRow[] = [];
  let total = 0;
  for (const [entry, platform] of [
    ['client/src/extension.ts', 'node'],
    ['server/src/server.ts', 'node'],
    ['server/src/cli/index.ts', 'node'],
    ['client/src/webview/main.ts', 'browser'],
  ] as const) {
    const out = await esbuild.build({
      absWorkingDir: repoRoot,
      entryPoints: [entry],
      bundle: true,
      minify: true,
      write: false,
      platform,
      format: platform === 'node' ? 'cjs' : 'iife',
      external: ['vscode'],
      mainFields: ['module', 'main'],
      logLevel: 'silent',
      define: { ECS_LENS_VERSION: '"0"' },
    });
    const bytes = out.outputFiles[0].contents;
    const deflated = deflateRawSync(bytes).length;
    total += deflated;
    if (entry.startsWith('server/src/server'))
      console.log(
        `            server bundle ${(bytes.length / 1024).toFixed(0)} KB minified, ${(deflated / 1024).toFixed(0)} KB deflated`,
      );
  }
  rows.push({
    name: 'deflated production bundles (client, server, worker, CLI, webview)',
    ours: total / 1024,
    peer: 800,
    against: 'the 800 KB .vsix budget',
    unit: 'KB',
  });
  const vsix = join(repoRoot, 'ecs-lens.vsix');
  if (existsSync(vsix))
    rows.push({
      name: 'ecs-lens.vsix as last packaged',
      ours: statSync(vsix).size / 1024,
      peer: 800,
      against: 'the 800 KB budget',
      unit: 'KB',
    });
  return rows;
}

export async function benchSpeed(repoRoot: string, quick = false): Promise<SpeedRow[]> {
  const rounds = quick ? 3 : 7;
  const rows: SpeedRow[] = [];
  rows.push(...(await corpusRows(repoRoot, 20, rounds)));
  rows.push(...(await generatedRows(rounds)));
  rows.push(await completionRow(rounds));
  rows.push(...(await blockRows()));
  rows.push(...(await benchStart(repoRoot, rounds * 2)));
  rows.push(...(await sizeRows(repoRoot)));
  return rows;
}
