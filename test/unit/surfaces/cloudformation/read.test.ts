import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSourceFile, sourceProblems } from '../../../../server/src/surfaces';
import { surfaceFor } from '../../../../server/src/surfaces/registry';
import { validateDocument } from '../../../../server/src/service/validation';
import { defaultSettings } from '../../../../server/src/service/settings';
import { staticWorkspace } from '../../../../server/src/service/workspace';
import type { Problem } from '../../../../server/src/service/problem';
import { applyOffsetEdits, parseMarkers } from '../../markers';

interface Seen extends Problem {
  covered: string;
}

/** Every problem of a template, at source positions, as `ecs-lens check` and the editor report them. */
function problemsOf(text: string, uri = 'file:///work/stack.yaml'): Seen[] {
  const file = readSourceFile(uri, text, defaultSettings);
  assert.equal(file.surface, 'cloudformation', 'read as a template');
  const ws = staticWorkspace(file.documents);
  return sourceProblems(file, (d) => validateDocument(d, defaultSettings, ws)).map((p) => ({
    ...p,
    covered: text.slice(p.offset, p.offset + p.length),
  }));
}

/** Asserts that the problems with the code are exactly at the `[|…|]` ranges. */
function at(code: string, marked: string, uri?: string): Seen[] {
  const { text, ranges } = parseMarkers(marked);
  const found = problemsOf(text, uri).filter((p) => p.code === code);
  assert.deepEqual(
    found.map((p) => ({ offset: p.offset, length: p.length })),
    ranges,
    found.map((p) => `${p.covered}: ${p.message}`).join(' / '),
  );
  return found;
}

const head = `AWSTemplateFormatVersion: '2010-09-09'\n`;

test('a property the resource does not have is reported on its name, with the property meant', () => {
  const marked =
    head +
    `Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          Memory: 512
          [|PortMapings|]:
            - ContainerPort: 80
`;
  const [p] = at('cloudformation.unknown-property', marked);
  assert.match(p.message, /did you mean "PortMappings"/);
  const { text } = parseMarkers(marked);
  const fixed = applyOffsetEdits(text, p.fixes![0].edits);
  assert.match(fixed, /\n {10}PortMappings:\n/);
  assert.deepEqual(
    problemsOf(fixed).filter((x) => x.severity === 'error'),
    [],
  );
});

test('JSON templates: the same checks at the same kind of place', () => {
  const marked = `{
  "Resources": {
    "TaskDef": {
      "Type": "AWS::ECS::TaskDefinition",
      "Properties": {
        "Family": "web",
        "NetworkMode": [|"awsvpcc"|],
        "ContainerDefinitions": [
          { "Name": "app", "Image": "nginx:1.27", "Memory": [|"lots"|], [|"Essentail"|]: true }
        ]
      }
    }
  }
}`;
  const { text } = parseMarkers(marked);
  const uri = 'file:///work/cdk.out/Stack.template.json';
  const found = problemsOf(text, uri).filter((p) => p.severity === 'error');
  assert.deepEqual(
    found.map((p) => [p.code, p.covered]),
    [
      ['cloudformation.shape', '"lots"'],
      ['cloudformation.unknown-property', '"Essentail"'],
      ['schema.enum', '"awsvpcc"'],
    ],
  );
  assert.deepEqual(
    found.map((p) => ({ offset: p.offset, length: p.length })).sort((x, y) => x.offset - y.offset),
    parseMarkers(marked).ranges,
  );
  const rename = found.find((p) => p.code === 'cloudformation.unknown-property')!;
  assert.equal(rename.fixes?.[0].edits[0].newText, '"Essential"');
  // The enum fix is written as JSON in place of the value.
  const [enumProblem] = found.filter((p) => p.code === 'schema.enum');
  const fix = enumProblem.fixes?.find((f) => f.title.includes('awsvpc'));
  assert.ok(fix, enumProblem.fixes?.map((f) => f.title).join(', '));
  assert.match(applyOffsetEdits(text, fix.edits), /"NetworkMode": "awsvpc",/);
});

test('a quick fix in YAML keeps the template YAML: a plain value stays plain', () => {
  const marked =
    head +
    `Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      NetworkMode: [|awsvpcc|]
      ContainerDefinitions:
        - { Name: app, Image: "nginx:1.27", Memory: 512 }
`;
  const [p] = at('schema.enum', marked);
  const fix = p.fixes?.find((f) => f.title.includes('awsvpc'));
  assert.ok(fix);
  assert.match(applyOffsetEdits(parseMarkers(marked).text, fix.edits), /\n {6}NetworkMode: awsvpc\n/);
});

