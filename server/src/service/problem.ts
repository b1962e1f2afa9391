import type { RuleCode } from './ruleCodes';

/** A problem found in a document, located by offsets; it becomes an LSP Diagnostic only in lsp/. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/** A quick fix the user may choose; its edits apply to the document the problem belongs to. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix VS Code applies with "Auto Fix" when it is the only preferred one. */
  preferred?: boolean;
}

export interface Problem {
  offset: number;
  length: number;
  message: string;
  /** Stable identifier, e.g. `schema.unknown-member` or `fargate.invalid-size`. */
  code: RuleCode;
  severity: Severity;
  fixes?: Fix[];
  /** Marks the range as unnecessary (rendered faded), e.g. members the API ignores. */
  unnecessary?: boolean;
}
