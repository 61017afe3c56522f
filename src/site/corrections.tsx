import { ALL_LIST, articleTag, CORRECTIONS } from '../cache/index.js';
import { countCorrections, listCorrections } from '../content/index.js';
import type { Context } from '../context.js';
import { type CorrectionsWords, correctionsFeedPath } from '../distribution/index.js';
import type { Edition } from '../editions/index.js';
import {
  editionScope,
  inEdition,
  loadFrame,
  notFound,
  PAGE_SIZE,
  type PageResult,
  pageTags,
  plainHead,
} from './common.js';
import { msg } from './i18n/index.js';
import { renderDocument } from './render.js';
import { CorrectionsPage } from './theme/corrections.js';

/**
 * /corrections: every correction and clarification on a public story, newest first, 20 a page.
 * Cached with the `corrections` tag (any notice change drops it), `list:all` (a story with a
 * correction entering or leaving the site) and each listed story's tag (a headline change).
 * A prefixed edition has its own (`/es/corrections`): its stories' corrections, in its frame.
 */
export const CORRECTIONS_PATH = '/corrections';
export const CORRECTIONS_FEED_PATH = correctionsFeedPath();

/** The corrections feeds' words in an edition's language (the app hands them to distribution). */
export const correctionsFeedWords: CorrectionsWords = {
  title: (language, name) => `${name}: ${msg(language, 'corrections.title')}`,
  description: (language, name) => msg(language, 'corrections.description', { name }),
  label: (language, kind) => msg(language, `notice.${kind}`),
};

export async function correctionsPage(
  ctx: Context,
  page: number | null,
  edition?: Edition,
): Promise<PageResult> {
  if (page === null) return notFound(ctx, edition);
  const c = await loadFrame(ctx, edition);
  const scope = editionScope(c);
  const total = await countCorrections(ctx.db, c.now, scope);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pages) return notFound(ctx, c.edition);
  const entries = await listCorrections(
    ctx.db,
    c.now,
    { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
    scope,
  );
  const site = c.view.site;
  const path = inEdition(c, CORRECTIONS_PATH);
  const head = plainHead(
    c,
    msg(site.language, 'corrections.title'),
    msg(site.language, 'corrections.description', { name: site.name }),
    page === 1 ? path : `${path}?page=${page}`,
    {
      // Each edition's own corrections feed (the default's is /corrections/feed.xml).
      feeds: [
        {
          title: correctionsFeedWords.title(site.language, site.name),
          href: correctionsFeedPath(c.edition),
          type: 'application/rss+xml',
        },
      ],
    },
  );
  const pagination = { page, pages, hrefOf: (n: number) => (n === 1 ? path : `${path}?page=${n}`) };
  return {
    status: 200,
    html: renderDocument(<CorrectionsPage view={c.view} head={head} model={{ entries, pagination }} />),
    tags: pageTags(c, [CORRECTIONS, ALL_LIST, ...entries.map((e) => articleTag(e.article.id))]),
  };
}
