import { deployContextNames, type DeployContextName } from '../ecs/deployTools';
import { findNodeAtLocation, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { closestName } from './didYouMean';
import { GlobSet, globProblem, matchesGlob, maxGlobLength, quickGlobProblem } from './glob';
import type { Problem } from './problem';
import { ruleCodes } from './ruleCodes';
import { lineColumn } from '../workspace/plainText';
import type { EcsLensSettings, RuleLevel } from './settings';

/** The surfaces a configuration can turn off (JSON is always read). */
export const configurableSurfaces = ['terraform', 'cloudformation'] as const;
export type ProjectSurfaces = NonNullable<EcsLensSettings['surfaces']>;

/** The project configuration file, looked up from a checked file's folder upwards. */
export const projectConfigFileName = '.ecs-lens.json';

/** Whether a document is a project configuration file, by its name. */
export function isProjectConfigUri(uri: string): boolean {
  return uri.slice(uri.lastIndexOf('/') + 1) === projectConfigFileName;
}

/** Longer files are refused: a configuration is a few hundred bytes. */
export const maxProjectConfigLength = 256 * 1024;

export interface ProjectOverride {
  files: string[];
  rules: Record<string, RuleLevel>;
  deployContext?: DeployContextName;
}

/** `.ecs-lens.json` as read; globs are relative to the folder that holds the file. */
export interface ProjectConfig {
  rules: Record<string, RuleLevel>;
  overrides: ProjectOverride[];
  ignore: string[];
  /** Surfaces turned off (`false`) or on for the files under the configuration's folder. */
  surfaces: ProjectSurfaces;
}

export const emptyProjectConfig: ProjectConfig = { rules: {}, overrides: [], ignore: [], surfaces: {} };

const levels: readonly RuleLevel[] = ['off', 'hint', 'information', 'warning', 'error'];

/**
 * Reads the text of a `.ecs-lens.json`. Whatever is wrong is reported in `problems` (one sentence each, led by
 * its line and column) and left out; the rest still applies, so one bad entry does not switch the file off.
 * A problem names where it is and what is allowed, never what the file says: the file may not be the
 * repository's own text (a link to another file), and whatever it holds must not reach a log.
 */
export function parseProjectConfig(text: string): {
  config: ProjectConfig;
  problems: string[];
  /** The problems that are rule codes naming no rule (also in `problems`): the CLI stops on them. */
  unknownRules?: string[];
} {
  const problems: string[] = [];
  if (text.length > maxProjectConfigLength)
    return {
      config: emptyProjectConfig,
      problems: [`the file is larger than ${maxProjectConfigLength / 1024} KiB; ignored.`],
    };
  const body = text.replace(/^\uFEFF/, '');
  const at = lineColumn(body);
  checkedGlobs = { count: 0 };
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length || !root)
    return {
      config: emptyProjectConfig,
      problems: [`${at(errors[0]?.offset ?? 0)}: not valid JSON; ignored.`],
    };
  if (root.type !== 'object')
    return { config: emptyProjectConfig, problems: [`${at(root.offset)}: the file holds no JSON object; ignored.`] };
  const top = members(root);
  for (const [key, { keyNode }] of top)
    if (!['$schema', 'rules', 'overrides', 'ignore', 'surfaces'].includes(key))
      problems.push(`${at(keyNode.offset)}: unknown member (allowed: rules, overrides, ignore, surfaces).`);
  const config: ProjectConfig = {
    rules: ruleLevels(top.get('rules')?.value, 'rules', problems, at),
    overrides: [],
    ignore: globs(top.get('ignore')?.value, 'ignore', problems, at),
    surfaces: surfaceSwitches(top.get('surfaces')?.value, problems, at),
  };
  const overrides = top.get('overrides')?.value;
  if (overrides && overrides.type !== 'array')
    problems.push(`${at(overrides.offset)}: "overrides" is a list of {files, rules, deployContext}.`);
  (overrides?.type === 'array' ? (overrides.children ?? []) : []).forEach((entry, i) => {
    const where = `overrides[${i}]`;
    if (entry.type !== 'object') return void problems.push(`${at(entry.offset)}: ${where} is not an object.`);
    const m = members(entry);
    const files = globs(m.get('files')?.value, `${where}.files`, problems, at);
    if (!files.length) return void problems.push(`${at(entry.offset)}: ${where} needs "files", a list of globs.`);
    const override: ProjectOverride = {
      files,
      rules: ruleLevels(m.get('rules')?.value, `${where}.rules`, problems, at),
    };
    const deployContext = m.get('deployContext')?.value;
    if (deployContext) {
      if (deployContext.type === 'string' && deployContextNames.includes(deployContext.value as DeployContextName))
        override.deployContext = deployContext.value as DeployContextName;
      else
        problems.push(
          `${at(deployContext.offset)}: ${where}.deployContext is one of ${deployContextNames.join(', ')}.`,
        );
    }
    config.overrides.push(override);
  });
  const unknownRules = problems.filter((p) => /, no rule has this code\./.test(p));
  return { config, problems, ...(unknownRules.length > 0 ? { unknownRules } : {}) };
}

