import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, type EcsDocument } from '../../../server/src/service/document';
import { validateDocument } from '../../../server/src/service/validation';
import { defaultSettings } from '../../../server/src/service/settings';
import { staticWorkspace, type WorkspaceView } from '../../../server/src/service/workspace';
import { deployContextOf, learnRepository, type DeployContextName } from '../../../server/src/service/context';
import { readRepositoryFacts, RepositoryContexts } from '../../../server/src/workspace/repository';
import type { Problem } from '../../../server/src/service/problem';
import { prepareSurfaces } from '../../../server/src/surfaces';

// Terraform files are read with the HCL parser, loaded once.
before(() => prepareSurfaces());

function checkAs(
  context: DeployContextName,
  text: string,
  uri = 'file:///repo/task-def.json',
  others: EcsDocument[] = [],
): Problem[] {
  const doc = parseDocument(uri, text);
  const ws: WorkspaceView = {
    ...staticWorkspace([doc, ...others]),
    deployContextOf: () => ({ name: context, reason: 'test' }),
  };
  return validateDocument(doc, defaultSettings, ws);
}

const codes = (problems: Problem[], severity?: Problem['severity']) =>
  problems
    .filter((p) => !severity || p.severity === severity)
    .map((p) => p.code)
    .sort();

// A describe-task-definition export as repositories commit it for the deploy action: nulls, empty lists, read-only members.
const exported = JSON.stringify(
  {
    family: 'web',
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3',
    revision: 3,
    status: 'ACTIVE',
    compatibilities: ['EC2', 'FARGATE'],
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
    taskRoleArn: null,
    containerDefinitions: [
      {
        name: 'web',
        image: 'nginx:1.27',
        essential: true,
        environment: [],
        mountPoints: [],
        volumesFrom: [],
        portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
        healthCheck: null,
      },
    ],
  },
  null,
  2,
);

test('github-action: the deploy action drops nulls, empty values and describe-only members, so the file is clean with one note', () => {
  const problems = checkAs('github-action', exported);
  assert.deepEqual(codes(problems, 'error'), []);
  assert.deepEqual(codes(problems, 'warning'), []);
  const notes = problems.filter((p) => p.code === 'context.consumer-tolerates');
  assert.equal(notes.length, 1);
  assert.match(notes[0].message, /amazon-ecs-deploy-task-definition leaves out 9 /);
});

// aws ecs register-task-definition --cli-input-json sends every member; the API rejects describe-only ones, the
// same as create-service rejects describe-services members (an error there too).
test('aws-cli: the same file gets its null errors and describe-only errors with the strip fix', () => {
  const problems = checkAs('aws-cli', exported);
  assert.deepEqual(codes(problems, 'error'), [
    'schema.null-value',
    'schema.null-value',
    'schema.read-only-member',
    'schema.read-only-member',
    'schema.read-only-member',
    'schema.read-only-member',
  ]);
  const readOnly = problems.filter((p) => p.code === 'schema.read-only-member');
  assert.match(readOnly[0].message, /register-task-definition --cli-input-json rejects it/);
  assert.equal(readOnly[0].fixes?.[0].title, 'Remove all read-only members of describe-task-definition output');
  assert.ok(!problems.some((p) => p.code === 'context.consumer-tolerates'));
});

test('github-action: an unknown member is a warning (the SDK drops it), not an error', () => {
  const text = JSON.stringify({
    family: 'web',
    containerDefinitions: [{ name: 'web', image: 'nginx', memory: 256, essentials: true }],
  });
  const action = checkAs('github-action', text).filter((p) => p.code === 'schema.unknown-member');
  assert.deepEqual(
    action.map((p) => p.severity),
    ['warning'],
  );
  assert.deepEqual(
    checkAs('aws-cli', text)
      .filter((p) => p.code === 'schema.unknown-member')
      .map((p) => p.severity),
    ['error'],
  );
});

