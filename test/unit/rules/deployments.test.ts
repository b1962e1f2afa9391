import { test } from 'node:test';
import { fails, passes, service } from './helpers';

const deploy = (config: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  service({ deploymentConfiguration: config, ...over });

test('deployment.strategy-settings: BLUE_GREEN needs a bake time', () => {
  passes('deployment.strategy-settings', deploy({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 10 }));
  fails('deployment.strategy-settings', deploy({ strategy: 'BLUE_GREEN' }), ['"BLUE_GREEN"']);
});

test('deployment.strategy-settings: settings of another strategy', () => {
  passes('deployment.strategy-settings', deploy({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 10 } }));
  passes(
    'deployment.strategy-settings',
    deploy({ earlySuccessCriteria: { enable: true, healthyPercent: 50, sourceServiceRevisionCleanup: 'DEFERRED' } }),
  );
  fails('deployment.strategy-settings', deploy({ strategy: 'CANARY', linearConfiguration: { stepPercent: 10 } }), [
    '"linearConfiguration"',
  ]);
  fails('deployment.strategy-settings', deploy({ canaryConfiguration: { canaryPercent: 5 } }), [
    '"canaryConfiguration"',
  ]);
  fails('deployment.strategy-settings', deploy({ strategy: 'LINEAR', earlySuccessCriteria: { enable: true } }), [
    '"earlySuccessCriteria"',
  ]);
});

test('deployment.strategy-settings: strategies other than ROLLING need the ECS controller', () => {
  passes('deployment.strategy-settings', deploy({ strategy: 'CANARY' }, { deploymentController: { type: 'ECS' } }));
  fails(
    'deployment.strategy-settings',
    deploy({ strategy: 'CANARY' }, { deploymentController: { type: 'CODE_DEPLOY' } }),
    ['"CANARY"'],
  );
});

test('deployment.traffic-shift-range', () => {
  passes(
    'deployment.traffic-shift-range',
    deploy({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 12.5, stepBakeTimeInMinutes: 1440 } }),
  );
  passes(
    'deployment.traffic-shift-range',
    deploy({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 0.1, canaryBakeTimeInMinutes: 0 } }),
  );
  fails(
    'deployment.traffic-shift-range',
    deploy({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 2, stepBakeTimeInMinutes: 1441 } }),
    ['2', '1441'],
  );
  fails(
    'deployment.traffic-shift-range',
    deploy({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 5.05 } }),
    ['5.05'],
  );
});

test('deployment.lifecycle-hook', () => {
  const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:check';
  passes(
    'deployment.lifecycle-hook',
    deploy({
      lifecycleHooks: [
        { hookTargetArn: lambda, lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'] },
        { targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] },
      ],
    }),
  );
  fails('deployment.lifecycle-hook', deploy({ lifecycleHooks: [{ lifecycleStages: ['POST_SCALE_UP'] }] }), ['{']);
  fails(
    'deployment.lifecycle-hook',
    deploy({
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT'] }],
    }),
    ['"TEST_TRAFFIC_SHIFT"'],
  );
  fails(
    'deployment.lifecycle-hook',
    deploy({ lifecycleHooks: [{ targetType: 'AWS_LAMBDA', hookTargetArn: lambda }] }),
    ['"AWS_LAMBDA"'],
  );
  fails(
    'deployment.lifecycle-hook',
    deploy({ lifecycleHooks: [{ targetType: 'PAUSE', hookTargetArn: lambda, lifecycleStages: ['POST_SCALE_UP'] }] }),
    ['"hookTargetArn"'],
  );
});

test('deployment.circuit-breaker-controller', () => {
  const breaker = { deploymentCircuitBreaker: { enable: true, rollback: true } };
  passes('deployment.circuit-breaker-controller', deploy(breaker));
  passes('deployment.circuit-breaker-controller', deploy({ ...breaker, strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 }));
  passes(
    'deployment.circuit-breaker-controller',
    deploy(
      { deploymentCircuitBreaker: { enable: false, rollback: false } },
      { deploymentController: { type: 'CODE_DEPLOY' } },
    ),
  );
  fails('deployment.circuit-breaker-controller', deploy(breaker, { deploymentController: { type: 'EXTERNAL' } }), [
    '"deploymentCircuitBreaker"',
  ]);
});

// SDK ThresholdConfiguration.value doc comment: an integer (a count for COUNT, a percent for the percent types).
test('deployment.circuit-breaker-threshold', () => {
  const breaker = (thresholdConfiguration: Record<string, unknown>) => ({
    deploymentCircuitBreaker: { enable: true, rollback: true, resetOnHealthyTask: false, thresholdConfiguration },
  });
  passes('deployment.circuit-breaker-threshold', deploy(breaker({ type: 'COUNT', value: 5 })));
  passes('deployment.circuit-breaker-threshold', deploy(breaker({ type: 'UNBOUNDED_PERCENT', value: 25 })));
  fails('deployment.circuit-breaker-threshold', deploy(breaker({ type: 'COUNT', value: 0 })), ['0']);
  fails('deployment.circuit-breaker-threshold', deploy(breaker({ type: 'BOUNDED_PERCENT', value: 12.5 })), ['12.5']);
});
