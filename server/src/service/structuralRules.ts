import type { DocumentKind } from './document';
import type { Severity } from './problem';
import type { RuleCode } from './ruleCodes';

/** Descriptions of the syntax and schema checks, listed with the semantic rules by `ecs-lens rules`. */
export interface RuleDescription {
  code: RuleCode;
  severity: Severity;
  /** The document kinds it checks; `.ecs-lens.json` for the project configuration. */
  kinds: readonly (DocumentKind | '.ecs-lens.json')[];
  summary: string;
  rationale: string;
}

const ecsKinds: readonly DocumentKind[] = ['task-definition', 'describe-output', 'service'];

export const structuralRules: readonly RuleDescription[] = [
  {
    code: 'json.syntax',
    severity: 'error',
    kinds: ecsKinds,
    summary: 'The file is not valid JSON.',
    rationale: 'The AWS CLI and SDKs parse --cli-input-json as strict JSON and stop at the first syntax error.',
  },
  {
    code: 'json.comment',
    severity: 'error',
    kinds: ecsKinds,
    summary: 'A comment in the JSON.',
    rationale: 'Strict JSON has no comments; the AWS CLI rejects a file that contains one.',
  },
  {
    code: 'json.trailing-comma',
    severity: 'error',
    kinds: ecsKinds,
    summary: 'A comma after the last member or element.',
    rationale: 'Strict JSON does not allow trailing commas; the AWS CLI rejects the file.',
  },
  {
    code: 'json.too-deep',
    severity: 'error',
    kinds: ecsKinds,
    summary: 'JSON nested more than 200 levels deep; the file is not checked further.',
    rationale: 'No ECS document nests that deep; refusing it keeps the checker fast and safe on hostile input.',
  },
  {
    code: 'problems.more',
    severity: 'information',
    kinds: ecsKinds,
    summary: 'Once per file: how many more problems there are than the editor shows.',
    rationale: 'A file broken in many places lists its first problems; the rest follow once those are fixed.',
  },
  {
    code: 'schema.unknown-member',
    severity: 'error',
    kinds: ecsKinds,
    summary: 'A member the ECS API does not define at that place (with a did-you-mean fix).',
    rationale:
      'The AWS CLI validates parameters against the API model and refuses unknown members ("Unknown parameter").',
  },
  {
    code: 'schema.type',
    severity: 'error',
    kinds: ecsKinds,
    summary: 'A value of the wrong JSON type, e.g. a string where the API takes a number.',
    rationale: 'Parameter validation in the CLI and SDKs rejects a value whose type differs from the API model.',
  },
  {
    code: 'schema.enum',
    severity: 'error',
    kinds: ecsKinds,
    summary: 'A value outside the set the API allows, listing the allowed values.',
    rationale: 'ECS rejects enum members it does not know with a ClientException or InvalidParameterException.',
  },
  {
    code: 'schema.required',
    severity: 'error',
    kinds: ecsKinds,
    summary: 'A member the API requires is missing.',
    rationale: 'The request fails validation before it reaches ECS.',
  },
  {
    code: 'schema.null-value',
    severity: 'error',
    kinds: ecsKinds,
    summary: 'A member set to null.',
    rationale:
      'The AWS CLI (botocore) type-checks every given parameter and rejects null ("Invalid type for parameter ..., value: None"); the SDKs treat a missing member as unset, so omit it instead.',
  },
  {
    code: 'schema.range',
    severity: 'error',
    kinds: ecsKinds,
    summary:
      'A number outside its documented range (ports, desiredCount); health-check timings and ephemeral storage have their own rules.',
    rationale: 'ECS rejects out-of-range values at registration or creation.',
  },
  {
    code: 'schema.pattern',
    severity: 'error',
    kinds: ecsKinds,
    summary: 'A name that does not follow its format (family, container name, service name).',
    rationale: 'ECS accepts up to 255 letters, digits, hyphens and underscores for these names.',
  },
  {
    code: 'schema.length',
    severity: 'error',
    kinds: ecsKinds,
    summary: 'A string that is empty or too long.',
    rationale: 'ECS enforces minimum and maximum lengths on names, tag keys and values.',
  },
  {
    code: 'schema.item-count',
    severity: 'error',
    kinds: ecsKinds,
    summary:
      'Too many or too few list entries (no container, more than 50 tags); containers, constraints and strategies have their own rules.',
    rationale: 'ECS needs at least one container and caps tags at 50 per resource.',
  },
  {
    code: 'schema.union',
    severity: 'error',
    kinds: ecsKinds,
    summary: 'A union member with more or fewer than one option set.',
    rationale: 'API unions take exactly one member.',
  },
  {
    code: 'json.duplicate-key',
    severity: 'warning',
    kinds: ecsKinds,
    summary:
      'A member given twice in one object: the earlier one is reported, naming the line of the one that wins (the last).',
    rationale:
      "The AWS CLI, the SDKs and ecspresso keep the last value and ignore the others without a word; the deploy action's YAML parser refuses the file (an error there).",
  },
  {
    code: 'value.empty',
    severity: 'error',
    kinds: ecsKinds,
    summary:
      'An empty string where ECS needs a value (image, log group, secret reference, container name, target group, …), under a consumer that sends it as it is.',
    rationale:
      'An empty reference names nothing: registration or the awslogs driver refuses it. Tools that drop empty values (the deploy action, ecspresso) are not affected.',
  },
  {
    code: 'context.consumer-tolerates',
    severity: 'information',
    kinds: ecsKinds,
    summary:
      'Once per file: the deploy tool that consumes it leaves out nulls, empty values or describe-only members, or reads member names whatever their case.',
    rationale:
      'aws-actions/amazon-ecs-deploy-task-definition and ecspresso clean the file before ECS sees it, so these are not mistakes there; they are also not checked.',
  },
  {
    code: 'schema.read-only-member',
    severity: 'warning',
    kinds: ['task-definition', 'describe-output'],
    summary:
      'A member of describe-task-definition output (taskDefinitionArn, revision, status, …); an error where the AWS CLI registers the file.',
    rationale:
      'register-task-definition does not accept the members ECS sets itself; files copied from describe output must drop them. The AWS CLI sends them and the call fails, so under it they are errors; deploy tools that strip them (the deploy action, ecspresso) never send them.',
  },
  {
    code: 'schema.invalid',
    severity: 'error',
    kinds: ecsKinds,
    summary: 'A value the schema rejects for a reason none of the codes above names.',
    rationale: 'The value does not match the API model; the message says how.',
  },
  {
    code: 'config.unknown-rule',
    severity: 'warning',
    kinds: ['.ecs-lens.json'],
    summary: 'A rule code in .ecs-lens.json that names no rule (the message suggests the nearest code).',
    rationale:
      'A misspelt code changes nothing: the rule it meant keeps its severity. `ecs-lens check` stops with exit 2 on it, as on an unknown --rule.',
  },
  {
    code: 'cloudformation.syntax',
    severity: 'error',
    kinds: ['task-definition', 'service'],
    summary: 'A CloudFormation template that is not valid YAML or JSON; its resources are not checked further.',
    rationale: 'CloudFormation refuses a template it cannot parse before it creates or updates anything.',
  },
  {
    code: 'cloudformation.unknown-property',
    severity: 'error',
    kinds: ['task-definition', 'service'],
    summary:
      'A property an ECS resource of a CloudFormation template does not have at that place (with a did-you-mean fix), per the resource schema.',
    rationale:
      'CloudFormation validates properties against the resource type schema and fails the stack operation on one it does not define.',
  },
  {
    code: 'cloudformation.reference',
    severity: 'error',
    kinds: ['task-definition', 'service'],
    summary:
      'A `Ref`, `Fn::GetAtt`, `Fn::Sub` variable or `Fn::If` condition in an ECS resource that names nothing the template defines (not checked in templates with a `Transform`, which add names).',
    rationale: 'CloudFormation rejects the template ("Unresolved resource dependencies") before it creates anything.',
  },
  {
    code: 'cloudformation.shape',
    severity: 'error',
    kinds: ['task-definition', 'service'],
    summary:
      'A property value of the wrong shape: a single value where the resource schema takes a list or a map, a word where it takes a number or true/false.',
    rationale:
      'CloudFormation converts numbers and booleans written as strings, and refuses a value it cannot convert to the schema type.',
  },
  {
    code: 'internal.rule-failed',
    severity: 'hint',
    kinds: ecsKinds,
    summary: 'A check failed on this document (a fault in ECS Lens, not in the file); the other checks still ran.',
    rationale: 'One failing check must not hide the findings of the others.',
  },
  {
    code: 'terraform.unknown-argument',
    severity: 'error',
    kinds: ['task-definition', 'service'],
    summary:
      'Terraform: an argument or block that aws_ecs_task_definition or aws_ecs_service does not have (with a did-you-mean fix).',
    rationale:
      'terraform validate and terraform plan stop at an argument the provider schema does not define ("Unsupported argument").',
  },
  {
    code: 'terraform.missing-reference',
    severity: 'error',
    kinds: ['task-definition', 'service'],
    summary: 'Terraform: a reference to an aws_ecs_* resource that no .tf file of the module declares.',
    rationale:
      'Terraform resolves references within the module; one to an undeclared resource stops the plan ("Reference to undeclared resource"). Checked only when every .tf file of the folder could be read.',
  },
  {
    code: 'terraform.invalid-json',
    severity: 'error',
    kinds: ['task-definition'],
    summary: 'Terraform: container_definitions written as a string or heredoc that is not JSON.',
    rationale:
      'The AWS provider decodes container_definitions as JSON and refuses the resource when it is not; interpolations are read as unknown values, not as mistakes.',
  },
];

