import { articleTag, liveTag, mediaTag } from '../cache/index.js';
import { isPublicArticle, mediaByIds } from '../content/index.js';
import type { Context } from '../context.js';
import type { ArticleRow, MediaRow } from '../db/index.js';
import { coverageFor, entryById, type LiveEntry } from '../live/index.js';
import { mediaUrl } from '../media/index.js';
import { excerpt } from '../shared/document/index.js';
import { editionsOf } from '../editions/index.js';
import { crumbsOf, type Frame, gone, loadFrame, notFound, type PageResult, pageTags } from './common.js';
import { entryHtml, entryImages, entryPath, entrySummary } from './live-coverage.js';
import { renderDocument } from './render.js';
import { publisher } from './structured-data.js';
import { LiveEntryPage } from './theme/live-entry.js';
import type { Head } from './view.js';

/**
 * `{story path}/entry/{id}`: one entry of a live story on its own page, with a share card of
 * its own (og/twitter meta name the entry, not the story). A deleted entry answers 410, as a
 * withdrawn story does; an entry of a story that is not public, 404.
 */
export async function liveEntryPage(ctx: Context, article: ArticleRow, id: number): Promise<PageResult> {
  // Shown in the story's own edition, as the story is.
  const c = await loadFrame(
    ctx,
    (await editionsOf(ctx)).find((e) => e.id === article.edition_id),
  );
  if (!isPublicArticle(article, c.now) || !article.path) return notFound(ctx);
  const [coverage, entry] = await Promise.all([
    coverageFor(ctx.db, article.id),
    entryById(ctx.db, article.id, id),
  ]);
  if (!coverage || !entry) return notFound(ctx);
  if (entry.deletedAt) return gone(ctx);
  const media = await mediaByIds(ctx.db, [...entryImages([entry]), article.lead_media_id]);
  return renderLiveEntryPage(c, article, entry, media);
}

/** The render half (the static export loads entries in bulk). */
export function renderLiveEntryPage(
  c: Frame,
  article: ArticleRow,
  entry: LiveEntry,
  media: Map<number, MediaRow>,
): PageResult {
  const site = c.view.site;
  const storyPath = article.path as string;
  const url = `${site.url}${entryPath(storyPath, entry.id)}`;
  const summary = entrySummary(entry, 110);
  const description = excerpt(entry.body, 200) || article.dek || article.headline;
  // The share card's picture: the entry's own first image, else the story's lead.
  const pictureId = entryImages([entry])[0] ?? article.lead_media_id;
  const picture = pictureId === null ? undefined : media.get(pictureId);
  const head: Head = {
    title: `${summary} | ${article.headline} | ${site.name}`,
    description,
    canonical: url,
    type: 'article',
    image: picture
      ? {
          url: `${site.url}${mediaUrl(picture.id, 1280, 'jpg')}`,
          width: 1280,
          height: Math.round((picture.height * 1280) / picture.width),
          alt: picture.alt,
        }
      : undefined,
    article: { published: entry.createdAt, modified: entry.updatedAt, section: '', tags: [] },
    jsonLd: [
      {
        '@context': 'https://schema.org',
        '@type': 'BlogPosting',
        '@id': url,
        url,
        headline: summary,
        description,
        datePublished: entry.createdAt,
        dateModified: entry.updatedAt,
        ...(entry.authorName ? { author: { '@type': 'Person', name: entry.authorName } } : {}),
        publisher: publisher(site),
        isPartOf: {
          '@type': 'LiveBlogPosting',
          '@id': `${site.url}${storyPath}`,
          headline: article.headline,
        },
        inLanguage: site.language,
      },
    ],
  };
  const shown = [articleTag(article.id), liveTag(article.id), ...[...media.keys()].map(mediaTag)];
  return {
    status: 200,
    html: renderDocument(
      <LiveEntryPage
        view={c.view}
        head={head}
        model={{
          crumbs: crumbsOf(c.tree, article.section_id),
          story: { headline: article.headline, href: storyPath },
          entryHtml: entryHtml(site, storyPath, entry, media),
        }}
      />,
    ),
    tags: pageTags(c, shown),
  };
}
