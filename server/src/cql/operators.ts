/** Canonical (symbolic) spelling of each comparison operator. */
export type Operator = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'exists' | '!exists' | 'in' | '!in' | '=~' | '!~';

/** What an operator tests: the subject's presence, equality, order, membership in a list, or a pattern. */
export type OperatorTest = 'presence' | 'equality' | 'order' | 'membership' | 'pattern';

export interface OperatorInfo {
  symbol: Operator;
  /** Word spelling; `in` and `exists` have no symbolic one, so symbol and word coincide. */
  word: string;
  argument: 'none' | 'value' | 'list';
  test: OperatorTest;
  /** The operator this one negates: it holds exactly where that one does not. */
  negates?: Operator;
  description: string;
}

// Operator table of the ECS cluster query language (developer guide, "cluster query language").
export const OPERATORS: readonly OperatorInfo[] = [
  { symbol: '==', word: 'equals', argument: 'value', test: 'equality', description: 'The subject equals the value.' },
  {
    symbol: '!=',
    word: 'not_equals',
    argument: 'value',
    test: 'equality',
    negates: '==',
    description: 'The subject differs from the value.',
  },
  {
    symbol: '>',
    word: 'greater_than',
    argument: 'value',
    test: 'order',
    description: 'The subject is greater than the value.',
  },
  {
    symbol: '>=',
    word: 'greater_than_equal',
    argument: 'value',
    test: 'order',
    description: 'The subject is greater than or equal to the value.',
  },
  {
    symbol: '<',
    word: 'less_than',
    argument: 'value',
    test: 'order',
    description: 'The subject is less than the value.',
  },
  {
    symbol: '<=',
    word: 'less_than_equal',
    argument: 'value',
    test: 'order',
    description: 'The subject is less than or equal to the value.',
  },
  {
    symbol: 'exists',
    word: 'exists',
    argument: 'none',
    test: 'presence',
    description: 'The subject is present on the instance.',
  },
  {
    symbol: '!exists',
    word: 'not_exists',
    argument: 'none',
    test: 'presence',
    negates: 'exists',
    description: 'The subject is absent from the instance.',
  },
  {
    symbol: 'in',
    word: 'in',
    argument: 'list',
    test: 'membership',
    description: 'The subject equals one of the listed values.',
  },
  {
    symbol: '!in',
    word: 'not_in',
    argument: 'list',
    test: 'membership',
    negates: 'in',
    description: 'The subject equals none of the listed values.',
  },
  {
    symbol: '=~',
    word: 'matches',
    argument: 'value',
    test: 'pattern',
    description: 'The whole subject matches the regular expression (Java syntax).',
  },
  {
    symbol: '!~',
    word: 'not_matches',
    argument: 'value',
    test: 'pattern',
    negates: '=~',
    description: 'The subject does not match the regular expression (Java syntax) as a whole.',
  },
];

export function operatorInfo(op: Operator): OperatorInfo {
  return OPERATORS.find((o) => o.symbol === op)!;
}

const BY_WORD = new Map(OPERATORS.map((o) => [o.word, o.symbol] as const));

/** Spellings made of punctuation (`==`, `>=`, `=~`, …), longest first so `>=` wins over `>`. */
export const SYMBOLIC_OPERATORS: readonly Operator[] = OPERATORS.map((o) => o.symbol)
  .filter((s) => !/[a-z]/.test(s))
  .sort((a, b) => b.length - a.length);

/** The operators whose test is one of `tests`, in table order. */
export function operatorsTesting(...tests: OperatorTest[]): Operator[] {
  return OPERATORS.filter((o) => tests.includes(o.test)).map((o) => o.symbol);
}

/** `!` and a word: the negated operator spelt that way (`!exists`, `!in`), if there is one. */
export function negatedWordOperator(word: string): Operator | undefined {
  return OPERATORS.find((o) => o.negates !== undefined && o.symbol === `!${word}`)?.symbol;
}

export function operatorFromWord(word: string): Operator | undefined {
  return BY_WORD.get(word);
}
