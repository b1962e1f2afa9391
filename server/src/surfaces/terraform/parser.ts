import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { treeSitterRuntime } from '../../service/libraries';
import { inSlice, sliceOver, type Steps } from '../../shared/steps';

export type { Node, Tree };

/**
 * The HCL parser: tree-sitter's runtime and the Terraform dialect of the HCL grammar, both WebAssembly, so the
 * same parser runs in Node and in a browser worker. Positions are UTF-16 offsets, as the editor counts them.
 * The bundle ships both .wasm files next to the server; transpiled tests find them in node_modules.
 */
let parser: Parser | undefined;
let loading: Promise<void> | undefined;

function wasm(name: string, pkg: string): string {
  const beside = join(__dirname, name);
  if (existsSync(beside)) return beside;
  return require.resolve(`${pkg}/${name}`);
}

/** Loads the runtime and the grammar once. */
export function loadHclParser(): Promise<void> {
  return (loading ??= (async () => {
    const { Language, Parser } = treeSitterRuntime();
    const runtime = wasm('web-tree-sitter.wasm', 'web-tree-sitter');
    await Parser.init({ locateFile: () => runtime });
    const language = await Language.load(wasm('tree-sitter-terraform.wasm', '@tree-sitter-grammars/tree-sitter-hcl'));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })());
}

const sources = new WeakMap<Tree, string>();

/** The stepped parse the parser stopped in the middle of (at the end of a slice), if any. */
let owner: object | undefined;

/** The syntax tree of a Terraform file; undefined until `loadHclParser()` has resolved. The caller deletes it. */
export function parseHcl(text: string): Tree | undefined {
  if (!parser) return undefined;
  if (owner !== undefined) {
    // A stepped parse stopped midway starts again when it resumes.
    parser.reset();
    owner = undefined;
  }
  const tree = parser.parse(text) ?? undefined;
  if (tree) sources.set(tree, text);
  return tree;
}

/**
 * The same, in steps: tree-sitter stops at the end of a slice and resumes where it stopped on the next call. One
 * stepped parse runs at a time (the others wait their turn: two resetting each other would never finish).
 */
export function* parseHclSteps(text: string): Steps<Tree | undefined> {
  const me = {};
  try {
    for (;;) {
      if (owner !== undefined && owner !== me) {
        // Run at once (a completion's re-read, the CLI), this parse cannot wait: the stopped one could never run
        // meanwhile. It starts again when it resumes, as after parseHcl.
        if (!inSlice()) {
          parser?.reset();
          owner = undefined;
        } else {
          yield;
          continue;
        }
      }
      if (!parser) return undefined;
      const tree = parser.parse(text, null, inSlice() ? { progressCallback: sliceOver } : undefined) ?? undefined;
      if (tree) {
        owner = undefined;
        sources.set(tree, text);
        return tree;
      }
      owner = me;
      yield;
    }
  } finally {
    // Ended midway (a newer version of the file): the parser is left clean for the next one.
    if (owner === me) {
      parser?.reset();
      owner = undefined;
    }
  }
}

/** The text a node was parsed from (without copying it, as `rootNode.text` would). */
export function sourceOf(n: Node): string {
  return sources.get(n.tree) ?? n.tree.rootNode.text;
}
