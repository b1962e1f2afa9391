// The Fargate capacity providers are one ECS fact: the rules and the simulators ask ecs/fargateProviders.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot, tsFiles } from '../sourceTree';
import { FARGATE_PROVIDERS, isFargateProvider } from '../../../server/src/ecs/fargateProviders';

test('the Fargate providers are listed in ecs/fargateProviders.ts only', () => {
  assert.ok(FARGATE_PROVIDERS.every(isFargateProvider));
  assert.ok(!isFargateProvider('my-ec2-provider'));
  const home = join('server', 'src', 'ecs', 'fargateProviders.ts');
  const copies: string[] = [];
  for (const file of tsFiles(join(repoRoot, 'server', 'src'))) {
    const at = relative(repoRoot, file);
    // FARGATE alone is also a launch type; FARGATE_SPOT is only a provider.
    if (at !== home && /['"`]FARGATE_SPOT['"`]/.test(readFileSync(file, 'utf8'))) copies.push(at);
  }
  assert.deepEqual(copies, []);
});
