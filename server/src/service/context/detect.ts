import type {
  AppspecTarget,
  ContextSource,
  DeployContext,
  FilledMember,
  FilledStep,
  RepositoryFacts,
  RepositoryFile,
} from './types';
import { deployTools, type DeployContextName } from '../../ecs/deployTools';
import { linear } from './linearPattern';
import { appspecTargetOfText } from './appspec';
import { appspecFileName } from '../../ecs/codedeployAppspec';
import { containerDefinitionTemplates } from '../../surfaces/terraform/templates';

const workflowFile = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
const ecspressoConfig = /(^|\/)[^/]*ecspresso[^/]*\.(ya?ml|json|jsonnet)$/i;
const codedeployFile = /(^|\/)(appspec|buildspec)[^/]*\.(ya?ml|json)$/i;
const terraformFile = /\.tf$/i;
const scriptFile = /(\.(sh|bash|mk|ya?ml)|(^|\/)(Makefile|Justfile|Taskfile))$/i;

// Every pattern over repository text runs on RE2 (time linear in the line): a 64 KiB word or a line padded
// with 100,000 blanks costs a scan, not a backtracking search.
const codedeployMarker = linear('taskdef|TaskDefinition|IMAGE\\d*_NAME', 'i');
/** `sed` substitutions of placeholders (s/TOKEN/, s|TOKEN|, s#TOKEN#, s,TOKEN,), one alternative per delimiter. */
const sedTokens = linear(
  '\\bs/<?[A-Z][A-Z0-9_]{2,}>?/|\\bs\\|<?[A-Z][A-Z0-9_]{2,}>?\\||\\bs#<?[A-Z][A-Z0-9_]{2,}>?#|\\bs,<?[A-Z][A-Z0-9_]{2,}>?,',
);
const cliInputJson = linear('--cli-input-json\\s+["\']?file://([^\\s"\']+)');
const usesDeployAction = linear('uses:\\s*[\'"]?aws-actions/amazon-ecs-deploy-task-definition@');
const yamlEntry = linear('^\\s*([A-Za-z_][A-Za-z0-9_]*):\\s*(.+?)\\s*$');
const taskDefinitionInput = linear('^\\s*task-definition:\\s*(.+?)\\s*$');
const envReference = linear('^\\$\\{\\{\\s*env\\.([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}$');
const usesRenderAction = linear('uses:\\s*[\'"]?aws-actions/amazon-ecs-render-task-definition@');
const renderInput = linear('^\\s*(?:-\\s+)?(task-definition|container-name|image):\\s*(.+?)\\s*$');
/** A jq path assigned with `=` or `|=`; the second group is `=` when the operator is `==`, a comparison. */
const jqAssignment = linear('((?:\\.[A-Za-z_][A-Za-z0-9_]*(?:\\[\\d*\\])?)+)\\s*\\|?=(=?)');
/** A JSON file a command reads: a word ending in .json, not right after `>`. */
const jsonInput = linear('(?:^|[^>])\\s+["\']?([\\w./-]+\\.json)\\b');
const ecspressoEntry = linear('^\\s*["\']?(?:task_definition|service_definition)["\']?\\s*:\\s*["\']?([^"\',\\s}]+)');
const taskdefJson = linear('([\\w./-]*task-?def[\\w.-]*\\.json)\\b', 'i');
/** Distinct placeholder tokens kept per repository; a script of more says nothing more useful. */
const maxSubstitutedTokens = 10_000;

/** Files worth reading to learn deploy contexts; the folder walks read these besides the JSON files. */
export function isContextSource(path: string): boolean {
  return (
    workflowFile.test(path) ||
    ecspressoConfig.test(path) ||
    codedeployFile.test(path) ||
    terraformFile.test(path) ||
    scriptFile.test(path)
  );
}

