import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isIgnoredByProject,
  matchesProjectGlob,
  parseProjectConfig,
  projectDeployContextGlobs,
  projectRulesFor,
  unknownProjectRules,
} from '../../../server/src/service/projectConfig';
import { parseDocument } from '../../../server/src/service/document';
import { defaultSettings } from '../../../server/src/service/settings';
import { validateDocument } from '../../../server/src/service/validation';
import { emptyWorkspace } from '../../../server/src/service/workspace';
import { deployContextOf } from '../../../server/src/service/context';
import { emptyRepositoryFacts } from '../../../server/src/service/context/types';

const text = JSON.stringify({
  rules: { 'security.writable-root-filesystem': 'off', 'security.no-logging': 'warning' },
  overrides: [
    { files: ['legacy/**'], rules: { 'security.privileged': 'off' }, deployContext: 'ecspresso' },
    { files: ['legacy/keep/**'], rules: { 'security.privileged': 'error' } },
  ],
  ignore: ['**/fixtures/**'],
});

test('rule severities: top level, then each matching override in order', () => {
  const { config, problems } = parseProjectConfig(text);
  assert.deepEqual(problems, []);
  assert.deepEqual(projectRulesFor(config, 'deploy/web-task-def.json'), {
    'security.writable-root-filesystem': 'off',
    'security.no-logging': 'warning',
  });
  assert.equal(projectRulesFor(config, 'legacy/a/web-task-def.json')['security.privileged'], 'off');
  assert.equal(projectRulesFor(config, 'legacy/keep/web-task-def.json')['security.privileged'], 'error');
});

test('ignore patterns', () => {
  const { config } = parseProjectConfig(text);
  assert.equal(isIgnoredByProject(config, 'test/fixtures/bad-task-def.json'), true);
  assert.equal(isIgnoredByProject(config, 'deploy/web-task-def.json'), false);
});

test('deploy contexts by glob, in the form the deploy context reads', () => {
  const { config } = parseProjectConfig(text);
  const globs = projectDeployContextGlobs(config, 'services/api');
  assert.deepEqual(globs, [{ glob: 'services/api/legacy/**', context: 'ecspresso', origin: '.ecs-lens.json' }]);
  const context = deployContextOf('services/api/legacy/web-task-def.json', emptyRepositoryFacts, {
    globs,
    match: matchesProjectGlob,
  });
  assert.equal(context.name, 'ecspresso');
  assert.equal(
    deployContextOf('services/api/web-task-def.json', emptyRepositoryFacts, { globs, match: matchesProjectGlob }).name,
    'aws-cli',
  );
});

test('bad entries are reported one by one and left out; the rest applies', () => {
  const { config, problems } = parseProjectConfig(
    JSON.stringify({
      rules: { 'security.privileged': 'loud', 'security.no-logging': 'off' },
      overrides: [{ rules: {} }, { files: ['x/**'], deployContext: 'helm' }],
      ignore: 'x',
      extra: 1,
    }),
  );
  assert.deepEqual(config.rules, { 'security.no-logging': 'off' });
  assert.equal(config.overrides.length, 1);
  assert.equal(config.overrides[0].deployContext, undefined);
  assert.equal(problems.length, 5, problems.join('\n'));
  assert.deepEqual(parseProjectConfig('{ nope').config.rules, {});
});

test('"surfaces" turns a source syntax on or off; anything else there is said and left out', () => {
  const { config, problems } = parseProjectConfig(
    JSON.stringify({ surfaces: { terraform: false, cloudformation: 'no', hcl: true } }),
  );
  assert.deepEqual(config.surfaces, { terraform: false });
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.deepEqual(parseProjectConfig('{"surfaces": []}').config.surfaces, {});
});

test('the JSON Schema of .ecs-lens.json accepts what the reader accepts and names the same deploy contexts', () => {
  const Ajv = require('ajv').default;
  const schema = require('../../../../schemas/ecs-lens-config.schema.json');
  const validate = new Ajv({ strict: false }).compile(schema);
  assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors));
  assert.equal(validate({ rules: { a: 'loud' } }), false);
  assert.equal(validate({ overrides: [{ rules: {} }] }), false);
  assert.ok(validate({ surfaces: { terraform: false, cloudformation: true } }));
  assert.equal(validate({ surfaces: { terraform: 'off' } }), false);
  assert.equal(validate({ surfaces: { hcl: false } }), false);
  const { configurableSurfaces } = require('../../../server/src/service/projectConfig');
  assert.deepEqual(Object.keys(schema.properties.surfaces.properties), configurableSurfaces);
  const { deployContextNames } = require('../../../server/src/ecs/deployTools');
  assert.deepEqual(schema.properties.overrides.items.properties.deployContext.enum, deployContextNames);
});

test('a rule code that names no rule is reported with the nearest code, at its key, and left out', () => {
  const text =
    '{\n  "rules": { "fargate.netwrok-mode": "off", "security.privileged": "error" },\n  "overrides": [{ "files": ["a/**"], "rules": { "zzz": "off" } }]\n}';
  const { config, problems, unknownRules } = parseProjectConfig(text);
  assert.deepEqual(config.rules, { 'security.privileged': 'error' });
  assert.deepEqual(config.overrides[0].rules, {});
  assert.equal(unknownRules?.length, 2);
  assert.match(
    problems[0],
    /^line 2, column 14: in "rules", no rule has this code\. Did you mean "fargate\.network-mode"\?/,
  );
  assert.match(
    problems[1],
    /^line 3, column \d+: in "overrides\[0\]\.rules", no rule has this code\. `ecs-lens rules`/,
  );
  // Never what the file says: a log line carries no text of the file.
  assert.doesNotMatch(problems.join('\n'), /netwrok|zzz/);
  const found = unknownProjectRules(text);
  assert.deepEqual(
    found.map((p) => [text.slice(p.offset, p.offset + p.length), p.code, p.severity]),
    [
      ['"fargate.netwrok-mode"', 'config.unknown-rule', 'warning'],
      ['"zzz"', 'config.unknown-rule', 'warning'],
    ],
  );
  assert.match(found[0].message, /^No rule has this code\. Did you mean "fargate\.network-mode"\?/);
});

test('the editor checks an open .ecs-lens.json from its content', () => {
  const text = '{"rules": {"security.mutable-image-tagg": "off"}}';
  const problems = validateDocument(parseDocument('file:///w/.ecs-lens.json', text), defaultSettings, emptyWorkspace);
  assert.deepEqual(
    problems.map((p) => p.code),
    ['config.unknown-rule'],
  );
  assert.deepEqual(
    validateDocument(parseDocument('file:///w/.ecs-lens.json', '{"rules": {}}'), defaultSettings, emptyWorkspace),
    [],
  );
});
