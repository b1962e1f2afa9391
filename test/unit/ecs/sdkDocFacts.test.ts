import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { healthCheckLimits, limits } from '../../../server/src/ecs/limits';
import {
  circuitBreakerResetOnHealthyTaskDefault,
  circuitBreakerThreshold,
  circuitBreakerThresholdTypes,
  containerHealthCheckDefaults,
  deploymentDefaults,
  healthyWithoutChecksSeconds,
  managedScalingDefaults,
  trafficShiftDefaults,
  trafficShiftRanges,
} from '../../../server/src/ecs/deployments';
import { maxCredentialSpecs, restartPolicyLimits, swappinessRange } from '../../../server/src/ecs/taskFeatures';
import { maxServiceConnectClientAliases } from '../../../server/src/ecs/serviceConnect';
import { fargateNofileDefault } from '../../../server/src/ecs/limits';

// Limits that server/src/ecs/ holds and the pinned @aws-sdk/client-ecs also states in its doc comments. Each
// assertion reads the figure out of the SDK text, so a new SDK (npm run sdk:update) that changes one fails here.

const modelsDir = join(dirname(require.resolve('@aws-sdk/client-ecs/package.json')), 'dist-types', 'models');
/** "Shape.member" and "Enum.VALUE" -> the doc comment as plain text. */
const docs = new Map<string, string>();
for (const f of readdirSync(modelsDir)) {
  if (!f.endsWith('.d.ts')) continue;
  const source = ts.createSourceFile(f, readFileSync(join(modelsDir, f), 'utf8'), ts.ScriptTarget.Latest, true);
  const text = (node: ts.Node): string =>
    ts
      .getJSDocCommentsAndTags(node)
      .filter(ts.isJSDoc)
      .map((d) => (typeof d.comment === 'string' ? d.comment : (d.comment ?? []).map((c) => c.text).join('')))
      .join(' ')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ');
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) {
      docs.set(node.name.text, text(node));
      for (const m of node.members)
        if (ts.isPropertySignature(m)) docs.set(`${node.name.text}.${m.name.getText(source)}`, text(m));
    } else if (ts.isVariableStatement(node)) {
      for (const d of node.declarationList.declarations)
        if (d.type && ts.isTypeLiteralNode(d.type))
          for (const m of d.type.members)
            if (ts.isPropertySignature(m)) docs.set(`${d.name.getText(source)}.${m.name.getText(source)}`, text(m));
    }
  });
}

function doc(key: string): string {
  const d = docs.get(key);
  assert.ok(d, `the pinned SDK documents ${key}`);
  return d;
}

/** The numbers a pattern captures from a doc comment ("between 5 and 300" -> [5, 300]). */
function figures(key: string, pattern: RegExp): number[] {
  const m = pattern.exec(doc(key));
  assert.ok(m, `${key} states ${pattern}: ${doc(key)}`);
  return m.slice(1).map((x) => Number(x.replace(/,/g, '')));
}

test('container health check ranges and defaults (HealthCheck)', () => {
  for (const field of ['interval', 'timeout', 'retries', 'startPeriod'] as const) {
    const [min, max] = figures(`HealthCheck.${field}`, /between (\d+) and (\d+)/);
    assert.deepEqual(healthCheckLimits[field], { min, max }, field);
  }
  assert.deepEqual(figures('HealthCheck.interval', /default value is (\d+)/), [containerHealthCheckDefaults.interval]);
  assert.deepEqual(figures('HealthCheck.retries', /default value is (\d+)/), [containerHealthCheckDefaults.retries]);
  assert.match(doc('HealthCheck.startPeriod'), /By default, the startPeriod is off/);
  assert.equal(containerHealthCheckDefaults.startPeriod, 0);
});

test('ephemeral storage, credential specs, swappiness, restart policy, Fargate nofile', () => {
  const [min, max] = figures(
    'EphemeralStorage.sizeInGiB',
    /minimum supported value is (\d+) GiB and the maximum supported value is (\d+) GiB/,
  );
  assert.deepEqual(limits.ephemeralStorageGiB, { min, max });
  assert.deepEqual(figures('ContainerDefinition.credentialSpecs', /maximum number of ARNs is (\d+)/), [
    maxCredentialSpecs,
  ]);
  const [smin, smax] = figures('LinuxParameters.swappiness', /whole numbers between (\d+) and (\d+)/);
  assert.deepEqual(swappinessRange, { min: smin, max: smax });
  assert.deepEqual(figures('ContainerRestartPolicy.ignoredExitCodes', /maximum of (\d+) container exit codes/), [
    restartPolicyLimits.ignoredExitCodes,
  ]);
  const [pmin, pmax] = figures(
    'ContainerRestartPolicy.restartAttemptPeriod',
    /minimum restartAttemptPeriod of (\d+) seconds and a maximum restartAttemptPeriod of (\d+) seconds/,
  );
  assert.deepEqual(restartPolicyLimits.restartAttemptPeriod, { min: pmin, max: pmax });
  assert.deepEqual(figures('Ulimit', /default nofile soft limit is\s*(\d+) and the default hard limit is (\d+)/), [
    fargateNofileDefault,
    fargateNofileDefault,
  ]);
});

