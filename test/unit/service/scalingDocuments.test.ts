import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { complete } from '../../../server/src/service/completion';
import { parseDocument } from '../../../server/src/service/document';
import { hover } from '../../../server/src/service/hover';
import { defaultSettings } from '../../../server/src/service/settings';
import { validateDocument } from '../../../server/src/service/validation';
import { emptyWorkspace } from '../../../server/src/service/workspace';
import { parseMarkers } from '../markers';

const kind = (uri: string, text: string) => parseDocument(uri, text, defaultSettings).kind;
const problems = (uri: string, text: string) =>
  validateDocument(parseDocument(uri, text, defaultSettings), defaultSettings, emptyWorkspace);

const target =
  '{"ServiceNamespace": "ecs", "ResourceId": "service/prod/web", "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 2, "MaxCapacity": 10}';
const policy =
  '{"PolicyName": "cpu", "ServiceNamespace": "ecs", "ResourceId": "service/prod/web", "ScalableDimension": "ecs:service:DesiredCount", "PolicyType": "TargetTrackingScaling", ' +
  '"TargetTrackingScalingPolicyConfiguration": {"TargetValue": 50, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}';

test('scalable targets, scaling policies and load profiles are recognised by content, load profiles also by name', () => {
  assert.equal(kind('file:///w/a.json', target), 'scalable-target');
  assert.equal(kind('file:///w/a.json', policy), 'scaling-policy');
  assert.equal(kind('file:///w/a.json', '{"metric": "CPUUtilization", "demand": [[0, 1]]}'), 'load-profile');
  assert.equal(kind('file:///w/peak.load.json', '{}'), 'load-profile');
  assert.equal(kind('file:///w/a.json', '{"MinCapacity": 1}'), 'unknown');
});

test('valid files have no problems; mistakes are checked against the Application Auto Scaling model and the load-profile schema', () => {
  assert.deepEqual(problems('file:///w/t.json', target), []);
  assert.deepEqual(problems('file:///w/p.json', policy), []);
  assert.deepEqual(
    problems('file:///w/d.load.json', '{"metric": "RequestCount", "demand": [[0, 600], [60, 1200]]}'),
    [],
  );
  const bad = problems(
    'file:///w/t.json',
    target.replace('"MinCapacity": 2', '"MinCapacity": "2"').replace('MaxCapacity', 'MaxCapacty'),
  );
  assert.deepEqual(bad.map((p) => p.code).sort(), ['schema.type', 'schema.unknown-member']);
  assert.match(bad.find((p) => p.code === 'schema.unknown-member')!.message, /Did you mean "MaxCapacity"/);
  const badPolicy = problems('file:///w/p.json', policy.replace('TargetTrackingScaling"', 'TargetTracking"'));
  assert.match(badPolicy[0].message, /"TargetTrackingScaling"/);
  const badLoad = problems('file:///w/d.load.json', '{"metric": "CPU", "demand": [[0, -1]]}');
  assert.deepEqual(badLoad.map((p) => p.code).sort(), ['schema.enum', 'schema.range']);
  const alarms = problems(
    'file:///w/p.json',
    policy.replace(
      '}}}',
      '}}, "Alarms": [{"MetricName": "CPUUtilization", "Threshold": 70, "ComparisonOperator": "GreaterThanThreshold", "Period": 300}]}',
    ),
  );
  assert.deepEqual(
    alarms.map((p) => p.code),
    ['schema.enum'],
  );
});

test('completion offers the predefined ECS metrics and hover explains members from the SDK model', () => {
  const marked = policy.replace('"ECSServiceAverageCPUUtilization"', '|');
  const { text, cursor } = parseMarkers(marked);
  const uri = 'file:///w/p.json';
  const doc = parseDocument(uri, text);
  const labels = complete(doc, TextDocument.create(uri, 'json', 1, text), cursor, emptyWorkspace).items.map((i) =>
    String(i.label).replace(/"/g, ''),
  );
  assert.ok(labels.includes('ECSServiceAverageCPUUtilization'), labels.join(', '));
  assert.ok(labels.includes('ALBRequestCountPerTarget'));
  const td = TextDocument.create(uri, 'json', 1, target);
  const h = hover(parseDocument(uri, target), td, target.indexOf('MinCapacity') + 2);
  assert.ok(h, 'no hover on MinCapacity');
  assert.match(JSON.stringify(h.contents), /minimum/i);
});
