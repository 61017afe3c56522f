import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { type Edition, editionsOf, resolveEdition } from '../editions/index.js';
import {
  authorPage,
  correctionsPage,
  livePage,
  homePage,
  notFound,
  type PageResult,
  parsePage,
  pathPage,
  tagPage,
  topicPage,
} from '../site/index.js';

/**
 * One URL of the public site, rendered. Pages call the site's page builders directly (the same
 * functions the routes call, minus HTTP: a third faster); every other file is requested through
 * the app, so the export never needs to know who serves it.
 */
export interface Rendered {
  status: number;
  type: string;
  body: Buffer | string;
}

export const pageRendered = (r: PageResult): Rendered =>
  r.status === 301
    ? { status: 301, type: '', body: '' }
    : { status: r.status, type: 'text/html; charset=utf-8', body: r.html };

/**
 * `host`: an edition's own host (`export static --edition`): the page as a request there is
 * drawn, in that edition's frame at the site's paths (site/routes.ts).
 */
export async function renderPage(ctx: Context, url: string, host?: string): Promise<Rendered> {
  const [path = '/', query = ''] = url.split('?');
  const page = parsePage(new URLSearchParams(query).get('page') ?? undefined);
  if (host !== undefined) return renderOnHost(ctx, path, page, host);
  if (path === '/') return pageRendered(await homePage(ctx));
  const ed = /^\/([a-z0-9-]+)\/(author|tag|topics|corrections|live)(?:\/([^/]+))?$/.exec(path);
  const edition = ed && (await editionsOf(ctx)).find((e) => e.prefix && e.prefix === ed[1]);
  if (ed && edition) {
    // A prefixed edition's own page, as the routes under `/{prefix}/…` draw it (site/routes.ts).
    const [, , kind, slug = ''] = ed;
    if (kind === 'corrections') return pageRendered(await correctionsPage(ctx, page, edition));
    if (kind === 'live') return pageRendered(await livePage(ctx, edition));
    const builder = kind === 'author' ? authorPage : kind === 'tag' ? tagPage : topicPage;
    return pageRendered(await builder(ctx, slug, page, edition));
  }
  const m = /^\/(author|tag|topics)\/([^/]+)$/.exec(path);
  if (m) {
    const builder = m[1] === 'author' ? authorPage : m[1] === 'tag' ? tagPage : topicPage;
    return pageRendered(await builder(ctx, m[2] ?? '', page));
  }
  return pageRendered(await pathPage(ctx, path, page));
}

async function renderOnHost(
  ctx: Context,
  path: string,
  page: number | null,
  host: string,
): Promise<Rendered> {
  const edition = resolveEdition(await editionsOf(ctx), host, path);
  if (path === '/') return pageRendered(await homePage(ctx, edition));
  if (path === '/corrections') return pageRendered(await correctionsPage(ctx, page, edition));
  if (path === '/live') return pageRendered(await livePage(ctx, edition));
  const m = /^\/(author|tag|topics)\/([^/]+)$/.exec(path);
  if (m) {
    const builder = m[1] === 'author' ? authorPage : m[1] === 'tag' ? tagPage : topicPage;
    return pageRendered(await builder(ctx, m[2] ?? '', page, edition));
  }
  return pageRendered(await pathPage(ctx, path, page, host));
}

export async function renderNotFound(ctx: Context, edition?: Edition): Promise<Rendered> {
  return pageRendered(await notFound(ctx, edition));
}

/** Through the app, on the primary host, as a reader would fetch it. */
export async function fetchFile(app: FastifyInstance, host: string, url: string): Promise<Rendered> {
  const res = await app.inject({ method: 'GET', url, headers: { host } });
  return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: res.rawPayload };
}
