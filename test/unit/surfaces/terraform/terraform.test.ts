import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepareSurfaces, readSourceFile, sourceProblems } from '../../../../server/src/surfaces';
import { validateDocument } from '../../../../server/src/service/validation';
import { resolveTaskDefinition, staticWorkspace } from '../../../../server/src/service/workspace';
import { definition } from '../../../../server/src/service/definition';
import { defaultSettings } from '../../../../server/src/service/settings';
import type { Problem } from '../../../../server/src/service/problem';
import { hclLiteral, maskInterpolations } from '../../../../server/src/surfaces/terraform';
import { applyOffsetEdits, parseMarkers } from '../../markers';

before(() => prepareSurfaces());

/** Every problem of a Terraform file, at source offsets, as the editor and the CLI would show them. */
function check(text: string, uri = 'untitled:/main.tf'): Problem[] {
  const file = readSourceFile(uri, text, defaultSettings);
  assert.equal(file.surface, 'terraform');
  const ws = staticWorkspace(file.documents);
  return sourceProblems(file, (d) => validateDocument(d, defaultSettings, ws));
}

const serious = (ps: Problem[]) => ps.filter((p) => p.severity === 'error' || p.severity === 'warning');
const covered = (text: string, ps: Problem[]) => ps.map((p) => text.slice(p.offset, p.offset + p.length));

/** Asserts the problems with `code` are exactly at the `[|…|]` ranges of the marked source. */
function at(code: string, marked: string, uri?: string): { text: string; found: Problem[] } {
  const { text, ranges } = parseMarkers(marked);
  const found = check(text, uri).filter((p) => p.code === code);
  assert.deepEqual(
    found.map((p) => ({ offset: p.offset, length: p.length })),
    ranges,
    found.map((p) => p.message).join(' / '),
  );
  return { text, found };
}

function fixed(text: string, p: Problem, title: string): string {
  const fix = p.fixes?.find((f) => f.title === title);
  assert.ok(fix, `no fix "${title}" among ${p.fixes?.map((f) => f.title).join(', ')}`);
  return applyOffsetEdits(text, fix.edits);
}

const fargate = (containers: string, extra = '') => `resource "aws_ecs_task_definition" "app" {
  family                   = "web"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 256
  memory                   = 512${extra}
  container_definitions    = ${containers}
}
`;

test('a rule inside jsonencode fires on the HCL value, and its fix is written in HCL', () => {
  const { text, found } = at(
    'ports.host-port-mismatch',
    fargate(`jsonencode([{
    name         = "app"
    image        = "nginx:1.27"
    essential    = true
    portMappings = [{ containerPort = 80, hostPort = [|8080|] }]
  }])`),
  );
  const after = fixed(text, found[0], 'Set "hostPort" to 80');
  assert.match(after, /hostPort = 80 \}/);
  assert.deepEqual(covered(after, serious(check(after))), []);
});

