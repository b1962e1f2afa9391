import { strategyType } from '../ecs/placementStrategies';
import { fargateNofileDefault } from '../ecs/limits';

/** Snippets offered where a whole object of a shape is expected, keyed by the API shape name. */
export interface ShapeSnippet {
  label: string;
  detail: string;
  body: string;
}

export const shapeSnippets: Record<string, ShapeSnippet[]> = {
  ContainerDefinition: [
    {
      label: 'New container definition',
      detail: 'name, image, essential, port mapping and awslogs logging',
      body: [
        '{',
        '\t"name": "${1:app}",',
        '\t"image": "${2:public.ecr.aws/nginx/nginx:1.27}",',
        '\t"essential": true,',
        '\t"portMappings": [',
        '\t\t{ "containerPort": ${3:80}, "protocol": "tcp" }',
        '\t],',
        '\t"logConfiguration": {',
        '\t\t"logDriver": "awslogs",',
        '\t\t"options": {',
        '\t\t\t"awslogs-group": "${4:/ecs/app}",',
        '\t\t\t"awslogs-region": "${5:us-east-1}",',
        '\t\t\t"awslogs-stream-prefix": "${6:app}"',
        '\t\t}',
        '\t}',
        '}',
      ].join('\n'),
    },
  ],
  PortMapping: [
    {
      label: 'New port mapping',
      detail: 'containerPort and protocol',
      body: '{ "containerPort": ${1:80}, "protocol": "${2|tcp,udp|}" }',
    },
  ],
  Ulimit: [
    {
      label: 'New nofile ulimit',
      detail: 'open files, soft and hard limit',
      body: `{ "name": "\${1:nofile}", "softLimit": \${2:${fargateNofileDefault}}, "hardLimit": \${3:${fargateNofileDefault}} }`,
    },
  ],
  KeyValuePair: [
    {
      label: 'New environment variable',
      detail: 'name and value',
      body: '{ "name": "${1:NAME}", "value": "${2:value}" }',
    },
  ],
  Secret: [
    {
      label: 'New secret',
      detail: 'name and valueFrom (Secrets Manager or SSM parameter ARN)',
      body: '{ "name": "${1:NAME}", "valueFrom": "${2:arn:aws:secretsmanager:us-east-1:123456789012:secret:name}" }',
    },
  ],
  LogConfiguration: [
    {
      label: 'awslogs log configuration',
      detail: 'CloudWatch Logs with group, region and stream prefix',
      body: '{\n\t"logDriver": "awslogs",\n\t"options": {\n\t\t"awslogs-group": "${1:/ecs/app}",\n\t\t"awslogs-region": "${2:us-east-1}",\n\t\t"awslogs-stream-prefix": "${3:app}"\n\t}\n}',
    },
  ],
  TaskDefinitionPlacementConstraint: [
    {
      label: 'New memberOf constraint',
      detail: 'cluster query language expression',
      body: '{ "type": "memberOf", "expression": "${1:attribute:ecs.instance-type =~ t3.*}" }',
    },
  ],
  PlacementConstraint: [
    {
      label: 'New memberOf constraint',
      detail: 'cluster query language expression',
      body: '{ "type": "memberOf", "expression": "${1:attribute:ecs.availability-zone in [us-east-1a, us-east-1b]}" }',
    },
    {
      label: 'New distinctInstance constraint',
      detail: 'each task on a different instance',
      body: '{ "type": "distinctInstance" }',
    },
  ],
  PlacementStrategy: [
    {
      label: 'Spread across availability zones',
      detail: `spread by ${strategyType('spread')!.defaultField}`,
      body: `{ "type": "spread", "field": "${strategyType('spread')!.defaultField}" }`,
    },
    {
      label: 'Binpack on memory',
      detail: 'fewest instances, least remaining memory first',
      body: `{ "type": "binpack", "field": "\${1|${binpackFields()}|}" }`,
    },
    { label: 'Random placement', detail: 'random', body: '{ "type": "random" }' },
  ],
};

/** binpack's fields, its default first, as a snippet choice list. */
function binpackFields(): string {
  const info = strategyType('binpack')!;
  return [info.defaultField!, ...info.fields.filter((f) => f !== info.defaultField)].join(',');
}
