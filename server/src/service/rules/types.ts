import type { DocumentKind, EcsDocument } from '../document';
import type { JsonNode } from '../json';
import type { Fix, Severity } from '../problem';
import type { RuleCode } from '../ruleCodes';
import type { WorkspaceView } from '../workspace';
import type { Steps } from '../../shared/steps';

/** What a rule reports: where, what, and optionally how to fix it. Code and severity come from the rule. */
export interface Finding {
  offset: number;
  length: number;
  message: string;
  fixes?: Fix[];
  /** Overrides the rule's default severity for this finding (e.g. a warning-level variant). */
  severity?: Severity;
  /** Overrides the rule's code, for rules that report a family of closely related codes. */
  code?: RuleCode;
}

export interface RuleContext {
  doc: EcsDocument;
  /** doc.body, guaranteed to be an object node. */
  body: JsonNode;
  text: string;
  workspace: WorkspaceView;
  report(finding: Finding): void;
}

/** A semantic rule: data describing it plus one check function. */
export interface Rule {
  /** Stable, e.g. `fargate.network-mode`. */
  code: RuleCode;
  severity: Severity;
  kinds: readonly DocumentKind[];
  /** One line: what it checks. */
  summary: string;
  /** Why: the API behaviour or deployment failure behind the rule. */
  rationale: string;
  /**
   * Reports the document's mistakes. A rule whose work grows with a list (every variable of every container)
   * may be a generator that yields between parts, so that a large document's check gives the server's thread back.
   */
  check(ctx: RuleContext): void | Steps<void>;
}

/** A helper for the common finding anchored on a node. */
export function at(node: JsonNode, message: string, extra?: Partial<Finding>): Finding {
  return { offset: node.offset, length: node.length, message, ...extra };
}
