/** The codes of the query-language checks (documented with the rules: ecs-lens rules). */
export type CqlCode =
  | 'cql.syntax'
  | 'cql.unknown-subject'
  | 'cql.operator-not-allowed'
  | 'cql.unknown-attribute'
  | 'cql.invalid-attribute-name'
  | 'cql.invalid-regex'
  | 'cql.unsupported-regex'
  | 'cql.invalid-date'
  | 'cql.invalid-version'
  | 'cql.invalid-number'
  | 'cql.never-matches'
  | 'cql.too-long'
  | 'cql.too-deep';

/** A diagnostic located by offsets into the decoded expression string. */
export interface CqlProblem {
  offset: number;
  length: number;
  message: string;
  code: CqlCode;
  severity: 'error' | 'warning' | 'information' | 'hint';
  /** When the fix is clear: the text that should stand in the problem's range. */
  replacement?: string;
}

export function problem(
  offset: number,
  length: number,
  code: CqlCode,
  message: string,
  severity: CqlProblem['severity'] = 'error',
): CqlProblem {
  return { offset, length: Math.max(0, length), message, code, severity };
}