/** Reads what the repository's workflows, ecspresso configs, buildspecs, Terraform and scripts say about its files. */
export function learnRepository(files: readonly RepositoryFile[]): RepositoryFacts {
  const byPath = new Map<string, DeployContext>();
  const codedeployFolders = new Map<string, ContextSource>();
  const familySupplied = new Map<string, ContextSource>();
  const updateServiceInputs = new Map<string, ContextSource>();
  const substitutedTokens = new Set<string>();
  const filledMembers = new Map<string, FilledMember[]>();
  const appspecTargets = new Map<string, AppspecTarget>();
  const fill = (path: string, member: FilledMember) => {
    const key = normalize(path);
    if (!key) return;
    const list = filledMembers.get(key) ?? [];
    if (list.length < 64) list.push(member);
    filledMembers.set(key, list);
  };
  // Paths sorted so that the first source that names a file is the same whatever order the walk found them in.
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const name = (path: string, context: DeployContextName, source: ContextSource, reason: string) => {
    const key = normalize(path);
    if (!key || byPath.has(key)) return;
    byPath.set(key, { name: context, reason: `${reason} ${source.path} line ${source.line}`, source });
  };
  for (const file of sorted) {
    const lines = splitLines(file.text);
    const folder = dirname(file.path);
    if (workflowFile.test(file.path)) {
      for (const { path, container, line } of renderActionImages(lines))
        fill(path, {
          path: ['containerDefinitions', { container }, 'image'],
          by: 'aws-actions/amazon-ecs-render-task-definition',
          source: { path: file.path, line },
        });
      for (const { path, line } of workflowTaskDefinitions(lines))
        name(
          path,
          'github-action',
          { path: file.path, line },
          'deployed by aws-actions/amazon-ecs-deploy-task-definition in',
        );
    }
    if (ecspressoConfig.test(file.path)) {
      for (const { path, line } of ecspressoDefinitions(lines))
        name(join(folder, path), 'ecspresso', { path: file.path, line }, 'deployed by ecspresso, configured in');
    }
    if (appspecFileName.test(file.path) && !appspecTargets.has(folder)) {
      const target = appspecTargetOfText(file.path, file.text);
      if (target) appspecTargets.set(folder, target);
    }
    if (codedeployFile.test(file.path)) {
      const line = Math.max(1, lines.findIndex((l) => codedeployMarker.test(l)) + 1);
      if (!codedeployFolders.has(folder)) codedeployFolders.set(folder, { path: file.path, line });
      for (const { path, line: at } of mentionedTaskdefs(lines))
        name(
          join(folder, path),
          'codedeploy',
          { path: file.path, line: at },
          'deployed by CodeDeploy (CodePipeline), named in',
        );
    }
    if (terraformFile.test(file.path)) {
      // Read with the HCL parser the Terraform surface reads resources with (loaded by prepareSurfaces).
      for (const { path, line } of containerDefinitionTemplates(file.text) ?? [])
        name(join(folder, path), 'terraform', { path: file.path, line }, 'loaded as container_definitions by');
    }
    if (scriptFile.test(file.path) || workflowFile.test(file.path) || codedeployFile.test(file.path)) {
      for (const command of commands(lines)) {
        const source = { path: file.path, line: command.line };
        for (const t of sedTokens.all(command.text)) {
          if (substitutedTokens.size >= maxSubstitutedTokens) break;
          substitutedTokens.add(t.slice(2, -1).replace(/^<|>$/g, ''));
        }
        for (const { input, path } of jqAssignments(command.text)) fill(input, { path, by: 'a jq step', source });
        const input = cliInputJson.exec(command.text)?.[1];
        if (!input || /\$/.test(input)) continue;
        const path = normalize(input);
        if (/\bregister-task-definition\b/.test(command.text)) {
          name(path, 'aws-cli', source, 'registered with aws ecs register-task-definition in');
          if (/--family\b/.test(command.text) && !familySupplied.has(path)) familySupplied.set(path, source);
        } else if (/\bupdate-service\b/.test(command.text)) {
          if (!updateServiceInputs.has(path)) updateServiceInputs.set(path, source);
          name(path, 'aws-cli', source, 'passed to aws ecs update-service in');
        } else if (/\bcreate-service\b/.test(command.text)) {
          name(path, 'aws-cli', source, 'passed to aws ecs create-service in');
        }
      }
    }
  }
  return {
    byPath,
    codedeployFolders,
    familySupplied,
    updateServiceInputs,
    substitutedTokens,
    filledMembers,
    appspecTargets,
    sortedSubstitutedTokens: [...substitutedTokens].sort(),
  };
}

/**
 * Image inputs of aws-actions/amazon-ecs-render-task-definition steps: the action sets the image of the container
 * it names (its action.yml: task-definition, container-name, image) before the deploy step sees the file.
 */
