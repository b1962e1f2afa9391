import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

type Version = [number, number, number];

function parts(text: string): { version: Version; given: number } {
  const pieces = text.replace(/^v/, '').split('.');
  if (pieces.length > 3 || pieces.some((p) => !/^(\d+|x|\*)$/i.test(p)))
    throw new Error(`cannot read version "${text}"`);
  const numbers = pieces.filter((p) => /^\d+$/.test(p)).map(Number);
  return { version: [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0], given: numbers.length };
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The first version past every version that starts with the given parts (`20` → 21.0.0, `20.1` → 20.2.0). */
function next(version: Version, given: number): Version {
  if (given <= 1) return [version[0] + 1, 0, 0];
  if (given === 2) return [version[0], version[1] + 1, 0];
  return [version[0], version[1], version[2] + 1];
}

function comparator(v: Version, token: string): boolean {
  if (token === '*' || token === '' || /^x$/i.test(token)) return true;
  const m = /^(>=|<=|>|<|=|\^|~)?(.+)$/.exec(token);
  if (!m) throw new Error(`cannot read range "${token}"`);
  const { version, given } = parts(m[2]);
  const after = next(version, given);
  switch (m[1] ?? '=') {
    case '>=':
      return compare(v, version) >= 0;
    case '>':
      return given < 3 ? compare(v, after) >= 0 : compare(v, version) > 0;
    case '<=':
      return given < 3 ? compare(v, after) < 0 : compare(v, version) <= 0;
    case '<':
      return compare(v, version) < 0;
    case '=':
      return given < 3 ? compare(v, version) >= 0 && compare(v, after) < 0 : compare(v, version) === 0;
    case '~':
      return compare(v, version) >= 0 && compare(v, next(version, Math.min(given, 2))) < 0;
    case '^': {
      const lead = version[0] > 0 || given === 1 ? 1 : version[1] > 0 || given === 2 ? 2 : 3;
      return compare(v, version) >= 0 && compare(v, next(version, lead)) < 0;
    }
  }
  throw new Error(`cannot read range "${token}"`);
}

/** Whether a version satisfies an npm `engines` range (`||` of space-separated comparators). */
export function satisfies(versionText: string, range: string): boolean {
  const v = parts(versionText).version;
  return range.split('||').some((alternative) => {
    const tokens = alternative
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter((t) => t !== '');
    if (tokens.includes('-')) throw new Error(`cannot read hyphen range "${alternative}"`);
    return tokens.every((t) => comparator(v, t));
  });
}

/** The lowest Node version package.json's `engines.node` (`>=X.Y`) allows. */
function lowestNode(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
  const m = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(pkg.engines.node);
  assert.ok(m, `package.json engines.node is a lower bound (>=X.Y): ${pkg.engines.node}`);
  const [major, minor = '0', patch = '0'] = m[1].split('.');
  return `${major}.${minor}.${patch}`;
}

test('the engines range reader agrees with npm on the ranges the lock uses', () => {
  assert.equal(satisfies('20.19.0', '^20.19.0 || ^22.13.0 || >=24'), true);
  assert.equal(satisfies('20.18.3', '^20.19.0 || ^22.13.0 || >=24'), false);
  assert.equal(satisfies('20.19.0', '>= 22'), false);
  assert.equal(satisfies('20.19.0', '>=22.0.0'), false);
  assert.equal(satisfies('21.0.0', '20 || >=22'), false);
  assert.equal(satisfies('20.19.0', '20 || >=22'), true);
  assert.equal(satisfies('20.19.0', '>=16 || 14 >=14.17'), true);
  assert.equal(satisfies('20.19.0', '>=0.6.11 <=0.7.0 || >=0.7.3'), true);
  assert.equal(satisfies('0.7.1', '>=0.6.11 <=0.7.0 || >=0.7.3'), false);
  assert.equal(satisfies('20.19.0', '^18.18.0 || ^20.9.0 || >=21.1.0'), true);
  assert.equal(satisfies('20.8.0', '^18.18.0 || ^20.9.0 || >=21.1.0'), false);
  assert.equal(satisfies('20.19.0', '*'), true);
});

test('the README names the Node version package.json requires', () => {
  const lowest = lowestNode();
  const [major, minor] = lowest.split('.');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const named = /with Node (\d+(?:\.\d+)?)\+/.exec(readme);
  assert.ok(named, 'the README quick start names a Node version');
  assert.equal(named[1], minor === '0' ? major : `${major}.${minor}`);
});

test('every package in the lock file (dev dependencies included) runs on the lowest Node package.json allows', () => {
  const lowest = lowestNode();
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
  };
  const refused = Object.entries(lock.packages)
    .filter(([path]) => path !== '')
    .flatMap(([path, entry]) => {
      const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      if (range === undefined || satisfies(lowest, range)) return [];
      return [`${path.replace(/^.*node_modules\//, '')}@${entry.version ?? '?'} wants node ${range}`];
    });
  assert.deepEqual(refused, [], `packages that refuse Node ${lowest}`);
});
