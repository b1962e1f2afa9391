/**
 * A CDK-sized template: a synthesized JSON template of about 5 MB (many stacks' worth of task definitions
 * and services, with the intrinsics CDK writes), read and checked whole. Measures the parts a file change
 * costs: reading the template (parse + API documents) and checking each resource's document; the longest
 * single step is what the server can be blocked for.
 */
import { readSourceFile, sourceProblems } from '../../server/src/surfaces';
import { defaultSettings } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation';
import { staticWorkspace } from '../../server/src/service/workspace';

export function cdkTemplate(targetBytes: number): string {
  const resources: Record<string, unknown> = {};
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    resources[`WebTaskDef${i}ABCD1234`] = {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        Family: `stackwebtaskdef${i}`,
        NetworkMode: 'awsvpc',
        RequiresCompatibilities: ['FARGATE'],
        Cpu: '512',
        Memory: '1024',
        ExecutionRoleArn: { 'Fn::GetAtt': [`WebTaskDef${i}ExecutionRole`, 'Arn'] },
        TaskRoleArn: { 'Fn::GetAtt': [`WebTaskDef${i}TaskRole`, 'Arn'] },
        ContainerDefinitions: [
          {
            Name: 'web',
            Image: { 'Fn::Join': ['', [{ Ref: 'AWS::AccountId' }, '.dkr.ecr.', { Ref: 'AWS::Region' }, '/web:1']] },
            Essential: true,
            PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp' }],
            Environment: Array.from({ length: 20 }, (_, k) => ({ Name: `VAR_${k}`, Value: `value-${k}` })),
            LogConfiguration: {
              LogDriver: 'awslogs',
              Options: {
                'awslogs-group': { Ref: `WebLogGroup${i}` },
                'awslogs-stream-prefix': 'web',
                'awslogs-region': { Ref: 'AWS::Region' },
              },
            },
          },
        ],
      },
    };
    bytes += JSON.stringify(resources[`WebTaskDef${i}ABCD1234`], null, 1).length * 1.2;
    resources[`WebTaskDef${i}ExecutionRole`] = { Type: 'AWS::IAM::Role' };
    resources[`WebTaskDef${i}TaskRole`] = { Type: 'AWS::IAM::Role' };
    resources[`WebLogGroup${i}`] = { Type: 'AWS::Logs::LogGroup' };
    resources[`WebService${i}`] = {
      Type: 'AWS::ECS::Service',
      Properties: {
        Cluster: { Ref: 'Cluster' },
        TaskDefinition: { Ref: `WebTaskDef${i}ABCD1234` },
        DesiredCount: 2,
        LaunchType: 'FARGATE',
        NetworkConfiguration: {
          AwsvpcConfiguration: { Subnets: [{ Ref: 'SubnetA' }, { Ref: 'SubnetB' }], AssignPublicIp: 'DISABLED' },
        },
      },
    };
  }
  resources.Cluster = { Type: 'AWS::ECS::Cluster' };
  resources.SubnetA = { Type: 'AWS::EC2::Subnet' };
  resources.SubnetB = { Type: 'AWS::EC2::Subnet' };
  return JSON.stringify({ Resources: resources, Parameters: { BootstrapVersion: { Type: 'String' } } }, null, 1);
}

export function benchCloudFormation(): Array<{ name: string; ms: number; detail?: string }> {
  const text = cdkTemplate(5 * 1024 * 1024);
  const uri = 'file:///bench/cdk.out/Stack.template.json';
  let t = performance.now();
  const file = readSourceFile(uri, text, defaultSettings);
  const read = performance.now() - t;
  const ws = staticWorkspace(file.documents);
  let longest = 0;
  t = performance.now();
  const problems = sourceProblems(file, (d) => {
    const start = performance.now();
    const found = validateDocument(d, defaultSettings, ws);
    longest = Math.max(longest, performance.now() - start);
    return found;
  });
  const check = performance.now() - t;
  const mb = (text.length / 1024 / 1024).toFixed(1);
  return [
    {
      name: `CDK template ${mb} MB: read (parse + ${file.documents.length} API documents)`,
      ms: read,
      detail: `one blocking step: the whole read; ${problems.length} problems`,
    },
    {
      name: `CDK template ${mb} MB: check every resource`,
      ms: check,
      detail: `longest single resource: ${longest.toFixed(2)} ms`,
    },
  ];
}
