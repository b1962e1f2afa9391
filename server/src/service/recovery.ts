import { createScanner, parseTree, type ParseError } from 'jsonc-parser';

/**
 * Text with a syntax error, mended so that the rest of it can be checked: each repair changes
 * characters in place (a half-typed member or an unclosed object becomes blanks, a missing comma
 * takes the place of a blank), so every offset outside a repair still means the same character.
 * The repaired regions are where the text's meaning is unknown: nothing is reported there.
 */
export interface Recovery {
  /** Valid JSON, exactly as long as the original text. */
  text: string;
  /** The parse errors that needed a repair, in the text they were found in, first first. */
  errors: Array<{ error: ParseError; text: string }>;
  /** Where the text was changed. */
  regions: Array<{ offset: number; length: number }>;
}

/** Repairs are tried one parse error at a time; a text that needs more is not checked beyond its syntax. */
export const maxRepairs = 100;
/** Characters parsed over all rounds at most: each round parses and scans the whole text again. */
const maxCharactersParsed = 16 * 1024 * 1024;
/** Rounds in which a line's quotes are tried one by one (a parse each): the first, where a typed quote shows. */
const quoteRounds = 10;

// jsonc-parser's SyntaxKind and ParseErrorCode are const enums, which a bundler cannot inline from a .d.ts.
/* eslint-disable @typescript-eslint/no-unsafe-enum-comparison -- so the tokens and errors are compared with these numbers */
const kind = {
  openBrace: 1,
  closeBrace: 2,
  openBracket: 3,
  closeBracket: 4,
  comma: 5,
  colon: 6,
  string: 10,
  number: 11,
  lineComment: 12,
  blockComment: 13,
  lineBreak: 14,
  trivia: 15,
  eof: 17,
} as const;
const code = {
  invalidNumberFormat: 2,
  propertyNameExpected: 3,
  valueExpected: 4,
  colonExpected: 5,
  commaExpected: 6,
  closeBraceExpected: 7,
  closeBracketExpected: 8,
  endOfFileExpected: 9,
  invalidCommentToken: 10,
  unexpectedEndOfComment: 11,
  unexpectedEndOfString: 12,
  unexpectedEndOfNumber: 13,
  invalidUnicode: 14,
  invalidEscapeCharacter: 15,
  invalidCharacter: 16,
} as const;

interface Token {
  kind: number;
  offset: number;
  end: number;
}

