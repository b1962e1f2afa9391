import { test } from 'node:test';
import assert from 'node:assert/strict';
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
  const typo = awslogs({ 'awslogs-group': 'g', 'awslogs-region': 'r', 'awslogs-streamprefix': 'x' });
  const [found] = fails('logging.awslogs-unknown-option', typo, ['"awslogs-streamprefix"']);
  assert.match(found.message, /did you mean "awslogs-stream-prefix"\?/);
  const fixed = applyFix(typo, found, 'Rename to "awslogs-stream-prefix"') as ReturnType<typeof task>;
  const options = (fixed.containerDefinitions as Array<{ logConfiguration: { options: object } }>)[0].logConfiguration
    .options;
  assert.deepEqual(Object.keys(options), ['awslogs-group', 'awslogs-region', 'awslogs-stream-prefix']);
  // Nothing near: no guess, the known options listed.
  const [far] = fails('logging.awslogs-unknown-option', awslogs({ 'awslogs-group': 'g', colour: 'x' }), ['"colour"']);
  assert.equal(far.fixes, undefined);
  assert.match(far.message, /known options: awslogs-group, awslogs-region/);
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
