/**
 * JSON text the language server hands to the simulator's thread unparsed: a cluster file of thousands of
 * instances takes a few hundred milliseconds to parse, which the thread that answers the editor never spends.
 * Plain data, so it crosses to the worker as one string.
 */
import { jsonSyntaxPosition } from './plainText';

export interface DeferredJson {
  deferredJson: string;
  /** What errors call the file. */
  name: string;
}

export function deferJson(text: string, name: string): DeferredJson {
  return { deferredJson: text, name };
}

function isDeferred(value: unknown): value is DeferredJson {
  return typeof value === 'object' && value !== null && typeof (value as DeferredJson).deferredJson === 'string';
}

/**
 * Parses a deferred `cluster` of a request in place; an error names the file and the position, never the text
 * (JSON.parse's own message quotes it).
 */
export function parseDeferredCluster(params: { cluster?: unknown }): string | undefined {
  const cluster = params.cluster;
  if (!isDeferred(cluster)) return undefined;
  const text = cluster.deferredJson.charCodeAt(0) === 0xfeff ? cluster.deferredJson.slice(1) : cluster.deferredJson;
  try {
    params.cluster = JSON.parse(text) as unknown;
    return undefined;
  } catch {
    return `${cluster.name}: not valid JSON at ${jsonSyntaxPosition(text)}; not simulated.`;
  }
}
