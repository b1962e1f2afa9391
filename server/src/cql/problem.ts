/** A diagnostic located by offsets into the decoded expression string. */
export interface CqlProblem {
  offset: number;
  length: number;
  message: string;
  code: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  /** When the fix is clear: the text that should stand in the problem's range. */
  replacement?: string;
}

export function problem(offset: number, length: number, code: string, message: string, severity: CqlProblem['severity'] = 'error'): CqlProblem {
  return { offset, length: Math.max(0, length), message, code, severity };
}
