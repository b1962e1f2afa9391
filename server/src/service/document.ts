import { familyOfReference } from '../ecs/taskDefinitionRefs';
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { runSteps, type Steps } from '../shared/steps';
import { generalParse, jsonTreeSteps, nestingBeyond, type SteppedJson } from './jsonSteps';
import { member, stringValue, type JsonNode } from './json';
import type { Problem } from './problem';
import { matchesAnyGlob } from './glob';
import { defaultSettings, type EcsLensSettings } from './settings';

import type { DocumentKind } from './documentKind';
import type { SurfaceOrigin } from '../surfaces/types';

export type { DocumentKind } from './documentKind';

/** A parsed JSON document and what ECS Lens takes it to be. Parsed once per version. */
export interface EcsDocument {
  uri: string;
  text: string;
  root: JsonNode | undefined;
  kind: DocumentKind;
  /** The object checked as a task definition or service: the root, or `taskDefinition` inside describe output. */
  body: JsonNode | undefined;
  /** The task-definition family (body.family), or for a service the family named in `taskDefinition`. */
  family: string | undefined;
  syntaxProblems: Problem[];
  /** The body as a plain value, when the text was valid JSON (saves a second conversion for the validator). */
  bodyValue?: unknown;
  /** Set when the text was refused unparsed (absurd nesting): features that would scan it answer nothing. */
  unparsed?: true;
  /**
   * A cluster file larger than the editor parses on its own thread: `text` holds it as read and admitted, and the
   * simulator's thread parses it. `refused` instead: why the admission layer did not take it (file and limit).
   */
  parseOffThread?: true;
  refused?: string;
  /** Members of the body whose value another check reported and the rules' view leaves out: stated, not missing. */
  reportedMembers?: readonly string[];
  /** Set when the document was read from a resource in a Terraform or CloudFormation file: `text` is then its API-shaped rendering. */
  origin?: SurfaceOrigin;
}

/** Longer texts are not parsed by the server or the CLI: ECS itself caps a task definition at 64 KiB. */
export const maxDocumentLength = 4 * 1024 * 1024;

/** A Terraform file or a template holds many documents: it may be larger (a CDK app's synthesized template). */
export const maxSourceFileLength = 8 * 1024 * 1024;

/** ECS input is strict JSON: comments and trailing commas are reported, not tolerated. */
export function parseDocument(
  uri: string,
  text: string,
  settings: EcsLensSettings = defaultSettings,
  knownKind?: DocumentKind,
): EcsDocument {
  return documentOf(uri, text, settings, knownKind, runSteps(jsonTreeSteps(text, maxNesting)), true);
}

/**
 * The same document in steps that may pause (a file of megabytes). The schema validator's value is then built in
 * steps by the check itself (withBodyValueSteps), with its lists cut to what the schema reads.
 */
export function* parseDocumentSteps(
  uri: string,
  text: string,
  settings: EcsLensSettings = defaultSettings,
  knownKind?: DocumentKind,
): Steps<EcsDocument> {
  return documentOf(uri, text, settings, knownKind, yield* jsonTreeSteps(text, maxNesting), false);
}

/**
 * The document of a read: strict JSON (the common case on disk and in CI) has its tree from that one pass, and
 * optionally its value, made from the tree. Anything else is read by jsonc-parser, whose errors are the syntax
 * problems; text nested past the limit by neither.
 */
function documentOf(
  uri: string,
  text: string,
  settings: EcsLensSettings,
  knownKind: DocumentKind | undefined,
  built: SteppedJson,
  withValue: boolean,
): EcsDocument {
  if ('root' in built) {
    const kind = knownKind ?? classify(uri, built.root, settings);
    return finish(uri, text, built.root, kind, [], withValue ? valueOfTree(built.root) : undefined);
  }
  // Valid or not, text nested this deep would overflow the stack of every recursive walk after parsing.
  const tooDeep = 'tooDeep' in built ? built.tooDeep : nestingBeyond(text, maxNesting);
  if (tooDeep >= 0) {
    const problem: Problem = {
      offset: tooDeep,
      length: 1,
      code: 'json.too-deep',
      severity: 'error',
      message: `The JSON nests deeper than ${maxNesting} levels; ECS documents never do. The file is not checked further.`,
    };
    const kind = knownKind ?? classify(uri, undefined, settings);
    return {
      uri,
      text,
      root: undefined,
      kind,
      body: undefined,
      family: undefined,
      syntaxProblems: [problem],
      unparsed: true,
    };
  }
  const { root, errors } = ('general' in built ? built.general : undefined) ?? generalParse(text);
  const syntaxProblems: Problem[] = [];
  const reported = new Set<number>();
  for (const e of errors) {
    // The parser may report one mistake twice (e.g. a trailing comma as two missing things): keep the first.
    if (reported.has(e.offset)) continue;
    reported.add(e.offset);
    syntaxProblems.push(syntaxProblem(e, text));
  }
  return finish(uri, text, root, knownKind ?? classify(uri, root, settings), syntaxProblems, undefined);
}

