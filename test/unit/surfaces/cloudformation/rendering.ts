import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { parseTemplate, type TNode } from '../../../../server/src/surfaces/cloudformation/parse';
import {
  propertiesOf,
  resourceTypes,
  type PropertyInfo,
} from '../../../../server/src/surfaces/cloudformation/resources';
import type { Span } from '../../../../server/src/surfaces/virtualJson';
import type { Rendered, Rendering } from '../renderings';

const typeOf = { 'task-definition': 'AWS::ECS::TaskDefinition', service: 'AWS::ECS::Service' } as const;
const generated = { 'task-definition': 'family', service: 'serviceName' } as const;

/** A rendered value: a scalar's JSON text, or the members or items of a collection, names in CloudFormation's spelling. */
type Out = { scalar: string } | { map: Array<{ key: string; free: boolean; value: Out }> } | { seq: Out[] };

/**
 * The fixture as a template's Properties, or undefined when CloudFormation would not say it the same way:
 * a member without a property, a value CloudFormation would convert (a number written as a string), or a
 * document without the name CloudFormation would otherwise generate.
 */
function toProperties(root: JsonNode, kind: 'task-definition' | 'service'): Out | undefined {
  const type = typeOf[kind];
  if (!(root.children ?? []).some((p) => p.children?.[0]?.value === generated[kind])) return undefined;
  const rename = Object.fromEntries(Object.entries(resourceTypes[type].renamed ?? {}).map(([p, api]) => [p, api]));
  const props = (node: JsonNode, children: Map<string, PropertyInfo>, prefix: string): Out | undefined => {
    if (node.type !== 'object') return undefined;
    const map: Array<{ key: string; free: boolean; value: Out }> = [];
    for (const p of node.children ?? []) {
      const [k, v] = p.children ?? [];
      const name = String(k.value);
      const info = [...children.values()].find((c) => {
        const path = prefix + c.name;
        return (rename[path] ?? c.name).toLowerCase() === name.toLowerCase();
      });
      if (!info || !v) return undefined;
      const value = valueOf(v, info, prefix + info.name + '.');
      if (!value) return undefined;
      map.push({ key: info.name, free: false, value });
    }
    return { map };
  };
  const valueOf = (node: JsonNode, info: PropertyInfo, prefix: string): Out | undefined => {
    if (node.type === 'null') return { scalar: 'null' };
    if (info.kind === 'object' && info.children) return props(node, info.children, prefix);
    if (info.kind === 'array') {
      if (node.type !== 'array') return undefined;
      const items: Out[] = [];
      for (const item of node.children ?? []) {
        const out = valueOf(item, { ...info, kind: info.itemKind ?? 'any' }, prefix);
        if (!out) return undefined;
        items.push(out);
      }
      return { seq: items };
    }
    if (info.kind === 'map' || info.kind === 'object') return node.type === 'object' ? free(node, true) : undefined;
    if (info.kind.includes('|') || info.kind === 'any') return free(node, false);
    const expected = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean' }[info.kind];
    return node.type === expected ? { scalar: JSON.stringify(node.value) } : undefined;
  };
  const free = (node: JsonNode, stringValues: boolean): Out | undefined => {
    if (node.type === 'object') {
      const map: Array<{ key: string; free: boolean; value: Out }> = [];
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        const key = String(k.value);
        // A map of one `Ref` or `Fn::` member is an intrinsic in a template.
        if (!v || key === 'Ref' || key.startsWith('Fn::')) return undefined;
        if (stringValues && v.type !== 'string' && v.type !== 'null') return undefined;
        const value = free(v, false);
        if (!value) return undefined;
        map.push({ key, free: true, value });
      }
      return { map };
    }
    if (node.type === 'array') {
      const items = (node.children ?? []).map((c) => free(c, false));
      return items.every((i) => i) ? { seq: items as Out[] } : undefined;
    }
    return { scalar: JSON.stringify(node.value) };
  };
  return props(root, propertiesOf(type)!, '');
}

