import { ALL_LIST, articleTag, CORRECTIONS } from '../cache/index.js';
import { countCorrections, listCorrections } from '../content/index.js';
import type { Context } from '../context.js';
import { loadFrame, notFound, PAGE_SIZE, type PageResult, pageTags, plainHead } from './common.js';
import { renderDocument } from './render.js';
import { CorrectionsPage } from './theme/corrections.js';

/**
 * /corrections: every correction and clarification on a public story, newest first, 20 a page.
 * Cached with the `corrections` tag (any notice change drops it), `list:all` (a story with a
 * correction entering or leaving the site) and each listed story's tag (a headline change).
 */
export const CORRECTIONS_PATH = '/corrections';
export const CORRECTIONS_FEED_PATH = '/corrections/feed.xml';

export async function correctionsPage(ctx: Context, page: number | null): Promise<PageResult> {
  if (page === null) return notFound(ctx);
  const c = await loadFrame(ctx);
  const total = await countCorrections(ctx.db, c.now);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pages) return notFound(ctx);
  const entries = await listCorrections(ctx.db, c.now, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const site = c.view.site;
  const head = plainHead(
    c,
    'Corrections',
    `Corrections and clarifications published by ${site.name}, newest first.`,
    page === 1 ? CORRECTIONS_PATH : `${CORRECTIONS_PATH}?page=${page}`,
    {
      feeds: [
        { title: `${site.name}: corrections`, href: CORRECTIONS_FEED_PATH, type: 'application/rss+xml' },
      ],
    },
  );
  const pagination = {
    page,
    pages,
    hrefOf: (n: number) => (n === 1 ? CORRECTIONS_PATH : `${CORRECTIONS_PATH}?page=${n}`),
  };
  return {
    status: 200,
    html: renderDocument(<CorrectionsPage view={c.view} head={head} model={{ entries, pagination }} />),
    tags: pageTags(c, [CORRECTIONS, ALL_LIST, ...entries.map((e) => articleTag(e.article.id))]),
  };
}