test('an unknown member inside container definitions says that the provider drops it', () => {
  const { text, found } = at(
    'schema.unknown-member',
    fargate(`jsonencode([{ name = "app", image = "nginx:1.27", [|helthCheck|] = { command = ["CMD", "true"] } }])`),
  );
  assert.match(
    found[0].message,
    /drops members the API does not define without a word \(terraform-provider-aws issue 43217\)/,
  );
  assert.equal(found[0].severity, 'error');
  const after = fixed(text, found[0], 'Rename to "healthCheck"');
  assert.match(after, /healthCheck = \{/);
});

test('a type mistake inside jsonencode says how HCL writes lists', () => {
  const { found } = at(
    'schema.type',
    fargate(`jsonencode([{ name = "app", image = "nginx:1.27", portMappings = [|{ containerPort = 80 }|] }])`),
  );
  assert.match(found[0].message, /\[ … \] writes a list/);
});

test('unknown is not wrong: variables, references, calls, conditionals, for expressions, splats and interpolations', () => {
  const text = `resource "aws_ecs_task_definition" "app" {
  family                   = var.family
  network_mode             = local.mode
  requires_compatibilities = var.compat
  cpu                      = var.large ? 1024 : 256
  memory                   = lookup(var.sizes, "memory")
  execution_role_arn       = aws_iam_role.exec.arn
  container_definitions = jsonencode(concat([{
    name         = "\${var.name}-app"
    image        = "\${local.repo}:\${var.tag}"
    cpu          = var.cpu
    memory       = var.memory
    essential    = true
    portMappings = [for p in var.ports : { containerPort = p, hostPort = p }]
    environment  = [for k, v in var.env : { name = k, value = v }]
    secrets      = module.secrets.list
    mountPoints  = aws_efs_file_system.x[*].id
    dependsOn    = var.deps
  }], var.sidecars))
}
resource "aws_ecs_service" "web" {
  name            = "\${var.name}-web"
  cluster         = var.cluster
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = var.count
  launch_type     = var.launch_type
  dynamic "load_balancer" {
    for_each = var.lbs
    content {
      container_name = load_balancer.value.name
      container_port = load_balancer.value.port
    }
  }
  network_configuration {
    subnets         = var.subnets
    security_groups = [aws_security_group.x.id]
  }
}
`;
  assert.deepEqual(covered(text, serious(check(text))), []);
  // Calls like concat() leave the whole list unknown; the container inside still is not judged.
  const plain = fargate(`jsonencode([{ name = var.name, image = var.image, memory = var.memory, essential = true }])`);
  assert.deepEqual(covered(plain, serious(check(plain))), []);
});

test("a variable's default is checked, said so, and at most a warning", () => {
  const text = `variable "cpu" {
  default = 100
}
${fargate('jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])').replace('cpu                      = 256', 'cpu                      = var.cpu')}`;
  const found = check(text).filter((p) => p.code === 'fargate.invalid-size');
  assert.deepEqual(covered(text, found), ['var.cpu']);
  assert.match(found[0].message, /^with var\.cpu's default 100: /);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].fixes, undefined, 'the value is not written here: no fix edits it');
});

test('a local literal is checked at the reference', () => {
  const text = `locals {
  port = 8080
}
${fargate('jsonencode([{ name = "app", image = "nginx:1.27", essential = true, portMappings = [{ containerPort = 80, hostPort = local.port }] }])')}`;
  const found = check(text).filter((p) => p.code === 'ports.host-port-mismatch');
  assert.deepEqual(covered(text, found), ['local.port']);
  assert.match(found[0].message, /^with local\.port = 8080: /);
});

test('JSON in a heredoc maps every position exactly; interpolations are unknown values of the same length', () => {
  const { found } = at(
    'ports.host-port-mismatch',
    fargate(`<<-EOT
  [
    {
      "name": "app",
      "image": "\${var.image}",
      "cpu": \${var.cpu},
      "essential": true,
      "portMappings": [{ "containerPort": 80, "hostPort": [|8080|] }]
    }
  ]
  EOT`),
  );
  assert.equal(found.length, 1);
  assert.equal(
    maskInterpolations('{"a": "${x.y}", "b": ${x}, "c": ${var.c}}', 0, [
      { startIndex: 7, endIndex: 13 },
      { startIndex: 21, endIndex: 25 },
      { startIndex: 32, endIndex: 40 },
    ]),
    '{"a": "${xxx}", "b": "$X", "c": "${xxx}"}',
  );
});

test('JSON in a string literal with escapes is read at the string', () => {
  const text = fargate(
    `"[{\\"name\\":\\"app\\",\\"image\\":\\"nginx\\",\\"memory\\":512,\\"portMappings\\":[{\\"containerPort\\":80,\\"hostPort\\":8080}]}]"`,
  );
  const found = check(text).filter((p) => p.code === 'ports.host-port-mismatch');
  assert.equal(found.length, 1);
  assert.ok(text.slice(found[0].offset).startsWith('"[{'), 'the whole string');
});

test('container definitions that are not JSON are one error on the heredoc', () => {
  const { found } = at('terraform.invalid-json', fargate(`[|<<EOT\n[{"name": "app",}]\nEOT|]`));
  assert.equal(found[0].severity, 'error');
});

test('an argument the resource does not have, with the did-you-mean fix', () => {
  const { text, found } = at(
    'terraform.unknown-argument',
    `resource "aws_ecs_service" "web" {
  name         = "web"
  [|desired_cont|] = 2
  network_configuration {
    subnets = ["subnet-1"]
    [|asign_public_ip|] = true
  }
  lifecycle {
    ignore_changes = [desired_count]
  }
}
`,
  );
  assert.match(found[0].message, /no argument "desired_cont". Did you mean "desired_count"/);
  assert.match(fixed(text, found[0], 'Rename to "desired_count"'), /\n {2}desired_count = 2\n/);
  assert.match(found[1].message, /Did you mean "assign_public_ip"/);
});

test('a reference to an ECS resource the module lacks, judged with the other .tf files of the folder', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-tf-'));
  writeFileSync(join(folder, 'cluster.tf'), 'resource "aws_ecs_cluster" "main" {\n  name = "main"\n}\n');
  const uri = pathToFileURL(join(folder, 'service.tf')).toString();
  at(
    'terraform.missing-reference',
    `resource "aws_ecs_service" "web" {
  name            = "web"
  cluster         = aws_ecs_cluster.main.id
  task_definition = [|aws_ecs_task_definition.app|].arn
}
`,
    uri,
  );
  // Without the folder (an unsaved file), nothing is said about references.
  at(
    'terraform.missing-reference',
    'resource "aws_ecs_service" "web" {\n  name = "web"\n  task_definition = aws_ecs_task_definition.app.arn\n}\n',
  );
});

const pair = (family: string) => `resource "aws_ecs_task_definition" "app" {
  family                = ${family}
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.27", memory = 512, essential = true, portMappings = [{ containerPort = 80 }] }])
}
resource "aws_ecs_service" "web" {
  name            = "web"
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 2
  load_balancer {
    container_name   = [|"ap"|]
    container_port   = 80
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"
  }
}
`;

test('a service pairs with the task definition it references, by family or by address', () => {
  at('service.load-balancer-container', pair('"web"'));
  at('service.load-balancer-container', pair('var.family'));
  const file = readSourceFile('untitled:/main.tf', parseMarkers(pair('var.family')).text, defaultSettings);
  assert.deepEqual(
    file.documents.map((d) => d.family),
    ['aws_ecs_task_definition.app', 'aws_ecs_task_definition.app'],
  );
});

test('pairing through a reference holds within one module: two modules with aws_ecs_task_definition.app do not mix', () => {
  const td = (container: string, family = 'var.family') => `resource "aws_ecs_task_definition" "app" {
  family                = ${family}
  container_definitions = jsonencode([{ name = "${container}", image = "nginx:1.27", memory = 512, essential = true, portMappings = [{ containerPort = 80 }] }])
}
`;
  const service = (container: string) => `resource "aws_ecs_service" "web" {
  name            = "web"
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 2
  load_balancer {
    container_name   = "${container}"
    container_port   = 80
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"
  }
}
`;
  const read = (uri: string, text: string) => readSourceFile(uri, text, defaultSettings);
  const checkAll = (files: ReturnType<typeof read>[]) => {
    const ws = staticWorkspace(files.flatMap((f) => f.documents));
    return files.map((f) =>
      sourceProblems(f, (d) => validateDocument(d, defaultSettings, ws))
        .filter((p) => p.code === 'service.load-balancer-container')
        .map((p) => f.text.slice(p.offset, p.offset + p.length)),
    );
  };
  // Module a declares the task definition and the service; module b (folder b/, its task definition in a
  // file not given) only the service. Its reference resolves in b, never to a's resource.
  const a = read('file:///repo/a/ecs.tf', td('web') + service('web'));
  const b = read('file:///repo/modules/b/service.tf', service('api'));
  assert.deepEqual(checkAll([a, b]), [[], []]);
  const [aTd, aService] = a.documents;
  const [bService] = b.documents;
  assert.equal(resolveTaskDefinition(staticWorkspace([aTd, aService, bService]), bService).doc, undefined);
  assert.equal(resolveTaskDefinition(staticWorkspace([aTd, aService, bService]), aService).doc, aTd);
  // b's own task definition (another file of its folder) pairs, and its container is the one checked.
  const bTd = read('file:///repo/modules/b/task.tf', td('web'));
  assert.deepEqual(checkAll([a, b, bTd]), [[], ['"api"'], []]);
  // Go to definition from a's service lists a's task definition only, even where both write the literal family.
  const aLiteral = read('file:///repo/a/ecs.tf', td('web', '"web"') + service('web'));
  const bLiteral = read('file:///repo/modules/b/task.tf', td('web', '"web"'));
  const ws = staticWorkspace([...aLiteral.documents, ...bLiteral.documents]);
  const literalService = aLiteral.documents[1];
  const offset = literalService.text.indexOf('"taskDefinition"') + '"taskDefinition": "'.length;
  assert.deepEqual(
    definition(literalService, offset, ws).map((t) => t.doc.uri),
    ['file:///repo/a/ecs.tf#aws_ecs_task_definition.app'],
  );
});

test('a fix on a resource argument replaces the HCL value', () => {
  const text = `resource "aws_ecs_task_definition" "app" {
  family                   = "web"
  network_mode             = "bridge"
  requires_compatibilities = ["FARGATE"]
  cpu                      = "256"
  memory                   = "512"
  container_definitions    = jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])
}
`;
  const [p] = check(text).filter((x) => x.code === 'fargate.network-mode');
  assert.equal(text.slice(p.offset, p.offset + p.length), '"bridge"');
  const after = fixed(text, p, 'Set "networkMode" to "awsvpc"');
  assert.match(after, /network_mode {13}= "awsvpc"/);
  assert.deepEqual(
    check(after).filter((x) => x.code === 'fargate.network-mode'),
    [],
  );
});

test('nested blocks fill the API members the provider sends them to', () => {
  const text = `resource "aws_ecs_service" "web" {
  name                               = "web"
  deployment_maximum_percent         = 150
  deployment_minimum_healthy_percent = 50
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  network_configuration {
    subnets          = ["a", "b"]
    assign_public_ip = false
  }
  ordered_placement_strategy {
    type  = "spread"
    field = "attribute:ecs.availability-zone"
  }
  ordered_placement_strategy {
    type  = "binpack"
    field = "memory"
  }
  capacity_provider_strategy {
    capacity_provider = "ec2-capacity"
    weight            = 1
  }
  tags = { team = "web" }
}
`;
  const file = readSourceFile('untitled:/main.tf', text, defaultSettings);
  assert.deepEqual(JSON.parse(file.documents[0].text), {
    serviceName: 'web',
    deploymentConfiguration: {
      maximumPercent: 150,
      minimumHealthyPercent: 50,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    },
    networkConfiguration: { awsvpcConfiguration: { subnets: ['a', 'b'], assignPublicIp: 'DISABLED' } },
    placementStrategy: [
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'binpack', field: 'memory' },
    ],
    capacityProviderStrategy: [{ capacityProvider: 'ec2-capacity', weight: 1 }],
    tags: [{ key: 'team', value: 'web' }],
  });
  assert.deepEqual(covered(text, serious(check(text))), []);
});

