import type { Span } from '../virtualJson';
import { entry, type TNode } from './parse';

/** An intrinsic function call: `{"Ref": "Cpu"}`, `{"Fn::Sub": "…"}`, or the YAML short form `!Sub …`. */
export interface Intrinsic {
  /** `Ref`, `Condition` or `Fn::Name`. */
  fn: string;
  args: TNode;
  span: Span;
}

/** The call a node is, if it is one. */
export function intrinsicOf(node: TNode): Intrinsic | undefined {
  if (node.tag) {
    const fn = node.tag === 'Ref' || node.tag === 'Condition' ? node.tag : `Fn::${node.tag}`;
    return { fn, args: { ...node, tag: undefined, span: node.inner ?? node.span } as TNode, span: node.span };
  }
  if (node.type === 'map' && node.entries.length === 1) {
    const [e] = node.entries;
    if (e.key === 'Ref' || e.key.startsWith('Fn::')) return { fn: e.key, args: e.value, span: node.span };
  }
  return undefined;
}

/** The names a template defines, that `Ref`, `Fn::GetAtt`, `Fn::Sub` and `Fn::If` may name. */
export interface TemplateNames {
  parameters: TNode | undefined;
  resources: TNode | undefined;
  mappings: TNode | undefined;
  conditions: TNode | undefined;
  /** A transform (SAM, a macro) adds resources and parameters the text does not show: references are not checked. */
  transformed: boolean;
  /** The names of the parameters, resources and conditions, for lookups in templates of thousands of resources. */
  parameterNames: ReadonlySet<string>;
  resourceNames: ReadonlySet<string>;
  conditionNames: ReadonlySet<string>;
}

/** The keys of a map node. */
export function keysOf(node: TNode | undefined): Set<string> {
  return new Set(node?.type === 'map' ? node.entries.map((e) => e.key) : []);
}

/** The pseudo parameters every stack has. */
export const pseudoParameters: ReadonlySet<string> = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

export interface BadReference {
  span: Span;
  message: string;
}

/**
 * Every `Ref`, `Fn::GetAtt`, `Fn::Sub` variable and `Fn::If` condition inside a value that names nothing
 * the template defines. Variables a `Fn::Sub` defines itself are names too.
 */
export function badReferences(node: TNode, names: TemplateNames, text: string, depth = 0): BadReference[] {
  if (names.transformed || depth > 50) return [];
  const out: BadReference[] = [];
  const call = intrinsicOf(node);
  if (call) {
    const { fn, args } = call;
    if (fn === 'Ref' && args.type === 'scalar' && typeof args.value === 'string') {
      const name = args.value;
      if (!pseudoParameters.has(name) && !names.parameterNames.has(name) && !names.resourceNames.has(name))
        out.push({
          span: args.span,
          message: `Ref names "${name}", which is neither a parameter nor a resource of this template.`,
        });
    } else if (fn === 'Fn::GetAtt') {
      const name =
        args.type === 'scalar' && typeof args.value === 'string'
          ? args.value.split('.')[0]
          : args.type === 'seq' && args.items[0]?.type === 'scalar'
            ? String(args.items[0].value)
            : undefined;
      const at = args.type === 'seq' ? args.items[0].span : nameSpan(args.span, name ?? '', text);
      if (name !== undefined && !names.resourceNames.has(name))
        out.push({ span: at, message: `Fn::GetAtt names "${name}", which is not a resource of this template.` });
    } else if (fn === 'Fn::Sub') {
      const [textNode, vars] = args.type === 'seq' ? [args.items[0], args.items[1]] : [args, undefined];
      if (textNode?.type === 'scalar' && typeof textNode.value === 'string')
        for (const name of subVariables(textNode.value)) {
          const base = name.split('.')[0];
          if (
            entry(vars, name) ||
            pseudoParameters.has(name) ||
            names.parameterNames.has(base) ||
            names.resourceNames.has(base)
          )
            continue;
          out.push({
            span: textNode.span,
            message: `Fn::Sub names "\${${name}}", which is neither a parameter nor a resource of this template.`,
          });
        }
    } else if (fn === 'Fn::If' && args.type === 'seq' && args.items[0]?.type === 'scalar') {
      const name = String(args.items[0].value);
      if (!names.conditionNames.has(name))
        out.push({
          span: args.items[0].span,
          message: `Fn::If names "${name}", which is not a condition of this template.`,
        });
    }
  }
  const children = node.type === 'map' ? node.entries.map((e) => e.value) : node.type === 'seq' ? node.items : [];
  for (const c of children) out.push(...badReferences(c, names, text, depth + 1));
  return out;
}

/** The range of the logical ID at the start of a `Name.Attribute` scalar, inside its quotes if it has them. */
function nameSpan(s: Span, name: string, text: string): Span {
  const quoted = text[s.offset] === '"' || text[s.offset] === "'";
  return { offset: s.offset + (quoted ? 1 : 0), length: name.length };
}

/** The variables of a `Fn::Sub` string: `${Name}` and `${Resource.Attribute}`, not the literal `${!Text}`. */
export function subVariables(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) if (!m[1].startsWith('!')) out.push(m[1].trim());
  return out;
}