/** A configuration's globs, compiled once per configuration read (not once per file checked). */
const compiledSets = new WeakMap<ProjectConfig, { ignore: GlobSet; overrides: GlobSet; owner: number[] }>();

function compiledOf(config: ProjectConfig) {
  let c = compiledSets.get(config);
  if (!c) {
    const globs: string[] = [];
    const owner: number[] = [];
    config.overrides.forEach((o, i) => {
      for (const g of o.files) {
        globs.push(g);
        owner.push(i);
      }
    });
    c = { ignore: new GlobSet(config.ignore), overrides: new GlobSet(globs), owner };
    compiledSets.set(config, c);
  }
  return c;
}

/** Rule severities for a file (path relative to the configuration's folder): the top level, then each matching override in order. */
export function projectRulesFor(config: ProjectConfig, relativePath: string): Record<string, RuleLevel> {
  let rules = { ...config.rules };
  const c = compiledOf(config);
  const matched = new Set(c.overrides.matching(relativePath).map((i) => c.owner[i]));
  for (const i of [...matched].sort((a, b) => a - b)) rules = { ...rules, ...config.overrides[i].rules };
  return rules;
}

/** Whether the configuration tells ECS Lens to leave the file (path relative to the configuration's folder) alone. */
export function isIgnoredByProject(config: ProjectConfig, relativePath: string): boolean {
  return config.ignore.length > 0 && compiledOf(config).ignore.matchesAny(relativePath);
}

/**
 * The deploy contexts the configuration assigns, as glob → context in the order they apply (the deploy
 * context reads the first match, so later overrides come first). `prefix` is the configuration's folder
 * relative to the repository root ("" at the root), so the globs match repository-relative paths.
 */
export function projectDeployContextGlobs(
  config: ProjectConfig,
  prefix = '',
  origin = projectConfigFileName,
): Array<{ glob: string; context: DeployContextName; origin: string }> {
  const base = prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix;
  const out: Array<{ glob: string; context: DeployContextName; origin: string }> = [];
  for (const o of [...config.overrides].reverse()) {
    if (o.deployContext) for (const glob of o.files) out.push({ glob: base + glob, context: o.deployContext, origin });
  }
  return out;
}

/** Whether a path matches a configuration glob (for the deploy context's matcher). */
export const matchesProjectGlob = matchesGlob;

function surfaceSwitches(node: JsonNode | undefined, problems: string[], at: At): ProjectSurfaces {
  if (!node) return {};
  const allowed = configurableSurfaces.join(', ');
  if (node.type !== 'object')
    return (problems.push(`${at(node.offset)}: "surfaces" maps ${allowed} to true or false.`), {});
  const out: ProjectSurfaces = {};
  for (const [name, { keyNode, value }] of members(node)) {
    if (!(configurableSurfaces as readonly string[]).includes(name))
      problems.push(`${at(keyNode.offset)}: an entry of "surfaces" is one of ${allowed}.`);
    else if (value.type !== 'boolean') problems.push(`${at(value.offset)}: an entry of "surfaces" is true or false.`);
    else out[name as (typeof configurableSurfaces)[number]] = value.value as boolean;
  }
  return out;
}

