/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use */
import type * as Yaml from 'yaml';

let library: typeof Yaml | undefined;

/** The `yaml` package, loaded when the first YAML template is read: the language server starts without it. */
export function yaml(): typeof Yaml {
  return (library ??= require('yaml') as typeof Yaml);
}
