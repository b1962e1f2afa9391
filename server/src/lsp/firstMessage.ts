/**
 * The first message a client sends, read before the LSP library is loaded. The protocol has the client send
 * `initialize` first and nothing else until it has the answer; that answer reads nothing from the request
 * (lsp/capabilities.ts), so the server writes it at once and loads the library (about a third of a first start)
 * while the client reads it. The request is then given to the library as it came, so the library knows the client's
 * capabilities and process as it always does; its own answer is compared with the one sent, and dropped.
 *
 * Anything else first (another method, a header or body this reader does not take) is given to the library
 * untouched, with no early answer: the library answers it as it would have.
 */

/** A header section longer than this is not a client's: LSP headers are Content-Length and Content-Type. */
const headerLimit = 4096;
/** An initialize request over this is left to the library (VS Code's is about 15 KiB with its capabilities). */
export const firstBodyLimit = 1 << 20;

export type FirstFrame =
  /** More bytes are needed. */
  | { kind: 'partial' }
  /** Not a frame this reader takes, or not `initialize`: the library reads it. */
  | { kind: 'other' }
  | { kind: 'initialize'; id: number | string };

/**
 * Reads the first frame of a byte stream (`Content-Length: n`, an optional UTF-8 `Content-Type`, a blank line,
 * n bytes of JSON). Bounded: at most `headerLimit` bytes of header and `firstBodyLimit` of body are looked at.
 */
export function firstFrame(bytes: Buffer): FirstFrame {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return bytes.length > headerLimit ? { kind: 'other' } : { kind: 'partial' };
  if (end > headerLimit) return { kind: 'other' };
  let length: number | undefined;
  for (const line of bytes.toString('latin1', 0, end).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return { kind: 'other' };
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') {
      if (!/^\d{1,8}$/.test(value)) return { kind: 'other' };
      length = Number(value);
    } else if (name === 'content-type') {
      const charset = /charset=([^;\s]+)/i.exec(value)?.[1]?.toLowerCase();
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return { kind: 'other' };
    }
  }
  if (length === undefined || length > firstBodyLimit) return { kind: 'other' };
  const start = end + 4;
  if (bytes.length < start + length) return { kind: 'partial' };
  return initializeId(bytes.toString('utf8', start, start + length));
}

/** The id of an `initialize` request, from its JSON text or object; anything else is the library's. */
export function initializeId(message: unknown): FirstFrame {
  let value = message;
  if (typeof message === 'string') {
    try {
      value = JSON.parse(message);
    } catch {
      return { kind: 'other' };
    }
  }
  if (typeof value !== 'object' || value === null) return { kind: 'other' };
  const { jsonrpc, method, id, params } = value as {
    jsonrpc?: unknown;
    method?: unknown;
    id?: unknown;
    params?: unknown;
  };
  if (jsonrpc !== '2.0' || method !== 'initialize') return { kind: 'other' };
  // Parameters the library would refuse (no capabilities) get its error, not an early answer.
  const capabilities =
    typeof params === 'object' && params !== null && (params as { capabilities?: unknown }).capabilities;
  if (typeof capabilities !== 'object' || capabilities === null) return { kind: 'other' };
  if (typeof id !== 'number' && typeof id !== 'string') return { kind: 'other' };
  return { kind: 'initialize', id };
}

/** A response as the stdio transport frames it. */
export function framed(message: object): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}
