import { parseDocument, type EcsDocument } from '../../../server/src/service/document';
import { elements, member, type JsonNode } from '../../../server/src/service/json';
import type { Problem } from '../../../server/src/service/problem';
import { defaultSettings } from '../../../server/src/service/settings';
import { validateDocument } from '../../../server/src/service/validation';
import { staticWorkspace, type WorkspaceView } from '../../../server/src/service/workspace';

/** Text typed at one offset of a file, as a user types it: one character after another. */
export interface Insertion {
  what: string;
  offset: number;
  typed: string;
}

/** The line's indentation at `offset`. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Members a user adds to a container, with a value of the type each takes. */
const members: Array<[string, string]> = [
  ['user', '"1000"'],
  ['workingDirectory', '"/app"'],
  ['hostname', '"app"'],
  ['stopTimeout', '30'],
  ['startTimeout', '30'],
  ['interactive', 'false'],
];

/** Where a user adds a member to a container, a container, and a port mapping, in a task definition's text. */
export function realisticInsertions(doc: EcsDocument): Insertion[] {
  const text = doc.text;
  const out: Insertion[] = [];
  const containers = elements(member(doc.body, 'containerDefinitions')).filter(
    (c) => c.type === 'object' && c.children?.length,
  );
  for (const container of containers.slice(0, 2)) {
    const props = container.children!;
    // A new line after a member in the middle, and after the last member (the comma typed first).
    // Members the container does not have yet (a second one of a name would be another mistake).
    const absent = members.filter(([name]) => !member(container, name)).map(([name, value]) => `"${name}": ${value}`);
    const middle = props[Math.min(1, props.length - 1)];
    const comma = text.indexOf(',', middle.offset + middle.length);
    if (props.length > 1 && comma > 0 && absent[0]) {
      const pad = indentAt(text, middle.offset);
      out.push({ what: 'a member after the first', offset: comma + 1, typed: `\n${pad}${absent[0]},` });
    }
    // At the start of a member's line, before it: the rest of the line follows what is typed.
    if (props.length > 1 && absent[1])
      out.push({ what: 'a member before another on its line', offset: props[1].offset, typed: `${absent[1]}, ` });
    const last = props[props.length - 1];
    const pad = indentAt(text, last.offset);
    if (absent.at(-1))
      out.push({
        what: 'a member after the last',
        offset: last.offset + last.length,
        typed: `,\n${pad}${absent.at(-1)}`,
      });
    const ports = member(container, 'portMappings');
    const mappings = elements(ports);
    if (mappings.length) {
      out.push({
        what: 'a port mapping before another',
        offset: mappings[0].offset,
        typed: '{ "containerPort": 9090, "protocol": "tcp" }, ',
      });
      const end = mappings[mappings.length - 1];
      out.push({
        what: 'a port mapping',
        offset: end.offset + end.length,
        typed: `,\n${indentAt(text, end.offset)}{ "containerPort": 9090, "protocol": "tcp" }`,
      });
    } else if (props.length) {
      out.push({
        what: 'a port mapping list',
        offset: last.offset + last.length,
        typed: `,\n${pad}"portMappings": [\n${pad}  { "containerPort": 9090 }\n${pad}]`,
      });
    }
  }
  const lastContainer = containers[containers.length - 1];
  if (lastContainer) {
    const pad = indentAt(text, lastContainer.offset);
    const inner = `${pad}  `;
    out.push({
      what: 'a container',
      offset: lastContainer.offset + lastContainer.length,
      typed: `,\n${pad}{\n${inner}"name": "sidecar",\n${inner}"image": "public.ecr.aws/docker/library/busybox:1.36",\n${inner}"essential": false,\n${inner}"memory": 64\n${pad}}`,
    });
  }
  return out;
}

/**
 * Every text a user passes through while typing `insertion`: plainly, one character after another,
 * and as VS Code types it with auto-closing quotes and brackets (a closer typed over the one it inserted).
 */
export function typingStates(text: string, insertion: Insertion, autoClose: boolean): string[] {
  let before = text.slice(0, insertion.offset);
  let after = text.slice(insertion.offset);
  const states: string[] = [];
  // Closers auto-inserted and not yet typed over: how far each sits after the cursor is found by search.
  const pending: string[] = [];
  for (const ch of insertion.typed) {
    const next = pending[pending.length - 1];
    const skipTo = next === ch ? after.search(/\S/) : -1;
    if (autoClose && next === ch && skipTo >= 0 && after[skipTo] === ch) {
      before += after.slice(0, skipTo + 1);
      after = after.slice(skipTo + 1);
      pending.pop();
    } else if (
      autoClose &&
      (ch === '{' || ch === '[' || (ch === '"' && !insideString(before))) &&
      /^($|[\s,:\]}])/.test(after)
    ) {
      const closer = ch === '{' ? '}' : ch === '[' ? ']' : '"';
      before += ch;
      after = closer + after;
      pending.push(closer);
    } else {
      before += ch;
    }
    states.push(before + after);
  }
  return states;
}

function insideString(before: string): boolean {
  const line = before.slice(before.lastIndexOf('\n') + 1);
  let inside = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '"') inside = !inside;
  }
  return inside;
}

const baselines = new WeakMap<EcsDocument, Problem[]>();

const key = (p: Problem, offset = p.offset) => `${p.code}@${offset}+${p.length}`;

/**
 * Diagnostics of a typing state that are neither a syntax error nor one the file had before the
 * edit (at the same place, shifted by what was typed).
 */
export function newDiagnostics(
  original: EcsDocument,
  state: string,
  insertion: Insertion,
  others: EcsDocument[] = [],
): Problem[] {
  const settings = defaultSettings;
  let baseline = baselines.get(original);
  if (!baseline)
    baselines.set(original, (baseline = validateDocument(original, settings, staticWorkspace([original, ...others]))));
  const before = new Set(
    baseline.map((p) =>
      key(p, p.offset >= insertion.offset ? p.offset + state.length - original.text.length : p.offset),
    ),
  );
  const doc = parseDocument(original.uri, state, settings);
  return validateDocument(doc, settings, staticWorkspace([doc, ...others])).filter(
    (p) => !p.code.startsWith('json.') && !before.has(key(p)),
  );
}

/** A service's diagnostics seen while its task definition is being typed (the view given by `view`). */
export function serviceDiagnostics(service: EcsDocument, view: WorkspaceView): string[] {
  return validateDocument(service, defaultSettings, view)
    .map((p) => key(p))
    .sort();
}

export const isValidJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

export type { JsonNode };
