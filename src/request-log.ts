import type { FastifyInstance } from 'fastify';

/**
 * Request logging as docs/decisions.md says: no line per request at info (a busy news day made
 * 11,800 lines in 20 s, and the CDN or proxy logs requests anyway); failures are logged where
 * they are handled (src/errors.ts, always, at error); a request slower than `slowMs` gets one
 * warn line. LOG_LEVEL=debug or trace brings Fastify's per-request lines back.
 */
export function requestLogging(app: FastifyInstance, opts: { slowMs: number }): void {
  app.addHook('onResponse', async (req, reply) => {
    const ms = reply.elapsedTime;
    if (ms < opts.slowMs) return;
    req.log.warn(
      { method: req.method, url: req.url, statusCode: reply.statusCode, ms: Math.round(ms) },
      'slow request',
    );
  });
}

/** Whether Fastify's own two lines per request (incoming, completed) are wanted. */
export function logsEveryRequest(level: string): boolean {
  return level === 'debug' || level === 'trace';
}
