import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import { ALL_LIST, articleTag, CORRECTIONS, cacheAs, FEEDS, SITE } from '../../cache/index.js';
import { listCorrections, type PublicNotice } from '../../content/index.js';
import type { Context } from '../../context.js';
import {
  defaultEdition,
  type Edition,
  editionPath,
  editionSiteUrl,
  editionsOf,
} from '../../editions/index.js';
import { sendDocument } from './conditional.js';
import { htmlField } from './field-text.js';
import { cdata, text } from './xml-guard.js';

/**
 * /corrections/feed.xml: the newest 50 corrections and clarifications as RSS, one item per
 * notice (its link is the story), so a reader or a standards watcher sees each one once. With
 * several editions it is the default edition's (as /feed.xml is), and each other edition has its
 * own at /feeds/edition/{code}/corrections.xml: its stories' notices, in its language.
 */
const SIZE = 50;

/**
 * The feed's words in a language. The theme's catalogue is the site's (a layer above), so the
 * app hands them in (app.ts); without them the feed speaks English.
 */
export interface CorrectionsWords {
  title(language: string, name: string): string;
  description(language: string, name: string): string;
  label(language: string, kind: PublicNotice['kind']): string;
}

const ENGLISH: CorrectionsWords = {
  title: (_, name) => `${name}: corrections`,
  description: (_, name) => `Corrections and clarifications published by ${name}`,
  label: (_, kind) => (kind === 'clarification' ? 'Clarification' : 'Correction'),
};

export const correctionsFeedPath = (edition?: Pick<Edition, 'code' | 'isDefault'>) =>
  edition && !edition.isDefault ? `/feeds/edition/${edition.code}/corrections.xml` : '/corrections/feed.xml';

export function correctionsFeedRoutes(app: FastifyInstance, ctx: Context, words = ENGLISH): void {
  const cached = { config: { pageCache: true } };
  app.get('/corrections/feed.xml', cached, async (req, reply) => {
    const editions = await editionsOf(ctx);
    // With one edition every story is the site's: no filter, as before editions.
    return serve(ctx, words, req, reply, editions.length > 1 ? defaultEdition(editions) : undefined);
  });
  app.get<{ Params: { code: string } }>(
    '/feeds/edition/:code/corrections.xml',
    cached,
    async (req, reply) => {
      const edition = (await editionsOf(ctx)).find((e) => e.code === req.params.code && !e.isDefault);
      if (!edition) return reply.code(404).type('text/plain; charset=utf-8').send('No such feed');
      return serve(ctx, words, req, reply, edition);
    },
  );
}

async function serve(
  ctx: Context,
  words: CorrectionsWords,
  req: FastifyRequest,
  reply: FastifyReply,
  edition: Edition | undefined,
) {
  const own = edition && !edition.isDefault ? edition : undefined;
  const site = ctx.config.site;
  // The default edition's name and language are the configured ones until the newsroom sets them.
  const name = edition?.name ?? site.name;
  const language = edition?.language ?? site.language;
  // An edition on a host of its own names its pages there.
  const home = own ? editionSiteUrl(site.url, own) : site.url;
  const entries = await listCorrections(
    ctx.db,
    ctx.now().toISOString(),
    { limit: SIZE, offset: 0 },
    edition ? { editionId: edition.id } : {},
  );
  const updated = entries[0] ? new Date(entries[0].notice.createdAt) : new Date(0);
  const self = `${site.url}${correctionsFeedPath(own)}`;
  const feed = new Feed({
    id: self,
    title: text(words.title(language, name)),
    description: text(htmlField(words.description(language, name))),
    link: `${home}${editionPath(own ?? { prefix: null }, '/corrections')}`,
    language,
    updated,
    generator: 'Masthead',
    copyright: text(`© ${name}`),
    feedLinks: { rss: self },
  });
  for (const e of entries) {
    const url = `${home}${e.article.path}`;
    feed.addItem({
      title: cdata(`${words.label(language, e.notice.kind)}: ${e.article.headline}`),
      id: `${url}#notice-${e.notice.id}`,
      link: url,
      date: new Date(e.notice.createdAt),
      description: cdata(htmlField(e.notice.text)),
    });
  }
  // Which edition a story belongs to is the editions table's: a change of it drops the feed.
  const tags = [FEEDS, CORRECTIONS, ALL_LIST, ...(edition ? [SITE] : [])];
  cacheAs(req, [...tags, ...entries.map((e) => articleTag(e.article.id))]);
  return sendDocument(req, reply, {
    body: feed.rss2(),
    type: 'application/rss+xml; charset=utf-8',
    lastModified: entries.length ? updated : undefined,
    maxAge: 300,
  });
}