test('an intrinsic is unknown: never an error, and no placeholder note', () => {
  const text =
    head +
    `Parameters:
  Image:
    Type: String
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: !Sub '\${AWS::StackName}-web'
      Cpu: !If [IsBig, !Ref AWS::NoValue, !Ref AWS::NoValue]
      Memory: !FindInMap [Sizes, !Ref AWS::Region, Memory]
      NetworkMode: !ImportValue network-mode
      ExecutionRoleArn: !GetAtt Role.Arn
      ContainerDefinitions:
        - Name: !Join ['-', [app, !Ref AWS::Region]]
          Image: !Ref Image
          Memory: !Select [0, [512, 1024]]
          Essential: !Equals [a, a]
          PortMappings:
            - ContainerPort: !Ref AWS::NoValue
          LogConfiguration:
            LogDriver: awslogs
            Options:
              awslogs-group: !Ref Logs
              awslogs-region: !Ref AWS::Region
              awslogs-stream-prefix: web
Conditions:
  IsBig: !Equals [a, b]
  Role: !Equals [a, b]
`;
  const found = problemsOf(text).filter((p) => p.code !== 'cloudformation.reference');
  assert.deepEqual(
    found.filter((p) => p.severity === 'error' || p.code === 'placeholder.value').map((p) => `${p.code} ${p.covered}`),
    [],
  );
});

test('a reference to nothing the template defines is reported on the name', () => {
  at(
    'cloudformation.reference',
    head +
      `Parameters:
  Image: { Type: String }
Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      ExecutionRoleArn: !GetAtt [|Rol|].Arn
      TaskRoleArn: { "Fn::GetAtt": [[|TaskRol|], Arn] }
      ContainerDefinitions:
        - Name: app
          Image: !Ref [|Imag|]
          Memory: 512
          Environment:
            - Name: REGION
              Value: !Sub [|"\${AWS::Region}-\${Stage}"|]
            - Name: ROLE
              Value: !If [[|IsProd|], a, b]
`,
  );
});