/** Mends `text` until it parses, or returns undefined when it takes more than the budget. */
export function recoverSyntax(text: string, knownErrors = 0): Recovery | undefined {
  // More errors than repairs, or a text too long to parse that many times: only its syntax is reported.
  if (knownErrors > maxRepairs) return undefined;
  const rounds = Math.min(maxRepairs, Math.floor(maxCharactersParsed / Math.max(1, text.length)));
  let current = text;
  const errors: Recovery['errors'] = [];
  const regions: Recovery['regions'] = [];
  for (let round = 0; round < rounds; round++) {
    const found: ParseError[] = [];
    parseTree(current, found, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    if (found.length === 0) return { text: current, errors, regions };
    const error = found[0];
    // The same error again where it was: the repairs go round in a circle.
    const seen = `${error.error}@${error.offset}`;
    if (errors.some((e) => `${e.error.error}@${e.error.offset}` === seen)) return undefined;
    errors.push({ error, text: current });
    const repair = repairFor(current, error, round < quoteRounds);
    if (!repair) return undefined;
    const before = current;
    current = repair.text;
    regions.push(repair.region);
    if (current === before) return undefined;
  }
  return undefined;
}

function tokensOf(text: string): Token[] {
  const scanner = createScanner(text, false);
  const tokens: Token[] = [];
  for (;;) {
    const k = scanner.scan();
    if (k === kind.lineBreak || k === kind.trivia) continue;
    tokens.push({
      kind: k,
      offset: scanner.getTokenOffset(),
      end: scanner.getTokenOffset() + scanner.getTokenLength(),
    });
    if (k === kind.eof) return tokens;
  }
}

/** Blanks [from, to): every character but line breaks becomes a space, so strings still end where they did. */
function blank(text: string, from: number, to: number): string {
  return text.slice(0, from) + text.slice(from, to).replace(/[^\r\n]/g, ' ') + text.slice(to);
}

function put(text: string, at: number, char: string): string {
  return text.slice(0, at) + char + text.slice(at + 1);
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function repairFor(
  text: string,
  error: ParseError,
  tryQuotes: boolean,
): { text: string; region: { offset: number; length: number } } | undefined {
  const tokens = tokensOf(text).filter(
    (t) => (t.kind !== kind.lineComment && t.kind !== kind.blockComment) || t.offset === error.offset,
  );
  let i = tokens.findIndex((t) => t.offset <= error.offset && error.offset < Math.max(t.end, t.offset + 1));
  if (i < 0) i = tokens.length - 1; // the end of the file
  const token = tokens[i];
  const previous = tokens[i - 1];
  const blankRange = (from: number, to: number) => ({
    text: blank(text, from, to),
    region: { offset: from, length: Math.max(to - from, 1) },
  });
  /** The member or element whose value starts at token j: from its key when it has one. */
  const startOfEntry = (j: number) =>
    tokens[j - 1]?.kind === kind.colon && tokens[j - 2]?.kind === kind.string ? tokens[j - 2].offset : tokens[j].offset;
  /** A character in place of the first blank after the previous token, when there is one before token i. */
  const insertBefore = (char: string) => {
    const at = previous ? previous.end : 0;
    return at < token.offset && isBlank(text[at])
      ? { text: put(text, at, char), region: { offset: at, length: 1 } }
      : undefined;
  };
  /**
   * An object or list left open where token i stands is still being typed: it is left out whole
   * (closing it would check half-typed values, and other members against them).
   */
  const dropInnermost = () => {
    const opener = unclosedOpener(tokens, i);
    if (opener === undefined) return token.kind === kind.eof ? undefined : blankRange(token.offset, token.end);
    return blankRange(startOfEntry(opener), previous ? previous.end : token.offset);
  };
  /** Where the entry whose last token is token j starts: from the opener of a closed object or list, and its key. */
  const startOfEntryEndingAt = (j: number) => {
    if (tokens[j].kind !== kind.closeBrace && tokens[j].kind !== kind.closeBracket) return startOfEntry(j);
    let depth = 0;
    for (let k = j; k >= 0; k--) {
      const t = tokens[k].kind;
      if (t === kind.closeBrace || t === kind.closeBracket) depth++;
      else if ((t === kind.openBrace || t === kind.openBracket) && --depth === 0) return startOfEntry(k);
    }
    return tokens[j].offset;
  };
  // A string typed before others on one line pairs its quotes with theirs (`"user{ "`): it goes with what follows it.
  const glued =
    previous?.kind === kind.string &&
    !/[\r\n]/.test(text.slice(previous.end, token.offset)) &&
    error.error !== code.commaExpected &&
    error.error !== code.colonExpected;
  // A quote too many on the line (one just typed): without it, the line may read as it did before.
  if (tryQuotes && (error.error === code.unexpectedEndOfString || glued)) {
    const fixed = withoutOneQuote(text, token.offset);
    if (fixed) return fixed;
  }
  if (glued && token.kind !== kind.eof && token.kind !== kind.colon && token.kind !== kind.comma) {
    return blankRange(startOfEntry(i - 1), token.end);
  }
  switch (error.error) {
    case code.invalidCommentToken:
    case code.unexpectedEndOfComment:
      return blankRange(token.offset, token.end);
    case code.unexpectedEndOfString:
    case code.invalidUnicode:
    case code.invalidEscapeCharacter:
    case code.invalidCharacter:
    case code.invalidNumberFormat:
    case code.unexpectedEndOfNumber:
      // A half-typed string or number: the member it belongs to is not known yet.
      return blankRange(startOfEntry(i), token.end);
    case code.colonExpected:
      // A key with no value yet: drop the key (the token where the colon was expected is checked on its own).
      return previous?.kind === kind.string
        ? blankRange(previous.offset, previous.end)
        : blankRange(token.offset, token.end);
    case code.commaExpected:
      // `"a":` then the next line's `"b": 1`: the string after the colon is the next key, and `"a":` is being typed.
      if (token.kind === kind.colon && previous?.kind === kind.string && tokens[i - 2]?.kind === kind.colon)
        return blankRange(startOfEntry(i - 1), tokens[i - 2].end);
      // The closer of an outer list or object: the inner one is still being typed.
      if (token.kind === kind.closeBrace || token.kind === kind.closeBracket) return dropInnermost();
      // A `{` or `[` where an object wants its next member cannot be one: the object before it is not closed yet.
      if (
        (token.kind === kind.openBrace || token.kind === kind.openBracket) &&
        tokens[unclosedOpener(tokens, i) ?? -1]?.kind === kind.openBrace
      )
        return dropInnermost();
      // No room for a comma (`}{`): the entry before is the one being typed.
      return insertBefore(',') ?? blankRange(startOfEntryEndingAt(i - 1), previous.end);
    case code.propertyNameExpected:
    case code.valueExpected:
      if (
        previous?.kind === kind.comma &&
        (token.kind === kind.closeBrace || token.kind === kind.closeBracket || token.kind === kind.eof)
      )
        return blankRange(previous.offset, previous.end);
      if (error.error === code.valueExpected && previous?.kind === kind.colon)
        return blankRange(startOfEntry(i), previous.end);
      if (token.kind === kind.eof) return undefined;
      // The closer of an outer list or object: the inner one (a `{` typed without its `}`) is still being typed.
      if (token.kind === kind.closeBrace || token.kind === kind.closeBracket) return dropInnermost();
      return blankRange(token.offset, token.end);
    case code.closeBraceExpected:
    case code.closeBracketExpected:
      return dropInnermost();
    case code.endOfFileExpected:
      // Text after the top-level value: none of it belongs to the document.
      return blankRange(token.offset, text.length);
    default:
      if (token.kind === kind.eof) return undefined;
      return blankRange(previous?.kind === kind.colon ? startOfEntry(i) : token.offset, token.end);
  }
}

/** Quotes of a line tried one by one, at most this many, the nearest to the error first. */
const maxQuotesTried = 8;

/**
 * The error's line read again, keeping as much of its end as it had: first without what was typed
 * before one of its quotes (the member as it was), else without one of its quotes; each tried
 * among the quotes near the error, left to right, and taken when the text then parses past the
 * line. Undefined when neither does.
 */
function withoutOneQuote(
  text: string,
  at: number,
): { text: string; region: { offset: number; length: number } } | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const lineEnd = newline === -1 ? text.length : newline;
  const quotes: number[] = [];
  for (let q = lineStart; q < lineEnd; q++) {
    if (text[q] === '\\') q++;
    else if (text[q] === '"') quotes.push(q);
  }
  const nearest = quotes
    .sort((a, b) => Math.abs(a - at) - Math.abs(b - at))
    .slice(0, maxQuotesTried)
    .sort((a, b) => a - b);
  const parsesPastLine = (candidate: string) => {
    const errors: ParseError[] = [];
    parseTree(candidate, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    return errors.length === 0 || errors[0].offset > lineEnd;
  };
  // Typed at the start of a line, before a member: the line from one of its quotes on may be the member as it was.
  const contentStart = lineStart + /^[ \t]*/.exec(text.slice(lineStart, lineEnd))![0].length;
  for (const q of nearest) {
    if (q <= contentStart) continue;
    const candidate = blank(text, contentStart, q);
    if (parsesPastLine(candidate))
      return { text: candidate, region: { offset: contentStart, length: Math.max(lineEnd - contentStart, 1) } };
  }
  for (const q of nearest) {
    const candidate = put(text, q, ' ');
    // What the rest of the line now reads as is a guess (`"user": "1` reads as the number 1): nothing is reported there.
    if (parsesPastLine(candidate)) return { text: candidate, region: { offset: q, length: Math.max(lineEnd - q, 1) } };
  }
  return undefined;
}

/** Index of the innermost bracket still open before token `end`. */
function unclosedOpener(tokens: Token[], end: number): number | undefined {
  const stack: number[] = [];
  for (let j = 0; j < end; j++) {
    const k = tokens[j].kind;
    if (k === kind.openBrace || k === kind.openBracket) stack.push(j);
    else if (k === kind.closeBrace || k === kind.closeBracket) stack.pop();
  }
  return stack.at(-1);
}
