import { ALL_LIST, articleTag, CORRECTIONS } from '../cache/index.js';
import { countCorrections, listCorrections } from '../content/index.js';
import type { Context } from '../context.js';
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
export const CORRECTIONS_FEED_PATH = '/corrections/feed.xml';

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
      // The corrections feed is the whole site's: an edition's page names it only in the default.
      ...(c.edition.isDefault
        ? {
            feeds: [
              {
                title: `${site.name}: corrections`,
                href: CORRECTIONS_FEED_PATH,
                type: 'application/rss+xml',
              },
            ],
          }
        : {}),
    },
  );
  const pagination = { page, pages, hrefOf: (n: number) => (n === 1 ? path : `${path}?page=${n}`) };
  return {
    status: 200,
    html: renderDocument(<CorrectionsPage view={c.view} head={head} model={{ entries, pagination }} />),
    tags: pageTags(c, [CORRECTIONS, ALL_LIST, ...entries.map((e) => articleTag(e.article.id))]),
  };
}
