import type { Config } from '../../config.js';
import type { SectionNode, SectionTree } from '../../content/index.js';
import type { AuthorRow, MediaRow, TagRow } from '../../db/index.js';
import { mediaUrl, widthsFor } from '../../media/index.js';
import type { PublicArticle, StoryRelations } from './queries.js';
import type { ArticleField, SectionOut } from './schema.js';
import { absoluteImage, articleUrl, bodyHtml, bodyText, parseBody, summaryOf } from './story.js';

/**
 * Presenters decide exactly which fields leave the server (an allow-list: a new column never
 * leaks by accident). Only requested fields are computed, so a list that skips bodies never
 * renders them.
 */
type Site = Config['site'];

export function imageOut(
  site: Site,
  media: MediaRow,
  overrides: { caption?: string; credit?: string; filePhoto?: boolean; alt?: string } = {},
) {
  return {
    url: absoluteImage(site, media).url,
    width: media.width,
    height: media.height,
    alt: overrides.alt ?? media.alt,
    caption: overrides.caption || media.caption,
    credit: overrides.credit || media.credit,
    filePhoto: overrides.filePhoto ?? media.file_photo === 1,
    renditions: widthsFor(media).map((w) => ({
      width: Math.min(w, media.width),
      url: `${site.url}${mediaUrl(media.id, w, 'jpg')}`,
      type: 'image/jpeg',
    })),
  };
}

export const authorRef = (site: Site, a: AuthorRow) => ({
  id: a.id,
  slug: a.slug,
  name: a.name,
  url: `${site.url}/author/${a.slug}`,
});

export const tagRef = (site: Site, t: TagRow) => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  url: `${site.url}/tag/${t.slug}`,
});

export function presentArticle(
  site: Site,
  tree: SectionTree,
  row: PublicArticle,
  rel: StoryRelations,
  fields: ReadonlySet<ArticleField>,
): Record<string, unknown> {
  const doc =
    fields.has('bodyHtml') || fields.has('bodyText') || fields.has('bodyDocument') || fields.has('summary')
      ? parseBody(row)
      : null;
  const section = tree.byId.get(row.section_id);
  const lead = row.lead_media_id === null ? undefined : rel.media.get(row.lead_media_id);
  const all: { [K in ArticleField]: () => unknown } = {
    id: () => row.id,
    slug: () => row.slug,
    url: () => articleUrl(site, row),
    path: () => row.path,
    headline: () => row.headline,
    dek: () => row.dek,
    summary: () => (doc ? summaryOf(row, doc) : row.dek),
    section: () =>
      section
        ? { id: section.id, name: section.name, path: section.path, url: `${site.url}/${section.path}` }
        : null,
    authors: () => (rel.bylines.get(row.id) ?? []).map((a) => authorRef(site, a)),
    tags: () => (rel.tags.get(row.id) ?? []).map((t) => tagRef(site, t)),
    dateline: () => row.dateline,
    publishedAt: () => row.first_published_at,
    updatedAt: () => row.updated_at,
    version: () => row.version,
    leadImage: () =>
      lead
        ? imageOut(site, lead, {
            caption: row.lead_caption,
            credit: row.lead_credit,
            filePhoto: row.lead_file_photo === 1 || lead.file_photo === 1,
          })
        : null,
    notices: () => rel.notices.get(row.id) ?? [],
    entities: () => rel.entities?.get(row.id) ?? [],
    bodyHtml: () => (doc ? bodyHtml(site, doc, rel.media) : ''),
    bodyText: () => (doc ? bodyText(doc) : ''),
    bodyDocument: () => doc,
  };
  const out: Record<string, unknown> = {};
  for (const f of Object.keys(all) as ArticleField[]) if (f === 'id' || fields.has(f)) out[f] = all[f]();
  return out;
}

export function presentSection(site: Site, node: SectionNode): SectionOut {
  return {
    id: node.id,
    slug: node.slug,
    name: node.name,
    description: node.description,
    path: node.path,
    url: `${site.url}/${node.path}`,
    children: node.children.map((c) => presentSection(site, c)),
  };
}
