/**
 * The deploy-context scan over hostile repository text: every pattern runs in time linear in the line, a
 * config's thousands of globs are compiled once and matched through an index, and each still means what
 * it meant. Runs that backtracked took seconds to minutes on these inputs; here they must simply end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learnRepository, deployContextOf } from '../../../server/src/service/context';
import { GlobSet, matchesGlob } from '../../../server/src/service/glob';
import { isIgnoredByProject, parseProjectConfig, projectRulesFor } from '../../../server/src/service/projectConfig';

test('a 256 KiB word in a buildspec and a line padded with blanks in a workflow are scanned, and still understood', () => {
  const word = 'a'.repeat(256 * 1024);
  const facts = learnRepository([
    {
      path: 'buildspec.yml',
      text: `version: 0.2\nphases:\n  build:\n    commands:\n      - echo ${word}\n      - cat taskdef.json\n`,
    },
    {
      path: '.github/workflows/deploy.yml',
      text: `jobs:\n  a:\n    steps:\n      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2\n        with:\n          task-definition: deploy/web-task-def.json${' '.repeat(200_000)}# the file\n          padded: x${' \t'.repeat(100_000)}y\n`,
    },
    {
      path: 'scripts/render.sh',
      text: `sed ${'-e s/TOKEN_A/x/ '.repeat(10)} -e 's|IMAGE_URI|y|' ${'\\\n'.repeat(50_000)}`,
    },
  ]);
  assert.equal(deployContextOf('taskdef.json', facts).name, 'codedeploy');
  assert.equal(deployContextOf('deploy/web-task-def.json', facts).name, 'github-action');
  assert.deepEqual([...facts.substitutedTokens].sort(), ['IMAGE_URI', 'TOKEN_A']);
});

// Sizes where a backtracking pattern (the square of the line) would run past the suite's per-test timeout many
// times over, while a linear one takes seconds.
test('a render step padded with blanks and a jq filter of a 500,000-character path are scanned, and still understood', () => {
  const padded = ' \t'.repeat(1_000);
  const long = ' \t'.repeat(300_000);
  const facts = learnRepository([
    {
      path: '.github/workflows/deploy.yml',
      text: [
        'env:',
        `  TD: deploy/web-task-def.json${padded}`,
        'jobs:',
        '  a:',
        '    steps:',
        '      - uses: aws-actions/amazon-ecs-render-task-definition@v1',
        '        with:',
        `          task-definition: \${{ env.TD }}${padded}`,
        `          container-name: web${padded}`,
        `          image: repo/web:1${long}x${long}`,
        '      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2',
        '        with:',
        '          task-definition: deploy/web-task-def.json',
      ].join('\n'),
    },
    {
      path: 'render.sh',
      text: `jq '${'.a'.repeat(250_000)} | .family = "x" | .cpu == 1' ${' '.repeat(500_000)}${'w'.repeat(250_000)} jq-task-def.json > out.json\n`,
    },
  ]);
  assert.deepEqual(
    facts.filledMembers?.get('jq-task-def.json')?.map((m) => m.path),
    [['family']],
  );
  assert.deepEqual(
    facts.filledMembers?.get('deploy/web-task-def.json')?.map((m) => [m.path, m.by]),
    [[['containerDefinitions', { container: 'web' }, 'image'], 'aws-actions/amazon-ecs-render-task-definition']],
  );
  assert.equal(deployContextOf('deploy/web-task-def.json', facts).name, 'github-action');
});

test('200,000 sed substitutions: the placeholder tokens are capped and sorted once, not per file', () => {
  const lines = Array.from({ length: 200_000 }, (_, i) => `sed -i 's/TOKEN_${i}/v/' web-task-def.json`);
  const facts = learnRepository([{ path: 'render.sh', text: lines.join('\n') }]);
  assert.equal(facts.substitutedTokens.size, 10_000);
  const first = deployContextOf('a/web-task-def.json', facts).substitutedTokens;
  assert.equal(deployContextOf('b/web-task-def.json', facts).substitutedTokens, first, 'the same sorted list');
});

test('a glob set answers as matchesGlob does, glob by glob', () => {
  const globs = [
    'web-task-def.json',
    '*.json',
    '*.task.JSON',
    'deploy/**',
    '**/fixtures/**',
    'services/*/task-def.json',
    '{a,b}/x.json',
    '*task-def*',
    'legacy/**/*.json',
    'Deploy/Web-Task-Def.json',
    '[ab]*.json',
    '/abs/x.json',
    '{![t](https:/x.test/i.png),web-task-def.json}',
    '{deploy/a,b}.json',
  ];
  const paths = [
    'web-task-def.json',
    'deploy/web-task-def.json',
    'a/b/c.task.json',
    'x/fixtures/y/z.json',
    'services/api/task-def.json',
    'a/x.json',
    'b/x.json',
    'c/x.json',
    'legacy/q/r/s.json',
    'README.md',
    'deploy',
    '/abs/x.json',
    'bx.json',
    'deploy/a.json',
    'b.json',
  ];
  const set = new GlobSet(globs);
  for (const path of paths)
    assert.deepEqual(
      set.matching(path),
      globs.flatMap((g, i) => (matchesGlob(path, g) ? [i] : [])),
      path,
    );
});

test('15,000 ignore globs and 4,000 overrides: compiled as needed, matched through the index, applied in order', () => {
  const ignore = parseProjectConfig(JSON.stringify({ ignore: Array.from({ length: 15_000 }, (_, i) => `f${i}/**`) }));
  assert.deepEqual(ignore.problems, []);
  let ignored = 0;
  for (let i = 0; i < 20_000; i++) if (isIgnoredByProject(ignore.config, `f${i}/web-task-def.json`)) ignored++;
  assert.equal(ignored, 15_000);
  const config = parseProjectConfig(
    JSON.stringify({
      overrides: [
        ...Array.from({ length: 4_000 }, (_, i) => ({ files: [`l${i}/*`], rules: { 'security.privileged': 'off' } })),
        { files: ['l7/*'], rules: { 'security.privileged': 'error' } },
      ],
    }),
  );
  assert.deepEqual(config.problems, []);
  assert.equal(projectRulesFor(config.config, 'l7/web-task-def.json')['security.privileged'], 'error');
  assert.equal(projectRulesFor(config.config, 'l8/web-task-def.json')['security.privileged'], 'off');
  assert.deepEqual(projectRulesFor(config.config, 'other/web-task-def.json'), {});
});
