import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { treeSitterRuntime } from '../../service/libraries';
import { inSlice, runInSlices, runningAtOnce, sliceOver, type Steps } from '../../shared/steps';

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

/** A tree of a text this long or shorter is deleted at once (tree-sitter frees its nodes in well under 10 ms). */
const deleteAtOnceLength = 64 * 1024;

/** Trees being taken apart in the background, oldest first, and whether that work is scheduled. */
const disposals: Array<Steps<void>> = [];
let disposing = false;
/** A parser of its own for taking trees apart, so that it never stops the reading parser midway. */
let dismantler: Parser | undefined;

/**
 * Frees a syntax tree. Tree-sitter frees a tree's nodes one by one, about 100 ms for a 1 MiB module: where steps
 * run at once (the CLI, tests) or the tree is small, that is done now; otherwise the tree is taken apart in slices
 * in the background (see `dismantleSteps`), and the server keeps answering meanwhile.
 */
export function disposeTree(tree: Tree, text = sources.get(tree)): void {
  if (runningAtOnce() || !parser || text === undefined || text.length <= deleteAtOnceLength) {
    tree.delete();
    return;
  }
  disposals.push(dismantleSteps(tree, text));
  if (disposing) return;
  disposing = true;
  setImmediate(() => void drainDisposals());
}

async function drainDisposals(): Promise<void> {
  try {
    while (disposals.length) {
      const steps = disposals[0];
      try {
        await runInSlices(steps);
      } catch {
        // The tree is deleted in the steps' own `finally`; nothing else holds it.
      }
      disposals.shift();
    }
  } finally {
    disposing = false;
  }
}

/**
 * A large tree freed a part at a time: the top-level items at the end of the text are cut off (an edit), the
 * shorter text is parsed again reusing the rest of the tree, and the old tree, whose other nodes the new one
 * now shares, is deleted, freeing only the nodes of the items cut off. The parse stops at the end of a slice
 * and resumes on the next step, as `parseHclSteps` does.
 */
export function* dismantleSteps(tree: Tree, text: string): Steps<void> {
  let current = tree;
  let length = text.length;
  try {
    if (!dismantler) {
      dismantler = new (treeSitterRuntime().Parser)();
      dismantler.setLanguage(tree.language);
    }
    const p = dismantler;
    while (length > deleteAtOnceLength) {
      const cut = topLevelStartAtOrAfter(current, length - deleteAtOnceLength);
      yield;
      // One item holds the rest of the text: nothing smaller to free.
      if (cut <= 0 || cut >= length) break;
      const shorter = text.slice(0, cut);
      const { Edit } = treeSitterRuntime();
      const cutAt = pointAt(text, cut);
      current.edit(
        new Edit({
          startIndex: cut,
          oldEndIndex: length,
          newEndIndex: cut,
          startPosition: cutAt,
          oldEndPosition: pointAt(text, length),
          newEndPosition: cutAt,
        }),
      );
      let next: Tree | null;
      for (;;) {
        next = p.parse(shorter, current, inSlice() ? { progressCallback: sliceOver } : undefined);
        if (next) break;
        yield;
      }
      current.delete();
      current = next;
      length = cut;
      yield;
    }
  } finally {
    // Ended midway (a failure): the parser is left clean and the rest freed at once.
    dismantler?.reset();
    current.delete();
  }
}

/** The start of the first top-level item (a child of the file's body) that starts at `at` or after; 0 if none. */
function topLevelStartAtOrAfter(tree: Tree, at: number): number {
  const cursor = tree.walk();
  try {
    // config_file → body → items (a file with errors may hold some of them elsewhere: they stay to the end).
    // From the last item back: only the items cut off are visited.
    if (!cursor.gotoFirstChild() || cursor.nodeType !== 'body' || !cursor.gotoLastChild()) return 0;
    if (cursor.startIndex < at) return 0;
    let start = cursor.startIndex;
    while (cursor.gotoPreviousSibling() && cursor.startIndex >= at) start = cursor.startIndex;
    return start;
  } finally {
    cursor.delete();
  }
}

/** The row and column of an offset (only the tree's own bookkeeping reads them: the tree is deleted after). */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