test('ecspresso: empty strings and value-typed zeros are unset, keys match whatever their case, describe-services members are dropped', () => {
  const task = JSON.stringify(
    {
      Family: 'api',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
      ipcMode: '',
      pidMode: '',
      containerDefinitions: [
        {
          name: 'api',
          image: '{{ must_env `IMAGE` }}',
          essential: true,
          cpu: 0,
          portMappings: [{ containerPort: 8080 }],
        },
      ],
    },
    null,
    2,
  );
  const problems = checkAs('ecspresso', task);
  assert.deepEqual(codes(problems, 'error'), []);
  assert.deepEqual(codes(problems, 'warning'), []);
  assert.equal(problems.filter((p) => p.code === 'context.consumer-tolerates').length, 1);
  // The same file sent by the AWS CLI: "Family" is unknown, family missing, the empty enums are refused.
  const strict = checkAs('aws-cli', task);
  assert.ok(codes(strict, 'error').includes('schema.unknown-member'));
  assert.ok(codes(strict, 'error').includes('schema.enum'));
  const service = JSON.stringify({
    launchType: 'FARGATE',
    desiredCount: 1,
    taskDefinition: 'api',
    status: 'ACTIVE',
    runningCount: 1,
    deployments: [],
  });
  assert.deepEqual(codes(checkAs('ecspresso', service, 'file:///repo/ecs-service-def.json'), 'error'), []);
  assert.deepEqual(codes(checkAs('ecspresso', service, 'file:///repo/ecs-service-def.json'), 'warning'), []);
});

test('one mistake, one diagnostic: an empty enum value is reported once, not again by the rules', () => {
  const service = JSON.stringify({
    serviceName: 's',
    taskDefinition: 't',
    desiredCount: 1,
    launchType: '',
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
  });
  const problems = checkAs('aws-cli', service, 'file:///repo/service-def.json');
  assert.deepEqual(codes(problems, 'error'), ['schema.enum']);
  const task = JSON.stringify({
    family: 'f',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    ipcMode: '',
    containerDefinitions: [
      { name: 'a', image: 'nginx', portMappings: [{ containerPort: 80, name: 'web', appProtocol: '' }] },
    ],
  });
  const taskProblems = checkAs('aws-cli', task);
  assert.deepEqual(codes(taskProblems, 'error'), ['schema.enum', 'schema.enum']);
});

test('values that must not be empty are errors under a strict consumer and dropped under the deploy action', () => {
  const text = JSON.stringify({
    family: 'f',
    containerDefinitions: [
      {
        name: 'a',
        image: 'nginx',
        memory: 256,
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': '', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'a' },
        },
      },
    ],
  });
  const strict = checkAs('aws-cli', text).filter((p) => p.severity === 'error');
  assert.deepEqual(
    strict.map((p) => p.code),
    ['value.empty'],
  );
  assert.match(strict[0].message, /"awslogs-group" must not be empty/);
  // The action drops the empty group; what remains is a log configuration without a group, which awslogs needs.
  assert.ok(!checkAs('github-action', text).some((p) => p.code === 'value.empty'));
});

test('terraform: a container-definitions array is checked with the container rules, not as a task definition', () => {
  const text = JSON.stringify(
    [
      {
        name: 'app',
        image: '${image}',
        essential: true,
        memory: 256,
        memoryReservation: 512,
        healthCheck: { command: ['curl -f http://localhost/'] },
      },
    ],
    null,
    2,
  );
  const doc = parseDocument('file:///repo/containers.json', text);
  assert.equal(doc.kind, 'container-definitions');
  const problems = checkAs('terraform', text, 'file:///repo/containers.json');
  assert.deepEqual(codes(problems, 'error'), ['health-check.command', 'resources.reservation-above-memory']);
  // No task-level member is asked for: family, task memory and network mode live in the Terraform resource.
  assert.ok(!problems.some((p) => p.code === 'schema.required' || p.code === 'resources.container-memory-required'));
  assert.ok(problems.some((p) => p.code === 'placeholder.value'));
});

