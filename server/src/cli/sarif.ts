import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findNodeAtOffset, getNodePath, type Segment } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EcsDocument } from '../service/document';
import { member, stringValue, type JsonNode } from '../service/json';
import type { Problem, Severity } from '../service/problem';
import { scannerNames } from '../ecs/scannerIds';
import { version } from '../version';
import type { RuleEntry } from './ruleCatalog';

/** A problem of a checked file, with the API path of its finding (stable through edits) when known. */
export type ReportProblem = Problem & { location?: string };

export interface CheckedFile {
  /** The path as given or found, used for the artifact URI relative to `root`. */
  path: string;
  uri: string;
  /** The source text, whose offsets the problems carry. */
  text: string;
  problems: ReportProblem[];
}

/** The rule reference shipped beside the bundle (docs/rules.md), found from the running file upwards. */
function rulesReference(): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'docs', 'rules.md');
    if (existsSync(candidate)) return pathToFileURL(candidate).toString();
    dir = dirname(dir);
  }
  return undefined;
}

const rulesReferenceUri = rulesReference();

const levels: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** GitHub code scanning ranks security results by this score (0–10); by rule, for the security family. */
const securitySeverity: Readonly<Record<string, string>> = {
  'security.privileged': '8.0',
  'security.environment-secret': '8.0',
  'security.host-namespace': '7.0',
  'security.added-capabilities': '6.0',
  'security.execution-role-as-task-role': '5.0',
  'security.public-ip': '5.0',
  'task.efs-transit-encryption': '5.0',
  'security.writable-root-filesystem': '4.0',
  'security.fargate-platform-version': '3.0',
  'security.no-logging': '3.0',
  'security.mutable-image-tag': '3.0',
};

function isSecurityRule(code: string): boolean {
  return code.startsWith('security.') || code in securitySeverity;
}

/** SARIF 2.1.0 log of a check: every rule declared, results with regions and location-based fingerprints. */
export function toSarif(files: readonly CheckedFile[], catalog: readonly RuleEntry[], root: string): object {
  const index = new Map(catalog.map((r, i) => [r.code, i]));
  const rules = catalog.map((r) => ({
    id: r.code,
    name: r.code.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase()),
    shortDescription: { text: r.summary },
    fullDescription: { text: r.rationale },
    help: { text: helpText(r), markdown: helpText(r) },
    defaultConfiguration: { level: levels[r.severity as Severity] ?? 'warning' },
    properties: {
      tags: isSecurityRule(r.code) ? ['security', 'ecs'] : ['ecs'],
      ...(securitySeverity[r.code] ? { 'security-severity': securitySeverity[r.code] } : {}),
    },
  }));
  const results: object[] = [];
  for (const file of files) {
    // RFC 3986: each segment percent-encoded (a "#", "%" or space in a name is data, not a fragment or an escape).
    const uri = relative(root, file.path).split(sep).map(encodeURIComponent).join('/');
    const td = TextDocument.create(file.uri, 'json', 0, file.text);
    const seen = new Map<string, number>();
    for (const p of [...file.problems].sort((a, b) => a.offset - b.offset)) {
      const start = td.positionAt(p.offset);
      const end = td.positionAt(p.offset + Math.max(p.length, 1));
      const location = p.location ?? `@${p.offset}`;
      const base = createHash('sha256').update(`${p.code}\u0000${uri}\u0000${location}`).digest('hex').slice(0, 32);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      results.push({
        ruleId: p.code,
        ...(index.has(p.code) ? { ruleIndex: index.get(p.code) } : {}),
        level: levels[p.severity],
        message: { text: p.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
              region: {
                startLine: start.line + 1,
                startColumn: start.character + 1,
                endLine: end.line + 1,
                endColumn: end.character + 1,
              },
            },
          },
        ],
        partialFingerprints: { 'ecsLensLocation/v1': `${base}:${n}` },
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ECS Lens',
            semanticVersion: /^\d+\.\d+\.\d+/.test(version) ? version : undefined,
            informationUri: rulesReferenceUri,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathUri(root) } },
        results,
      },
    ],
  };
}

function pathUri(root: string): string {
  const forward = root.split(sep).join('/');
  return `file://${forward.startsWith('/') ? '' : '/'}${encodeURI(forward)}${forward.endsWith('/') ? '' : '/'}`;
}

function helpText(r: RuleEntry): string {
  const lines = [r.summary, '', `Why: ${r.rationale}`];
  if (r.scanners) {
    const ids = (Object.keys(scannerNames) as Array<keyof typeof scannerNames>)
      .filter((k) => r.scanners![k])
      .map((k) => `${scannerNames[k]} ${r.scanners![k]}`);
    if (ids.length) lines.push('', `Same check elsewhere: ${ids.join('; ')}.`);
  }
  return lines.join('\n');
}

/**
 * Where a problem is, by meaning rather than by line: the JSON path of the node at the offset, with list
 * elements named by their "name" member where they have one (containers, variables, volumes, port mappings).
 * Reordering or inserting unrelated members leaves it unchanged, so code scanning keeps matching the alert.
 */
export function stableLocation(doc: EcsDocument, offset: number): string {
  if (!doc.root) return `@${offset}`;
  const node = findNodeAtOffset(doc.root, offset, true);
  if (!node) return '$';
  const path = getNodePath(node);
  const parts: string[] = [];
  let current: JsonNode | undefined = doc.root;
  for (const segment of path) {
    parts.push(segmentLabel(current, segment));
    current = step(current, segment);
  }
  return parts.join('/');
}

function step(node: JsonNode | undefined, segment: Segment): JsonNode | undefined {
  if (!node) return undefined;
  if (typeof segment === 'number') return node.type === 'array' ? node.children?.[segment] : undefined;
  return member(node, segment);
}

function segmentLabel(parent: JsonNode | undefined, segment: Segment): string {
  if (typeof segment !== 'number') return segment;
  const element = parent?.type === 'array' ? parent.children?.[segment] : undefined;
  const name = stringValue(member(element, 'name')) ?? stringValue(member(element, 'containerName'));
  return name !== undefined ? `[name=${name}]` : `[${segment}]`;
}
