import { frontTag, HOME, sectionListTag } from '../cache/index.js';
import { descendantIds, type SectionNode } from '../content/index.js';
import type { Context } from '../context.js';
import type { Edition } from '../editions/index.js';
import {
  homeFront,
  isHomeFront,
  type ResolvedList,
  resolveFront,
  resolveLists,
  sectionFront,
  storedLists,
} from '../fronts/index.js';
import type { FrontKey } from '../shared/fronts.js';
import { toCards } from './cards.js';
import { type Frame, loadFrame, PAGE_SIZE, type PageResult, pageTags, plainHead } from './common.js';
import { countOf, renderListPage, sectionMeta } from './lists.js';
import { renderDocument } from './render.js';
import { website } from './structured-data.js';
import type { FrontListView } from './theme/fronts.js';
import { keepingMarkup } from './theme/components.js';
import { HomePage } from './theme/pages.js';
import type { StoryCard } from './view.js';

/**
 * Pages built from curated fronts (src/fronts): each edition's home page always (its default is
 * its newest stories and a row per section of its own), a section's first page when the newsroom stored lists for it
 * (otherwise the plain newest-first list, which is that front's default). A page carries the
 * tags of every list it shows, so a list's edit drops exactly these pages.
 */
export async function homePage(ctx: Context, edition?: Edition): Promise<PageResult> {
  const c = await loadFrame(ctx, edition);
  // Each edition's home is a front of its own (`home@ID`; the default's is `home`): curated
  // when the newsroom stored lists for it, else automatic over the edition's own tree.
  const front = homeFront(c.edition);
  const home = await keptFront(c, front, () => resolveFront(ctx.db, c.tree, front, c.now));
  return renderHomePage(c, home.lists, home.cards, home.tags);
}

/**
 * A front's lists laid out with their cards, kept between renders under every tag a page
 * showing them carries (its lists', its stories', most read's; cache/memo.ts): the home page
 * resolves a dozen lists, most read among them, and would otherwise do so for every reader the
 * page cache does not answer.
 */
async function keptFront(
  c: Frame,
  front: FrontKey,
  load: () => Promise<{ lists: ResolvedList[]; tags: string[] }>,
): Promise<{ lists: ResolvedList[]; cards: Map<number, StoryCard>; tags: string[] }> {
  return c.ctx.cache.memo.get(
    `front:${c.edition.id}:${front}`,
    async () => {
      const { lists, tags } = await load();
      return { lists, cards: await cardsOf(c, lists), tags };
    },
    (kept) => [
      frontTag(front),
      ...(isHomeFront(front) ? [HOME] : []),
      ...kept.tags,
      ...[...kept.cards.values()].flatMap((card) => card.tags),
    ],
  );
}

/** The render half of the home page: no queries. */
export function renderHomePage(
  c: Frame,
  lists: readonly ResolvedList[],
  cards: ReadonlyMap<number, StoryCard>,
  tags: readonly string[],
): PageResult {
  const views = viewsOf(lists, cards);
  const head = plainHead(c, c.view.site.name, c.view.site.description, c.edition.home, {
    jsonLd: [website(c.view.site)],
  });
  const shown = views.flatMap((v) => v.stories);
  return {
    status: 200,
    html: renderDocument(<HomePage view={c.view} head={head} model={{ lists: views }} />),
    tags: pageTags(c, [HOME, ...tags], shown),
  };
}

/** A section's first page from its stored lists, or null when it has none (its default applies). */
export async function curatedSectionPage(
  c: Frame,
  section: SectionNode,
  path: string,
): Promise<PageResult | null> {
  const front: FrontKey = sectionFront(section.id);
  const curated = await keptFront(c, front, async () => {
    const stored = await storedLists(c.ctx.db, front);
    return { lists: stored.length ? await resolveLists(c.ctx.db, c.tree, stored, c.now) : [], tags: [] };
  });
  if (!curated.lists.length) return null;
  const { lists } = curated;
  const total = await countOf(
    c,
    { sectionIds: descendantIds(c.tree, section.id) },
    sectionListTag(section.id),
  );
  const views = viewsOf(lists, curated.cards);
  const meta = sectionMeta(c, section);
  const tags = [...meta.tags, frontTag(front), ...lists.flatMap((l) => l.tags)];
  return renderListPage(
    c,
    {
      page: 1,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      path,
      stories: views.flatMap((v) => v.stories),
    },
    { ...meta, tags, front: views },
  );
}

async function cardsOf(c: Frame, lists: readonly ResolvedList[]): Promise<Map<number, StoryCard>> {
  const all = lists.flatMap((l) => l.stories);
  const cards = await toCards(c.ctx.db, c.tree, all, { leadFirst: lists[0]?.variant === 'lead' });
  return new Map(keepingMarkup(cards).map((card) => [card.id, card]));
}

function viewsOf(lists: readonly ResolvedList[], cards: ReadonlyMap<number, StoryCard>): FrontListView[] {
  return lists.map((l) => ({
    slug: l.slug,
    title: l.title,
    href: l.href,
    variant: l.variant,
    ranking: l.ranking,
    stories: l.stories.map((s) => cards.get(s.id)).filter((x): x is StoryCard => x !== undefined),
  }));
}