test('missing family is a warning naming the script that supplies it with --family', () => {
  const facts = learnRepository([
    {
      path: 'deploy/register.sh',
      text: 'sed -i "s/ACCOUNT_NUMBER/$ACCOUNT/" deploy/td.json\naws ecs register-task-definition --family batch \\\n  --cli-input-json file://deploy/td.json\n',
    },
  ]);
  const context = deployContextOf('deploy/td.json', facts);
  assert.equal(context.name, 'aws-cli');
  assert.deepEqual(context.familySupplied, { path: 'deploy/register.sh', line: 2 });
  assert.deepEqual(context.substitutedTokens, ['ACCOUNT_NUMBER']);
  const text = JSON.stringify({
    containerDefinitions: [{ name: 'b', image: 'ACCOUNT_NUMBER.dkr.ecr.eu-west-1.amazonaws.com/batch:1', memory: 256 }],
  });
  const doc = parseDocument('file:///repo/deploy/td.json', text);
  const problems = validateDocument(doc, defaultSettings, {
    ...staticWorkspace([doc]),
    deployContextOf: () => context,
  });
  assert.deepEqual(codes(problems, 'error'), []);
  const family = problems.find((p) => p.code === 'schema.required');
  assert.equal(family?.severity, 'warning');
  assert.match(family.message, /--family \(deploy\/register\.sh line 2\)/);
  assert.ok(problems.some((p) => p.code === 'placeholder.value' && /ACCOUNT_NUMBER/.test(p.message)));
});

test('update-service input: forceNewDeployment and service are accepted, serviceName is not asked for', () => {
  const text = JSON.stringify({
    cluster: 'c',
    service: 'web',
    taskDefinition: 'web',
    desiredCount: 2,
    forceNewDeployment: true,
  });
  const doc = parseDocument('file:///repo/update-service.json', text);
  assert.equal(doc.kind, 'service');
  const problems = checkAs('aws-cli', text, 'file:///repo/update-service.json');
  assert.deepEqual(
    problems.filter((p) => p.severity === 'error' || p.severity === 'warning').map((p) => p.code),
    [],
  );
});

function fixtureRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'ecs-lens-context-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  mkdirSync(join(root, '.git'));
  write(
    '.github/workflows/deploy.yml',
    [
      'name: deploy',
      'on: push',
      'env:',
      '  ECS_TASK_DEFINITION: .aws/task-definition.json',
      'jobs:',
      '  deploy:',
      '    steps:',
      '      - id: render',
      '        uses: aws-actions/amazon-ecs-render-task-definition@v1',
      '        with:',
      '          task-definition: ${{ env.ECS_TASK_DEFINITION }}',
      '      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2',
      '        with:',
      '          task-definition: ${{ steps.render.outputs.task-definition }}',
      '',
    ].join('\n'),
  );
  write('.aws/task-definition.json', exported);
  write(
    'ecs/ecspresso.yml',
    'region: eu-west-1\ncluster: default\nservice: api\ntask_definition: ecs-task-def.json\nservice_definition: ecs-service-def.json\n',
  );
  write('pipeline/buildspec.yml', 'version: 0.2\nartifacts:\n  files:\n    - appspec.yaml\n    - taskdef.json\n');
  write(
    'pipeline/taskdef.json',
    JSON.stringify({ family: 'w', containerDefinitions: [{ name: 'w', image: '<IMAGE1_NAME>', memory: 256 }] }),
  );
  write(
    'infra/main.tf',
    'resource "aws_ecs_task_definition" "app" {\n  family = "app"\n  container_definitions = templatefile("${path.module}/tpl/containers.json.tpl", { image = var.image })\n}\n',
  );
  write('infra/tpl/containers.json.tpl', '[{"name": "app", "image": "${image}", "memory": 256}]');
  write(
    'other/task-def.json',
    JSON.stringify({ family: 'o', containerDefinitions: [{ name: 'o', image: 'nginx', memory: 256 }] }),
  );
  return root;
}

test('detection from a fixture repository: workflow, ecspresso config, buildspec and *.tf, with the line that says so', () => {
  const root = fixtureRepository();
  const contexts = new RepositoryContexts();
  contexts.add(root);
  const at = (path: string) => contexts.contextOf(join(root, path));
  assert.equal(at('.aws/task-definition.json').name, 'github-action');
  assert.equal(
    at('.aws/task-definition.json').reason,
    'deployed by aws-actions/amazon-ecs-deploy-task-definition in .github/workflows/deploy.yml line 11',
  );
  assert.equal(at('ecs/ecs-task-def.json').name, 'ecspresso');
  assert.equal(at('ecs/ecs-service-def.json').reason, 'deployed by ecspresso, configured in ecs/ecspresso.yml line 5');
  assert.equal(at('pipeline/taskdef.json').name, 'codedeploy');
  assert.equal(at('infra/tpl/containers.json.tpl').name, 'terraform');
  assert.equal(at('infra/tpl/containers.json.tpl').reason, 'loaded as container_definitions by infra/main.tf line 3');
  assert.equal(at('other/task-def.json').name, 'aws-cli');
  assert.deepEqual(
    contexts.namedFiles().map((f) => f.path.slice(root.length + 1)),
    ['.aws/task-definition.json', 'infra/tpl/containers.json.tpl', 'pipeline/taskdef.json'],
  );
});

