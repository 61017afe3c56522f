import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { notFound, sendError } from '../errors.js';
import { authenticateRequest } from './auth.js';
import { Router } from './http.js';
import { openApiDocument } from './openapi.js';
import { alertRoutes } from './routes/alerts.js';
import { viewAdminRoutes } from './routes/views.js';
import { importRoutes } from './routes/imports.js';
import { frontRoutes } from './routes/fronts.js';
import { articleRoutes } from './routes/articles.js';
import { authorRoutes } from './routes/authors.js';
import { cacheAdminRoutes } from './routes/cache.js';
import { checkRoutes } from './routes/checks.js';
import { distributionAdminRoutes } from './routes/distribution.js';
import { ingestRoutes } from './routes/ingest.js';
import { editionRoutes } from './routes/editions.js';
import { entityRoutes } from './routes/entities.js';
import { liveRoutes } from './routes/live.js';
import { mediaRoutes } from './routes/media.js';
import { mirrorAdminRoutes } from './routes/mirrors.js';
import { noticeRoutes } from './routes/notices.js';
import { presenceRoutes } from './routes/presence.js';
import { previewAdminRoutes } from './routes/preview.js';
import { searchAdminRoutes } from './routes/search.js';
import { sectionRoutes } from './routes/sections.js';
import { sessionRoutes } from './routes/session.js';
import { tagRoutes } from './routes/tags.js';
import { userRoutes } from './routes/users.js';
import { adminAppRoutes } from './web.js';

export const ADMIN_PREFIX = '/api/admin';

/** The newsroom API under /api/admin, in its own encapsulated plugin (cookies, auth, errors). */
export async function adminRoutes(app: FastifyInstance, ctx: Context): Promise<void> {
  await app.register(
    async (api) => {
      await api.register(cookie);
      // multipart/form-data only here, for media uploads; the upload route sets the limits and
      // checks a cut-off file itself, so it can name it and remove what was written.
      await api.register(multipart, { throwFileSizeLimit: false });
      api.addHook('onRequest', authenticateRequest(ctx));
      api.setErrorHandler((err, req, reply) => sendError(err, req, reply, 'newsroom'));
      api.setNotFoundHandler((req, reply) =>
        sendError(notFound(`no route ${req.method} ${req.url.split('?')[0]}`), req, reply, 'newsroom'),
      );
      // Every answer is about one person's newsroom: never cached by browsers or CDNs.
      api.addHook('onSend', async (_req, reply) => {
        reply.header('cache-control', 'no-store');
      });
      const router = new Router(api);
      sessionRoutes(router, ctx);
      articleRoutes(router, ctx);
      checkRoutes(router, ctx);
      previewAdminRoutes(router, ctx);
      sectionRoutes(router, ctx);
      tagRoutes(router, ctx);
      authorRoutes(router, ctx);
      mediaRoutes(router, ctx);
      userRoutes(router, ctx);
      distributionAdminRoutes(router, ctx);
      mirrorAdminRoutes(router, ctx);
      searchAdminRoutes(router, ctx);
      cacheAdminRoutes(router, ctx);
      presenceRoutes(router, ctx);
      noticeRoutes(router, ctx);
      alertRoutes(router, ctx);
      viewAdminRoutes(router, ctx);
      importRoutes(router, ctx);
      frontRoutes(router, ctx);
      ingestRoutes(router, ctx);
      entityRoutes(router, ctx);
      liveRoutes(router, ctx);
      editionRoutes(router, ctx);
      router.add({
        method: 'GET',
        url: '/openapi.json',
        tag: 'meta',
        summary: 'This document',
        public: true,
        handler: async () => openApiDocument(ctx, router.specs, ADMIN_PREFIX),
      });
    },
    { prefix: ADMIN_PREFIX },
  );
  adminAppRoutes(app, ctx); // /admin: the newsroom web app (web/admin, built by Vite)
}
