import http, { type ServerResponse } from 'node:http';
import type { Encoding } from './http.js';
import type { Entry } from './page-cache.js';

// A cache hit's bytes without Node's `writeHead` (the fast path only; docs/decisions.md, "Page
// cache in the process"). `src/cache/wire.test.ts` checks what this writes on a real socket.

/**
 * The parts of Node's ServerResponse that `writeHit` reads and sets: not in Node's typings, but
 * present and used the same way from Node 0.x to 24 (`_header` is the serialized head that
 * `writeHead` would build; the others are what Node's own keep-alive logic reads).
 */
interface RawResponse {
  _header: string | null;
  _keepAliveTimeout?: number;
  _maxRequestsPerSocket?: number;
  _defaultKeepAlive?: boolean;
  shouldKeepAlive?: boolean;
  maxRequestsOnConnectionReached?: boolean;
  sendDate: boolean;
}

/** A hit's status line and stored headers for one encoding, serialized once per entry. */
const hitHeads = new WeakMap<Entry, Map<Encoding, string | null>>();
const UNSAFE_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * Writes a hit with a head serialized once per entry instead of through `writeHead`, which
 * validates and concatenates the ~1 kB of headers (CSP, Surrogate-Key, Cache-Tag) on every
 * request: about a fifth of a hit's time, the largest cost after the socket write itself
 * (docs/benchmarks.md). Only the common case is taken — a keep-alive HTTP/1.1 GET with Node's
 * default Connection handling — and what Node would add to the head (Date, Connection,
 * Keep-Alive) is added here the same way; anything else returns false and goes through
 * `writeHead`. The values were checked once, when the head was made.
 */
export function writeHit(
  res: ServerResponse,
  entry: Entry,
  enc: Encoding,
  body: Buffer,
  onion: string | null,
  /** The entry's full header list for this encoding, flat [name, value, …] (made once by the caller). */
  headers: () => string[],
): boolean {
  const raw = res as unknown as RawResponse;
  if (
    raw._header !== null ||
    raw.shouldKeepAlive !== true ||
    raw.maxRequestsOnConnectionReached === true ||
    raw._defaultKeepAlive !== true ||
    !raw.sendDate ||
    (onion !== null && UNSAFE_HEADER_CHAR.test(onion))
  ) {
    return false;
  }
  let byEnc = hitHeads.get(entry);
  if (!byEnc) {
    byEnc = new Map();
    hitHeads.set(entry, byEnc);
  }
  let head = byEnc.get(enc);
  if (head === undefined) {
    const flat = headers();
    head = `HTTP/1.1 ${entry.status} ${http.STATUS_CODES[entry.status] ?? ''}\r\n`;
    for (let i = 0; i < flat.length; i += 2) {
      const name = flat[i] as string;
      const value = flat[i + 1] as string;
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || UNSAFE_HEADER_CHAR.test(value)) {
        head = null; // not a head Node would send: let writeHead refuse it
        break;
      }
      head += `${name}: ${value}\r\n`;
    }
    byEnc.set(enc, head);
  }
  if (head === null) return false;
  raw._header =
    head +
    (onion === null ? '' : `onion-location: ${onion}\r\n`) +
    connectionLines(raw._keepAliveTimeout ?? 0, raw._maxRequestsPerSocket ?? 0);
  res.end(body);
  return true;
}

let linesSecond = -1;
let linesKey = '';
let lines = '';

/** Date, Connection and Keep-Alive as Node's `_storeHeader` writes them, remade once a second. */
function connectionLines(keepAliveMs: number, maxRequests: number): string {
  const second = Math.floor(Date.now() / 1000);
  const key = `${keepAliveMs}/${maxRequests}`;
  if (second !== linesSecond || key !== linesKey) {
    linesSecond = second;
    linesKey = key;
    const max = maxRequests > 0 ? `, max=${maxRequests}` : '';
    lines =
      `Date: ${new Date(second * 1000).toUTCString()}\r\nConnection: keep-alive\r\n` +
      (keepAliveMs ? `Keep-Alive: timeout=${Math.floor(keepAliveMs / 1000)}${max}\r\n` : '') +
      '\r\n';
  }
  return lines;
}
