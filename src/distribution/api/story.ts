import type { Config } from '../../config.js';
import type { MediaRow } from '../../db/index.js';
import { mediaUrl, RENDITION_WIDTHS } from '../../media/index.js';
import { type Doc, excerpt, renderHtml, renderText } from '../../shared/document/index.js';
import type { PublicArticle } from './queries.js';

/**
 * Absolute URLs and rendered bodies for readers off the site (apps, feed readers, partners):
 * unlike pages, which link root-relative, everything here names the primary address.
 */
type Site = Config['site'];

/** The width of the image file offered to apps and feeds: sharp enough for a phone or a card. */
export const SHARE_WIDTH = 1280;

export interface AbsoluteImage {
  url: string;
  width: number;
  height: number;
  type: 'image/jpeg';
}

export function absoluteImage(site: Site, media: MediaRow, width = SHARE_WIDTH): AbsoluteImage {
  // Renditions never upscale: a narrower original is served at the next rendition width.
  const w = Math.min(width, Math.max(media.width, 320));
  const rendition: number = RENDITION_WIDTHS.find((r) => r >= w) ?? 1600;
  const shown = Math.min(rendition, media.width);
  return {
    url: `${site.url}${mediaUrl(media.id, rendition, 'jpg')}`,
    width: shown,
    height: Math.round((media.height * shown) / media.width),
    type: 'image/jpeg',
  };
}

export function articleUrl(site: Site, article: Pick<PublicArticle, 'path'>): string {
  return `${site.url}${article.path ?? '/'}`;
}

/** A permanent identifier of the story (feed entry ids, ninjs uri): it survives slug changes. */
export function articleUri(site: Site, id: number): string {
  return `${site.url}/api/content/v1/articles/${id}`;
}

export function parseBody(article: Pick<PublicArticle, 'body'>): Doc {
  try {
    const doc = JSON.parse(article.body) as Doc;
    return doc && Array.isArray(doc.content) ? doc : { type: 'doc', content: [] };
  } catch {
    return { type: 'doc', content: [] };
  }
}

/** Body HTML with absolute image URLs (no srcset: feed readers and apps pick their own size). */
export function bodyHtml(site: Site, doc: Doc, media: Map<number, MediaRow>): string {
  return renderHtml(doc, {
    media: (id) => {
      const m = media.get(id);
      if (!m) return undefined;
      const img = absoluteImage(site, m);
      return { src: img.url, width: img.width, height: img.height, alt: m.alt };
    },
  });
}

export function bodyText(doc: Doc): string {
  return renderText(doc);
}

/** The story's one-paragraph summary: the dek, else the opening of the body. */
export function summaryOf(article: Pick<PublicArticle, 'dek' | 'seo_description'>, doc: Doc): string {
  return article.dek || article.seo_description || excerpt(doc, 300);
}
