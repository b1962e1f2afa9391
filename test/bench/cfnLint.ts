/**
 * ECS Lens and cfn-lint side by side over the CloudFormation corpus (test/corpus/cloudformation.json, files in
 * ../shared/corpus-cloudformation) and over test/fixtures/cloudformation/mistakes.yaml (ECS mistakes planted on
 * purpose): what each reports on the ECS resources of each template, errors and warnings. Not a test: it needs cfn-lint (`pip install cfn-lint`) and prints for a person to judge.
 *
 *   npm run build && node out/test/bench/cfnLint.js
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { corpusFile, corpusPresent, manifest, templateProblems } from '../corpus/cloudformationCorpus';

interface CfnLintMatch {
  Filename: string;
  Level: string;
  Message: string;
  Rule: { Id: string };
  Location: { Path: Array<string | number> | null; Start: { LineNumber: number; ColumnNumber: number } };
}

const ecsTypes = /^AWS::ECS::(TaskDefinition|Service|CapacityProvider|ClusterCapacityProviderAssociations)$/;

function main(): void {
  if (!corpusPresent) {
    console.log('No CloudFormation corpus beside the repository; nothing to compare.');
    return;
  }
  const planted = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'cloudformation', 'mistakes.yaml');
  const files = [...manifest.files.map((e) => corpusFile(e)), planted];
  const run = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.error || !run.stdout) {
    console.log(`cfn-lint did not run (${run.error?.message ?? run.stderr.trim()}).`);
    return;
  }
  const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const matches = JSON.parse(run.stdout) as CfnLintMatch[];
  const totals = { lensErrors: 0, lensWarnings: 0, lintErrors: 0, lintWarnings: 0 };
  console.log(`ECS Lens and ${version} on ${files.length} templates (ECS resources only)\n`);
  for (const path of files) {
    const { file, problems, text } = templateProblems(path);
    const ecs = new Set(file.documents.map((d) => d.origin!.address));
    // cfn-lint's findings on the ECS resources: those whose path starts Resources/<an ECS resource>.
    const typeOf = (id: string) =>
      new RegExp(`"?${id}"?\\s*:\\s*\\{?\\s*\\n?\\s*"?Type"?\\s*:\\s*"?(AWS::ECS::\\w+)`).exec(text)?.[1];
    const lint = matches.filter(
      (m) =>
        m.Filename === path &&
        m.Location.Path?.[0] === 'Resources' &&
        (ecs.has(String(m.Location.Path[1])) || ecsTypes.test(typeOf(String(m.Location.Path[1])) ?? '')),
    );
    const lens = problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
    totals.lensErrors += lens.filter((p) => p.severity === 'error').length;
    totals.lensWarnings += lens.filter((p) => p.severity === 'warning').length;
    totals.lintErrors += lint.filter((m) => m.Level === 'Error').length;
    totals.lintWarnings += lint.filter((m) => m.Level === 'Warning').length;
    if (!lens.length && !lint.length) continue;
    console.log(
      path.includes('corpus-cloudformation/') ? path.slice(path.indexOf('corpus-cloudformation/') + 22) : path,
    );
    const line = (offset: number) => text.slice(0, offset).split('\n').length;
    for (const p of lens) console.log(`  ecs-lens  ${line(p.offset)} ${p.severity} ${p.code}: ${p.message}`);
    for (const m of lint)
      console.log(`  cfn-lint  ${m.Location.Start.LineNumber} ${m.Level} ${m.Rule.Id}: ${m.Message}`);
  }
  console.log(
    `\nTotals on ECS resources: ECS Lens ${totals.lensErrors} errors, ${totals.lensWarnings} warnings; ` +
      `cfn-lint ${totals.lintErrors} errors, ${totals.lintWarnings} warnings.`,
  );
}

main();
