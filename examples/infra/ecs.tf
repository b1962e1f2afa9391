# The services of the JSON examples (web-task-def.json, web-service-def.json, ec2-worker-*.json) written as a
# Terraform module. One mistake is left in on purpose: ECS Lens points at it and offers the fix.

variable "web_image_tag" {
  type    = string
  default = "1.4.2"
}

variable "subnets" {
  type    = list(string)
  default = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
}

variable "web_target_group_arn" {
  type    = string
  default = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"
}

locals {
  account = "123456789012"
  region  = "us-east-1"
}

resource "aws_ecs_cluster" "production" {
  name = "production"
}

resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = "arn:aws:iam::${local.account}:role/ecsTaskExecutionRole"
  task_role_arn            = "arn:aws:iam::${local.account}:role/web-task"

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "${local.account}.dkr.ecr.${local.region}.amazonaws.com/web:${var.web_image_tag}"
      essential = true
      portMappings = [
        { name = "http", containerPort = 8080, protocol = "tcp", appProtocol = "http" }
      ]
      environment = [
        { name = "PORT", value = "8080" },
        { name = "LOG_LEVEL", value = "info" }
      ]
      secrets = [
        { name = "DATABASE_URL", valueFrom = "arn:aws:ssm:${local.region}:${local.account}:parameter/web/database-url" }
      ]
      helthCheck = {
        command     = ["CMD-SHELL", "curl -fs http://localhost:8080/health || exit 1"]
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 10
      }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = "/ecs/web"
          awslogs-region        = local.region
          awslogs-stream-prefix = "web"
        }
      }
    }
  ])
}

resource "aws_ecs_service" "web" {
  name                               = "web"
  cluster                            = aws_ecs_cluster.production.id
  task_definition                    = aws_ecs_task_definition.web.arn
  desired_count                      = 3
  launch_type                        = "FARGATE"
  health_check_grace_period_seconds  = 30
  deployment_maximum_percent         = 200
  deployment_minimum_healthy_percent = 100

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnets
    security_groups  = ["sg-0a1b2c3d4e5f60001"]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = var.web_target_group_arn
    container_name   = "web"
    container_port   = 8080
  }
}

resource "aws_ecs_task_definition" "worker" {
  family                   = "worker"
  network_mode             = "bridge"
  requires_compatibilities = ["EC2"]
  execution_role_arn       = "arn:aws:iam::${local.account}:role/ecsTaskExecutionRole"

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:ecs.instance-type =~ m5.*"
  }

  container_definitions = <<-EOT
    [
      {
        "name": "worker",
        "image": "public.ecr.aws/docker/library/python:3.12-slim",
        "essential": true,
        "cpu": 256,
        "memory": 768,
        "memoryReservation": 512,
        "command": ["python", "-m", "http.server", "8000"],
        "portMappings": [{ "containerPort": 8000, "hostPort": 0, "protocol": "tcp" }],
        "environment": [{ "name": "QUEUE_NAME", "value": "jobs" }],
        "logConfiguration": {
          "logDriver": "awslogs",
          "options": {
            "awslogs-group": "/ecs/worker",
            "awslogs-region": "${local.region}",
            "awslogs-stream-prefix": "worker"
          }
        }
      }
    ]
  EOT
}

resource "aws_ecs_service" "worker" {
  name                               = "worker"
  cluster                            = aws_ecs_cluster.production.id
  task_definition                    = aws_ecs_task_definition.worker.family
  desired_count                      = 6
  launch_type                        = "EC2"
  deployment_maximum_percent         = 200
  deployment_minimum_healthy_percent = 50

  ordered_placement_strategy {
    type  = "spread"
    field = "attribute:ecs.availability-zone"
  }

  ordered_placement_strategy {
    type  = "binpack"
    field = "memory"
  }

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:ecs.availability-zone != us-east-1d"
  }
}
