import { test } from 'node:test';
import { fails, passes } from './helpers';

const express = (over: Record<string, unknown> = {}) => ({
  serviceName: 'api',
  infrastructureRoleArn: 'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForExpressServices',
  executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
  primaryContainer: { image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4.2', containerPort: 8080 },
  ...over,
});

test('express.task-definition-members', () => {
  passes('express.task-definition-members', express());
  passes('express.task-definition-members', {
    infrastructureRoleArn: 'arn:aws:iam::123456789012:role/infra',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:3',
  });
  fails(
    'express.task-definition-members',
    express({ taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:3', cpu: '512' }),
    ['"primaryContainer"', '"executionRoleArn"', '"cpu"'],
  );
});

test('express.health-check-path', () => {
  passes('express.health-check-path', express({ healthCheckPath: '/health?format=json' }));
  fails('express.health-check-path', express({ healthCheckPath: 'health' }), ['"health"']);
});

test('express.size', () => {
  passes('express.size', express({ cpu: '1024', memory: '4096' }));
  passes('express.size', express({ cpu: '1024' }));
  fails('express.size', express({ cpu: '256', memory: '4096' }), ['"4096"']);
});

test('security rules read the primary container of an Express service', () => {
  passes('security.environment-secret', express());
  fails(
    'security.environment-secret',
    express({
      primaryContainer: { image: 'api:1.0', environment: [{ name: 'API_TOKEN', value: 'abcd1234efgh5678' }] },
    }),
    ['"abcd1234efgh5678"'],
  );
  fails('security.mutable-image-tag', express({ primaryContainer: { image: 'api:latest' } }), ['"api:latest"']);
});
