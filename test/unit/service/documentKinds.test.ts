import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/service/document';
import { validateDocument } from '../../../server/src/service/validation';
import { defaultSettings } from '../../../server/src/service/settings';
import { staticWorkspace } from '../../../server/src/service/workspace';
import { complete } from '../../../server/src/service/completion';
import { hover } from '../../../server/src/service/hover';
import { TextDocument } from 'vscode-languageserver-textdocument';

const daemon = {
  family: 'log-agent',
  executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
  pidMode: 'shared',
  ipcMode: 'none',
  containerDefinitions: [
    {
      name: 'agent',
      image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4',
      memory: 128,
      readonlyRootFilesystem: true,
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/ecs/agent', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'agent' },
      },
    },
  ],
};

function problems(uri: string, value: unknown) {
  const doc = parseDocument(uri, JSON.stringify(value, null, 2), defaultSettings);
  return { kind: doc.kind, problems: validateDocument(doc, defaultSettings, staticWorkspace([doc])) };
}

test('daemon task definitions: *daemon-task-def*.json wins over the task-definition patterns and uses the daemon schema', () => {
  const { kind, problems: found } = problems('file:///w/log-agent-daemon-task-def.json', daemon);
  assert.equal(kind, 'daemon-task-definition');
  assert.deepEqual(
    found.map((p) => `${p.code}: ${p.message}`),
    [],
  );
  // The same file under a task-definition name is checked as one, where "shared" is no pidMode.
  const asTask = problems('file:///w/log-agent-task-def.json', daemon);
  assert.equal(asTask.kind, 'task-definition');
  assert.ok(
    asTask.problems.some((p) => p.code === 'schema.enum'),
    asTask.problems.map((p) => p.code).join(', '),
  );
  const unknown = problems('file:///w/log-agent-daemon-task-def.json', { ...daemon, networkMode: 'host' });
  assert.deepEqual(
    unknown.problems.map((p) => p.code),
    ['schema.unknown-member'],
  );
});

test('Express services: by name and by content, checked against CreateExpressGatewayService', () => {
  const express = {
    serviceName: 'api',
    infrastructureRoleArn: 'arn:aws:iam::123456789012:role/infra',
    executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
    primaryContainer: { image: 'api:1.2.3', containerPort: 8080 },
    healthCheckPath: '/health',
  };
  assert.equal(problems('file:///w/api-express-service.json', express).kind, 'express-service');
  const byContent = problems('file:///w/api.json', express);
  assert.equal(byContent.kind, 'express-service');
  assert.deepEqual(
    byContent.problems.map((p) => p.code),
    [],
  );
  const missing = problems('file:///w/api.json', { serviceName: 'api', primaryContainer: { image: 'api:1.2.3' } });
  assert.deepEqual(
    missing.problems.map((p) => p.code),
    ['schema.required'],
  );
});

test('completion and hover work in the new kinds from their own schemas', () => {
  const text =
    '{"infrastructureRoleArn": "arn:aws:iam::123456789012:role/infra", "primaryContainer": {"image": "api:1", ""}}';
  const uri = 'file:///w/api-express-service.json';
  const doc = parseDocument(uri, text, defaultSettings);
  const offset = text.indexOf('""}') + 1;
  const labels = complete(doc, TextDocument.create(uri, 'json', 1, text), offset, staticWorkspace([doc])).items.map(
    (i) => i.label,
  );
  assert.ok(labels.includes('containerPort') && labels.includes('awsLogsConfiguration'), labels.join(', '));
  const daemonText = JSON.stringify(daemon);
  const daemonUri = 'file:///w/agent-daemon-task-def.json';
  const daemonDoc = parseDocument(daemonUri, daemonText, defaultSettings);
  const h = hover(
    daemonDoc,
    TextDocument.create(daemonUri, 'json', 1, daemonText),
    daemonText.indexOf('"pidMode"') + 2,
  );
  assert.match(JSON.stringify(h), /PID namespace/);
});
