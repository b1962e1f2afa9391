import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fails, passes, task } from './helpers';
import { parseImageReference, isEcrImage } from '../../../server/src/ecs/imageReference';

test('image.reference: common references pass', () => {
  for (const image of [
    'nginx',
    'nginx:1.27-alpine',
    'library/nginx',
    'public.ecr.aws/aws-observability/aws-otel-collector:latest',
    '123456789012.dkr.ecr.us-east-1.amazonaws.com/app/web:v1',
    'localhost:5000/app',
    'ghcr.io/org/app@sha256:' + 'a'.repeat(64),
    '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app',
    '<IMAGE1_NAME>',
    '${ECR}/app:${TAG}',
  ])
    passes('image.reference', task({}, { image }));
});

test('image.reference: the offending part is the range', () => {
  fails('image.reference', task({}, { image: 'nginx:bad tag' }), [' ']);
  fails('image.reference', task({}, { image: 'MyOrg/app:1' }), ['MyOrg']);
  fails('image.reference', task({}, { image: '12345.dkr.ecr.us-east-1.amazonaws.com/app' }), [
    '12345.dkr.ecr.us-east-1.amazonaws.com',
  ]);
  fails('image.reference', task({}, { image: 'app@sha256:abc' }), ['sha256:abc']);
  fails('image.reference', task({}, { image: 'app:-x' }), ['-x']);
  fails('image.reference', task({}, { image: 'a/' + 'b'.repeat(260) }), ['a/' + 'b'.repeat(260)]);
});

test('parseImageReference recognises ECR images', () => {
  assert.equal(isEcrImage(parseImageReference('123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1').ref!), true);
  assert.equal(isEcrImage(parseImageReference('nginx').ref!), false);
});