test('a container-definitions template in the module folder is read with the resource, said so', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-tf-'));
  writeFileSync(
    join(folder, 'containers.json.tpl'),
    '[{"name": "app", "image": "${image}", "memory": 512, "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]',
  );
  const uri = pathToFileURL(join(folder, 'main.tf')).toString();
  const text = `resource "aws_ecs_task_definition" "app" {
  family                = "web"
  network_mode          = "awsvpc"
  container_definitions = templatefile("\${path.module}/containers.json.tpl", { image = var.image })
}
`;
  const found = check(text, uri).filter((p) => p.code === 'ports.host-port-mismatch');
  assert.deepEqual(covered(text, found), ['templatefile("${path.module}/containers.json.tpl", { image = var.image })']);
  assert.match(found[0].message, /^in containers\.json\.tpl: /);
  assert.equal(found[0].severity, 'warning');
  // Outside the module folder nothing is read.
  const outside = text.replace('${path.module}/containers.json.tpl', '../elsewhere.json');
  assert.deepEqual(serious(check(outside, uri)), []);
});

test('values are written in HCL', () => {
  assert.equal(
    hclLiteral({ containerPort: 80, 'a.b': ['x', '${y}'] }),
    '{ containerPort = 80, "a.b" = ["x", "$${y}"] }',
  );
  assert.equal(hclLiteral(null), 'null');
});

