/**
 * The other syntaxes a rule's JSON test input is also written in ("one rule test, every surface"): the rule
 * helpers check each rendering and require the same findings at the corresponding source ranges.
 */
export interface Rendered {
  /** The document in the surface's syntax. */
  text: string;
  /** Where a range of the JSON input is in `text` (undefined: nowhere the surface can point). */
  map(offset: number, length: number): { offset: number; length: number } | undefined;
}

export interface Rendering {
  name: string;
  /** The URI the rendered text is read under (its file name picks the surface). */
  uri: string;
  /** Codes the surface does not report, for its own reasons (Terraform: null is unset, references are unknown). */
  drops: readonly string[];
  /** The JSON document (of the given kind) in this syntax; undefined when the syntax would say it otherwise. */
  render(json: string, kind: string): Rendered | undefined;
}
