import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fails, passes, service, task } from './helpers';

const tg = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef';
const awsvpcTask = task({ networkMode: 'awsvpc' }, { portMappings: [{ containerPort: 80 }] });
const bridgeTask = task({}, { portMappings: [{ containerPort: 80, hostPort: 0 }] });
const net = { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } } };

test('cross-file rules stay silent without the task definition in the workspace', () => {
  for (const code of [
    'service.task-network-configuration',
    'service.load-balancer-container',
    'service.registry-container',
    'service.classic-load-balancer',
  ] as const) {
    passes(code, service({ loadBalancers: [{ loadBalancerName: 'c', containerName: 'zzz', containerPort: 1 }] }));
    passes(
      code,
      service({
        taskDefinition: 'other:1',
        loadBalancers: [{ loadBalancerName: 'c', containerName: 'zzz', containerPort: 1 }],
      }),
      [awsvpcTask],
    );
  }
});

test('service.task-network-configuration', () => {
  passes('service.task-network-configuration', service(net), [awsvpcTask]);
  passes('service.task-network-configuration', service(), [bridgeTask]);
  fails('service.task-network-configuration', service(), ['"web:3"'], [awsvpcTask]);
  fails('service.task-network-configuration', service(net), ['"networkConfiguration"'], [bridgeTask]);
});

test('service.load-balancer-container', () => {
  passes(
    'service.load-balancer-container',
    service({ ...net, loadBalancers: [{ targetGroupArn: tg, containerName: 'app', containerPort: 80 }] }),
    [awsvpcTask],
  );
  fails(
    'service.load-balancer-container',
    service({ ...net, loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 80 }] }),
    ['"web"'],
    [awsvpcTask],
  );
  fails(
    'service.load-balancer-container',
    service({ ...net, loadBalancers: [{ targetGroupArn: tg, containerName: 'app', containerPort: 8080 }] }),
    ['8080'],
    [awsvpcTask],
  );
  // A task definition that repeats a container name (its own mistake) lists each name it offers once.
  const twice = {
    ...awsvpcTask,
    containerDefinitions: [
      ...(awsvpcTask.containerDefinitions as unknown[]),
      { name: 'app', image: 'nginx:1.27', memory: 512 },
    ],
  };
  const [found] = fails(
    'service.load-balancer-container',
    service({ ...net, loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 80 }] }),
    ['"web"'],
    [twice],
  );
  assert.match(found.message, /can target "app"\.$/);
});

test('service.registry-container', () => {
  passes(
    'service.registry-container',
    service({
      ...net,
      serviceRegistries: [{ registryArn: 'arn:aws:servicediscovery:us-east-1:123456789012:service/srv-1' }],
    }),
    [awsvpcTask],
  );
  fails(
    'service.registry-container',
    service({ serviceRegistries: [{ registryArn: 'arn:x', containerName: 'app', containerPort: 81 }] }),
    ['81'],
    [bridgeTask],
  );
});

test('service.classic-load-balancer: dynamic host ports and awsvpc tasks', () => {
  passes(
    'service.classic-load-balancer',
    service({ loadBalancers: [{ loadBalancerName: 'c', containerName: 'app', containerPort: 80 }] }),
    [task({}, { portMappings: [{ containerPort: 80, hostPort: 80 }] })],
  );
  fails(
    'service.classic-load-balancer',
    service({ loadBalancers: [{ loadBalancerName: 'c', containerName: 'app', containerPort: 80 }] }),
    ['"c"'],
    [bridgeTask],
  );
  fails(
    'service.classic-load-balancer',
    service({ ...net, loadBalancers: [{ loadBalancerName: 'c', containerName: 'app', containerPort: 80 }] }),
    ['"c"'],
    [awsvpcTask],
  );
});

test('service.role: only with a load balancer, never for awsvpc', () => {
  const lb = { loadBalancers: [{ targetGroupArn: tg, containerName: 'app', containerPort: 80 }] };
  passes('service.role', service({ ...lb, role: 'ecsServiceRole' }), [bridgeTask]);
  fails('service.role', service({ role: 'ecsServiceRole' }), ['"role"']);
  fails('service.role', service({ ...lb, ...net, role: 'ecsServiceRole' }), ['"role"'], [awsvpcTask]);
});