test('a file that is not Terraform of ECS yields no documents and no problems', () => {
  const file = readSourceFile(
    'untitled:/vpc.tf',
    'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n',
    defaultSettings,
  );
  assert.deepEqual([file.documents.length, file.problems.length], [0, 0]);
  const broken = readSourceFile('untitled:/x.tf', 'resource "aws_ecs_service" "web" {\n  name = \n', defaultSettings);
  assert.ok(Array.isArray(broken.documents), 'a syntax error is no crash');
});

test('a daemon task definition is read through the same table: its container blocks become containerDefinitions', () => {
  const text = `resource "aws_ecs_daemon_task_definition" "agent" {
  family = "agent"
  cpu    = 256
  memory = "512"
  container_definition {
    name      = "agent"
    image     = "public.ecr.aws/example/agent:1"
    essential = true
    health_check {
      command  = ["CMD-SHELL", "true"]
      interval = 30
    }
    mount_point {
      source_volume  = "logs"
      container_path = "/var/log/host"
    }
    memory_reservaton = 64
  }
  volume {
    name      = "logs"
    host_path = "/var/log"
  }
}
`;
  const file = readSourceFile('untitled:/daemon.tf', text, defaultSettings);
  assert.deepEqual(
    file.documents.map((d) => d.kind),
    ['daemon-task-definition'],
  );
  assert.deepEqual(JSON.parse(file.documents[0].text), {
    family: 'agent',
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'agent',
        image: 'public.ecr.aws/example/agent:1',
        essential: true,
        healthCheck: { command: ['CMD-SHELL', 'true'], interval: 30 },
        mountPoints: [{ sourceVolume: 'logs', containerPath: '/var/log/host' }],
      },
    ],
    volumes: [{ name: 'logs', host: { sourcePath: '/var/log' } }],
  });
  const unknown = check(text, 'untitled:/daemon.tf').filter((p) => p.code === 'terraform.unknown-argument');
  assert.deepEqual(covered(text, unknown), ['memory_reservaton']);
  assert.match(unknown[0].message, /Did you mean "memory_reservation"\?/);
});

