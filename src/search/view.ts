import { bylinesOf, mediaByIds, type SectionTree } from '../content/index.js';
import type { Db } from '../db/index.js';
import { authorHref, sectionHref } from '../lib/public-paths.js';
import { type ImageView, imageView } from '../media/index.js';
import type { SearchHit } from './search.js';

/** A search hit with what a result card or an API client shows, loaded for the whole page at once. */
export interface ResultView {
  id: number;
  href: string;
  headline: string;
  headlineHtml: string;
  snippetHtml: string;
  dek: string;
  section: { id: number; name: string; path: string; href: string } | null;
  bylines: { id: number; name: string; slug: string; href: string }[];
  published: string;
  image: ImageView | null;
}

const SIZES = '(min-width: 720px) 12rem, 100vw';

export async function resultViews(db: Db, tree: SectionTree, hits: SearchHit[]): Promise<ResultView[]> {
  const [bylines, media] = await Promise.all([
    bylinesOf(
      db,
      hits.map((h) => h.id),
    ),
    mediaByIds(
      db,
      hits.map((h) => h.leadMediaId),
    ),
  ]);
  return hits.map((h) => {
    const section = tree.byId.get(h.sectionId);
    const m = h.leadMediaId === null ? undefined : media.get(h.leadMediaId);
    return {
      id: h.id,
      href: h.path ?? '/',
      headline: h.headline,
      headlineHtml: h.headlineHtml,
      snippetHtml: h.snippetHtml,
      dek: h.dek,
      section: section
        ? { id: section.id, name: section.name, path: section.path, href: sectionHref(section) }
        : null,
      bylines: (bylines.get(h.id) ?? []).map((a) => ({
        id: a.id,
        name: a.name,
        slug: a.slug,
        href: authorHref(a),
      })),
      published: h.publishedAt ?? h.updatedAt,
      image: m ? imageView(m, SIZES) : null,
    };
  });
}
