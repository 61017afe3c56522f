import { articleTag, authorTag, mediaTag, sectionTag } from '../cache/index.js';
import { ancestry, type SectionTree } from '../content/index.js';
import {
  type ArticleSummary,
  bylinesOf,
  type ListFilter,
  listPublished,
  mediaByIds,
} from '../content/index.js';
import type { AuthorRow, Db, MediaRow } from '../db/index.js';
import { imageView } from '../media/index.js';
import { authorHref, type StoryCard, sectionHref } from './view.js';

/** Card images are drawn at most a third of the page wide (full width on phones). */
const CARD_SIZES = '(min-width: 960px) 33vw, (min-width: 640px) 50vw, 100vw';
const LEAD_SIZES = '(min-width: 960px) 66vw, 100vw';

/** Summaries → cards, with bylines and images loaded in two queries for the whole list. */
export async function toCards(
  db: Db,
  tree: SectionTree,
  stories: ArticleSummary[],
  opts: { leadFirst?: boolean } = {},
): Promise<StoryCard[]> {
  const ids = stories.map((s) => s.id);
  const [bylines, media] = await Promise.all([
    bylinesOf(db, ids),
    mediaByIds(
      db,
      stories.map((s) => s.lead_media_id),
    ),
  ]);
  return stories.map((s, i) => cardOf(tree, s, bylines, media, opts.leadFirst === true && i === 0));
}

/** One card from already loaded bylines and images (the static export loads them in bulk). */
export function cardOf(
  tree: SectionTree,
  s: ArticleSummary,
  bylines: Map<number, AuthorRow[]>,
  media: Map<number, MediaRow>,
  lead = false,
): StoryCard {
  const section = tree.byId.get(s.section_id);
  const m = s.lead_media_id === null ? undefined : media.get(s.lead_media_id);
  const authors = bylines.get(s.id) ?? [];
  return {
    id: s.id,
    href: s.path ?? '/',
    headline: s.headline,
    dek: s.dek,
    section: section ? { name: section.name, href: sectionHref(section) } : null,
    bylines: authors.map((a) => ({ name: a.name, href: `${prefixOf(tree, s.section_id)}${authorHref(a)}` })),
    published: s.first_published_at ?? s.updated_at,
    image: m ? imageView(m, lead ? LEAD_SIZES : CARD_SIZES) : null,
    tags: [
      articleTag(s.id),
      sectionTag(s.section_id),
      ...authors.map((a) => authorTag(a.id)),
      ...(m ? [mediaTag(m.id)] : []),
    ],
  };
}

/**
 * The path prefix of a story's edition (`/es`, or '' for an edition without one): a prefixed
 * edition's top-level section paths start with it (docs/editions.md, "Addresses"), so a card
 * links its bylines to the author's page in the story's own edition.
 */
function prefixOf(tree: SectionTree, sectionId: number): string {
  const section = ancestry(tree, sectionId)[0];
  const cut = section?.path.indexOf('/') ?? -1;
  return section && cut > 0 ? `/${section.path.slice(0, cut)}` : '';
}

export async function cardsFor(
  db: Db,
  tree: SectionTree,
  now: string,
  filter: ListFilter,
  page: { limit: number; offset: number },
  opts: { leadFirst?: boolean } = {},
): Promise<StoryCard[]> {
  return toCards(db, tree, await listPublished(db, now, filter, page), opts);
}
