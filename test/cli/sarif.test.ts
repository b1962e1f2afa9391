import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';

const repoRoot = resolve(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'bin', 'ecs-lens.js');
const schema = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'sarif', 'sarif-2.1.0.schema.json'), 'utf8'));
const validateSarif = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);

const folder = mkdtempSync(join(tmpdir(), 'ecs-lens-sarif-'));
const taskPath = join(folder, 'web-task-def.json');
const task = {
  family: 'web',
  containerDefinitions: [
    {
      name: 'web',
      image: 'nginx:1.27',
      memory: 512,
      privileged: true,
      environment: [{ name: 'DB_PASSWORD', value: 'hunter2hunter2' }],
      enviroment: [],
    },
  ],
};

interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; properties: { tags: string[]; 'security-severity'?: string } }> } };
    results: Array<{
      ruleId: string;
      level: string;
      ruleIndex: number;
      partialFingerprints: Record<string, string>;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    }>;
  }>;
}

function sarifOf(text: string): SarifLog {
  writeFileSync(taskPath, text);
  const r = spawnSync(process.execPath, [bin, 'check', '--format', 'sarif', 'web-task-def.json'], {
    encoding: 'utf8',
    cwd: folder,
  });
  assert.equal(r.status, 1, r.stderr);
  return JSON.parse(r.stdout) as SarifLog;
}

test('--format sarif is valid SARIF 2.1.0 with every rule declared and security rules tagged', () => {
  const log = sarifOf(JSON.stringify(task, null, 2));
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3)));
  const run = log.runs[0];
  const rules = run.tool.driver.rules;
  assert.ok(rules.length > 90, `${rules.length} rules declared`);
  const privileged = rules.find((r) => r.id === 'security.privileged')!;
  assert.deepEqual(privileged.properties.tags, ['security', 'ecs']);
  assert.equal(privileged.properties['security-severity'], '8.0');
  const ids = run.results.map((r) => r.ruleId);
  for (const id of ['schema.unknown-member', 'security.privileged', 'security.environment-secret'])
    assert.ok(ids.includes(id), `${id} among ${ids.join(', ')}`);
  for (const result of run.results) assert.equal(rules[result.ruleIndex].id, result.ruleId);
  const unknown = run.results.find((r) => r.ruleId === 'schema.unknown-member')!;
  assert.equal(unknown.level, 'error');
  assert.equal(unknown.locations[0].physicalLocation.artifactLocation.uri, 'web-task-def.json');
  assert.equal(
    unknown.locations[0].physicalLocation.region.startLine,
    JSON.stringify(task, null, 2)
      .split('\n')
      .findIndex((l) => l.includes('"enviroment"')) + 1,
  );
});

test('fingerprints survive unrelated edits and tell findings apart', () => {
  const fingerprints = (log: SarifLog) =>
    new Map(log.runs[0].results.map((r) => [r.partialFingerprints['ecsLensLocation/v1'], r.ruleId]));
  const before = fingerprints(sarifOf(JSON.stringify(task, null, 2)));
  assert.equal(
    before.size,
    sarifOf(JSON.stringify(task, null, 2)).runs[0].results.length,
    'one fingerprint per result',
  );
  // Unrelated edits: a new member at the top, another container first, members of the container reordered, compact formatting.
  const edited = {
    taskRoleArn: 'arn:aws:iam::123456789012:role/app',
    family: 'web',
    containerDefinitions: [
      {
        name: 'sidecar',
        image: 'busybox:1.36',
        memory: 64,
        essential: false,
        readonlyRootFilesystem: true,
        logConfiguration: { logDriver: 'json-file' },
      },
      {
        enviroment: [],
        environment: [{ name: 'DB_PASSWORD', value: 'hunter2hunter2' }],
        privileged: true,
        memory: 512,
        image: 'nginx:1.27',
        name: 'web',
      },
    ],
  };
  const after = fingerprints(sarifOf(JSON.stringify(edited)));
  for (const [fingerprint, rule] of before) assert.equal(after.get(fingerprint), rule, `${rule} kept its fingerprint`);
  // Fixing one finding removes exactly its fingerprint.
  const fixed = { ...task, containerDefinitions: [{ ...task.containerDefinitions[0], privileged: false }] };
  const afterFix = fingerprints(sarifOf(JSON.stringify(fixed, null, 2)));
  const gone = [...before.keys()].filter((f) => !afterFix.has(f)).map((f) => before.get(f));
  assert.deepEqual(gone, ['security.privileged']);
});

test('--format junit: a failure per error, the file as a suite', () => {
  writeFileSync(taskPath, JSON.stringify(task, null, 2));
  const r = spawnSync(process.execPath, [bin, 'check', '--format', 'junit', 'web-task-def.json'], {
    encoding: 'utf8',
    cwd: folder,
  });
  assert.equal(r.status, 1);
  assert.match(
    r.stdout,
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="ecs-lens check" tests="\d+" failures="1" errors="0">/,
  );
  assert.match(r.stdout, /<testsuite name="web-task-def.json" tests="\d+" failures="1" errors="0">/);
  assert.match(r.stdout, /<failure type="schema.unknown-member" message="Unknown member &quot;enviroment&quot;[^"]*">/);
  assert.equal((r.stdout.match(/<testcase /g) ?? []).length, Number(/tests="(\d+)"/.exec(r.stdout)![1]));
});

test('SARIF names where the rules are explained: tool.driver.informationUri is the packaged rule reference', () => {
  const log = sarifOf(JSON.stringify(task, null, 2)) as unknown as {
    runs: Array<{ tool: { driver: { informationUri?: string } } }>;
  };
  const uri = log.runs[0].tool.driver.informationUri;
  assert.match(uri ?? '', /^file:\/\/.*\/docs\/rules\.md$/);
});
