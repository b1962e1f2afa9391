import { builtinAttribute } from './builtinAttributes';
import { markdownText } from '../workspace/plainText';
import type { Token } from './lexer';
import { operatorInfo } from './operators';
import { parseDetailed } from './parser';
import { subjectInfo } from './subjects';
import { parseQueryDate, parseVersion } from './values';

export interface CqlHover {
  offset: number;
  length: number;
  markdown: string;
}

const KEYWORDS: Record<string, string> = {
  and: '**and** (`&&`): holds when both sides hold. Binds tighter than `or`.',
  '&&': '**&&** (`and`): holds when both sides hold. Binds tighter than `or`.',
  or: '**or** (`||`): holds when either side holds. Binds loosest of all.',
  '||': '**||** (`or`): holds when either side holds. Binds loosest of all.',
  not: '**not** (`!`): negates the comparison or parenthesized group that follows. Binds tightest.',
  '!': '**!** (`not`): negates the comparison or parenthesized group that follows. Binds tightest.',
};

/** Markdown describing the subject, operator, keyword or value under `offset`. */
export function hoverExpression(text: string, offset: number): CqlHover | undefined {
  const { tokens } = parseDetailed(text);
  // A cursor between two tokens (`!|(`) describes the word before it rather than the bracket after it.
  const words = tokens.filter((t) => t.role !== 'punctuation');
  const token =
    words.find((t) => offset >= t.offset && offset < t.offset + t.length) ??
    words.find((t) => offset === t.offset + t.length);
  if (!token) return undefined;
  const markdown = describe(token);
  return markdown ? { offset: token.offset, length: token.length, markdown } : undefined;
}

function describe(t: Token): string | undefined {
  switch (t.role) {
    case 'keyword':
      return KEYWORDS[t.text];
    case 'subject':
      return describeSubject(t);
    case 'operator': {
      const o = operatorInfo(t.op!);
      const spelling = o.word === o.symbol ? `**${o.symbol}**` : `**${o.symbol}** (\`${o.word}\`)`;
      const regex =
        o.symbol === '=~' || o.symbol === '!~'
          ? '\n\nJava regular expression syntax; the pattern must match the whole value, as with `t2.*` for every t2 size.'
          : '';
      return `${spelling}: ${o.description}${regex}`;
    }
    case 'value':
      return describeValue(t);
    default:
      return undefined;
  }
}

function describeSubject(t: Token): string | undefined {
  const s = t.subject;
  if (!s?.kind) return undefined;
  const info = subjectInfo(s.kind);
  const ops = `\n\nOperators: ${info.operators.map((o) => `\`${o}\``).join(', ')}`;
  if (s.kind !== 'attribute') return `**${info.label}**: ${info.description}${ops}`;
  const builtin = builtinAttribute(s.attributeName ?? '');
  if (!builtin)
    return `**attribute:${markdownText(s.attributeName ?? '')}**: custom container instance attribute.${ops}`;
  const values = builtin.values
    ? `\n\nValues: ${builtin.values.map((v) => `\`${v}\``).join(', ')}`
    : builtin.example
      ? `\n\nExample: \`${builtin.example}\``
      : '';
  return `**attribute:${builtin.name}** (built-in): ${builtin.description}${values}${ops}`;
}

function describeValue(t: Token): string | undefined {
  const value = t.quoted ? t.text.slice(1, t.text.endsWith(t.text[0]) && t.text.length > 1 ? -1 : undefined) : t.text;
  if (t.op === '=~' || t.op === '!~') return 'Regular expression (Java syntax), matched against the whole value.';
  if (t.subject?.kind === 'registeredAt') {
    const ms = parseQueryDate(value);
    return ms === undefined ? undefined : `Date: ${new Date(ms).toISOString()} (UTC)`;
  }
  if (t.subject?.kind === 'agentVersion') {
    const v = parseVersion(value);
    return v ? `Agent version ${v.join('.')}, compared part by part.` : undefined;
  }
  return undefined;
}
