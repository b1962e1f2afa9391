import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isIgnoredByProject,
  matchesProjectGlob,
  parseProjectConfig,
  projectDeployContextGlobs,
  projectRulesFor,
} from '../../../server/src/service/projectConfig';
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
      rules: { a: 'loud', b: 'off' },
      overrides: [{ rules: {} }, { files: ['x/**'], deployContext: 'helm' }],
      ignore: 'x',
      extra: 1,
    }),
  );
  assert.deepEqual(config.rules, { b: 'off' });
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
