import { allRules } from '../service/rules';
import { queryLanguageRules, structuralRules } from '../service/structuralRules';
import { scannerIds, type ScannerIds } from '../ecs/scannerIds';

export interface RuleEntry {
  code: string;
  severity: string;
  appliesTo: readonly string[];
  summary: string;
  rationale: string;
  scanners?: ScannerIds;
}

/** Every rule the check can report, in reference order: structural, semantic, query language. */
export function ruleCatalog(): RuleEntry[] {
  return [...structuralRules, ...allRules, ...queryLanguageRules].map((r) => ({
    code: r.code,
    severity: r.severity,
    appliesTo: r.kinds,
    summary: r.summary,
    rationale: r.rationale,
    ...(scannerIds[r.code] ? { scanners: scannerIds[r.code] } : {}),
  }));
}