function renderActionImages(lines: string[]): Array<{ path: string; container: string; line: number }> {
  const found: Array<{ path: string; container: string; line: number }> = [];
  const indentOf = (l: string) => /^(\s*)/.exec(l)![1].length;
  const env = workflowEnv(lines);
  lines.forEach((l, i) => {
    if (!usesRenderAction.test(l)) return;
    // The step's dash: on this line (`- uses:`) or two columns left of it.
    const dash = /^\s*-\s/.test(l) ? indentOf(l) : indentOf(l) - 2;
    let start = i;
    while (start > 0 && !/^\s*-\s/.test(lines[start]) && i - start < 20) start--;
    const inputs: Record<string, string> = {};
    for (let k = start; k < Math.min(lines.length, i + 40); k++) {
      const text = lines[k];
      if (k > start && text.trim() && (indentOf(text) < dash || (/^\s*-\s/.test(text) && indentOf(text) <= dash)))
        break;
      const m = renderInput.exec(text);
      if (m) inputs[m[1]] = unquote(m[2]);
    }
    const fromEnv = (v: string | undefined) => {
      const ref = v && envReference.exec(v);
      return ref ? env.get(ref[1]) : v;
    };
    const path = fromEnv(inputs['task-definition']);
    const container = fromEnv(inputs['container-name']);
    if (path && container && inputs.image && !path.includes('${{') && !container.includes('${{'))
      found.push({ path, container, line: i + 1 });
  });
  return found;
}

/**
 * Members a jq filter assigns (`.containerDefinitions[0].image = $IMAGE`, `.executionRoleArn |= …`) and the JSON
 * files the command reads (not the one it writes with `>`).
 */
function jqAssignments(command: string): Array<{ input: string; path: FilledStep[] }> {
  if (!/(^|[\s|;&(])jq\s/.test(command)) return [];
  const paths: FilledStep[][] = [];
  for (const m of jqAssignment.allGroups(command)) {
    if (m[2] === '=') continue; // `==` compares
    const steps: FilledStep[] = [];
    for (const part of m[1].matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d*)\])?/g)) {
      steps.push(part[1]);
      if (part[2] !== undefined) steps.push(part[2] === '' ? '*' : Number(part[2]));
    }
    if (steps.length) paths.push(steps);
  }
  if (!paths.length) return [];
  const inputs = jsonInput.all(command);
  return inputs.flatMap((input) => paths.map((path) => ({ input, path })));
}

/** Settings and flags that choose a context by path: glob → context. */
export interface ContextOverrides {
  /** From `--deploy-context`: applies to every file. */
  flag?: DeployContextName;
  /** From `ecsLens.deployContext` or the project file: the first matching glob wins. */
  globs?: ReadonlyArray<{ glob: string; context: DeployContextName; origin: string }>;
  match?: (path: string, glob: string) => boolean;
  /** The index of the first glob a path matches, from globs compiled once (used instead of `match` when given). */
  firstMatching?: (path: string) => number | undefined;
}

const defaultReason =
  'no workflow, ecspresso config, buildspec or Terraform in the repository names this file, so it is checked as aws ecs register-task-definition/create-service --cli-input-json input';

/** The context of one file (path relative to the repository root): flag, then globs, then the repository, then the AWS CLI. */
export function deployContextOf(path: string, facts: RepositoryFacts, overrides: ContextOverrides = {}): DeployContext {
  const key = normalize(path);
  const extra = (context: DeployContext): DeployContext => ({
    ...context,
    familySupplied: facts.familySupplied.get(key),
    updateService: facts.updateServiceInputs.get(key),
    // Sorted once per repository: a script of 200,000 substitutions is not sorted again for each file.
    substitutedTokens: facts.substitutedTokens.size
      ? (facts.sortedSubstitutedTokens ?? [...facts.substitutedTokens].sort())
      : undefined,
    filledMembers: facts.filledMembers?.get(key),
  });
  if (overrides.flag) return extra({ name: overrides.flag, reason: `set by --deploy-context ${overrides.flag}` });
  const globs = overrides.globs ?? [];
  const first = overrides.firstMatching
    ? overrides.firstMatching(key)
    : globs.findIndex(({ glob }) => overrides.match?.(key, glob));
  if (first !== undefined && first >= 0) {
    const { glob, context, origin } = globs[first];
    return extra({ name: context, reason: `set by ${origin} ("${glob}")` });
  }
  const known = facts.byPath.get(key);
  // A buildspec that lists taskdef.json names it; the appspec beside it still says where traffic goes.
  if (known)
    return extra(
      deployTools[known.name].routesThroughAppspec
        ? { ...known, appspecTarget: facts.appspecTargets?.get(dirname(key)) }
        : known,
    );
  const codedeploy = facts.codedeployFolders.get(dirname(key));
  if (codedeploy && /taskdef/i.test(key.slice(key.lastIndexOf('/') + 1))) {
    return extra({
      appspecTarget: facts.appspecTargets?.get(dirname(key)),
      name: 'codedeploy',
      reason: `deployed by CodeDeploy (CodePipeline): beside ${codedeploy.path}`,
      source: codedeploy,
    });
  }
  return extra({ name: 'aws-cli', reason: defaultReason });
}

