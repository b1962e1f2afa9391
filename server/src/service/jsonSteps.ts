import { createScanner, ScanError, SyntaxKind, type Node as JsonNode } from 'jsonc-parser';
import type { Steps } from '../shared/steps';
import type { Building } from './fastTree';

export type SteppedJson =
  | { root: JsonNode }
  /** The first token that strict JSON does not allow there (or the end of the text). */
  | { error: { offset: number; length: number } }
  /** The offset of the first bracket deeper than the limit. */
  | { tooDeep: number };

/** Tokens read between two steps. */
const tokensPerStep = 4096;

/**
 * The tree jsonc-parser builds for strict JSON (no comments, no trailing commas), built from jsonc-parser's
 * scanner in steps that may pause every few thousand tokens, so that a multi-megabyte file never holds the thread.
 * Text that is not strict JSON stops at its first mistake: the caller then reads it the general way.
 */
export function* jsonTreeSteps(text: string, maxDepth: number): Steps<SteppedJson> {
  // Trivia kept: comments are mistakes in strict JSON, and the scanner would skip them with whitespace.
  const scanner = createScanner(text, false);
  const scan = () => {
    let kind = scanner.scan();
    while (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) kind = scanner.scan();
    return kind;
  };
  const stack: Building[] = [];
  let root: Building | undefined;
  // After a member name and its colon: the property its value joins.
  let property: Building | undefined;
  /** What the next token may be: a value, a member name (or `}` right after `{`), or `,` / a closing bracket. */
  let expect: 'value' | 'name' | 'first-name' | 'first-value' | 'separator' = 'value';
  let count = 0;
  const fail = () => ({ error: { offset: scanner.getTokenOffset(), length: scanner.getTokenLength() } });

  const attach = (node: Building) => {
    const parent = stack[stack.length - 1];
    if (!parent) root = node;
    else if (parent.type === 'array') {
      node.parent = parent;
      parent.children!.push(node);
    } else {
      node.parent = property;
      property!.children!.push(node);
    }
  };
  const ended = (end: number) => {
    const parent = stack[stack.length - 1];
    if (parent?.type === 'object') property!.length = end - property!.offset;
  };

  for (;;) {
    if (++count === tokensPerStep) {
      count = 0;
      yield;
    }
    const kind = scan();
    if (scanner.getTokenError() !== ScanError.None) return fail();
    const offset = scanner.getTokenOffset();
    const length = scanner.getTokenLength();
    if (kind === SyntaxKind.EOF) return root && stack.length === 0 ? { root: root } : fail();
    if (root && stack.length === 0) return fail(); // text after the value
    switch (kind) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken: {
        if (expect !== 'value' && expect !== 'first-value') return fail();
        const node: Building = {
          type: kind === SyntaxKind.OpenBraceToken ? 'object' : 'array',
          offset,
          length: 0,
          children: [],
        };
        attach(node);
        stack.push(node);
        if (stack.length > maxDepth) return { tooDeep: offset };
        expect = node.type === 'object' ? 'first-name' : 'first-value';
        break;
      }
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken: {
        const top = stack[stack.length - 1];
        const closes = kind === SyntaxKind.CloseBraceToken ? 'object' : 'array';
        if (!top || top.type !== closes) return fail();
        if (expect !== 'separator' && expect !== (closes === 'object' ? 'first-name' : 'first-value')) return fail();
        stack.pop();
        top.length = offset + length - top.offset;
        if (stack[stack.length - 1]?.type === 'object') property = top.parent;
        ended(offset + length);
        expect = 'separator';
        break;
      }
      case SyntaxKind.CommaToken:
        if (expect !== 'separator' || stack.length === 0) return fail();
        expect = stack[stack.length - 1].type === 'object' ? 'name' : 'value';
        break;
      case SyntaxKind.StringLiteral:
        if (expect === 'name' || expect === 'first-name') {
          const top = stack[stack.length - 1];
          const prop: Building = { type: 'property', offset, length, children: [], parent: top };
          prop.children!.push({ type: 'string', offset, length, value: scanner.getTokenValue(), parent: prop });
          top.children!.push(prop);
          if (scan() !== SyntaxKind.ColonToken || scanner.getTokenError() !== ScanError.None) return fail();
          prop.colonOffset = scanner.getTokenOffset();
          property = prop;
          expect = 'value';
          break;
        }
        if (expect !== 'value' && expect !== 'first-value') return fail();
        attach(scalar(kind, offset, length, scanner.getTokenValue()));
        ended(offset + length);
        expect = 'separator';
        break;
      case SyntaxKind.NumericLiteral:
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
      case SyntaxKind.NullKeyword: {
        if (expect !== 'value' && expect !== 'first-value') return fail();
        attach(scalar(kind, offset, length, scanner.getTokenValue()));
        ended(offset + length);
        expect = 'separator';
        break;
      }
      default:
        // Comments, a colon out of place, an unknown token.
        return fail();
    }
  }
}

function scalar(kind: SyntaxKind, offset: number, length: number, raw: string): Building {
  switch (kind) {
    case SyntaxKind.StringLiteral:
      return { type: 'string', offset, length, value: raw };
    case SyntaxKind.NumericLiteral:
      return { type: 'number', offset, length, value: Number(raw) };
    case SyntaxKind.NullKeyword:
      return { type: 'null', offset, length, value: null };
    default:
      return { type: 'boolean', offset, length, value: kind === SyntaxKind.TrueKeyword };
  }
}
