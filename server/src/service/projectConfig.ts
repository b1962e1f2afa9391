import { deployContextNames, type DeployContextName } from '../ecs/deployTools';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { closestName } from './didYouMean';
import { globProblem, matchesAnyGlob, matchesGlob } from './glob';
import type { Problem } from './problem';
import { ruleCodes } from './ruleCodes';
import type { RuleLevel } from './settings';

/** The project configuration file, looked up from a checked file's folder upwards. */
export const projectConfigFileName = '.ecs-lens.json';

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
}

export const emptyProjectConfig: ProjectConfig = { rules: {}, overrides: [], ignore: [] };

const levels: readonly RuleLevel[] = ['off', 'hint', 'information', 'warning', 'error'];

/**
 * Reads the text of a `.ecs-lens.json`. Whatever is wrong is reported in `problems` (one sentence each) and
 * left out; the rest still applies, so one bad entry does not switch the file off.
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
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { config: emptyProjectConfig, problems: [`not valid JSON (${(error as Error).message}); ignored.`] };
  }
  if (!isObject(raw)) return { config: emptyProjectConfig, problems: ['the file holds no JSON object; ignored.'] };
  for (const key of Object.keys(raw))
    if (!['$schema', 'rules', 'overrides', 'ignore'].includes(key))
      problems.push(`unknown member "${key}" (allowed: rules, overrides, ignore).`);
  const config: ProjectConfig = {
    rules: ruleLevels(raw.rules, 'rules', problems),
    overrides: [],
    ignore: globs(raw.ignore, 'ignore', problems),
  };
  if (raw.overrides !== undefined && !Array.isArray(raw.overrides))
    problems.push('"overrides" is a list of {files, rules, deployContext}.');
  (Array.isArray(raw.overrides) ? raw.overrides : []).forEach((entry: unknown, i: number) => {
    const where = `overrides[${i}]`;
    if (!isObject(entry)) return void problems.push(`${where} is not an object.`);
    const files = globs(entry.files, `${where}.files`, problems);
    if (!files.length) return void problems.push(`${where} needs "files", a list of globs.`);
    const override: ProjectOverride = { files, rules: ruleLevels(entry.rules, `${where}.rules`, problems) };
    if (entry.deployContext !== undefined) {
      if (deployContextNames.includes(entry.deployContext as DeployContextName))
        override.deployContext = entry.deployContext as DeployContextName;
      else problems.push(`${where}.deployContext is one of ${deployContextNames.join(', ')}.`);
    }
    config.overrides.push(override);
  });
  const unknownRules = problems.filter((p) => /: there is no rule "/.test(p));
  return { config, problems, ...(unknownRules.length > 0 ? { unknownRules } : {}) };
}

/** Rule severities for a file (path relative to the configuration's folder): the top level, then each matching override in order. */
export function projectRulesFor(config: ProjectConfig, relativePath: string): Record<string, RuleLevel> {
  let rules = { ...config.rules };
  for (const o of config.overrides) if (matchesAnyGlob(relativePath, o.files)) rules = { ...rules, ...o.rules };
  return rules;
}

/** Whether the configuration tells ECS Lens to leave the file (path relative to the configuration's folder) alone. */
export function isIgnoredByProject(config: ProjectConfig, relativePath: string): boolean {
  return matchesAnyGlob(relativePath, config.ignore);
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

/** The sentence for a rule code that names no rule, with the nearest code when one is close. */
export function unknownRuleMessage(code: string): string | undefined {
  if ((ruleCodes as readonly string[]).includes(code)) return undefined;
  const near = closestName(code, ruleCodes, true);
  return `there is no rule "${code}".${near ? ` Did you mean "${near}"?` : ''} \`ecs-lens rules\` lists every code.`;
}

/** The rule codes a `.ecs-lens.json` names that are no rule: in "rules" and in each override's "rules". */
export function unknownProjectRules(text: string): Problem[] {
  if (text.length > maxProjectConfigLength) return [];
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root) return [];
  const blocks: Node[] = [];
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

function ruleLevels(value: unknown, where: string, problems: string[]): Record<string, RuleLevel> {
  if (value === undefined) return {};
  if (!isObject(value))
    return (problems.push(`"${where}" maps rule codes to off, hint, information, warning or error.`), {});
  const out: Record<string, RuleLevel> = {};
  for (const [code, level] of Object.entries(value)) {
    const unknown = unknownRuleMessage(code);
    if (unknown) {
      problems.push(`${where}: ${unknown}`);
      continue;
    }
    if (levels.includes(level as RuleLevel)) out[code] = level as RuleLevel;
    else
      problems.push(`${where}["${code}"] is ${JSON.stringify(level)}; use off, hint, information, warning or error.`);
  }
  return out;
}

function globs(value: unknown, where: string, problems: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return (problems.push(`"${where}" is a list of globs.`), []);
  const out: string[] = [];
  for (const g of value) {
    const problem = typeof g === 'string' ? globProblem(g) : 'not a string';
    if (typeof g === 'string' && g && !problem) out.push(g);
    else problems.push(`${where}: ${JSON.stringify(g)} is not a usable glob${problem ? ` (${problem})` : ''}.`);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
