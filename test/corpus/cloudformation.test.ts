import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { corpus, corpusFile, corpusPresent, manifest, templateProblems } from './cloudformationCorpus';

/** True when a range of the template is an intrinsic function call (`!Ref X`, `{"Fn::Join": …}`) or inside one. */
function onIntrinsic(text: string, offset: number): boolean {
  const at = text.slice(offset, offset + 12);
  return /^(!|\{\s*"(Ref|Fn::))/.test(at);
}

test(
  'CloudFormation corpus: every template is read, and its errors are the ones judged real',
  { skip: !corpusPresent && `no corpus at ${corpus}` },
  () => {
    const wrong: string[] = [];
    let documents = 0;
    for (const entry of manifest.files) {
      const path = corpusFile(entry);
      if (!existsSync(path)) {
        wrong.push(`${entry.repo} ${entry.path}: missing from the corpus folder`);
        continue;
      }
      const { text, file, problems } = templateProblems(path);
      assert.equal(file.surface, 'cloudformation', `${entry.path} is read as a template`);
      documents += file.documents.length;
      const errors = problems.filter((p) => p.severity === 'error');
      const codes = [...new Set(errors.map((p) => p.code))].sort();
      if (JSON.stringify(codes) !== JSON.stringify([...entry.errors].sort()))
        wrong.push(`${entry.repo} ${entry.path}: ${JSON.stringify(codes)} (judged: ${JSON.stringify(entry.errors)})`);
      for (const p of errors)
        if (onIntrinsic(text, p.offset)) wrong.push(`${entry.path}: an error on an intrinsic: ${p.code} ${p.message}`);
    }
    assert.deepEqual(wrong, []);
    assert.ok(documents >= manifest.files.length, 'each template holds ECS resources');
  },
);
