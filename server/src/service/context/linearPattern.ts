import type { RE2JS } from 're2js';
import { re2 } from '../libraries';

/**
 * A pattern over repository text (a workflow line, a buildspec, a script) that runs on RE2: its time is
 * linear in the text whatever the text holds, where a backtracking engine can take the square of a long
 * word's length. The syntax is the common subset of JavaScript and RE2 (no look-around, no back-references).
 */
export interface LinearPattern {
  test(text: string): boolean;
  /** The match and its groups ("" for a group that took no part), or null. */
  exec(text: string): string[] | null;
  /** Every match in order, left to right without overlap: the first group if the pattern has one, else the match. */
  all(text: string): string[];
  /** Every match in order, as `exec` gives it: the match and its groups. */
  allGroups(text: string): string[][];
}

/** Compiled on first use: the patterns are module constants, and a process that reads no repository text never needs them. */
export function linear(source: string, flags = ''): LinearPattern {
  let compiled: RE2JS | undefined;
  const regex = (): RE2JS => (compiled ??= re2().compile(source, flags.includes('i') ? re2().CASE_INSENSITIVE : 0));
  return {
    test: (text) => regex().matcher(text).find(),
    exec: (text) => {
      const m = regex().matcher(text);
      return m.find() ? groupsOf(m, regex().groupCount()) : null;
    },
    allGroups: (text) => {
      const m = regex().matcher(text);
      const out: string[][] = [];
      while (m.find()) out.push(groupsOf(m, regex().groupCount()));
      return out;
    },
    all: (text) => {
      const re = regex();
      const groups = re.groupCount();
      const m = re.matcher(text);
      const out: string[] = [];
      while (m.find()) {
        const v = m.group(groups > 0 ? 1 : 0);
        if (v !== null) out.push(v);
      }
      return out;
    },
  };
}

function groupsOf(m: ReturnType<RE2JS['matcher']>, groups: number): string[] {
  const out: string[] = [];
  for (let g = 0; g <= groups; g++) out.push(m.group(g) ?? '');
  return out;
}
