import { SourceMap } from './sourceMap';

/** A range of the source file: offsets into its text. */
export interface Span {
  offset: number;
  length: number;
}

/**
 * Writes an API-shaped JSON document while recording where each value and member name came from.
 * Surface adapters walk their own syntax tree and call it; the text it builds is what the rules read.
 */
export class VirtualJsonWriter {
  private out: string[] = [];
  private length = 0;
  /** Per open object or array: whether an element was written (a comma comes before the next). */
  private readonly stack: Array<{ start: number; source: Span; filled: boolean; assumption?: string }> = [];
  private afterKey = false;
  readonly map = new SourceMap();

  text(): string {
    return this.out.join('');
  }

  beginObject(source: Span, assumption?: string): void {
    this.open('{', source, assumption);
  }

  endObject(): void {
    this.close('}');
  }

  beginArray(source: Span, assumption?: string): void {
    this.open('[', source, assumption);
  }

  endArray(): void {
    this.close(']');
  }

  /**
   * A member name. `exact` when the source spells the name as written here, either bare (`cpu = …`: the
   * name without its quotes maps) or quoted (`"cpu": …`: the quoted name maps).
   */
  key(name: string, source: Span, exact: 'bare' | 'quoted' | false = false): void {
    this.separator();
    const at = this.length;
    const quoted = JSON.stringify(name);
    this.write(quoted + ':');
    this.map.add({
      vOffset: at,
      vLength: quoted.length,
      sOffset: source.offset,
      sLength: source.length,
      exact: false,
      role: 'key',
    });
    if (exact === 'bare' && quoted.length === name.length + 2)
      this.map.add({
        vOffset: at + 1,
        vLength: name.length,
        sOffset: source.offset,
        sLength: name.length,
        exact: true,
      });
    if (exact === 'quoted')
      this.map.add({
        vOffset: at,
        vLength: quoted.length,
        sOffset: source.offset,
        sLength: quoted.length,
        exact: true,
      });
    this.afterKey = true;
  }

  /** A plain value (string, number, boolean, null, or a whole object or list) written from one source range. */
  value(value: unknown, source: Span, options: { exact?: boolean; assumption?: string } = {}): void {
    this.separator();
    const text = JSON.stringify(value) ?? 'null';
    const at = this.length;
    this.write(text);
    const exact = options.exact === true && text.length === source.length;
    this.map.add({
      vOffset: at,
      vLength: text.length,
      sOffset: source.offset,
      sLength: source.length,
      exact,
      assumption: options.assumption,
    });
  }

  /**
   * A value the source does not determine (a variable, a reference, a function call, an interpolation):
   * written as a placeholder string, which every check takes as unknown and leaves alone.
   */
  unknown(label: string, source: Span): void {
    this.separator();
    const text = JSON.stringify(placeholder(label));
    const at = this.length;
    this.write(text);
    this.map.add({
      vOffset: at,
      vLength: text.length,
      sOffset: source.offset,
      sLength: source.length,
      exact: false,
      role: 'unknown',
    });
  }

  /** JSON text taken verbatim from the source (a heredoc, a string of JSON): every position maps exactly. */
  raw(json: string, source: Span): void {
    this.separator();
    const at = this.length;
    this.write(json);
    this.map.add({ vOffset: at, vLength: json.length, sOffset: source.offset, sLength: json.length, exact: true });
  }

  private open(bracket: string, source: Span, assumption?: string): void {
    this.separator();
    this.stack.push({ start: this.length, source, filled: false, assumption });
    this.write(bracket);
  }

  private close(bracket: string): void {
    const frame = this.stack.pop();
    if (!frame) throw new Error('VirtualJsonWriter: close without open');
    this.write(bracket);
    this.map.add({
      vOffset: frame.start,
      vLength: this.length - frame.start,
      sOffset: frame.source.offset,
      sLength: frame.source.length,
      exact: false,
      assumption: frame.assumption,
    });
  }

  private separator(): void {
    if (this.afterKey) {
      this.afterKey = false;
      return;
    }
    const top = this.stack[this.stack.length - 1];
    if (!top) return;
    if (top.filled) this.write(',');
    top.filled = true;
  }

  private write(s: string): void {
    this.out.push(s);
    this.length += s.length;
  }
}

/**
 * The placeholder that stands for an unknown value: `${…}` with the expression's own words, shortened, and
 * without the braces or quotes that would end the placeholder early.
 */
export function placeholder(label: string): string {
  const words = label.replace(/[{}"\\\s]+/g, ' ').trim();
  return '${' + (words.length > 60 ? words.slice(0, 59) + '…' : words || 'unknown') + '}';
}