test('the flag overrides every file; a glob overrides the repository for the files it matches', () => {
  const root = fixtureRepository();
  const flagged = new RepositoryContexts({ flag: 'ecspresso' });
  flagged.add(root);
  assert.equal(flagged.contextOf(join(root, '.aws/task-definition.json')).name, 'ecspresso');
  assert.match(flagged.contextOf(join(root, 'other/task-def.json')).reason, /--deploy-context ecspresso/);
  const globbed = new RepositoryContexts({
    globs: [{ glob: 'other/*.json', context: 'github-action', origin: 'ecsLens.deployContext' }],
    match: (p, g) => p.startsWith(g.replace('*.json', '')) && p.endsWith('.json'),
  });
  globbed.add(root);
  assert.equal(globbed.contextOf(join(root, 'other/task-def.json')).name, 'github-action');
  assert.equal(globbed.contextOf(join(root, 'ecs/ecs-task-def.json')).name, 'ecspresso');
});

test('detection does not depend on the order the sources are found in', () => {
  const root = fixtureRepository();
  const facts = readRepositoryFacts(root);
  const files = [
    { path: 'b/ecspresso.yml', text: 'task_definition: ../shared/td.json\n' },
    {
      path: '.github/workflows/a.yml',
      text: 'steps:\n  - uses: aws-actions/amazon-ecs-deploy-task-definition@v2\n    with:\n      task-definition: shared/td.json\n',
    },
  ];
  const forward = deployContextOf('shared/td.json', learnRepository(files));
  const backward = deployContextOf('shared/td.json', learnRepository([...files].reverse()));
  assert.deepEqual(forward, backward);
  assert.ok(facts.byPath.size >= 4);
});

test('a service is checked against the same task definition whatever the order of the files', () => {
  const service = parseDocument(
    'file:///repo/web/service-def.json',
    JSON.stringify({
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 1,
      loadBalancers: [
        {
          targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef',
          containerName: 'sample-website',
          containerPort: 80,
        },
      ],
    }),
  );
  const near = parseDocument(
    'file:///repo/web/task-def.json',
    JSON.stringify({
      family: 'web',
      containerDefinitions: [
        { name: 'sample-website', image: 'nginx', memory: 256, portMappings: [{ containerPort: 80 }] },
      ],
    }),
  );
  const far = parseDocument(
    'file:///repo/old/other/task-def.json',
    JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'legacy', image: 'nginx', memory: 256 }] }),
  );
  const tiedA = parseDocument(
    'file:///repo/a/task-def.json',
    JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'a', image: 'nginx', memory: 256 }] }),
  );
  const tiedB = parseDocument(
    'file:///repo/b/task-def.json',
    JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'b', image: 'nginx', memory: 256 }] }),
  );
  const permutations = <T>(items: T[]): T[][] =>
    items.length <= 1
      ? [items]
      : items.flatMap((x, i) =>
          permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
        );
  const diagnostics = (docs: EcsDocument[]) =>
    JSON.stringify(
      validateDocument(service, defaultSettings, staticWorkspace(docs)).map((p) => [p.code, p.offset, p.message]),
    );
  // The nearest by path wins: no false "no container sample-website".
  const nearFirst = new Set(permutations([service, near, far, tiedA]).map(diagnostics));
  assert.equal(nearFirst.size, 1);
  assert.ok(![...nearFirst][0].includes('service.load-balancer-container'));
  // Two equally near files: the same information naming both, whatever the order, and no cross-file error.
  const movedService = parseDocument('file:///repo/c/service-def.json', service.text);
  const tied = new Set(
    permutations([movedService, tiedA, tiedB]).map((docs) =>
      JSON.stringify(
        validateDocument(movedService, defaultSettings, staticWorkspace(docs)).map((p) => [
          p.code,
          p.severity,
          p.message,
        ]),
      ),
    ),
  );
  assert.equal(tied.size, 1);
  const [only] = [...tied];
  assert.ok(only.includes('service.task-definition-ambiguous'));
  assert.ok(only.includes('a/task-def.json') && only.includes('b/task-def.json'));
  assert.ok(!only.includes('"error"'));
  // A revision named in the service wins over the path.
  const revised = parseDocument(
    'file:///repo/web/service-def.json',
    JSON.stringify({
      serviceName: 'web',
      taskDefinition: 'web:7',
      desiredCount: 1,
      loadBalancers: [
        {
          targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef',
          containerName: 'legacy',
          containerPort: 80,
        },
      ],
    }),
  );
  const seventh = parseDocument(
    'file:///repo/old/other/td-7.json',
    JSON.stringify({
      taskDefinition: {
        family: 'web',
        revision: 7,
        containerDefinitions: [{ name: 'legacy', image: 'nginx', memory: 256, portMappings: [{ containerPort: 80 }] }],
      },
    }),
  );
  for (const docs of permutations([revised, near, seventh])) {
    assert.ok(
      !validateDocument(revised, defaultSettings, staticWorkspace(docs)).some(
        (p) => p.code === 'service.load-balancer-container',
      ),
    );
  }
});

