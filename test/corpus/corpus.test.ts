import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { parseDocument, type EcsDocument } from '../../server/src/service/document';
import { jsonTreeSteps } from '../../server/src/service/jsonSteps';
import { runSteps } from '../../server/src/shared/steps';
import { allRules } from '../../server/src/service/rules';
import { defaultSettings } from '../../server/src/service/settings';
import { queryLanguageRules, structuralRules } from '../../server/src/service/structuralRules';
import { validateDocument } from '../../server/src/service/validation';
import { staticWorkspace, type WorkspaceView } from '../../server/src/service/workspace';
import type { DeployContext, DeployContextName } from '../../server/src/service/context';

// The corpus lives beside the repository (../shared/corpus) and is never copied into it.
const repoRoot = join(__dirname, '..', '..', '..');
const corpus = process.env.ECS_LENS_CORPUS ?? join(repoRoot, '..', 'shared', 'corpus');
const expectations = JSON.parse(readFileSync(join(repoRoot, 'test', 'corpus', 'expectations.json'), 'utf8')) as {
  files: Record<string, { errors: string[]; why: string }>;
  notEcsInput: Record<string, string>;
};

// Each file is judged with the deploy context its repository gives it (contexts.json, by INDEX.tsv's repository).
const contexts = JSON.parse(readFileSync(join(repoRoot, 'test', 'corpus', 'contexts.json'), 'utf8')) as {
  byRepository: Record<string, { context: DeployContextName; why: string; only?: string[] }>;
};
const repositoryOf = new Map<string, { repo: string; path: string }>();
if (existsSync(join(corpus, 'INDEX.tsv'))) {
  for (const line of readFileSync(join(corpus, 'INDEX.tsv'), 'utf8').split('\n').slice(1)) {
    const [saved, repo, path] = line.split('\t');
    if (saved && repo) repositoryOf.set(saved, { repo, path });
  }
}
function contextOf(name: string): DeployContext | undefined {
  const origin = repositoryOf.get(name.replace(/^_fragments\//, ''));
  const given = origin && contexts.byRepository[origin.repo];
  if (!given || (given.only && !given.only.includes(origin.path))) return undefined;
  return { name: given.context, reason: given.why };
}

const documented = new Set([...structuralRules, ...allRules, ...queryLanguageRules].map((r) => r.code));

function listJson(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? listJson(join(dir, e.name), `${prefix}${e.name}/`)
      : e.name.endsWith('.json')
        ? [`${prefix}${e.name}`]
        : [],
  );
}

test('the corpus is present', () => {
  assert.ok(existsSync(corpus), `corpus not found at ${corpus} (set ECS_LENS_CORPUS)`);
});

if (existsSync(corpus)) {
  const names = listJson(corpus).sort();
  const docs = new Map<string, EcsDocument>();
  for (const name of names)
    docs.set(
      name,
      parseDocument(
        pathToFileURL(join(corpus, name)).toString(),
        readFileSync(join(corpus, name), 'utf8'),
        defaultSettings,
      ),
    );
  // Files of one repository see each other, as a workspace would.
  const byUri = new Map([...docs].map(([n, d]) => [d.uri, n]));
  const workspaceOf = (name: string): WorkspaceView => ({
    ...staticWorkspace([...docs].filter(([n]) => n.split('__')[0] === name.split('__')[0]).map(([, d]) => d)),
    deployContextOf: (uri) =>
      contextOf(byUri.get(uri) ?? '') ?? { name: 'aws-cli', reason: 'no deploy tool named in contexts.json' },
  });

  test('every repository context names files of the corpus', () => {
    const used = new Set([...repositoryOf.values()].map((o) => o.repo));
    assert.deepEqual(
      Object.keys(contexts.byRepository).filter((r) => !used.has(r)),
      [],
    );
  });

  test('every corpus input file is recognised as an ECS document; outputs and run-task inputs are not', () => {
    const unknown = names.filter((n) => docs.get(n)!.kind === 'unknown' && docs.get(n)!.syntaxProblems.length === 0);
    assert.deepEqual(unknown, Object.keys(expectations.notEcsInput).sort());
  });

  for (const name of names) {
    test(`corpus: ${name}`, () => {
      const doc = docs.get(name)!;
      const problems =
        doc.kind === 'unknown' ? doc.syntaxProblems : validateDocument(doc, defaultSettings, workspaceOf(name));
      const errors = [...new Set(problems.filter((p) => p.severity === 'error').map((p) => p.code))].sort();
      const expected = expectations.files[name]?.errors ?? [];
      assert.deepEqual(
        errors,
        expected,
        expected.length ? expectations.files[name].why : 'a real, valid file gets no error',
      );
      for (const p of problems) assert.ok(documented.has(p.code), `${p.code} is listed by ecs-lens rules`);
      for (const p of problems)
        assert.ok(p.offset >= 0 && p.offset + p.length <= doc.text.length, `range of ${p.code} inside the file`);
    });
  }

  test("the fast tree equals jsonc-parser's tree on every valid corpus file", () => {
    const strip = (n: JsonNode | undefined): unknown =>
      n && {
        type: n.type,
        offset: n.offset,
        length: n.length,
        value: n.value,
        colonOffset: n.colonOffset,
        children: n.children?.map(strip),
      };
    let compared = 0;
    for (const doc of docs.values()) {
      if (doc.syntaxProblems.length > 0) continue;
      const built = runSteps(jsonTreeSteps(doc.text, 200));
      assert.ok('root' in built, doc.uri);
      assert.deepEqual(strip(built.root), strip(parseTree(doc.text)), doc.uri);
      compared++;
    }
    assert.ok(compared > 200);
  });

  test('expectations name only files that exist', () => {
    assert.deepEqual(
      Object.keys(expectations.files).filter((n) => !docs.has(n)),
      [],
    );
  });
}