const express = (network: string, scaling: string, logs: string) => `resource "aws_ecs_express_gateway_service" "api" {
  service_name            = "api"
  execution_role_arn      = "arn:aws:iam::123456789012:role/exec"
  infrastructure_role_arn = "arn:aws:iam::123456789012:role/infra"
  cpu                     = 512
  memory                  = "1024"
  health_check_path       = "/health"
  wait_for_steady_state   = true
  network_configuration   = ${network}
  scaling_target          = ${scaling}
  primary_container {
    image                  = "public.ecr.aws/nginx/nginx:1.27"
    container_port         = 8080
    aws_logs_configuration = ${logs}
    environment {
      name  = "MODE"
      value = "prod"
    }
    secret {
      name       = "TOKEN"
      value_from = "arn:aws:secretsmanager:us-east-1:123456789012:secret:token"
    }
  }
  tags = { team = "web" }
}
`;

test('an Express gateway service is read through the same table: x = [{ … }] attributes fill their API objects', () => {
  const text = express(
    `[{
    subnets         = ["subnet-1", "subnet-2"]
    security_groups = ["sg-1"]
  }]`,
    `[{
    min_task_count            = 1
    max_task_count            = "4"
    auto_scaling_metric       = "AVERAGE_CPU"
    auto_scaling_target_value = 60
  }]`,
    `[{ log_group = "/ecs/api", log_stream_prefix = "api" }]`,
  );
  const file = readSourceFile('untitled:/express.tf', text, defaultSettings);
  assert.deepEqual(
    file.documents.map((d) => d.kind),
    ['express-service'],
  );
  assert.deepEqual(JSON.parse(file.documents[0].text), {
    serviceName: 'api',
    executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
    infrastructureRoleArn: 'arn:aws:iam::123456789012:role/infra',
    cpu: '512',
    memory: '1024',
    healthCheckPath: '/health',
    networkConfiguration: { subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-1'] },
    scalingTarget: { minTaskCount: 1, maxTaskCount: 4, autoScalingMetric: 'AVERAGE_CPU', autoScalingTargetValue: 60 },
    primaryContainer: {
      image: 'public.ecr.aws/nginx/nginx:1.27',
      containerPort: 8080,
      awsLogsConfiguration: { logGroup: '/ecs/api', logStreamPrefix: 'api' },
      environment: [{ name: 'MODE', value: 'prod' }],
      secrets: [{ name: 'TOKEN', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:token' }],
    },
    tags: [{ key: 'team', value: 'web' }],
  });
  assert.deepEqual(serious(check(text, 'untitled:/express.tf')), []);
});

test('inside x = [{ … }] a wrong value is reported on the HCL value, and an unknown key on the key', () => {
  const { found } = at(
    'schema.enum',
    express(
      `[{ subnets = ["subnet-1"] }]`,
      `[{ min_task_count = 1, auto_scaling_metric = [|"CPU"|] }]`,
      `[{ log_group = "/ecs/api" }]`,
    ),
    'untitled:/express.tf',
  );
  assert.equal(found[0].severity, 'error');
  const { text, found: unknown } = at(
    'terraform.unknown-argument',
    express(
      `[{ [|subnet|] = ["subnet-1"] }]`,
      `[{ min_task_count = 1 }]`,
      `[{ log_group = "/ecs/api", [|log_stream_prefx|] = "api" }]`,
    ),
    'untitled:/express.tf',
  );
  assert.match(unknown[0].message, /Did you mean "subnets"\?/);
  assert.match(unknown[1].message, /Did you mean "log_stream_prefix"\?/);
  assert.ok(check(text, 'untitled:/express.tf').every((p) => p.code !== 'schema.type'));
  // Written as a block, which the provider does not take for these arguments.
  const block = express(`[]`, `[]`, `[]`).replace(
    'scaling_target          = []',
    'scaling_target {\n    min_task_count = 1\n  }',
  );
  const asBlock = check(block, 'untitled:/express.tf').filter((p) => p.code === 'terraform.unknown-argument');
  assert.deepEqual(covered(block, asBlock), ['scaling_target']);
  assert.match(asBlock[0].message, /scaling_target = \[\{ … \}\]/);
});

test('unknown is not wrong inside x = [{ … }]: variables, references and calls stay silent', () => {
  const text = express(
    `var.network`,
    `[{ min_task_count = var.min, max_task_count = local.max, auto_scaling_metric = var.metric }]`,
    `[{ log_group = aws_cloudwatch_log_group.api.name, log_stream_prefix = "\${var.name}-api" }]`,
  ).replace('cpu                     = 512', 'cpu                     = var.cpu');
  const file = readSourceFile('untitled:/express.tf', text, defaultSettings);
  const doc = JSON.parse(file.documents[0].text) as Record<string, Record<string, unknown>>;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a placeholder string is what this test expects
  assert.match(String(doc.networkConfiguration), /^\$\{/);
  assert.match(String(doc.scalingTarget.autoScalingMetric), /^\$\{/);
  assert.deepEqual(serious(check(text, 'untitled:/express.tf')), []);
  const spread = express(`concat(var.a, var.b)`, `[for t in var.targets : t]`, `var.logs`);
  assert.deepEqual(serious(check(spread, 'untitled:/express.tf')), []);
});