test('a member given twice: the earlier one gets a warning naming the winner, and the schema and the rules read the last', () => {
  const text =
    '{\n  "family": "web",\n  "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 256}],\n  "cpu": "banana",\n  "cpu": "256"\n}';
  const problems = checkAs('aws-cli', text).filter((p) => p.severity === 'error' || p.severity === 'warning');
  assert.deepEqual(
    problems.map((p) => [p.code, p.severity]),
    [['json.duplicate-key', 'warning']],
  );
  assert.equal(text.slice(problems[0].offset, problems[0].offset + problems[0].length), '"cpu"');
  assert.equal(problems[0].offset, text.indexOf('"cpu"'));
  assert.match(problems[0].message, /given again on line 5, and the last one wins/);
  // The other way round, the last value is the bad one and it is the one reported.
  const reversed = text.replace('"banana"', '"TMP"').replace('"256"\n', '"banana"\n').replace('"TMP"', '"256"');
  const codesReversed = checkAs('aws-cli', reversed)
    .filter((p) => p.severity === 'error' || p.severity === 'warning')
    .map((p) => p.code);
  assert.ok(codesReversed.includes('json.duplicate-key'));
  assert.ok(
    codesReversed.some((c) => c !== 'json.duplicate-key'),
    'the winning "banana" is checked',
  );
  // The deploy action's YAML parser refuses duplicate keys.
  assert.deepEqual(
    checkAs('github-action', text)
      .filter((p) => p.code === 'json.duplicate-key')
      .map((p) => p.severity),
    ['error'],
  );
});

function checkWith(facts: ReturnType<typeof learnRepository>, path: string, body: unknown): Problem[] {
  const doc = parseDocument(`file:///repo/${path}`, JSON.stringify(body, null, 2));
  return validateDocument(doc, defaultSettings, {
    ...staticWorkspace([doc]),
    deployContextOf: () => deployContextOf(path, facts),
  });
}

const staleImage = {
  family: 'web',
  executionRoleArn: 'arn:aws:iam::role/not-yet',
  containerDefinitions: [{ name: 'web', image: 'Old Image:latest', memory: 256, essential: true }],
};

