import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Context } from '../context.js';
import { notFound, sendError, tooLarge, unauthenticated } from '../errors.js';
import { receive } from './queue.js';
import { pushSignatureProblem } from './signature.js';
import { sourceBySlug } from './sources.js';

/**
 * `POST /api/ingest/{source}`: an agency pushes one item (ninjs JSON or NewsML-G2 XML) as the raw
 * body, signed with its source's secret (signature.ts). The body is read as bytes whatever its
 * content type, because the signature covers the exact bytes. Answers: 202 with what became of
 * each item (queued, or a duplicate of a version already here), 422 when it was quarantined,
 * 401 unsigned / wrong / stale / replayed, 404 unknown source, 413 beyond PUSH_BODY_LIMIT
 * (bigger than that is not even stored; between MAX_ITEM_BYTES and this it is quarantined).
 */
export const PUSH_BODY_LIMIT = 8 * 1024 * 1024;

const params = z.object({ source: z.string().regex(/^[a-z0-9-]{1,100}$/) });

export async function ingestPushRoutes(app: FastifyInstance, ctx: Context): Promise<void> {
  await app.register(async (api) => {
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PUSH_BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    api.setErrorHandler((err, req, reply) =>
      sendError(
        (err as { statusCode?: number }).statusCode === 413
          ? tooLarge(`the body is over ${PUSH_BODY_LIMIT} bytes`)
          : err,
        req,
        reply,
        'content',
      ),
    );
    api.post('/api/ingest/:source', async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const parsed = params.safeParse(req.params);
      const source = parsed.success ? await sourceBySlug(ctx.db, parsed.data.source) : undefined;
      if (source?.active !== 1) throw notFound('no such ingest source');
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const headers = {
        id: header('webhook-id'),
        timestamp: header('webhook-timestamp'),
        signature: header('webhook-signature'),
      };
      const now = ctx.now();
      const problem = pushSignatureProblem(source.secret, headers, body, Math.floor(now.getTime() / 1000));
      if (problem) throw unauthenticated(problem);
      const seen = await ctx.db
        .selectFrom('ingest_items')
        .select('id')
        .where('source_id', '=', source.id)
        .where('push_id', '=', headers.id as string)
        .executeTakeFirst();
      if (seen) throw unauthenticated('replayed: this webhook-id was received before');
      const results = await receive(ctx.db, {
        source,
        bytes: body,
        via: 'push',
        pushId: headers.id as string,
        now: now.toISOString(),
      });
      const refused = results.every((r) => r.state === 'quarantined');
      return reply.code(refused ? 422 : 202).send({
        items: results.map((r) => ({
          id: r.id,
          state: r.state,
          guid: r.guid,
          version: r.version,
          ...(r.reason ? { reason: r.reason } : {}),
        })),
      });
    });
  });
}
