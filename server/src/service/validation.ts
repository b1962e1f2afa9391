import type { EcsDocument } from './document';
import type { Problem, Severity } from './problem';
import { allRules, containerListRuleCodes } from './rules';
import type { Finding, Rule } from './rules/types';
import { validateSchema } from './schema';
import type { EcsLensSettings } from './settings';
import { deployContextFor, type WorkspaceView } from './workspace';
import { withSubstitutedTokens } from '../ecs/placeholders';
import type { DeployContext } from './context/types';
import { adjustSchemaProblems, consumedDocument, contextProblems, ruleDocument } from './context/apply';

/** Every problem of a document: syntax, schema, then semantic rules, with the user's severity overrides. */
export function validateDocument(doc: EcsDocument, settings: EcsLensSettings, workspace: WorkspaceView): Problem[] {
  if (doc.kind === 'unknown') return [];
  const context = deployContextFor(workspace, doc.uri);
  return withSubstitutedTokens(context.substitutedTokens ?? [], () => validateWith(doc, context, settings, workspace));
}

function validateWith(doc: EcsDocument, context: DeployContext, settings: EcsLensSettings, workspace: WorkspaceView): Problem[] {
  const problems: Problem[] = [...doc.syntaxProblems];
  if (doc.body && doc.body.type === 'object') {
    // The file is judged as its consumer sends it to ECS (see context/): what the consumer drops is not a mistake.
    const consumed = consumedDocument(doc, context);
    const found = [...adjustSchemaProblems(validateSchema(consumed.doc), doc, context), ...contextProblems(doc, consumed, context)];
    const forRules = ruleDocument(consumed.doc, found);
    const checked = [...found, ...runRules(forRules.doc, workspace).filter((p) => !forRules.holders.has(p.offset))];
    // Where the parser recovered from a syntax error (e.g. an unquoted {{placeholder}}), the
    // recovered value is a guess: report the syntax error alone there.
    const broken = doc.syntaxProblems.map((p) => p.offset);
    problems.push(...(broken.length ? checked.filter((p) => !broken.some((o) => o >= p.offset && o < p.offset + Math.max(p.length, 1))) : checked));
  }
  return applyOverrides(dedupe(problems), settings.rules);
}

export function runRules(doc: EcsDocument, workspace: WorkspaceView, rules: readonly Rule[] = allRules): Problem[] {
  const body = doc.body;
  if (!body) return [];
  const problems: Problem[] = [];
  for (const rule of rules) {
    if (doc.kind === 'container-definitions' ? !containerListRuleCodes.has(rule.code) : !rule.kinds.includes(doc.kind)) continue;
    const report = (f: Finding) => problems.push({
      offset: f.offset, length: f.length, message: f.message, fixes: f.fixes,
      code: f.code ?? rule.code, severity: f.severity ?? rule.severity,
    });
    try {
      rule.check({ doc, body, text: doc.text, workspace, report });
    } catch (error) {
      // A rule that fails on odd input must not take the others (or the server) down.
      problems.push({ offset: body.offset, length: 1, code: 'internal.rule-failed', severity: 'hint', message: `Rule ${rule.code} failed on this document: ${(error as Error).message}` });
    }
  }
  return problems;
}

/**
 * One problem per range: when the schema and a rule report the same node, the first
 * (the schema's) is kept, so the user reads one message per mistake.
 */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.offset}:${p.length}:${p.severity === 'information' || p.severity === 'hint' ? p.code : 'problem'}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function applyOverrides(problems: Problem[], overrides: EcsLensSettings['rules']): Problem[] {
  if (!overrides || Object.keys(overrides).length === 0) return problems;
  const out: Problem[] = [];
  for (const p of problems) {
    const level = overrides[p.code];
    if (level === 'off') continue;
    out.push(level ? { ...p, severity: level as Severity } : p);
  }
  return out;
}