// A jq step sets members before the file is registered (the same role as a sed substitution): the values in the
// repository are not what ECS sees.
test('members a jq step sets are not judged in the file it reads', () => {
  const before = checkWith(learnRepository([]), 'deploy/td.json', staleImage);
  assert.ok(
    before.some((p) => p.severity === 'error'),
    JSON.stringify(before.map((p) => p.code)),
  );
  const facts = learnRepository([
    {
      path: 'scripts/deploy.sh',
      text:
        'jq --arg img "$IMAGE" --arg role "$ROLE" \'.containerDefinitions[0].image = $img | .executionRoleArn = $role\' deploy/td.json > rendered.json\n' +
        'aws ecs register-task-definition --cli-input-json file://rendered.json\n',
    },
  ]);
  const context = deployContextOf('deploy/td.json', facts);
  assert.deepEqual(
    context.filledMembers?.map((f) => f.path),
    [['containerDefinitions', 0, 'image'], ['executionRoleArn']],
  );
  const after = checkWith(facts, 'deploy/td.json', staleImage);
  assert.deepEqual(codes(after, 'error'), [], JSON.stringify(after.map((p) => [p.code, p.message])));
  // The output file is not the input: nothing is filled there.
  assert.equal(deployContextOf('rendered.json', facts).filledMembers, undefined);
});

// aws-actions/amazon-ecs-render-task-definition action.yml: task-definition, container-name and image inputs; the
// action writes image into the named container.
test('the render action replaces the named container image, so the old image is not judged', () => {
  const facts = learnRepository([
    {
      path: '.github/workflows/deploy.yml',
      text: [
        'env:',
        '  TASK_DEF: deploy/td.json',
        'jobs:',
        '  deploy:',
        '    steps:',
        '      - name: Render',
        '        id: render',
        '        uses: aws-actions/amazon-ecs-render-task-definition@v1',
        '        with:',
        '          task-definition: ${{ env.TASK_DEF }}',
        '          container-name: web',
        '          image: ${{ steps.build.outputs.image }}',
        '      - name: Deploy',
        '        uses: aws-actions/amazon-ecs-deploy-task-definition@v2',
        '        with:',
        '          task-definition: ${{ steps.render.outputs.task-definition }}',
      ].join('\n'),
    },
  ]);
  const context = deployContextOf('deploy/td.json', facts);
  assert.deepEqual(context.filledMembers?.[0].path, ['containerDefinitions', { container: 'web' }, 'image']);
  assert.equal(context.filledMembers?.[0].source.line, 8);
  const image = checkWith(facts, 'deploy/td.json', { ...staleImage, executionRoleArn: undefined }).filter((p) =>
    p.code.startsWith('image.'),
  );
  assert.deepEqual(image, []);
  const other = { ...staleImage, containerDefinitions: [{ ...staleImage.containerDefinitions[0], name: 'worker' }] };
  assert.ok(
    checkWith(facts, 'deploy/td.json', { ...other, executionRoleArn: undefined }).some((p) =>
      p.code.startsWith('image.'),
    ),
  );
});

// aws-sdk-go-v2 service/ecs/types: BakeTimeInMinutes is *int32, so ecspresso sends a 0; Base and Weight are int32
// values, so their 0 is left out.
test('ecspresso: a 0 of a pointer integer is a value (bakeTimeInMinutes: 0 satisfies BLUE_GREEN), a 0 weight is unset', () => {
  const service = JSON.stringify({
    taskDefinition: 'api',
    desiredCount: 1,
    deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 },
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 0, weight: 1 }],
  });
  const problems = checkAs('ecspresso', service, 'file:///repo/ecs-service-def.json');
  assert.ok(!problems.some((p) => p.code === 'deployment.strategy-settings'), JSON.stringify(problems));
  // A container's memoryReservation is *int32 too: ecspresso sends the 0 and ECS judges it.
  const task = JSON.stringify({
    family: 'api',
    containerDefinitions: [{ name: 'api', image: 'nginx:1.27', memory: 256, memoryReservation: 0 }],
  });
  assert.ok(checkAs('ecspresso', task).some((p) => p.code === 'resources.container-memory-minimum'));
  const note = problems.find((p) => p.code === 'context.consumer-tolerates');
  assert.match(note?.message ?? '', /leaves out 1 null, empty or describe-only value/);
});