/**
 * The value of a tree of strict JSON, as JSON.parse gives it (the last of a member given twice; `__proto__` an own
 * member), made from the tree the one pass built instead of reading the text a second time: about half the cost.
 * The tree is at most maxNesting deep, so the recursion is bounded.
 */
function valueOfTree(node: JsonNode): unknown {
  const children = node.children;
  if (node.type === 'array') {
    const list = new Array<unknown>(children!.length);
    for (let k = 0; k < list.length; k++) list[k] = valueOfTree(children![k]);
    return list;
  }
  if (node.type !== 'object') return node.value;
  const object: Record<string, unknown> = {};
  for (let k = 0; k < children!.length; k++) {
    const [key, value] = children![k].children!;
    const name = key.value as string;
    if (name === '__proto__')
      Object.defineProperty(object, name, {
        value: valueOfTree(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else object[name] = valueOfTree(value);
  }
  return object;
}

/**
 * The same document over a repaired text of the same offsets (valid JSON): its kind stays the one
 * the original text was given, so a half-typed edit never changes what the file is taken to be.
 */
export function reparsed(doc: EcsDocument, text: string): EcsDocument {
  const built = runSteps(jsonTreeSteps(text, maxNesting));
  const root = 'root' in built ? built.root : parseTree(text);
  const repaired = finish(
    doc.uri,
    text,
    root,
    doc.kind,
    [],
    'root' in built ? valueOfTree(built.root) : JSON.parse(text),
  );
  return doc.origin ? { ...repaired, origin: doc.origin, family: doc.family } : repaired;
}

function finish(
  uri: string,
  text: string,
  root: JsonNode | undefined,
  kind: DocumentKind,
  syntaxProblems: Problem[],
  json: unknown,
): EcsDocument {
  let body = root;
  let bodyValue = json;
  if (kind === 'describe-output') {
    body = member(root, 'taskDefinition');
    bodyValue = json && typeof json === 'object' ? (json as Record<string, unknown>).taskDefinition : undefined;
  }
  if (kind === 'container-definitions' && root) {
    body = containerArrayBody(root);
    bodyValue = json !== undefined ? { containerDefinitions: json } : undefined;
  }
  if (body && body.type !== 'object' && kind !== 'cluster') body = undefined;
  let family: string | undefined;
  if (kind === 'task-definition' || kind === 'describe-output' || kind === 'daemon-task-definition')
    family = stringValue(member(body, 'family'));
  else if (kind === 'service') family = familyOfReference(stringValue(member(body, 'taskDefinition')));
  return { uri, text, root, kind, body, bodyValue: body ? bodyValue : undefined, family, syntaxProblems };
}

/**
 * Terraform's container_definitions file is a bare list of containers: it is checked as the containerDefinitions
 * member of a task definition, through an object node that holds the list (offsets stay those of the file).
 */
function containerArrayBody(list: JsonNode): JsonNode {
  const body: JsonNode = { type: 'object', offset: list.offset, length: list.length, children: [] };
  const prop: JsonNode = { type: 'property', offset: list.offset, length: list.length, parent: body, children: [] };
  const key: JsonNode = { type: 'string', value: 'containerDefinitions', offset: list.offset, length: 1, parent: prop };
  const copy: JsonNode = { ...list, parent: prop };
  prop.children!.push(key, copy);
  body.children!.push(prop);
  return body;
}

const maxNesting = 200;

export { familyOfReference };

const messages: Record<string, string> = {
  InvalidSymbol: 'Unexpected character: ECS takes strict JSON.',
  InvalidNumberFormat: 'Invalid number.',
  PropertyNameExpected: 'Expected a member name in double quotes.',
  ValueExpected: 'Expected a value.',
  ColonExpected: 'Expected a colon after the member name.',
  CommaExpected: 'Expected a comma between members or elements.',
  CloseBraceExpected: 'Expected "}" to close the object.',
  CloseBracketExpected: 'Expected "]" to close the list.',
  EndOfFileExpected: 'Expected the end of the file after the top-level value.',
  InvalidCommentToken: 'Comments are not allowed: ECS takes strict JSON.',
  UnexpectedEndOfComment: 'Unterminated comment.',
  UnexpectedEndOfString: 'Unterminated string.',
  UnexpectedEndOfNumber: 'Unterminated number.',
  InvalidUnicode: 'Invalid unicode escape sequence.',
  InvalidEscapeCharacter: 'Invalid escape character in string.',
  InvalidCharacter: 'Invalid control character in string: escape it.',
};

export function syntaxProblem(e: ParseError, text: string): Problem {
  const name = printParseErrorCode(e.error);
  const message = messages[name] ?? name;
  // jsonc-parser reports a trailing comma as a missing member/value at the closing bracket; a bracket
  // that closes something else (`[{},}`) is a stray one, and removing the comma would not help.
  if (
    (name === 'PropertyNameExpected' && text[e.offset] === '}') ||
    (name === 'ValueExpected' && text[e.offset] === ']')
  ) {
    const before = text.slice(0, e.offset).trimEnd();
    if (before.endsWith(',')) {
      const comma = before.length - 1;
      return {
        offset: comma,
        length: 1,
        code: 'json.trailing-comma',
        severity: 'error',
        message: 'Trailing comma: ECS takes strict JSON, remove it.',
        fixes: [
          { title: 'Remove the trailing comma', edits: [{ offset: comma, length: 1, newText: '' }], preferred: true },
        ],
      };
    }
  }
  const code = name === 'InvalidCommentToken' ? 'json.comment' : 'json.syntax';
  // An error at the end of the file is shown on its last character.
  const offset = Math.max(0, Math.min(e.offset, text.length - 1));
  return { offset, length: Math.min(Math.max(e.length, 1), text.length - offset), code, severity: 'error', message };
}

function classify(uri: string, root: JsonNode | undefined, settings?: EcsLensSettings): DocumentKind {
  const path = decodeURIComponent(uri.replace(/^file:\/\//, ''));
  if (settings) {
    if (matchesAnyGlob(path, settings.files.cluster)) return 'cluster';
    if (matchesAnyGlob(path, settings.files.daemonTaskDefinition ?? [])) return 'daemon-task-definition';
    if (matchesAnyGlob(path, settings.files.expressService ?? [])) return 'express-service';
    if (matchesAnyGlob(path, settings.files.taskDefinition))
      return root && member(root, 'taskDefinition')?.type === 'object' && !member(root, 'containerDefinitions')
        ? 'describe-output'
        : 'task-definition';
    if (matchesAnyGlob(path, settings.files.service)) return 'service';
  }
  if (path.endsWith('.load.json')) return 'load-profile';
  return classifyByContent(root);
}

const expressOnlyMembers = ['primaryContainer', 'infrastructureRoleArn', 'healthCheckPath'];

const serviceOnlyMembers = [
  'desiredCount',
  'deploymentConfiguration',
  'schedulingStrategy',
  'serviceRegistries',
  'healthCheckGracePeriodSeconds',
  'deploymentController',
  'loadBalancers',
];

export function classifyByContent(root: JsonNode | undefined): DocumentKind {
  if (root?.type === 'array' && isContainerList(root)) return 'container-definitions';
  if (!root || root.type !== 'object') return 'unknown';
  if (member(root, 'containerDefinitions')) return 'task-definition';
  // Members only CreateExpressGatewayService takes.
  if (expressOnlyMembers.some((m) => member(root, m))) return 'express-service';
  const inner = member(root, 'taskDefinition');
  if (inner?.type === 'object' && member(inner, 'containerDefinitions')) return 'describe-output';
  if (member(root, 'serviceName') && (member(root, 'taskDefinition') || member(root, 'desiredCount'))) return 'service';
  // update-service input names the service with `service`.
  if (
    member(root, 'service')?.type === 'string' &&
    (member(root, 'taskDefinition') || member(root, 'desiredCount') || member(root, 'forceNewDeployment'))
  )
    return 'service';
  // Service files of deployment tools often leave the name out; members only create-service takes still tell.
  if (
    serviceOnlyMembers.filter((m) => member(root, m)).length >= 2 &&
    !member(root, 'overrides') &&
    !member(root, 'count')
  )
    return 'service';
  if (member(root, 'containerInstances')?.type === 'array' || member(root, 'instanceGroups')?.type === 'array')
    return 'cluster';
  return classifyScaling(root);
}

/** Application Auto Scaling input for a service, and the simulator's load profile. */
function classifyScaling(root: JsonNode): DocumentKind {
  if (
    member(root, 'PolicyType') ||
    member(root, 'TargetTrackingScalingPolicyConfiguration') ||
    member(root, 'StepScalingPolicyConfiguration')
  )
    return 'scaling-policy';
  if (member(root, 'ScalableDimension') && (member(root, 'MinCapacity') || member(root, 'MaxCapacity')))
    return 'scalable-target';
  if (member(root, 'demand')?.type === 'array' && member(root, 'metric')) return 'load-profile';
  return 'unknown';
}

/** A non-empty list of objects that each have a container's name or image (Terraform's container_definitions file). */
function isContainerList(root: JsonNode): boolean {
  const items = root.children ?? [];
  return (
    items.length > 0 &&
    items.every(
      (c) =>
        c.type === 'object' &&
        (member(c, 'image') !== undefined || member(c, 'name') !== undefined) &&
        !member(c, 'containerDefinitions'),
    )
  );
}