test('Service Connect client aliases (ServiceConnectService.clientAliases)', () => {
  assert.deepEqual(
    figures(
      'ServiceConnectService.clientAliases',
      /maximum number of client aliases that you can have in this list is (\d+)/,
    ),
    [maxServiceConnectClientAliases],
  );
});

test('deployment circuit breaker threshold (ThresholdType, ThresholdConfiguration, DeploymentCircuitBreaker)', () => {
  const [min, max] = figures('ThresholdType.BOUNDED_PERCENT', /minimum of (\d+) and a maximum of (\d+)/);
  assert.deepEqual({ min: circuitBreakerThreshold.min, max: circuitBreakerThreshold.max }, { min, max });
  assert.deepEqual(figures('ThresholdType.BOUNDED_PERCENT', /default value of (\d+)/), [
    circuitBreakerThreshold.defaultValue,
  ]);
  assert.deepEqual(figures('ThresholdConfiguration.value', /default is (\d+)/), [circuitBreakerThreshold.defaultValue]);
  assert.match(doc('ThresholdConfiguration.type'), new RegExp(`default is ${circuitBreakerThreshold.defaultType}`));
  for (const t of circuitBreakerThresholdTypes) assert.ok(docs.has(`ThresholdType.${t}`), t);
  assert.match(
    doc('DeploymentCircuitBreaker.resetOnHealthyTask'),
    new RegExp(`default is ${circuitBreakerResetOnHealthyTaskDefault}`),
  );
});

test('deployment percentages, traffic shifting and the 40 s healthy time', () => {
  assert.match(
    doc('DeploymentConfiguration.maximumPercent'),
    new RegExp(`REPLICA service scheduler is ${deploymentDefaults.replica.maximumPercent}%`),
  );
  assert.match(
    doc('DeploymentConfiguration.minimumHealthyPercent'),
    new RegExp(
      `default value for a replica service for minimumHealthyPercent is ${deploymentDefaults.replica.minimumHealthyPercent}%`,
    ),
  );
  assert.match(
    doc('DeploymentConfiguration.minimumHealthyPercent'),
    new RegExp(`${healthyWithoutChecksSeconds} seconds`),
  );
  const [lmin, lmax, ldefault] = figures(
    'LinearConfiguration.stepPercent',
    /multiples of 0\.1 from (\d+(?:\.\d+)?) to (\d+(?:\.\d+)?)\. The default value is (\d+(?:\.\d+)?)/,
  );
  assert.deepEqual(
    [trafficShiftRanges.linearConfiguration.stepPercent.min, trafficShiftRanges.linearConfiguration.stepPercent.max],
    [lmin, lmax],
  );
  assert.equal(trafficShiftDefaults.linearStepPercent, ldefault);
  const [cmin, cmax, cdefault] = figures(
    'CanaryConfiguration.canaryPercent',
    /multiples of 0\.1 from (\d+(?:\.\d+)?) to (\d+(?:\.\d+)?)\. The default value is (\d+(?:\.\d+)?)/,
  );
  assert.deepEqual(
    [
      trafficShiftRanges.canaryConfiguration.canaryPercent.min,
      trafficShiftRanges.canaryConfiguration.canaryPercent.max,
    ],
    [cmin, cmax],
  );
  assert.equal(trafficShiftDefaults.canaryPercent, cdefault);
  for (const [key, range, fallback] of [
    [
      'LinearConfiguration.stepBakeTimeInMinutes',
      trafficShiftRanges.linearConfiguration.stepBakeTimeInMinutes,
      trafficShiftDefaults.linearStepBakeMinutes,
    ],
    [
      'CanaryConfiguration.canaryBakeTimeInMinutes',
      trafficShiftRanges.canaryConfiguration.canaryBakeTimeInMinutes,
      trafficShiftDefaults.canaryBakeMinutes,
    ],
  ] as const) {
    const [min, max, d] = figures(key, /Valid values are (\d+) to (\d+) minutes.*default value is (\d+)/);
    assert.deepEqual([range.min, range.max, fallback], [min, max, d], key);
  }
});

test('capacity-provider managed scaling defaults (ManagedScaling)', () => {
  assert.deepEqual(figures('ManagedScaling.targetCapacity', /default value of (\d+) percent/), [
    managedScalingDefaults.targetCapacity,
  ]);
  assert.deepEqual(figures('ManagedScaling.minimumScalingStepSize', /default value of (\d+)/), [
    managedScalingDefaults.minimumScalingStepSize,
  ]);
  assert.deepEqual(figures('ManagedScaling.maximumScalingStepSize', /default value of (\d+)/), [
    managedScalingDefaults.maximumScalingStepSize,
  ]);
  assert.deepEqual(figures('ManagedScaling.instanceWarmupPeriod', /default value of (\d+) seconds/), [
    managedScalingDefaults.instanceWarmupPeriod,
  ]);
});
