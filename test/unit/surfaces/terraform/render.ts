import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { terraformResources, type ArgumentTable } from '../../../../server/src/surfaces/terraform/resources';
import type { Rendering, Rendered } from '../renderings';

/**
 * A task definition or service in JSON written as the Terraform resource that says the same: top-level
 * members as the provider's arguments and blocks (through the surface's own table, read backwards),
 * containerDefinitions as `jsonencode([...])`. It records where each JSON key and value went, so that a
 * finding's JSON range gives the range the same finding must have in the .tf file. Undefined for input
 * that Terraform would write otherwise (a member no argument fills, null, `${`, a value of another shape).
 */
export const terraformRendering: Rendering = {
  name: 'terraform',
  uri: 'untitled:/main.tf',
  drops: ['placeholder.value', 'schema.null-value'],
  render(json: string, kind: string): Rendered | undefined {
    const type = kind === 'task-definition' ? 'aws_ecs_task_definition' : kind === 'service' ? 'aws_ecs_service' : '';
    if (!type || /\$\{|%\{|\\[/bfu]/.test(json)) return undefined;
    const root = parseTree(json);
    if (!root || root.type !== 'object') return undefined;
    try {
      const w = new Writer(json);
      const head = `resource "${type}" "x" {\n`;
      w.out += head;
      w.body(root, terraformResources[type].args, '  ', type === 'aws_ecs_task_definition');
      w.out += '}\n';
      w.record(root, { offset: 0, length: w.out.length });
      return { text: w.out, map: (offset, length) => w.map(offset, length) };
    } catch (e) {
      if (e instanceof Unrenderable) return undefined;
      throw e;
    }
  },
};

class Unrenderable extends Error {}

interface Recorded {
  offset: number;
  length: number;
  to: { offset: number; length: number };
  /** The JSON and HCL text of the node are the same (a string or number written as it is). */
  same: boolean;
}

class Writer {
  out = '';
  private readonly nodes: Recorded[] = [];
  constructor(private readonly json: string) {}

  record(n: JsonNode, to: { offset: number; length: number }): void {
    const same = this.json.slice(n.offset, n.offset + n.length) === this.out.slice(to.offset, to.offset + to.length);
    this.nodes.push({ offset: n.offset, length: n.length, to, same });
  }

  /** Where a JSON range is in the HCL: inside a node written as it is, at the same place; else the whole node. */
  map(offset: number, length: number): { offset: number; length: number } | undefined {
    let best: Recorded | undefined;
    for (const r of this.nodes)
      if (r.offset <= offset && offset + length <= r.offset + r.length && (!best || r.length <= best.length)) best = r;
    if (!best) return undefined;
    if (best.same) return { offset: best.to.offset + (offset - best.offset), length };
    return best.to;
  }

  body(obj: JsonNode, table: ArgumentTable, indent: string, taskDefinition: boolean): void {
    for (const prop of obj.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (!key || !value) throw new Unrenderable();
      const member = key.value as string;
      if (value.type === 'null') throw new Unrenderable();
      if (taskDefinition && member === 'containerDefinitions' && indent === '  ') {
        const at = this.out.length + indent.length;
        this.out += `${indent}container_definitions = jsonencode(`;
        this.record(key, { offset: at, length: 'container_definitions'.length });
        this.hcl(value);
        this.out += ')\n';
        continue;
      }
      // Members several arguments fill: each sub-member through its own argument.
      const spread = Object.entries(table).filter(([, a]) => a.api && a.api.length > 1 && a.api[0] === member);
      if (spread.length > 0) {
        if (value.type !== 'object') throw new Unrenderable();
        this.spread(key, value, table, member, indent);
        continue;
      }
      const entry = Object.entries(table).find(([, a]) => a.api?.length === 1 && a.api[0] === member);
      if (!entry) throw new Unrenderable();
      const [name, arg] = entry;
      this.argument(key, value, name, arg.block, arg.args, arg.form, indent);
    }
  }

  /** `deploymentConfiguration`, `networkConfiguration`: members that several arguments (or a deeper block) fill. */
  private spread(key: JsonNode, value: JsonNode, table: ArgumentTable, member: string, indent: string): void {
    let first: { offset: number; length: number } | undefined;
    for (const prop of value.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (!k || !v || v.type === 'null') throw new Unrenderable();
      const entry = Object.entries(table).find(
        ([, a]) => a.api?.length === 2 && a.api[0] === member && a.api[1] === k.value,
      );
      // Members of the block that maps to the object itself (deployment_configuration { strategy = … }) are not
      // rendered: the adapter merges them, but one block per member would not be one object.
      if (!entry) throw new Unrenderable();
      const start = this.out.length + indent.length;
      this.argument(k, v, entry[0], entry[1].block, entry[1].args, entry[1].form, indent);
      first ??= { offset: start, length: entry[0].length };
    }
    if (!first) throw new Unrenderable();
    // The API object that several arguments fill is where its first argument is written.
    this.record(key, first);
    this.record(value, first);
  }

  private argument(
    key: JsonNode,
    value: JsonNode,
    name: string,
    block: 'object' | 'array' | undefined,
    args: ArgumentTable | undefined,
    form: string | undefined,
    indent: string,
  ): void {
    if (block) {
      const items = block === 'array' ? (value.children ?? []) : [value];
      if ((block === 'array' && value.type !== 'array') || items.length === 0) throw new Unrenderable();
      const keyAt = this.out.length + indent.length;
      const blocksAt = keyAt;
      for (const item of items) {
        if (item.type !== 'object') throw new Unrenderable();
        const start = this.out.length + indent.length;
        this.out += `${indent}${name} {\n`;
        this.body(item, args ?? {}, indent + '  ', false);
        this.out += `${indent}}`;
        this.record(item, { offset: start, length: this.out.length - start });
        this.out += '\n';
      }
      this.record(key, { offset: keyAt, length: name.length });
      if (block === 'array') this.record(value, { offset: blocksAt, length: this.out.length - 1 - blocksAt });
      return;
    }
    if (form === 'tags' || form === 'nameValue' || form === 'map' || form === 'containerDefinitions')
      throw new Unrenderable();
    // The provider sends no empty string for an argument: "" there is unset, not a value to check.
    if (value.type === 'string' && value.value === '') throw new Unrenderable();
    const keyAt = this.out.length + indent.length;
    this.out += `${indent}${name} = `;
    this.record(key, { offset: keyAt, length: name.length });
    if (form === 'enabledDisabled') {
      if (value.value !== 'ENABLED' && value.value !== 'DISABLED') throw new Unrenderable();
      const at = this.out.length;
      this.out += value.value === 'ENABLED' ? 'true' : 'false';
      this.record(value, { offset: at, length: this.out.length - at });
    } else this.hcl(value);
    this.out += '\n';
  }

  /** A JSON value as an HCL expression (what jsonencode turns back into the same JSON). */
  hcl(n: JsonNode): void {
    const start = this.out.length;
    switch (n.type) {
      case 'object': {
        this.out += '{ ';
        (n.children ?? []).forEach((prop, i) => {
          const [k, v] = prop.children ?? [];
          if (!k || !v) throw new Unrenderable();
          if (i > 0) this.out += ', ';
          const name = k.value as string;
          const keyAt = this.out.length;
          if (/^[A-Za-z_][\w-]*$/.test(name) && !['null', 'true', 'false'].includes(name)) {
            this.out += name;
            this.record(k, { offset: keyAt, length: name.length });
          } else {
            this.out += JSON.stringify(name);
            this.record(k, { offset: keyAt, length: this.out.length - keyAt });
          }
          this.out += ' = ';
          this.hcl(v);
        });
        this.out += ' }';
        break;
      }
      case 'array':
        this.out += '[';
        (n.children ?? []).forEach((item, i) => {
          if (i > 0) this.out += ', ';
          this.hcl(item);
        });
        this.out += ']';
        break;
      case 'null':
        throw new Unrenderable();
      default:
        this.out += this.json.slice(n.offset, n.offset + n.length);
    }
    this.record(n, { offset: start, length: this.out.length - start });
  }
}
