import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globProblem, matchesGlob } from '../../../server/src/service/glob';

test('file patterns keep their meaning: name patterns, folder patterns at a boundary, braces, any case', () => {
  assert.ok(matchesGlob('/w/deploy/Web-Task-Def.json', '**/*task-def*.json'));
  assert.ok(matchesGlob('/w/deploy/a.json', 'deploy/*.json'));
  assert.ok(!matchesGlob('/w/xdeploy/a.json', 'deploy/*.json'));
  assert.ok(matchesGlob('/w/prod.cluster.json', '*.cluster.json'));
  assert.ok(matchesGlob('/w/a/b/svc.json', '**/{svc,service}.json'));
  assert.ok(!matchesGlob('/w/a/b/other.json', '**/{svc,service}.json'));
  assert.ok(matchesGlob('C:\\w\\deploy\\td.json', 'deploy/td.json'));
});

test('the text a pattern needs is looked for whatever the case, and a path without it never matches', () => {
  assert.ok(matchesGlob('/W/DEPLOY/PROD.CLUSTER.JSON', '*.cluster.json'));
  assert.ok(matchesGlob('/w/Deploy/Web-TaskDef.json', 'deploy/*TASKDEF*.json'));
  assert.ok(matchesGlob('/w/a/b/c/x.json', 'a/**/x.json'));
  assert.ok(!matchesGlob('/w/a/b/c/y.json', 'a/**/x.json'));
  assert.ok(!matchesGlob('/w/cluster.json', '*.cluster.json'));
  // Pieces in brackets are not required text: the matcher decides.
  assert.ok(matchesGlob('/w/b.json', '[ab].json'));
});

test('a pattern built to backtrack is matched in linear time', () => {
  const pattern = '*a'.repeat(40) + '*X';
  assert.equal(globProblem(pattern), undefined);
  assert.equal(matchesGlob('/w/' + 'a'.repeat(20_000) + '.json', pattern), false);
  assert.equal(matchesGlob('/w/' + 'a'.repeat(100) + 'X', pattern), true);
});

test('an unusable pattern is reported and matches nothing, without throwing', () => {
  for (const bad of ['[a-', '', 'x'.repeat(5000)]) {
    assert.ok(globProblem(bad), bad);
    assert.equal(matchesGlob('/w/a.json', bad), false);
  }
  // Accepted by the parser: it matches what it says and nothing breaks.
  assert.equal(globProblem('{a**,b}'), undefined);
  assert.equal(matchesGlob('/w/b', '{a**,b}'), true);
});
