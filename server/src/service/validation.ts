import type { EcsDocument } from './document';
import type { Problem, Severity } from './problem';
import { allRules } from './rules';
import type { Finding, Rule } from './rules/types';
import { validateSchema } from './schema';
import type { EcsLensSettings } from './settings';
import type { WorkspaceView } from './workspace';

/** Every problem of a document: syntax, schema, then semantic rules, with the user's severity overrides. */
export function validateDocument(doc: EcsDocument, settings: EcsLensSettings, workspace: WorkspaceView): Problem[] {
  if (doc.kind === 'unknown') return [];
  // Lists are appended one by one: spreading a list of 100,000 problems into push overflows the stack.
  const problems: Problem[] = doc.syntaxProblems.slice();
  if (doc.body && doc.body.type === 'object') {
    // Where the parser recovered from a syntax error (e.g. an unquoted {{placeholder}}), the
    // recovered value is a guess: report the syntax error alone there.
    const broken = brokenOffsets(doc.syntaxProblems);
    for (const list of [validateSchema(doc), runRules(doc, workspace)]) {
      for (const p of list) if (!broken.within(p.offset, p.offset + Math.max(p.length, 1))) problems.push(p);
    }
  }
  return applyOverrides(dedupe(problems), settings.rules);
}

/** Offsets of syntax errors, sorted, asked "is one in [start, end)?" by binary search: linear overall. */
function brokenOffsets(syntaxProblems: readonly Problem[]): { within(start: number, end: number): boolean } {
  const offsets = syntaxProblems.map((p) => p.offset).sort((a, b) => a - b);
  return {
    within(start, end) {
      if (offsets.length === 0) return false;
      let lo = 0;
      let hi = offsets.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (offsets[mid] < start) lo = mid + 1;
        else hi = mid;
      }
      return lo < offsets.length && offsets[lo] < end;
    },
  };
}

/** Problems shown per document at most; the rest are summed up in one last problem, as JSON editors do. */
export const maxProblemsShown = 1000;

/**
 * The first `max` problems in document order and, when there are more, one more problem at the
 * document's start that says how many are not shown.
 */
export function capProblems(problems: readonly Problem[], max = maxProblemsShown): Problem[] {
  if (problems.length <= max) return problems.slice();
  const shown = problems.slice().sort((a, b) => a.offset - b.offset).slice(0, max);
  const hidden = problems.length - max;
  shown.push({ offset: 0, length: 1, code: 'problems.more', severity: 'information', message: `${hidden.toLocaleString('en-US')} more problems not shown: fix the ones above first.` });
  return shown;
}

export function runRules(doc: EcsDocument, workspace: WorkspaceView, rules: readonly Rule[] = allRules): Problem[] {
  const body = doc.body;
  if (!body) return [];
  const problems: Problem[] = [];
  for (const rule of rules) {
    if (!rule.kinds.includes(doc.kind)) continue;
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