/** The sentence for a rule code that names no rule, with the nearest code when one is close. */
export function unknownRuleMessage(code: string): string | undefined {
  if ((ruleCodes as readonly string[]).includes(code)) return undefined;
  const near = closestName(code, ruleCodes, true);
  return `no rule has this code.${near ? ` Did you mean "${near}"?` : ''} \`ecs-lens rules\` lists every code.`;
}

/** The rule codes a `.ecs-lens.json` names that are no rule: in "rules" and in each override's "rules". */
export function unknownProjectRules(text: string): Problem[] {
  if (text.length > maxProjectConfigLength) return [];
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root) return [];
  const blocks: JsonNode[] = [];
  const top = findNodeAtLocation(root, ['rules']);
  if (top) blocks.push(top);
  const overrides = findNodeAtLocation(root, ['overrides']);
  for (const o of overrides?.type === 'array' ? (overrides.children ?? []) : []) {
    const rules = findNodeAtLocation(o, ['rules']);
    if (rules) blocks.push(rules);
  }
  const problems: Problem[] = [];
  for (const block of blocks) {
    if (block.type !== 'object') continue;
    for (const property of block.children ?? []) {
      const key = property.children?.[0];
      if (!key || typeof key.value !== 'string') continue;
      const message = unknownRuleMessage(key.value);
      if (message)
        problems.push({
          offset: key.offset,
          length: key.length,
          code: 'config.unknown-rule',
          severity: 'warning',
          message: message.charAt(0).toUpperCase() + message.slice(1),
        });
    }
  }
  return problems;
}

function ruleLevels(node: JsonNode | undefined, where: string, problems: string[], at: At): Record<string, RuleLevel> {
  if (!node) return {};
  if (node.type !== 'object')
    return (
      problems.push(`${at(node.offset)}: "${where}" maps rule codes to off, hint, information, warning or error.`),
      {}
    );
  const out: Record<string, RuleLevel> = {};
  for (const [code, { keyNode, value }] of members(node)) {
    const unknown = unknownRuleMessage(code);
    if (unknown) {
      problems.push(`${at(keyNode.offset)}: in "${where}", ${unknown}`);
      continue;
    }
    if (value.type === 'string' && levels.includes(value.value as RuleLevel)) out[code] = value.value as RuleLevel;
    else problems.push(`${at(value.offset)}: a level in "${where}" is off, hint, information, warning or error.`);
  }
  return out;
}

/** Globs of one configuration compiled to be checked; the rest are checked by their shape. */
const fullyCheckedGlobs = 100;
let checkedGlobs = { count: 0 };

function globs(node: JsonNode | undefined, where: string, problems: string[], at: At): string[] {
  if (!node) return [];
  if (node.type !== 'array') return (problems.push(`${at(node.offset)}: "${where}" is a list of globs.`), []);
  const out: string[] = [];
  for (const g of node.children ?? []) {
    // Compiling a glob costs a millisecond or two: the first hundred are compiled to be checked, the rest by shape.
    const problem = checkedGlobs.count++ < fullyCheckedGlobs ? globProblem : quickGlobProblem;
    if (g.type === 'string' && g.value && !problem(g.value as string)) out.push(g.value as string);
    else
      problems.push(
        `${at(g.offset)}: an entry of "${where}" is not a usable glob (a non-empty string of at most ${maxGlobLength} characters, with balanced brackets and braces).`,
      );
  }
  return out;
}

/** An object's members by name; of duplicate names the last wins, as with JSON.parse. */
function members(node: JsonNode): Map<string, { keyNode: JsonNode; value: JsonNode }> {
  const out = new Map<string, { keyNode: JsonNode; value: JsonNode }>();
  for (const prop of node.children ?? []) {
    const [keyNode, value] = prop.children ?? [];
    if (keyNode && value) {
      out.delete(keyNode.value as string);
      out.set(keyNode.value as string, { keyNode, value });
    }
  }
  return out;
}

type At = (offset: number) => string;