test('a template with a transform adds names the text does not show: references are not checked', () => {
  const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      ContainerDefinitions:
        - { Name: app, Image: !Ref Generated, Memory: 512 }
`;
  assert.deepEqual(
    problemsOf(text).filter((p) => p.code === 'cloudformation.reference'),
    [],
  );
});

test("a parameter's default is checked, said so, and at most a warning", () => {
  const [p] = at(
    'fargate.invalid-size',
    head +
      `Parameters:
  Cpu:
    Type: Number
    Default: 300
Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: [|!Ref Cpu|]
      Memory: 512
      ContainerDefinitions:
        - { Name: app, Image: "nginx:1.27" }
`,
  );
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /^with parameter Cpu's default 300: /);
});

test('a mapping entry with literal keys is checked and said so; the first branch of a condition too', () => {
  const text =
    head +
    `Mappings:
  Sizes:
    web: { Mode: hostt }
Conditions:
  IsProd: !Equals [a, b]
Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      NetworkMode: !FindInMap [Sizes, web, Mode]
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          Memory: 512
          PortMappings:
            - ContainerPort: !If [IsProd, 70000, 80]
`;
  const found = problemsOf(text).filter((p) => p.code === 'schema.range' || p.code === 'schema.enum');
  const messages = found.map((p) => `${p.covered} | ${p.message}`);
  assert.ok(
    messages.some((m) => m.startsWith('!FindInMap [Sizes, web, Mode] | with mapping Sizes.web.Mode hostt: ')),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => m.startsWith('70000 | where condition IsProd is true: ')),
    messages.join('\n'),
  );
  for (const p of found) assert.notEqual(p.severity, 'error');
});

test('a Fn::Sub without variables is its string; Ref AWS::NoValue leaves the property out', () => {
  const [p] = at(
    'schema.enum',
    head +
      `Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      NetworkMode: [|!Sub "hostt"|]
      Cpu: !Ref AWS::NoValue
      ContainerDefinitions:
        - { Name: app, Image: "nginx:1.27", Memory: 512 }
`,
  );
  assert.match(p.message, /host/);
});

test('a value of the wrong shape is reported once, on the value', () => {
  const marked =
    head +
    `Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          Memory: 512
          Environment: [|{ Name: A, Value: b }|]
          Essential: [|"yes"|]
          PortMappings:
            - ContainerPort: "8080"
`;
  at('cloudformation.shape', marked);
  const { text } = parseMarkers(marked);
  assert.deepEqual(
    problemsOf(text)
      .filter((p) => p.severity === 'error' && p.code !== 'cloudformation.shape')
      .map((p) => p.code),
    [],
    'a number written as a string is converted, as CloudFormation does',
  );
});

test('a service pairs with the task definition it references, inside the template', () => {
  const marked =
    head +
    `Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - { Name: app, Image: "nginx:1.27", Memory: 512, PortMappings: [{ ContainerPort: 8080 }] }
  Service:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: !Ref TaskDef
      DesiredCount: 2
      LoadBalancers:
        - ContainerName: [|web|]
          ContainerPort: 8080
          TargetGroupArn: !Ref TargetGroup
  TargetGroup:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
`;
  const [p] = at('service.load-balancer-container', marked);
  assert.match(p.message, /"app"/);
  const file = readSourceFile('file:///work/stack.yaml', parseMarkers(marked).text, defaultSettings);
  assert.deepEqual(
    file.documents.map((d) => [d.uri, d.kind, d.family]),
    [
      ['file:///work/stack.yaml#TaskDef', 'task-definition', 'TaskDef'],
      ['file:///work/stack.yaml#Service', 'service', 'TaskDef'],
    ],
  );
});

test('placement strategies are written the API way', () => {
  const text =
    head +
    `Resources:
  Service:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: web
      TaskDefinition: web:3
      PlacementStrategies:
        - { Field: memory, Type: binpack }
`;
  const [doc] = readSourceFile('file:///work/stack.yaml', text, defaultSettings).documents;
  assert.deepEqual(JSON.parse(doc.text), {
    serviceName: 'web',
    taskDefinition: 'web:3',
    placementStrategy: [{ field: 'memory', type: 'binpack' }],
  });
});

test('templates are recognised by content; other YAML and JSON files are left alone', () => {
  const s = defaultSettings;
  assert.ok(surfaceFor('file:///w/a.yaml', head + 'Resources: {}\n', s));
  assert.ok(
    surfaceFor('file:///w/cdk.out/App.template.json', '{"Resources":{"T":{"Type":"AWS::ECS::TaskDefinition"}}}', s),
  );
  assert.equal(surfaceFor('file:///w/.github/workflows/ci.yml', 'on: push\njobs: {}\n', s), undefined);
  assert.equal(surfaceFor('file:///w/task.json', '{"family":"web","containerDefinitions":[]}', s), undefined);
  assert.equal(surfaceFor('file:///w/a.yaml', head, { ...s, surfaces: { cloudformation: false } }), undefined);
});

test('a broken template is one syntax problem, never a crash', () => {
  const found = problemsOf(head + 'Resources:\n  T: [unclosed\n');
  assert.deepEqual(
    found.map((p) => p.code),
    ['cloudformation.syntax'],
  );
  assert.deepEqual(
    problemsOf('{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {', 'file:///w/t.json').map((p) => p.code),
    ['cloudformation.syntax'],
  );
});

test('a condition choosing between values checks both branches, each said so', () => {
  const text =
    head +
    `Conditions:
  IsProd: !Equals [a, b]
Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          Memory: 512
          PortMappings:
            - ContainerPort: !If [IsProd, 80, 70000]
            - ContainerPort: !If [IsProd, 90000, !Ref AWS::NoValue]
`;
  const found = problemsOf(text).filter((p) => p.code === 'schema.range');
  assert.deepEqual(found.map((p) => `${p.covered} ${p.severity} ${p.message.split(':')[0]}`).sort(), [
    '70000 warning where condition IsProd is false',
    '90000 warning where condition IsProd is true',
  ]);
});

test('inside a condition, a parameter is not taken at its default (the condition often tests it)', () => {
  const text =
    head +
    `Parameters:
  Role: { Type: String, Default: "" }
Conditions:
  HasRole: !Not [!Equals [!Ref Role, ""]]
Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      TaskRoleArn: !If [HasRole, !Ref Role, !Ref AWS::NoValue]
      ContainerDefinitions:
        - { Name: app, Image: "nginx:1.27", Memory: 512 }
`;
  assert.deepEqual(
    problemsOf(text)
      .filter((p) => p.severity === 'error' || p.severity === 'warning')
      .map((p) => p.code),
    [],
  );
  const [doc] = readSourceFile('file:///work/stack.yaml', text, defaultSettings).documents;
  assert.match(JSON.parse(doc.text).taskRoleArn, /^\$\{/);
});

test("a rule's message names the template's properties; the same finding in a JSON file keeps the API's names", () => {
  const marked =
    head +
    `Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          Memory: [|4|]
          HealthCheck:
            Command: [CMD-SHELL, 'true']
            Interval: [|3|]
`;
  const [memory] = at('resources.container-memory-minimum', marked.replace('[|3|]', '3'));
  assert.match(memory.message, /^Memory is 4 MiB/);
  const [interval] = at('health-check.range', marked.replace('[|4|]', '4'));
  assert.match(interval.message, /^HealthCheck\.Interval is /);
  const [writable] = problemsOf(parseMarkers(marked).text).filter(
    (p) => p.code === 'security.writable-root-filesystem',
  );
  assert.match(writable.message, /set "ReadonlyRootFilesystem": true/);
  assert.match(writable.message, /container "app"/, 'a container name is not a property');

  const json = JSON.stringify({
    family: 'web',
    containerDefinitions: [
      { name: 'app', image: 'nginx:1.27', memory: 4, healthCheck: { command: ['CMD-SHELL', 'true'], interval: 3 } },
    ],
  });
  const file = readSourceFile('file:///work/web.json', json, defaultSettings);
  const ws = staticWorkspace(file.documents);
  const messages = new Map(
    sourceProblems(file, (d) => validateDocument(d, defaultSettings, ws)).map((p) => [p.code, p.message]),
  );
  assert.match(messages.get('resources.container-memory-minimum') ?? '', /^memory is 4 MiB/);
  assert.match(messages.get('health-check.range') ?? '', /^healthCheck\.interval is /);
  assert.match(messages.get('security.writable-root-filesystem') ?? '', /set "readonlyRootFilesystem": true/);
});
