import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Conditional GET for generated documents (feeds, sitemaps, API JSON). The ETag is a hash of
 * the bytes, so it changes exactly when the document does. If-None-Match wins over
 * If-Modified-Since (RFC 9110 §13.2.2): a story dropping out of a feed changes the bytes but
 * not the newest date, and only the ETag sees that.
 */
export interface CachedDocument {
  body: string;
  type: string;
  /** Newest change the document reflects; omitted when there is no meaningful date. */
  lastModified?: Date;
  /** Cache-Control max-age in seconds. */
  maxAge?: number;
}

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

function matches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .includes(etag);
}

function notModifiedSince(header: string, lastModified: Date): boolean {
  const since = Date.parse(header);
  // HTTP dates have whole seconds; compare at that precision.
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

export function sendDocument(req: FastifyRequest, reply: FastifyReply, doc: CachedDocument) {
  const etag = etagOf(doc.body);
  reply
    .header('etag', etag)
    .header('cache-control', `public, max-age=${doc.maxAge ?? 300}`)
    .header('x-content-type-options', 'nosniff');
  if (doc.lastModified) reply.header('last-modified', doc.lastModified.toUTCString());
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  const fresh =
    typeof inm === 'string'
      ? matches(inm, etag)
      : typeof ims === 'string' && doc.lastModified !== undefined && notModifiedSince(ims, doc.lastModified);
  if (fresh) return reply.code(304).send();
  return reply.type(doc.type).send(doc.body);
}