/** A workflow's `NAME: value` entries, the first of each name: what `${{ env.NAME }}` may stand for. */
function workflowEnv(lines: string[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const l of lines) {
    const m = yamlEntry.exec(l);
    if (m && !env.has(m[1])) env.set(m[1], unquote(m[2]));
  }
  return env;
}

/** `task-definition:` inputs of a workflow that uses the deploy action, following `${{ env.X }}`; render steps feed the deploy step. */
function workflowTaskDefinitions(lines: string[]): Array<{ path: string; line: number }> {
  if (!lines.some((l) => usesDeployAction.test(l))) return [];
  const env = workflowEnv(lines);
  const found: Array<{ path: string; line: number }> = [];
  lines.forEach((l, i) => {
    const m = taskDefinitionInput.exec(l);
    if (!m) return;
    let value = unquote(m[1]);
    const fromEnv = envReference.exec(value);
    if (fromEnv) value = env.get(fromEnv[1]) ?? '';
    if (!value || value.includes('${{')) return;
    found.push({ path: value, line: i + 1 });
  });
  return found;
}

/** `task_definition:` / `service_definition:` of an ecspresso config (YAML, JSON or Jsonnet). */
function ecspressoDefinitions(lines: string[]): Array<{ path: string; line: number }> {
  const found: Array<{ path: string; line: number }> = [];
  lines.forEach((l, i) => {
    const m = ecspressoEntry.exec(l);
    if (m && !m[1].includes('{{')) found.push({ path: m[1], line: i + 1 });
  });
  return found;
}

/** JSON files a buildspec or appspec names whose name says task definition (taskdef.json and the like). */
function mentionedTaskdefs(lines: string[]): Array<{ path: string; line: number }> {
  const found: Array<{ path: string; line: number }> = [];
  lines.forEach((l, i) => {
    for (const m of taskdefJson.all(l)) found.push({ path: m, line: i + 1 });
  });
  return found;
}

/** Shell commands with backslash continuations joined, each with the line it starts on. */
function commands(lines: string[]): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let current: { text: string; line: number } | undefined;
  lines.forEach((l, i) => {
    const end = trimEnd(l);
    const continued = end > 0 && l[end - 1] === '\\';
    const text = continued ? `${l.slice(0, end - 1)} ` : l;
    if (current) current.text += text;
    else current = { text, line: i + 1 };
    if (!continued) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

function unquote(value: string): string {
  // A comment starts at a "#" after white space; found by one scan, not a pattern that backtracks on long blanks.
  let cut = value.length;
  for (let i = 1; i < value.length; i++) {
    if (value[i] === '#' && /\s/.test(value[i - 1])) {
      cut = i;
      break;
    }
  }
  const v = value.slice(0, cut).trim();
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}

/** Index after the last non-blank character of a line. */
function trimEnd(line: string): number {
  let end = line.length;
  while (end > 0 && /\s/.test(line[end - 1])) end--;
  return end;
}

/** Lines of a text, split by one scan (CRLF or LF). */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
    lines.push(text.slice(start, i > start && text[i - 1] === '\r' ? i - 1 : i));
    start = i + 1;
  }
  lines.push(text.slice(start));
  return lines;
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function join(folder: string, path: string): string {
  return folder && !path.startsWith('/') ? `${folder}/${path}` : path;
}

/** Relative, "/"-separated, without "./" and "a/../". */
export function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
