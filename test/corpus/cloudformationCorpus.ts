import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readSourceFile, sourceProblems } from '../../server/src/surfaces';
import { defaultSettings } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation';
import { staticWorkspace } from '../../server/src/service/workspace';

// Real CloudFormation templates (hand-written and CDK-synthesized), listed by repository, path and commit in
// cloudformation.json. They live beside the repository (../shared/corpus-cloudformation/<owner+name>/<path>),
// never in it.
const repoRoot = join(__dirname, '..', '..', '..');
const corpus = process.env.ECS_LENS_CFN_CORPUS ?? join(repoRoot, '..', 'shared', 'corpus-cloudformation');
export const manifest = JSON.parse(readFileSync(join(repoRoot, 'test', 'corpus', 'cloudformation.json'), 'utf8')) as {
  files: Array<{ repo: string; path: string; commit: string; cdk?: boolean; errors: string[]; why?: string }>;
};

export function corpusFile(entry: { repo: string; path: string }): string {
  return join(corpus, entry.repo.replace('/', '+'), entry.path);
}

/** A template's problems as `ecs-lens check` reports them, at source positions. */
export function templateProblems(path: string) {
  const text = readFileSync(path, 'utf8');
  const file = readSourceFile(pathToFileURL(path).toString(), text, defaultSettings);
  const ws = staticWorkspace(file.documents);
  const problems = sourceProblems(file, (d) => validateDocument(d, defaultSettings, ws));
  return { text, file, problems };
}

export const corpusPresent = existsSync(corpus);
export { corpus };
