import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepareSurfaces, readSourceFile, sourceProblems, type SourceFile } from '../../server/src/surfaces';
import { defaultSettings } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation';
import { staticWorkspace } from '../../server/src/service/workspace';

// Real Terraform modules, judged like the JSON corpus: every error and warning real, none on an unknown value.
// They live beside the repository (../shared/corpus-terraform) and are never copied into it.
const repoRoot = join(__dirname, '..', '..', '..');
const folder = process.env.ECS_LENS_TERRAFORM_CORPUS ?? join(repoRoot, '..', 'shared', 'corpus-terraform');
const list = JSON.parse(readFileSync(join(repoRoot, 'test', 'corpus', 'terraform-modules.json'), 'utf8')) as {
  files: Array<{ repo: string; path: string; commit: string; expected: string[] }>;
};

const present = existsSync(folder);

before(() => prepareSurfaces());

function read(path: string): SourceFile {
  return readSourceFile(pathToFileURL(path).toString(), readFileSync(path, 'utf8'), defaultSettings);
}

test(
  'real Terraform modules: every error and warning is the one expected, none on an unknown value',
  { skip: present ? false : `${folder} not found (set ECS_LENS_TERRAFORM_CORPUS); the Terraform corpus is skipped` },
  (t) => {
    let resources = 0;
    let findings = 0;
    const started = performance.now();
    const wrong: string[] = [];
    for (const entry of list.files) {
      const path = join(folder, entry.repo.replace('/', '+'), entry.path);
      if (!existsSync(path)) {
        wrong.push(`${entry.repo}/${entry.path}: missing from ${folder}`);
        continue;
      }
      // The module: every .tf file of the folder, so that a service finds its task definition.
      const module = readdirSync(dirname(path))
        .filter((n) => n.endsWith('.tf'))
        .map((n) => read(join(dirname(path), n)));
      const file = module.find((f) => f.uri === pathToFileURL(path).toString())!;
      const workspace = staticWorkspace(module.flatMap((f) => f.documents));
      const problems = sourceProblems(file, (d) => validateDocument(d, defaultSettings, workspace)).filter(
        (p) => p.severity === 'error' || p.severity === 'warning',
      );
      resources += file.documents.length;
      findings += problems.length;
      const codes = [...new Set(problems.map((p) => p.code))].sort();
      if (JSON.stringify(codes) !== JSON.stringify([...entry.expected].sort()))
        wrong.push(
          `${entry.repo}/${entry.path}: ${codes.join(', ') || 'nothing'} (expected ${entry.expected.join(', ') || 'nothing'})`,
        );
    }
    t.diagnostic(
      `${list.files.length} files, ${resources} ECS resources, ${findings} errors and warnings, ${(performance.now() - started).toFixed(0)} ms`,
    );
    assert.deepEqual(wrong, []);
  },
);
