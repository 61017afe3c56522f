import type { FastifyInstance, FastifyReply } from 'fastify';
import { h } from 'preact';
import {
  checkPreviewToken,
  editsGoToWorkingCopy,
  getWorkingCopy,
  signMediaUrls,
  type WorkingCopy,
} from '../content/index.js';
import type { Context } from '../context.js';
import type { ArticleRow } from '../db/index.js';
import { dateInZone } from '../lib/time.js';
import { type Frame, loadArticlePage, loadFrame, type PageResult, renderArticlePage } from './pages.js';
import { renderDocument } from './render.js';
import { CSP } from './routes.js';
import { Layout } from './theme/layout.js';
import { sectionHref } from './view.js';

/**
 * `/preview/{token}`: any story — drafts included — exactly as its public page would look,
 * through the site's own render half. The links are signed in content/preview-links.ts.
 */

/** Drafts have no address yet: show the one publishing now would give (it is only a label here). */
function provisionalPath(c: Frame, article: ArticleRow): string {
  if (article.path) return article.path;
  const section = c.tree.byId.get(article.section_id);
  const { year, month, day } = dateInZone(c.now, c.ctx.config.site.timeZone);
  return `${section ? sectionHref(section) : ''}/${year}/${month}/${day}/${article.slug}`;
}

/** The story's page as the public site renders it, whatever its state (same loads as the site). */
export async function previewPage(ctx: Context, articleId: number): Promise<PageResult | null> {
  const article = await ctx.db
    .selectFrom('articles')
    .selectAll()
    .where('id', '=', articleId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!article) return null;
  // A live story with unpublished changes previews those changes (its working copy).
  const copy = editsGoToWorkingCopy(article.status) ? await getWorkingCopy(ctx.db, article.id) : null;
  const shown = copy ? withCopy(article, copy) : article;
  const c = await loadFrame(ctx);
  return renderArticlePage(
    c,
    { ...shown, path: copy ? article.path : provisionalPath(c, shown) },
    await loadArticlePage(c, shown),
    { preview: true },
  );
}

/**
 * The story's row with its working copy's fields laid over it. Bylines and tags live in tables
 * of their own and still show as published (the page loads them by story id).
 */
function withCopy(row: ArticleRow, copy: WorkingCopy): ArticleRow {
  const w = copy.content;
  return {
    ...row,
    headline: w.headline,
    dek: w.dek ?? row.dek,
    body: JSON.stringify(w.body),
    section_id: w.sectionId,
    lead_media_id: w.leadMediaId ?? null,
    lead_caption: w.leadCaption ?? row.lead_caption,
    lead_credit: w.leadCredit ?? row.lead_credit,
    lead_file_photo: w.leadFilePhoto === undefined ? row.lead_file_photo : w.leadFilePhoto ? 1 : 0,
    seo_title: w.seoTitle ?? null,
    seo_description: w.seoDescription ?? null,
    dateline: w.dateline ?? null,
    embargo_until: w.embargoUntil ?? null,
  };
}

const REFUSED = {
  forged: {
    status: 403,
    title: 'This preview link is not valid',
    text: 'The link was changed or never issued.',
  },
  expired: { status: 410, title: 'This preview link has expired', text: 'Preview links work for 24 hours.' },
  missing: {
    status: 404,
    title: 'This story is no longer here',
    text: 'It was deleted after the link was made.',
  },
} as const;

async function refusedPage(
  ctx: Context,
  why: keyof typeof REFUSED,
): Promise<{ status: number; html: string }> {
  const c = await loadFrame(ctx);
  const r = REFUSED[why];
  const head = {
    title: `${r.title} | ${c.view.site.name}`,
    description: r.title,
    canonical: `${c.view.site.url}/`,
    type: 'website' as const,
    jsonLd: [],
    noindex: true,
  };
  const children = h(
    'section',
    { class: 'error-page' },
    h('p', { class: 'list-kind' }, 'Preview'),
    h('h1', null, r.title),
    h('p', null, `${r.text} Ask for a new one: open the story in the newsroom and choose “Preview”.`),
  );
  // Layout is a plain function of its props (no hooks), so calling it is rendering it.
  const page = Layout({ view: c.view, head, styles: ['error'], children });
  return { status: r.status, html: renderDocument(page) };
}

/** Private: never stored by a browser or CDN, never indexed, the token never sent on as a Referer. */
function send(reply: FastifyReply, status: number, html: string, csp?: string[]) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .header('x-robots-tag', 'noindex, nofollow')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', csp ? [CSP, ...csp].join('; ') : CSP)
    .send(html);
}

/** GET /preview/{token}. */
export function previewRoutes(app: FastifyInstance, ctx: Context): void {
  app.get<{ Params: { token: string } }>('/preview/:token', async (req, reply) => {
    const check = await checkPreviewToken(ctx, req.params.token);
    if (!check.ok) {
      const r = await refusedPage(ctx, check.reason);
      return send(reply, r.status, r.html);
    }
    const page = await previewPage(ctx, check.articleId);
    if (!page || page.status === 301) {
      const r = await refusedPage(ctx, 'missing');
      return send(reply, r.status, r.html);
    }
    return send(reply, page.status, await signMediaUrls(ctx, page.html, check.expires), page.csp);
  });
}
