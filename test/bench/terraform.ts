/**
 * A Terraform module of 2,000 ECS resources (1,000 task definitions with jsonencode containers, 1,000
 * services): how long its one file takes to parse, to read into API documents (one synchronous step of the
 * server) and to check, document by document (the server can yield between documents).
 */
import { parseHcl } from '../../server/src/surfaces/terraform/parser';
import { prepareSurfaces, readSourceFile, toSourceProblems } from '../../server/src/surfaces';
import { defaultSettings } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation';
import { staticWorkspace } from '../../server/src/service/workspace';
import { median } from './simulate';

export function terraformModule(pairs: number): string {
  const out: string[] = ['variable "tag" {\n  default = "1.0.0"\n}\n'];
  for (let i = 0; i < pairs; i++)
    out.push(`resource "aws_ecs_task_definition" "app_${i}" {
  family                   = "app-${i}"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
  container_definitions = jsonencode([
    {
      name         = "app"
      image        = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-${i}:\${var.tag}"
      essential    = true
      portMappings = [{ containerPort = 8080, protocol = "tcp" }]
      environment  = [{ name = "INDEX", value = "${i}" }, { name = "MODE", value = "web" }]
      logConfiguration = {
        logDriver = "awslogs"
        options   = { awslogs-group = "/ecs/app-${i}", awslogs-region = "us-east-1", awslogs-stream-prefix = "app" }
      }
    }
  ])
}

resource "aws_ecs_service" "app_${i}" {
  name            = "app-${i}"
  cluster         = "production"
  task_definition = aws_ecs_task_definition.app_${i}.arn
  desired_count   = 2
  launch_type     = "FARGATE"
  network_configuration {
    subnets         = ["subnet-0a1b2c3d4e5f60001"]
    security_groups = ["sg-0a1b2c3d4e5f60001"]
  }
}
`);
  return out.join('\n');
}

export async function benchTerraform(): Promise<Array<{ name: string; ms: number; detail: string }>> {
  await prepareSurfaces();
  const text = terraformModule(1000);
  const uri = 'untitled:/bench/ecs.tf';
  const parse: number[] = [];
  const read: number[] = [];
  const checkMax: number[] = [];
  const checkTotal: number[] = [];
  let documents = 0;
  let problems = 0;
  for (let run = 0; run < 5; run++) {
    let t = performance.now();
    parseHcl(text)?.delete();
    parse.push(performance.now() - t);
    t = performance.now();
    const file = readSourceFile(uri, text, defaultSettings);
    read.push(performance.now() - t);
    documents = file.documents.length;
    const workspace = staticWorkspace(file.documents);
    let longest = 0;
    problems = 0;
    const start = performance.now();
    for (const doc of file.documents) {
      const one = performance.now();
      problems += toSourceProblems(doc, validateDocument(doc, defaultSettings, workspace), text).length;
      longest = Math.max(longest, performance.now() - one);
    }
    checkTotal.push(performance.now() - start);
    checkMax.push(longest);
  }
  const size = `${(text.length / 1024).toFixed(0)} KiB, ${text.split('\n').length.toLocaleString('en-US')} lines, ${documents} documents, ${problems} problems`;
  return [
    { name: 'Terraform module of 2,000 ECS resources: tree-sitter parse', ms: median(parse), detail: size },
    {
      name: 'Terraform module of 2,000 ECS resources: read into API documents (parse included, one synchronous step)',
      ms: median(read),
      detail: '',
    },
    {
      name: 'Terraform module of 2,000 ECS resources: check every document (total; longest single document below)',
      ms: median(checkTotal),
      detail: `longest single document: ${median(checkMax).toFixed(1)} ms`,
    },
  ];
}
