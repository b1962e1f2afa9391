import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot, tsFiles } from '../sourceTree';
import { placementOptions } from '../../../server/src/service/placementOptions';
import { knownInstanceTypes } from '../../../server/src/ecs/instanceTypes';

type Schema = { definitions: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }> };
const schema = (file: string) => JSON.parse(readFileSync(join(root, 'schemas', file), 'utf8')) as Schema;

const root = repoRoot;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A number as code may spell it: 10000, 10_000 or 10,000. */
function spelled(n: number): string {
  const digits = String(n);
  if (digits.length < 4) return digits;
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join('[_,]?');
}

/** Patterns for the ECS facts the server's tables own, each with what it stands for. */
function ownedFacts(): Array<{ pattern: RegExp; fact: string }> {
  const options = placementOptions();
  const facts: Array<{ pattern: RegExp; fact: string }> = [];
  for (const t of [...options.strategyTypes, ...options.constraintTypes])
    facts.push({ pattern: new RegExp(`['"\`]${escape(t.type)}['"\`]`), fact: `the type name '${t.type}'` });
  for (const t of options.strategyTypes)
    for (const field of t.suggestions)
      if (field.startsWith('attribute:'))
        facts.push({ pattern: new RegExp(escape(field)), fact: `the strategy field '${field}'` });
  facts.push({ pattern: /attribute:ecs\./, fact: 'a built-in attribute' });
  // Instance types: the server's table (ecs/instanceTypes.ts) knows their sizes; the client names none.
  const types = knownInstanceTypes();
  facts.push({ pattern: new RegExp(`\\b(?:${types.map(escape).join('|')})\\b`), fact: 'an instance type' });
  // Regions and zones (us-east-1, eu-west-3b, us-gov-west-1): a default cluster's place is the server's choice.
  facts.push({
    pattern: /\b[a-z]{2}(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central)(?:east|west)?-\d[a-z]?\b/,
    fact: 'a Region or zone name',
  });
  // Enum values of the API the server reads from the SDK's models: deployment strategy and controller, scheduling
  // strategy, and a container instance's status.
  const service = schema('generated/service.schema.json').definitions;
  const enums = [
    ...(service.DeploymentStrategy.enum ?? []),
    ...(service.DeploymentControllerType.enum ?? []),
    ...(service.SchedulingStrategy.enum ?? []),
    ...(schema('cluster.schema.json').definitions.instanceGroup.properties?.status.enum ?? []),
  ];
  for (const value of enums)
    facts.push({ pattern: new RegExp(`['"\`]${escape(value)}['"\`]`), fact: `the API value '${value}'` });
  for (const [member, field] of Object.entries(options.managedScaling)) {
    for (const n of [field.min, field.max, field.default]) {
      // Large figures anywhere; small ones where they are compared with or assigned to the member.
      if (n >= 1000) facts.push({ pattern: new RegExp(`\\b${spelled(n)}\\b`), fact: `${member} ${n}` });
      facts.push({
        pattern: new RegExp(`${member}[^\\n]{0,40}[<>=:]=?\\s*${spelled(n)}\\b`),
        fact: `${member} ${n}`,
      });
    }
  }
  return facts;
}

test('no client file holds an ECS literal the server owns (strategy and constraint types, attributes, managed-scaling ranges and defaults, instance types, Regions and zones, API enum values)', () => {
  const facts = ownedFacts();
  assert.ok(facts.length >= 10, 'the server tables name the facts');
  const files = tsFiles(join(root, 'client', 'src'));
  assert.ok(files.length > 10, 'the client sources are found');
  const found = new Set<string>();
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      // Comments may name what the code asks the server for.
      const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
      for (const { pattern, fact } of facts)
        if (pattern.test(code)) found.add(`${relative(root, file)}:${i + 1}: ${fact}`);
    });
  }
  assert.deepEqual([...found], []);
});

test('the facts this scan looks for are found where they are written', () => {
  const facts = ownedFacts();
  const hits = (code: string) => facts.filter((f) => f.pattern.test(code)).map((f) => f.fact);
  assert.ok(hits(`types: ['spread', 'binpack', 'random'],`).length >= 3);
  assert.ok(hits(`added: { type: 'distinctInstance' },`).length >= 1);
  assert.ok(hits(`placeholder: 'attribute:ecs.availability-zone'`).length >= 1);
  assert.ok(hits(`minStep <= 10_000 ? { minimumScalingStepSize: minStep } : {}`).length >= 1);
  assert.ok(hits(`targetCapacity !== undefined && targetCapacity <= 100`).length >= 1);
  assert.deepEqual(hits(`const width = 100; // a hundred pixels`), []);
  assert.ok(hits(`instanceType: 'm5.large',`).includes('an instance type'));
  assert.ok(hits(`availabilityZones: ['us-east-1a', 'us-east-1b'],`).includes('a Region or zone name'));
  assert.ok(hits(`region: 'eu-central-1'`).includes('a Region or zone name'));
  assert.ok(hits(`result.strategy === 'ROLLING'`).length >= 1);
  assert.ok(hits(`instance.status !== 'ACTIVE'`).length >= 1);
  assert.ok(hits(`controller === "CODE_DEPLOY"`).length >= 1);
  assert.deepEqual(hits(`h('p', null, 'rolling update · the ECS scheduler (DAEMON)')`), []);
});