// CodeDeploy user guide, AppSpec "Resources" section for Amazon ECS: LoadBalancerInfo ContainerName and ContainerPort
// name a container and a port mapping of the task definition CodeDeploy deploys (taskdef.json beside the appspec).
test('the appspec beside taskdef.json must name one of its containers and a port it maps', () => {
  const facts = learnRepository([
    {
      path: 'deploy/appspec.yaml',
      text: [
        'version: 0.0',
        'Resources:',
        '  - TargetService:',
        '      Type: AWS::ECS::Service',
        '      Properties:',
        '        TaskDefinition: <TASK_DEFINITION>',
        '        LoadBalancerInfo:',
        '          ContainerName: "web"',
        '          ContainerPort: 8080',
      ].join('\n'),
    },
  ]);
  const context = deployContextOf('deploy/taskdef.json', facts);
  assert.equal(context.name, 'codedeploy');
  assert.deepEqual(context.appspecTarget, {
    containerName: 'web',
    containerPort: 8080,
    source: { path: 'deploy/appspec.yaml', line: 8 },
  });
  const taskdef = (name: string, containerPort: number) => ({
    family: 'web',
    containerDefinitions: [{ name, image: '<IMAGE1_NAME>', memory: 256, portMappings: [{ containerPort }] }],
  });
  const found = (body: unknown) =>
    checkWith(facts, 'deploy/taskdef.json', body).filter((p) => p.code === 'codedeploy.appspec-container');
  assert.deepEqual(found(taskdef('web', 8080)), []);
  const wrongPort = found(taskdef('web', 80));
  assert.equal(wrongPort.length, 1);
  assert.match(wrongPort[0].message, /port 8080 of "web", which maps port 80/);
  const wrongName = found(taskdef('app', 8080));
  assert.match(wrongName[0].message, /container "web", which this task definition does not have/);
});

// The same appspec facts when a buildspec lists taskdef.json (CodePipeline's ECS blue/green tutorial ships both
// files as artifacts) and when the appspec is JSON on one line: the appspec is read as YAML/JSON, not line by line.
test('the appspec target reaches taskdef.json that a buildspec names, and a one-line JSON appspec is read', () => {
  const facts = learnRepository([
    { path: 'a/buildspec.yml', text: 'version: 0.2\nartifacts:\n  files:\n    - appspec.yaml\n    - taskdef.json\n' },
    {
      path: 'a/appspec.yaml',
      text: 'Resources:\n  - TargetService:\n      Type: AWS::ECS::Service\n      Properties:\n        LoadBalancerInfo: {ContainerName: web, ContainerPort: 8080}\n',
    },
    {
      path: 'b/appspec.json',
      text: '{"Resources": [{"TargetService": {"Type": "AWS::ECS::Service", "Properties": {"LoadBalancerInfo": {"ContainerName": "api", "ContainerPort": "80"}}}}]}',
    },
  ]);
  assert.deepEqual(deployContextOf('a/taskdef.json', facts).appspecTarget, {
    containerName: 'web',
    containerPort: 8080,
    source: { path: 'a/appspec.yaml', line: 5 },
  });
  assert.deepEqual(deployContextOf('b/taskdef.json', facts).appspecTarget, {
    containerName: 'api',
    containerPort: 80,
    source: { path: 'b/appspec.json', line: 1 },
  });
});

test('Terraform is read with the HCL parser: a call in a comment or a string names nothing, one over several lines does', () => {
  const facts = learnRepository([
    {
      path: 'infra/main.tf',
      text: [
        '# container_definitions = file("old.json")',
        'resource "aws_ecs_task_definition" "app" {',
        '  family      = "app"',
        '  description = "container_definitions = file(\\"quoted.json\\")"',
        '  container_definitions = templatefile(',
        '    "${path.module}/tpl/app.json.tpl",',
        '    { image = var.image },',
        '  )',
        '}',
        'module "worker" {',
        '  source                = "./modules/worker"',
        '  container_definitions = file("worker.json")',
        '}',
        '/* container_definitions = file("block-comment.json") */',
        '',
      ].join('\n'),
    },
  ]);
  assert.deepEqual([...facts.byPath.keys()].sort(), ['infra/tpl/app.json.tpl', 'infra/worker.json']);
  assert.equal(
    deployContextOf('infra/tpl/app.json.tpl', facts).reason,
    'loaded as container_definitions by infra/main.tf line 5',
  );
  assert.equal(deployContextOf('infra/worker.json', facts).name, 'terraform');
  assert.equal(deployContextOf('infra/old.json', facts).name, 'aws-cli');
});
