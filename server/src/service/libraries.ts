/* eslint-disable @typescript-eslint/no-require-imports -- each library is loaded on first use */
import type * as Re2js from 're2js';
import type Picomatch from 'picomatch';
import type * as TreeSitter from 'web-tree-sitter';
import type * as Yaml from 'yaml';

/**
 * Libraries the first request does not need, loaded the first time something calls for them. The server
 * bundle ships each as a file of its own beside it (scripts/build.mjs, plugin `libraries-beside`), so the
 * server starts without compiling them; elsewhere (the CLI bundle, transpiled tests) these are plain requires.
 */
let re2js: typeof Re2js | undefined;
let picomatch: typeof Picomatch | undefined;
let treeSitter: typeof TreeSitter | undefined;
let yamlLibrary: typeof Yaml | undefined;

/** RE2's linear-time matcher: patterns from settings, repository text and placement expressions. */
export function re2(): typeof Re2js.RE2JS {
  return (re2js ??= require('re2js') as typeof Re2js).RE2JS;
}

/** The glob parser that turns file-name patterns into regular expressions (which then run on RE2). */
export function globParser(): typeof Picomatch {
  return (picomatch ??= require('picomatch') as typeof Picomatch);
}

/** tree-sitter's runtime, which parses Terraform files. */
export function treeSitterRuntime(): typeof TreeSitter {
  return (treeSitter ??= require('web-tree-sitter') as typeof TreeSitter);
}

/** The `yaml` package, which reads YAML templates. */
export function yaml(): typeof Yaml {
  return (yamlLibrary ??= require('yaml') as typeof Yaml);
}
