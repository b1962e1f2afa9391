import { test } from 'node:test';
import { fails, passes, service } from './helpers';

const tg = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef';

test('service.launch-type-and-capacity-providers', () => {
  passes('service.launch-type-and-capacity-providers', service({ launchType: 'EC2' }));
  fails(
    'service.launch-type-and-capacity-providers',
    service({ launchType: 'FARGATE', capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] }),
    ['"launchType"'],
  );
});

test('service.capacity-provider-strategy: one base, some weight', () => {
  passes(
    'service.capacity-provider-strategy',
    service({
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE', base: 1, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 3 },
      ],
    }),
  );
  fails(
    'service.capacity-provider-strategy',
    service({
      capacityProviderStrategy: [
        { capacityProvider: 'A', base: 1, weight: 1 },
        { capacityProvider: 'B', base: 2, weight: 1 },
      ],
    }),
    ['2'],
  );
  fails(
    'service.capacity-provider-strategy',
    service({ capacityProviderStrategy: [{ capacityProvider: 'A', weight: 0 }, { capacityProvider: 'B' }] }),
    ['"capacityProviderStrategy"'],
  );
});

test('service.capacity-provider-strategy: Fargate providers or Auto Scaling group providers, not both', () => {
  passes(
    'service.capacity-provider-strategy',
    service({
      capacityProviderStrategy: [
        { capacityProvider: 'on-demand', base: 1, weight: 1 },
        { capacityProvider: 'spot', weight: 3 },
      ],
    }),
  );
  // A name not known yet (a template placeholder) decides nothing.
  passes(
    'service.capacity-provider-strategy',
    service({
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE', weight: 1 },
        { capacityProvider: '${CAPACITY_PROVIDER}', weight: 1 },
      ],
    }),
  );
  fails(
    'service.capacity-provider-strategy',
    service({
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE', weight: 1 },
        { capacityProvider: 'spot', weight: 1 },
      ],
    }),
    ['"spot"'],
  );
});

test('service.placement-strategy', () => {
  passes(
    'service.placement-strategy',
    service({
      placementStrategy: [
        { type: 'spread', field: 'attribute:ecs.availability-zone' },
        { type: 'binpack', field: 'memory' },
        { type: 'spread', field: 'instanceId' },
        { type: 'random' },
      ],
    }),
  );
  fails(
    'service.placement-strategy',
    service({
      placementStrategy: [
        { type: 'binpack', field: 'disk' },
        { type: 'spread', field: 'zone' },
        { type: 'random', field: 'cpu' },
      ],
    }),
    ['"disk"', '"zone"', '"cpu"'],
  );
  fails(
    'service.placement-strategy',
    service({ placementStrategy: Array.from({ length: 6 }, () => ({ type: 'random' })) }),
    ['"placementStrategy"'],
  );
});

test('service.placement-constraint', () => {
  passes(
    'service.placement-constraint',
    service({
      placementConstraints: [
        { type: 'distinctInstance' },
        { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' },
      ],
    }),
  );
  fails(
    'service.placement-constraint',
    service({ placementConstraints: [{ type: 'distinctInstance', expression: 'x' }, { type: 'memberOf' }] }),
    ['"expression"', '"memberOf"'],
  );
});

test('service.placement-on-fargate', () => {
  passes('service.placement-on-fargate', service({ launchType: 'EC2', placementStrategy: [{ type: 'random' }] }));
  fails(
    'service.placement-on-fargate',
    service({
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      placementConstraints: [{ type: 'distinctInstance' }],
    }),
    ['"placementConstraints"'],
  );
});

test('service.daemon', () => {
  passes('service.daemon', service({ desiredCount: undefined, schedulingStrategy: 'DAEMON', launchType: 'EC2' }));
  // On Fargate the placementStrategy key is reported once, by service.placement-on-fargate.
  const found = fails(
    'service.daemon',
    service({
      schedulingStrategy: 'DAEMON',
      launchType: 'FARGATE',
      placementStrategy: [{ type: 'random' }],
      deploymentController: { type: 'CODE_DEPLOY' },
    }),
    ['"FARGATE"', '"CODE_DEPLOY"', '"desiredCount"'],
  );
  if (found[2].severity !== 'warning') throw new Error('desiredCount should be a warning');
  fails(
    'service.daemon',
    service({
      desiredCount: undefined,
      schedulingStrategy: 'DAEMON',
      launchType: 'EC2',
      placementStrategy: [{ type: 'random' }],
    }),
    ['"placementStrategy"'],
  );
});

test('service.deployment-percent', () => {
  passes(
    'service.deployment-percent',
    service({ deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 200 } }),
  );
  fails('service.deployment-percent', service({ deploymentConfiguration: { minimumHealthyPercent: 150 } }), ['150']);
  fails(
    'service.deployment-percent',
    service({ schedulingStrategy: 'DAEMON', deploymentConfiguration: { maximumPercent: 200 } }),
    ['200'],
  );
});

test('service.load-balancer', () => {
  passes(
    'service.load-balancer',
    service({
      loadBalancers: [
        { targetGroupArn: tg, containerName: 'app', containerPort: 80 },
        { loadBalancerName: 'classic', containerName: 'app', containerPort: 80 },
      ],
    }),
  );
  fails(
    'service.load-balancer',
    service({
      loadBalancers: [{ targetGroupArn: tg, loadBalancerName: 'x', containerName: 'app', containerPort: 80 }],
    }),
    ['"loadBalancerName"'],
  );
  fails('service.load-balancer', service({ loadBalancers: [{ targetGroupArn: tg, containerName: 'app' }] }), [
    '"targetGroupArn"',
  ]);
  fails(
    'service.load-balancer',
    service({
      loadBalancers: Array.from({ length: 6 }, () => ({ targetGroupArn: tg, containerName: 'app', containerPort: 80 })),
    }),
    ['"loadBalancers"'],
  );
});

test('service.network-configuration', () => {
  passes(
    'service.network-configuration',
    service({ networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } } }),
  );
  fails(
    'service.network-configuration',
    service({
      networkConfiguration: { awsvpcConfiguration: { subnets: [], securityGroups: ['a', 'b', 'c', 'd', 'e', 'f'] } },
    }),
    ['[]', '[\n        "a",\n        "b",\n        "c",\n        "d",\n        "e",\n        "f"\n      ]'],
  );
});
