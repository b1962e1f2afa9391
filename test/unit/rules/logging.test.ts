import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, fails, fargateTask, passes, task } from './helpers';

const awslogs = (options: object) => task({}, { logConfiguration: { logDriver: 'awslogs', options } });

test('logging.awslogs-options: group and Region are required', () => {
  passes(
    'logging.awslogs-options',
    awslogs({ 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' }),
  );
  fails('logging.awslogs-options', awslogs({ 'awslogs-group': '/ecs/web' }), ['"options"']);
  fails('logging.awslogs-options', task({}, { logConfiguration: { logDriver: 'awslogs' } }), ['"awslogs"']);
});

test('logging.awslogs-options: Fargate also needs the stream prefix, EC2 does not', () => {
  const options = { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1' };
  passes('logging.awslogs-options', awslogs(options));
  fails('logging.awslogs-options', fargateTask({}, { logConfiguration: { logDriver: 'awslogs', options } }), [
    '"options"',
  ]);
  passes(
    'logging.awslogs-options',
    fargateTask(
      {},
      { logConfiguration: { logDriver: 'awslogs', options: { ...options, 'awslogs-stream-prefix': 'web' } } },
    ),
  );
});

test('logging.awslogs-unknown-option: typos warn on the key', () => {
  passes(
    'logging.awslogs-unknown-option',
    awslogs({
      'awslogs-group': 'g',
      'awslogs-region': 'r',
      'awslogs-create-group': 'true',
      mode: 'non-blocking',
      'max-buffer-size': '25m',
    }),
  );
  fails(
    'logging.awslogs-unknown-option',
    awslogs({ 'awslogs-group': 'g', 'awslogs-region': 'r', 'awslogs-streamprefix': 'x' }),
    ['"awslogs-streamprefix"'],
  );
});

test('a misspelt required awslogs option is one error, on the typo, with its rename', () => {
  const doc = awslogs({ 'awslogs-group': '/ecs/web', 'awslogs-regoin': 'us-east-1' });
  // Not also "needs awslogs-region": the typo is the one mistake.
  passes('logging.awslogs-options', doc);
  const [typo] = fails('logging.awslogs-unknown-option', doc, ['"awslogs-regoin"']);
  assert.equal(typo.severity, 'error');
  assert.match(typo.message, /Did you mean "awslogs-region"\?/);
  const fixed = applyFix(doc, typo, 'Rename to "awslogs-region"') as {
    containerDefinitions: Array<{ logConfiguration: { options: object } }>;
  };
  assert.deepEqual(fixed.containerDefinitions[0].logConfiguration.options, {
    'awslogs-group': '/ecs/web',
    'awslogs-region': 'us-east-1',
  });
  // An optional option misspelt stays a warning; a typo beside the option it resembles is not that option.
  const [optional] = fails(
    'logging.awslogs-unknown-option',
    awslogs({ 'awslogs-group': 'g', 'awslogs-region': 'r', 'awslogs-create-gruop': 'true' }),
    ['"awslogs-create-gruop"'],
  );
  assert.equal(optional.severity, 'warning');
  const [beside] = fails(
    'logging.awslogs-unknown-option',
    awslogs({ 'awslogs-group': 'g', 'awslogs-regoin': 'r', 'awslogs-region': 'r' }),
    ['"awslogs-regoin"'],
  );
  assert.equal(beside.severity, 'warning');
  assert.match(beside.message, /known options:/);
});

test('logging.firelens-container: awsfirelens needs a log router', () => {
  const app = {
    name: 'app',
    image: 'app',
    memory: 64,
    logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch' } },
  };
  const router = {
    name: 'log_router',
    image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable',
    memory: 64,
    firelensConfiguration: { type: 'fluentbit' },
  };
  passes('logging.firelens-container', { family: 'x', containerDefinitions: [router, app] });
  fails('logging.firelens-container', { family: 'x', containerDefinitions: [app] }, ['"awsfirelens"']);
});
