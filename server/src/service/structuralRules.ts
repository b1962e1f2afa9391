import type { DocumentKind } from './document';
import type { Severity } from './problem';

/** Descriptions of the syntax and schema checks, listed with the semantic rules by `ecs-lens rules`. */
export interface RuleDescription {
  code: string;
  severity: Severity;
  kinds: readonly DocumentKind[];
  summary: string;
  rationale: string;
}

const ecsKinds: readonly DocumentKind[] = ['task-definition', 'describe-output', 'service'];

export const structuralRules: readonly RuleDescription[] = [
  { code: 'json.syntax', severity: 'error', kinds: ecsKinds, summary: 'The file is not valid JSON.', rationale: 'The AWS CLI and SDKs parse --cli-input-json as strict JSON and stop at the first syntax error.' },
  { code: 'json.comment', severity: 'error', kinds: ecsKinds, summary: 'A comment in the JSON.', rationale: 'Strict JSON has no comments; the AWS CLI rejects a file that contains one.' },
  { code: 'json.trailing-comma', severity: 'error', kinds: ecsKinds, summary: 'A comma after the last member or element.', rationale: 'Strict JSON does not allow trailing commas; the AWS CLI rejects the file.' },
  { code: 'schema.unknown-member', severity: 'error', kinds: ecsKinds, summary: 'A member the ECS API does not define at that place (with a did-you-mean fix).', rationale: 'The AWS CLI validates parameters against the API model and refuses unknown members ("Unknown parameter").' },
  { code: 'schema.type', severity: 'error', kinds: ecsKinds, summary: 'A value of the wrong JSON type, e.g. a string where the API takes a number.', rationale: 'Parameter validation in the CLI and SDKs rejects a value whose type differs from the API model.' },
  { code: 'schema.enum', severity: 'error', kinds: ecsKinds, summary: 'A value outside the set the API allows, listing the allowed values.', rationale: 'ECS rejects enum members it does not know with a ClientException or InvalidParameterException.' },
  { code: 'schema.required', severity: 'error', kinds: ecsKinds, summary: 'A member the API requires is missing.', rationale: 'The request fails validation before it reaches ECS.' },
  { code: 'schema.null-value', severity: 'error', kinds: ecsKinds, summary: 'A member set to null.', rationale: 'The AWS CLI (botocore) type-checks every given parameter and rejects null ("Invalid type for parameter ..., value: None"); the SDKs treat a missing member as unset, so omit it instead.' },
  { code: 'schema.range', severity: 'error', kinds: ecsKinds, summary: 'A number outside its documented range (ports, health-check timings, ephemeral storage, counts).', rationale: 'ECS rejects out-of-range values at registration or creation.' },
  { code: 'schema.pattern', severity: 'error', kinds: ecsKinds, summary: 'A name that does not follow its format (family, container name, service name).', rationale: 'ECS accepts up to 255 letters, digits, hyphens and underscores for these names.' },
  { code: 'schema.length', severity: 'error', kinds: ecsKinds, summary: 'A string that is empty or too long.', rationale: 'ECS enforces minimum and maximum lengths on names, tag keys and values.' },
  { code: 'schema.item-count', severity: 'error', kinds: ecsKinds, summary: 'Too many or too few list entries (containers, tags, constraints, strategies).', rationale: 'ECS caps these lists (10 containers, 50 tags, 10 constraints, 5 strategies).' },
  { code: 'schema.union', severity: 'error', kinds: ecsKinds, summary: 'A union member with more or fewer than one option set.', rationale: 'API unions take exactly one member.' },
  { code: 'schema.read-only-member', severity: 'warning', kinds: ['task-definition', 'describe-output'], summary: 'A member of describe-task-definition output (taskDefinitionArn, revision, status, …).', rationale: 'register-task-definition does not accept the members ECS sets itself; files copied from describe output must drop them.' },
];