function yamlText(out: Out, indent: number): string {
  const pad = ' '.repeat(indent);
  const block = (o: Out) => ('map' in o && o.map.length > 0) || ('seq' in o && o.seq.length > 0);
  const inline = (o: Out) => ('scalar' in o ? o.scalar : 'map' in o ? '{}' : '[]');
  if ('map' in out && out.map.length)
    return out.map
      .map(
        (e, i) =>
          (i ? pad : '') +
          (e.free ? JSON.stringify(e.key) : e.key) +
          ':' +
          (block(e.value) ? '\n' + pad + '  ' + yamlText(e.value, indent + 2) : ' ' + inline(e.value)),
      )
      .join('\n');
  if ('seq' in out && out.seq.length)
    return out.seq
      .map((item, i) => (i ? pad : '') + '- ' + (block(item) ? yamlText(item, indent + 2) : inline(item)))
      .join('\n');
  return inline(out);
}

function jsValue(out: Out): unknown {
  if ('scalar' in out) return JSON.parse(out.scalar);
  if ('seq' in out) return out.seq.map(jsValue);
  return Object.fromEntries(out.map.map((e) => [e.key, jsValue(e.value)]));
}

/** Carries a range of the fixture over to the template, walking both trees side by side. */
function carrier(fixture: JsonNode, fixtureText: string, properties: TNode, text: string) {
  return (offset: number, length: number): Span => {
    const end = offset + length;
    let j = fixture;
    let t = properties;
    for (;;) {
      if (j.type === 'object' && t.type === 'map') {
        const i = (j.children ?? []).findIndex((p) => p.offset <= offset && end <= p.offset + p.length);
        if (i < 0) return t.span;
        const [k, v] = j.children![i].children!;
        const e = t.entries[i];
        if (k.offset <= offset && end <= k.offset + k.length) return within(k, e.keySpan, offset, length);
        if (v && v.offset <= offset && end <= v.offset + v.length) {
          j = v;
          t = e.value;
          continue;
        }
        return { offset: e.keySpan.offset, length: e.value.span.offset + e.value.span.length - e.keySpan.offset };
      }
      if (j.type === 'array' && t.type === 'seq') {
        const i = (j.children ?? []).findIndex((c) => c.offset <= offset && end <= c.offset + c.length);
        if (i < 0) return t.span;
        j = j.children![i];
        t = t.items[i];
        continue;
      }
      return within(j, t.span, offset, length);
    }
  };

  /** Inside a scalar or a name written the same way in both texts, the same characters; else the whole node. */
  function within(j: JsonNode, s: Span, offset: number, length: number): Span {
    const same = fixtureText.slice(j.offset, j.offset + j.length) === text.slice(s.offset, s.offset + s.length);
    return same ? { offset: s.offset + offset - j.offset, length } : s;
  }
}

/** The JSON tree of a fixture, or undefined when the text is not plain JSON (syntax errors, duplicate members). */
function fixtureTree(text: string): JsonNode | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (!root || errors.length || root.type !== 'object' || hasDuplicates(root)) return undefined;
  return root;
}

function hasDuplicates(node: JsonNode): boolean {
  if (node.type === 'object') {
    const keys = (node.children ?? []).map((p) => p.children?.[0]?.value as string);
    if (new Set(keys).size !== keys.length) return true;
  }
  return (node.children ?? []).some(hasDuplicates);
}

function rendering(name: string, extension: string, write: (type: string, props: Out) => string): Rendering {
  return {
    name,
    uri: `file:///work/main${extension}`,
    drops: [],
    render(json, kind): Rendered | undefined {
      const fixture = fixtureTree(json);
      if (!fixture || (kind !== 'task-definition' && kind !== 'service')) return undefined;
      const props = toProperties(fixture, kind);
      if (!props) return undefined;
      const text = write(typeOf[kind], props);
      const root = parseTemplate(text).root;
      const properties = root?.type === 'map' ? root.entries[1]?.value : undefined;
      const main = properties?.type === 'map' ? properties.entries[0]?.value : undefined;
      const target = main?.type === 'map' ? main.entries[1]?.value : undefined;
      if (!target) throw new Error(`${name}: the rendering does not read back:\n${text}`);
      return { text, map: carrier(fixture, json, target, text) };
    },
  };
}

export const cloudFormationYaml = rendering(
  'CloudFormation YAML',
  '.yaml',
  (type, props) =>
    `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Main:\n    Type: ${type}\n    Properties:\n      ${yamlText(props, 6)}\n`,
);

export const cloudFormationJson = rendering('CloudFormation JSON', '.json', (type, props) =>
  JSON.stringify(
    { AWSTemplateFormatVersion: '2010-09-09', Resources: { Main: { Type: type, Properties: jsValue(props) } } },
    null,
    2,
  ),
);
