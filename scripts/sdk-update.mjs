// `npm run sdk:update`: moves the pinned AWS SDK models (ECS, Application Auto Scaling) to the newest
// version on the npm registry, regenerates the schemas, runs the tests, and prints what changed:
// shapes and members added or removed, enum values, and the doc-comment sentences that state a number
// (ranges, minimums, counts) — the facts server/src/ecs/ may also hold.
//   node scripts/sdk-update.mjs [--no-test] [--version=3.x.y]   (the version applies to both packages)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const packages = ['@aws-sdk/client-ecs', '@aws-sdk/client-application-auto-scaling'];
const generated = 'schemas/generated';
const args = process.argv.slice(2);
const runTests = !args.includes('--no-test');
const forced = args.find((a) => a.startsWith('--version='))?.slice('--version='.length);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, cmdArgs, inherit = false) {
  return execFileSync(cmd, cmdArgs, { encoding: 'utf8', stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'inherit'] });
}

function pinned(name) {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  return manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
}

/** Every generated schema: file -> shape -> { members: Map(name -> description), enum? }. */
function snapshot() {
  const out = new Map();
  if (!existsSync(generated)) return out;
  for (const f of readdirSync(generated).filter((n) => n.endsWith('.schema.json'))) {
    const schema = JSON.parse(readFileSync(join(generated, f), 'utf8'));
    const shapes = new Map();
    for (const [name, def] of Object.entries(schema.definitions ?? {})) {
      const members = new Map();
      for (const [m, p] of Object.entries(def.properties ?? {})) members.set(m, p.description ?? '');
      shapes.set(name, { members, enum: def.enum, doc: def.description ?? '' });
    }
    out.set(f, shapes);
  }
  return out;
}

/** Sentences of a doc comment that state a number: the facts a rule or the simulator may share. */
export function numericFacts(text) {
  return new Set(
    text
      .split(/(?<=[.!?])\s+|\n+/)
      .map((s) => s.trim())
      .filter((s) => /\d/.test(s) && !/^https?:/.test(s)),
  );
}

export function diff(before, after) {
  const lines = [];
  for (const [file, shapesAfter] of after) {
    const shapesBefore = before.get(file) ?? new Map();
    for (const [shape, a] of shapesAfter) {
      const b = shapesBefore.get(shape);
      if (!b) {
        lines.push(`${file}: + shape ${shape}`);
        continue;
      }
      for (const m of a.members.keys()) if (!b.members.has(m)) lines.push(`${file}: + member ${shape}.${m}`);
      for (const m of b.members.keys()) if (!a.members.has(m)) lines.push(`${file}: - member ${shape}.${m}`);
      const ea = new Set(a.enum ?? []);
      const eb = new Set(b.enum ?? []);
      for (const v of ea) if (!eb.has(v)) lines.push(`${file}: + enum ${shape} "${v}"`);
      for (const v of eb) if (!ea.has(v)) lines.push(`${file}: - enum ${shape} "${v}"`);
      for (const [m, docA] of a.members) {
        const docB = b.members.get(m);
        if (docB === undefined || docB === docA) continue;
        const fa = numericFacts(docA);
        const fb = numericFacts(docB);
        for (const s of fb) if (!fa.has(s)) lines.push(`${file}: ${shape}.${m} no longer says: ${s}`);
        for (const s of fa) if (!fb.has(s)) lines.push(`${file}: ${shape}.${m} now says: ${s}`);
      }
    }
    for (const shape of shapesBefore.keys()) if (!shapesAfter.has(shape)) lines.push(`${file}: - shape ${shape}`);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The schemas of the current pin, so the comparison is with what the tests have been passing on.
  run(npm, ['run', '--silent', 'generate']);
  const before = snapshot();
  const moves = [];
  for (const name of packages) {
    const from = pinned(name);
    const to = forced ?? run(npm, ['view', name, 'version']).trim();
    if (from !== to) moves.push({ name, from, to });
  }
  if (!moves.length) console.log('sdk:update: the pinned SDKs are the newest:', packages.map(pinned).join(', '));
  else {
    // The manifest is formatted by hand: change the pins in its text, then let npm bring the lockfile along.
    let manifest = readFileSync('package.json', 'utf8');
    for (const m of moves) manifest = manifest.replace(`"${m.name}": "${m.from}"`, `"${m.name}": "${m.to}"`);
    writeFileSync('package.json', manifest);
    run(npm, ['install', '--no-audit', '--no-fund'], true);
    for (const m of moves) console.log(`sdk:update: ${m.name} ${m.from} -> ${pinned(m.name)}`);
  }
  run(npm, ['run', '--silent', 'generate'], true);
  const changes = diff(before, snapshot());
  console.log(changes.length ? changes.join('\n') : 'sdk:update: no member, enum or doc-comment fact changed');
  if (runTests) run(npm, ['test'], true);
}
