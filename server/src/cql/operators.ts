/** Canonical (symbolic) spelling of each comparison operator. */
export type Operator = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'exists' | '!exists' | 'in' | '!in' | '=~' | '!~';

export interface OperatorInfo {
  symbol: Operator;
  /** Word spelling; `in` and `exists` have no symbolic one, so symbol and word coincide. */
  word: string;
  argument: 'none' | 'value' | 'list';
  description: string;
}

// Operator table of the ECS cluster query language (developer guide, "cluster query language").
export const OPERATORS: readonly OperatorInfo[] = [
  { symbol: '==', word: 'equals', argument: 'value', description: 'The subject equals the value.' },
  { symbol: '!=', word: 'not_equals', argument: 'value', description: 'The subject differs from the value.' },
  { symbol: '>', word: 'greater_than', argument: 'value', description: 'The subject is greater than the value.' },
  { symbol: '>=', word: 'greater_than_equal', argument: 'value', description: 'The subject is greater than or equal to the value.' },
  { symbol: '<', word: 'less_than', argument: 'value', description: 'The subject is less than the value.' },
  { symbol: '<=', word: 'less_than_equal', argument: 'value', description: 'The subject is less than or equal to the value.' },
  { symbol: 'exists', word: 'exists', argument: 'none', description: 'The subject is present on the instance.' },
  { symbol: '!exists', word: 'not_exists', argument: 'none', description: 'The subject is absent from the instance.' },
  { symbol: 'in', word: 'in', argument: 'list', description: 'The subject equals one of the listed values.' },
  { symbol: '!in', word: 'not_in', argument: 'list', description: 'The subject equals none of the listed values.' },
  { symbol: '=~', word: 'matches', argument: 'value', description: 'The whole subject matches the regular expression (Java syntax).' },
  { symbol: '!~', word: 'not_matches', argument: 'value', description: 'The subject does not match the regular expression (Java syntax) as a whole.' },
];

export function operatorInfo(op: Operator): OperatorInfo {
  return OPERATORS.find((o) => o.symbol === op)!;
}

const BY_WORD = new Map(OPERATORS.map((o) => [o.word, o.symbol] as const));

export function operatorFromWord(word: string): Operator | undefined {
  return BY_WORD.get(word);
}