const constraintKinds: readonly DocumentKind[] = ['task-definition', 'describe-output', 'service'];

/** Codes of the cluster query language checks inside memberOf expressions (docs/query-language.md). */
export const queryLanguageRules: readonly RuleDescription[] = [
  {
    code: 'cql.syntax',
    severity: 'error',
    kinds: constraintKinds,
    summary:
      'A memberOf expression that does not parse: unbalanced parentheses, a missing operand or value, an unknown operator, an unterminated list.',
    rationale: 'ECS rejects the constraint when the service is created or the task is run.',
  },
  {
    code: 'cql.unknown-subject',
    severity: 'error',
    kinds: constraintKinds,
    summary:
      'A subject the query language does not have (it knows attribute:<name>, ec2InstanceId, agentConnected, agentVersion, registeredAt, runningTasksCount, task:group).',
    rationale: 'ECS rejects expressions with unknown subjects.',
  },
  {
    code: 'cql.operator-not-allowed',
    severity: 'error',
    kinds: constraintKinds,
    summary: 'An operator the subject does not accept, e.g. a regular expression on registeredAt.',
    rationale: 'Each subject supports a fixed set of operators; others are rejected.',
  },
  {
    code: 'cql.unknown-attribute',
    severity: 'warning',
    kinds: constraintKinds,
    summary: 'An ecs.* attribute that ECS does not define (with a suggestion).',
    rationale:
      'ECS sets only its documented ecs.* attributes; a misspelt one matches no instance and tasks stop being placed.',
  },
  {
    code: 'cql.invalid-attribute-name',
    severity: 'error',
    kinds: constraintKinds,
    summary: 'A custom attribute name that is too long or has characters attribute names cannot have.',
    rationale: 'Attribute names are 1 to 128 letters, digits, hyphens, underscores, slashes, backslashes and periods.',
  },
  {
    code: 'cql.invalid-regex',
    severity: 'error',
    kinds: constraintKinds,
    summary: 'A pattern after =~ or !~ that is not a valid regular expression.',
    rationale: 'ECS evaluates patterns as Java regular expressions and rejects invalid ones.',
  },
  {
    code: 'cql.unsupported-regex',
    severity: 'warning',
    kinds: constraintKinds,
    summary:
      'A Java regular-expression feature ECS Lens cannot evaluate (backreferences, lookaround, possessive quantifiers).',
    rationale:
      'ECS Lens evaluates patterns in linear time so that no pattern can hang it; such patterns are not simulated.',
  },
  {
    code: 'cql.invalid-date',
    severity: 'error',
    kinds: constraintKinds,
    summary: 'A registeredAt value that is not a date (2018-06-18, 2018-06-18T22:28:28Z, with or without zone).',
    rationale: 'ECS compares registeredAt with dates only.',
  },
  {
    code: 'cql.invalid-version',
    severity: 'error',
    kinds: constraintKinds,
    summary: 'An agentVersion value that is not a version such as 1.14.5.',
    rationale: 'ECS compares agent versions numerically.',
  },
  {
    code: 'cql.invalid-number',
    severity: 'error',
    kinds: constraintKinds,
    summary: 'A runningTasksCount value that is not a whole number.',
    rationale: 'ECS compares the count numerically.',
  },
  {
    code: 'cql.never-matches',
    severity: 'warning',
    kinds: constraintKinds,
    summary:
      'A comparison with a value a built-in attribute never takes (ecs.os-type == Linux, ecs.cpu-architecture == amd64).',
    rationale: 'Built-in attributes have fixed spellings; a comparison that can never match leaves the tasks unplaced.',
  },
  {
    code: 'cql.too-long',
    severity: 'error',
    kinds: constraintKinds,
    summary: 'An expression over 2000 characters.',
    rationale: 'ECS limits expressions to 2000 characters.',
  },
  {
    code: 'cql.too-deep',
    severity: 'error',
    kinds: constraintKinds,
    summary: 'Parentheses or not nested more than 100 levels.',
    rationale: 'No real expression nests that deep; the limit keeps evaluation safe on hostile input.',
  },
];
