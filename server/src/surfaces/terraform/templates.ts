import { unwrap } from './hcl';
import { disposeTree, parseHcl, type Node } from './parser';

/**
 * The path a `file()` or `templatefile()` call names, relative to the module folder: a plain string, or one
 * that starts with `${path.module}/` (or path.root, path.cwd). Undefined for any other interpolation.
 */
export function templatePath(expr: Node): string | undefined {
  const inner = unwrap(expr);
  const t = inner.type === 'template_expr' ? inner.namedChildren[0] : inner;
  if (!t || (t.type !== 'string_lit' && t.type !== 'quoted_template')) return undefined;
  let out = '';
  let first = true;
  for (const c of t.namedChildren) {
    if (c.type === 'quoted_template_start' || c.type === 'quoted_template_end') continue;
    if (c.type === 'template_literal') out += c.text;
    else if (c.type === 'template_interpolation' && first && /^\$\{\s*path\.(module|root|cwd)\s*\}$/.test(c.text))
      out += '.';
    else return undefined;
    first = false;
  }
  return out.replace(/^\.\//, '') || undefined;
}

/** The call a `container_definitions` value makes of a template: `file("…")` or `templatefile("…", {…})`. */
export function templateCall(value: Node): { fn: 'file' | 'templatefile'; path: Node } | undefined {
  const inner = unwrap(value);
  if (inner.type !== 'function_call') return undefined;
  const fn = inner.child(0)?.text;
  if (fn !== 'file' && fn !== 'templatefile') return undefined;
  const args = inner.namedChildren.find((c) => c.type === 'function_arguments')?.namedChildren ?? [];
  const path = args.find((c) => c.type === 'expression');
  return path ? { fn, path } : undefined;
}

/**
 * The templates a Terraform file loads as container definitions (`container_definitions = file(…)` or
 * `templatefile(…)`, in a resource, a module call or a `locals` block), read with the HCL parser: a call
 * in a comment or a string is none, and a call written over several lines is one. Paths are relative to
 * the file's folder; lines are 1-based, of the argument. Undefined until the parser is loaded.
 */
export function containerDefinitionTemplates(text: string): Array<{ path: string; line: number }> | undefined {
  // Most .tf files load no template: they are not parsed for this.
  if (!text.includes('container_definitions')) return [];
  const tree = parseHcl(text);
  if (!tree) return undefined;
  try {
    const found: Array<{ path: string; line: number }> = [];
    for (const attribute of tree.rootNode.descendantsOfType('attribute')) {
      if (attribute.child(0)?.text !== 'container_definitions') continue;
      const value = attribute.namedChildren.find((c) => c.type === 'expression');
      const call = value && templateCall(value);
      const path = call && templatePath(call.path);
      if (path) found.push({ path, line: attribute.startPosition.row + 1 });
    }
    return found;
  } finally {
    disposeTree(tree, text);
  }
}
