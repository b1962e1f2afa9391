/**
 * Maps an offset in the decoded value of a JSON string literal to an offset in the raw literal text
 * (which includes the opening quote and escapes like \" \\ \u0041). Offsets past the end map to the closing quote.
 */
export function decodedToRawOffset(rawLiteral: string, decodedOffset: number): number {
  let raw = rawLiteral.startsWith('"') ? 1 : 0;
  let decoded = 0;
  const end =
    rawLiteral.length - (rawLiteral.length > raw && rawLiteral.endsWith('"') && !isEscapedQuote(rawLiteral) ? 1 : 0);
  while (decoded < decodedOffset && raw < end) {
    if (rawLiteral[raw] === '\\') {
      // \uXXXX yields one UTF-16 unit, as does every other escape.
      raw += rawLiteral[raw + 1] === 'u' ? 6 : 2;
    } else {
      raw += 1;
    }
    decoded++;
  }
  return Math.min(raw, end);
}

/**
 * The inverse in one pass: the first decoded offset (at most `decodedLength`) whose raw offset
 * reaches `rawOffset`. Mapping each candidate with decodedToRawOffset instead is quadratic.
 */
export function rawToDecodedOffset(rawLiteral: string, rawOffset: number, decodedLength: number): number {
  let raw = rawLiteral.startsWith('"') ? 1 : 0;
  let decoded = 0;
  const end =
    rawLiteral.length - (rawLiteral.length > raw && rawLiteral.endsWith('"') && !isEscapedQuote(rawLiteral) ? 1 : 0);
  while (decoded < decodedLength && Math.min(raw, end) < rawOffset) {
    raw += rawLiteral[raw] === '\\' ? (rawLiteral[raw + 1] === 'u' ? 6 : 2) : 1;
    decoded++;
  }
  return decoded;
}

/** True when the literal's last quote is escaped, i.e. the literal is unterminated. */
function isEscapedQuote(raw: string): boolean {
  let backslashes = 0;
  for (let i = raw.length - 2; i >= 1 && raw[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}
