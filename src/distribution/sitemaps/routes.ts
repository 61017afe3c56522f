import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cacheAs, SITE, SITEMAPS } from '../../cache/index.js';
import type { Context } from '../../context.js';
import { sendDocument } from '../feeds/conditional.js';
import { articleSitemap, listingSitemap, newsSitemap, sitemapIndex } from './build.js';
import { robotsTxt } from './robots.js';

const XML = 'application/xml; charset=utf-8';

function send(req: FastifyRequest, reply: FastifyReply, body: string | null, maxAge = 900) {
  if (body === null) return reply.code(404).type('text/plain; charset=utf-8').send('No such sitemap');
  // Sitemaps list every story, section, tag, author and topic: any public change announces SITEMAPS.
  cacheAs(req, [SITEMAPS]);
  return sendDocument(req, reply, { body, type: XML, maxAge });
}

/** `/sitemaps/articles-3.xml` → 3; anything else → null. */
function pageOf(file: string, kind: string): number | null {
  const m = new RegExp(`^${kind}-([1-9]\\d{0,5})\\.xml$`).exec(file);
  return m ? Number(m[1]) : null;
}

export function sitemapRoutes(app: FastifyInstance, ctx: Context): void {
  app.get('/robots.txt', async (req, reply) => {
    // Made from the configuration alone: nginx keeps it (cache/origin.ts) until the whole site goes.
    cacheAs(req, [SITE]);
    return reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(robotsTxt(ctx));
  });
  const cached = { config: { pageCache: true } };
  app.get('/sitemap.xml', cached, async (req, reply) => send(req, reply, await sitemapIndex(ctx)));
  // The news sitemap changes with every story; crawlers are told to come back soon.
  app.get('/sitemap-news.xml', cached, async (req, reply) => send(req, reply, await newsSitemap(ctx), 120));
  app.get<{ Params: { file: string } }>('/sitemaps/:file', cached, async (req, reply) => {
    const articles = pageOf(req.params.file, 'articles');
    if (articles !== null) return send(req, reply, await articleSitemap(ctx, articles));
    const pages = pageOf(req.params.file, 'pages');
    if (pages !== null) return send(req, reply, await listingSitemap(ctx, pages));
    return send(req, reply, null);
  });
}
