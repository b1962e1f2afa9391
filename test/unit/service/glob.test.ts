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

test('a plain name pattern matches as the same pattern through RE2 does: any case, middle pieces in order, only the last segment', () => {
  // The bracket makes the second pattern of each pair go through picomatch and RE2; both mean the same names.
  const pairs: Array<[string, string]> = [
    ['**/*task-def*.json', '**/*task-def*.[j]son'],
    ['*.cluster.json', '*.cluster.[j]son'],
    ['**/ecs-task-def.json', '**/ecs-task-def.[j]son'],
    ['a*b*c', 'a*b*[c]'],
    ['*ab*ab*', '*ab*a[b]*'],
  ];
  const paths = [
    '/w/deploy/Web-Task-Def.json',
    '/w/deploy/web-task-def.JSON',
    'web-task-def.json',
    '/w/task-def.json/other.txt',
    '/w/x-task-def.jso',
    '/w/prod.cluster.json',
    '/w/cluster.json',
    '/w/a.cluster.json/',
    '/w/ECS-TASK-DEF.json',
    '/w/xecs-task-def.json',
    '/w/abc',
    '/w/ac',
    '/w/acb',
    '/w/a-b-c',
    '/w/abab',
    '/w/aba',
    '/w/xabyabz',
    '/w/ab/ab',
    '/w/été-task-def.json',
    '/w/\u212Aask-def.json',
  ];
  for (const [plain, viaRe2] of pairs)
    for (const path of paths)
      assert.equal(matchesGlob(path, plain), matchesGlob(path, viaRe2), `${plain} and ${viaRe2} on ${path}`);
  assert.ok(matchesGlob('/w/xabyabz', '*ab*ab*'));
  assert.ok(!matchesGlob('/w/aba', '*ab*ab*'));
  assert.ok(!matchesGlob('/w/ab/ab', '*ab*ab*'));
});
