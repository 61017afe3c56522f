import type { FastifyInstance } from 'fastify';
import { Feed } from 'feed';
import { ALL_LIST, articleTag, CORRECTIONS, cacheAs, FEEDS } from '../../cache/index.js';
import { listCorrections } from '../../content/index.js';
import type { Context } from '../../context.js';
import { sendDocument } from './conditional.js';
import { htmlField } from './field-text.js';
import { cdata, text } from './xml-guard.js';

/**
 * /corrections/feed.xml: the newest 50 corrections and clarifications as RSS, one item per
 * notice (its link is the story), so a reader or a standards watcher sees each one once.
 */
const SIZE = 50;

export function correctionsFeedRoutes(app: FastifyInstance, ctx: Context): void {
  app.get('/corrections/feed.xml', { config: { pageCache: true } }, async (req, reply) => {
    const site = ctx.config.site;
    const entries = await listCorrections(ctx.db, ctx.now().toISOString(), { limit: SIZE, offset: 0 });
    const updated = entries[0] ? new Date(entries[0].notice.createdAt) : new Date(0);
    const self = `${site.url}/corrections/feed.xml`;
    const feed = new Feed({
      id: self,
      title: text(`${site.name}: corrections`),
      description: text(htmlField(`Corrections and clarifications published by ${site.name}`)),
      link: `${site.url}/corrections`,
      language: site.language,
      updated,
      generator: 'Masthead',
      copyright: text(`© ${site.name}`),
      feedLinks: { rss: self },
    });
    for (const e of entries) {
      const url = `${site.url}${e.article.path}`;
      feed.addItem({
        title: cdata(`${e.notice.label}: ${e.article.headline}`),
        id: `${url}#notice-${e.notice.id}`,
        link: url,
        date: new Date(e.notice.createdAt),
        description: cdata(htmlField(e.notice.text)),
      });
    }
    cacheAs(req, [FEEDS, CORRECTIONS, ALL_LIST, ...entries.map((e) => articleTag(e.article.id))]);
    return sendDocument(req, reply, {
      body: feed.rss2(),
      type: 'application/rss+xml; charset=utf-8',
      lastModified: entries.length ? updated : undefined,
      maxAge: 300,
    });
  });
}
