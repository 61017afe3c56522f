import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import { ensureRendition, type RenditionFormat } from '../../media/renditions.js';
import { PAGE_SIZE } from '../../site/index.js';
import { fileFor, mediaRefs, rewriteLinks } from './paths.js';
import { BatchRenderer, loadSiteData } from './batch.js';
import { fetchFile, pageRendered, type Rendered, renderNotFound, renderPage } from './render.js';
import { type ExportState, readState, STATE_FILE, writeState } from './state.js';
import { CANDIDATE_FILES, siteInventory } from './urls.js';

/**
 * `masthead export static DIR`: the public site as files. Every page is rendered and hashed;
 * only files whose bytes changed are written, files no longer part of the site are removed,
 * and the hashes are kept in DIR for the next run. Rendering everything keeps the rule simple
 * and exact: a new story changes its sections' pagination, the home page, "More in" lists of
 * its neighbours… whatever changed is what gets written, nothing else.
 */
export interface ExportOptions {
  /** Called as work progresses: done and total units (pages + files). */
  onProgress?: (done: number, total: number) => void;
}

export interface ExportSummary {
  pages: number;
  files: number;
  written: number;
  skipped: number;
  removed: number;
  media: number;
  ms: number;
  /** Time spent per phase: pages, other files (feeds, sitemaps…), image renditions. */
  phases: { pagesMs: number; filesMs: number; mediaMs: number };
  /** Relative paths written this run (the incremental test reads it). */
  writtenPaths: string[];
  removedPaths: string[];
}

const hash = (body: Buffer | string) => createHash('sha256').update(body).digest('hex').slice(0, 32);

export async function exportStatic(
  ctx: Context,
  app: FastifyInstance,
  dir: string,
  opts: ExportOptions = {},
): Promise<ExportSummary> {
  const started = performance.now();
  const outDir = path.resolve(dir);
  await fs.mkdir(outDir, { recursive: true });
  const previous = await readState(outDir);
  const files: Record<string, string> = {};
  const summary: ExportSummary = {
    pages: 0,
    files: 0,
    written: 0,
    skipped: 0,
    removed: 0,
    media: 0,
    ms: 0,
    phases: { pagesMs: 0, filesMs: 0, mediaMs: 0 },
    writtenPaths: [],
    removedPaths: [],
  };
  const madeDirs = new Set<string>();
  const pending = new Set<Promise<void>>();
  const media = new Set<string>();
  const discovered = new Set<string>();
  /** Other files pages load or link (stylesheets, scripts, icons), fetched through the app. */
  const assets = new Set<string>();
  const host = new URL(ctx.config.site.url).host;

  async function put(rel: string, body: Buffer | string): Promise<void> {
    const h = hash(body);
    files[rel] = h;
    if (previous?.files[rel] === h) {
      summary.skipped++;
      return;
    }
    const target = path.join(outDir, rel);
    const parent = path.dirname(target);
    if (!madeDirs.has(parent)) {
      await fs.mkdir(parent, { recursive: true });
      madeDirs.add(parent);
    }
    summary.written++;
    summary.writtenPaths.push(rel);
    // Writes run in the background (the thread pool) while the next pages render; a bounded
    // number at a time keeps memory flat.
    const write = (
      previous?.files[rel]
        ? // Replacing a file a static server may be sending: written aside, then renamed.
          fs.writeFile(`${target}.tmp`, body).then(() => fs.rename(`${target}.tmp`, target))
        : fs.writeFile(target, body)
    ).finally(() => pending.delete(write));
    pending.add(write);
    if (pending.size >= 64) await Promise.race(pending);
  }

  function keepPage(r: Rendered): string | null {
    if (r.status !== 200 || typeof r.body !== 'string') return null;
    mediaRefs(r.body, media, assets);
    for (const m of r.body.matchAll(/<link [^>]*rel="alternate"[^>]*>/g)) {
      const href = /href="([^"]+)"/.exec(m[0])?.[1];
      const local = href ? localPath(href, ctx.config.site.url) : null;
      if (local) discovered.add(local);
    }
    return rewriteLinks(r.body);
  }

  const inventory = await siteInventory(ctx, PAGE_SIZE);
  let done = 0;
  const total = inventory.urls.length + CANDIDATE_FILES.length;
  const tick = () => opts.onProgress?.(++done, total);

  // Pages: lists from bulk-loaded data, stories a chunk of rows at a time; anything the batch
  // renderer does not know (the home page) goes through the page builders.
  const batch = new BatchRenderer(ctx, await loadSiteData(ctx));
  const render = async (url: string, kind: string): Promise<Rendered> => {
    const [path = '/', query = ''] = url.split('?');
    const page = Number(new URLSearchParams(query).get('page') ?? 1);
    const result =
      kind === 'article'
        ? await batch.articlePage(path)
        : kind === 'home'
          ? null
          : batch.listPage(path, page);
    return result ? pageRendered(result) : renderPage(ctx, url);
  };
  const urls = inventory.urls;
  for (let i = 0; i < urls.length; i += 500) {
    const chunk = urls.slice(i, i + 500);
    await batch.loadArticles(chunk.filter((u) => u.kind === 'article').map((u) => u.url));
    for (const { url, kind } of chunk) {
      const rel = fileFor(url);
      const html = rel ? keepPage(await render(url, kind)) : null;
      if (rel && html !== null) {
        await put(rel, html);
        summary.pages++;
      }
      tick();
    }
  }
  await Promise.all(pending);
  summary.phases.pagesMs = performance.now() - started;
  const notFoundPage = await renderNotFound(ctx);
  await put('404.html', rewriteLinks(String(notFoundPage.body)));

  // Files served by whoever serves them: assets, mirrors.json, robots.txt, feeds, sitemaps.
  const queue = [...new Set([...CANDIDATE_FILES, ...discovered, ...assets])];
  const seen = new Set<string>();
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const rel = fileFor(url);
    const r = await fetchFile(app, host, url);
    if (rel && r.status === 200 && rel.includes('.')) {
      await put(rel, r.body);
      summary.files++;
      for (const more of filesNamedIn(r, ctx.config.site.url)) if (!seen.has(more)) queue.push(more);
    }
    if (done < total) tick();
  }

  await Promise.all(pending);
  summary.phases.filesMs = performance.now() - started - summary.phases.pagesMs;
  summary.media = await copyRenditions(ctx, outDir, media, previous, files, summary);

  summary.phases.mediaMs = performance.now() - started - summary.phases.pagesMs - summary.phases.filesMs;
  // Whatever the last export wrote and this one did not is no longer part of the site.
  for (const rel of Object.keys(previous?.files ?? {})) {
    if (rel in files) continue;
    await fs.rm(path.join(outDir, rel), { force: true });
    await pruneEmptyDirs(outDir, path.dirname(path.join(outDir, rel)));
    summary.removed++;
    summary.removedPaths.push(rel);
  }
  const state: ExportState = {
    version: 1,
    site: ctx.config.site.url,
    exportedAt: ctx.now().toISOString(),
    maxUpdatedAt: inventory.maxUpdatedAt,
    files,
  };
  await writeState(outDir, state);
  summary.ms = performance.now() - started;
  return summary;
}

/** A root-relative path, or an absolute URL on the primary address made root-relative. */
function localPath(href: string, primary: string): string | null {
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  if (href.startsWith(`${primary}/`)) return href.slice(primary.length);
  return null;
}

/** Sitemaps named by robots.txt and by sitemap indexes. */
function filesNamedIn(r: Rendered, primary: string): string[] {
  const text = r.body.toString();
  const out: string[] = [];
  if (r.type.startsWith('text/plain')) {
    for (const m of text.matchAll(/^sitemap:\s*(\S+)/gim)) out.push(m[1] ?? '');
  } else if (text.includes('<sitemapindex')) {
    for (const m of text.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)) out.push(m[1] ?? '');
  }
  return out.map((u) => localPath(u.replace(/&amp;/g, '&'), primary)).filter((u): u is string => !!u);
}

/** Renditions pages show: made if missing (as the live site would), copied once. */
async function copyRenditions(
  ctx: Context,
  outDir: string,
  urls: Set<string>,
  previous: ExportState | null,
  files: Record<string, string>,
  summary: ExportSummary,
): Promise<number> {
  const wanted = [...urls]
    .map((u) => /^\/media\/(\d{1,12})\/(\d{1,5})\.(webp|jpg)$/.exec(u))
    .filter((m): m is RegExpExecArray => m !== null);
  const ids = [...new Set(wanted.map((m) => Number(m[1])))];
  const rows = ids.length
    ? await ctx.db.selectFrom('media').select(['id', 'file']).where('id', 'in', ids).execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  let n = 0;
  for (const m of wanted) {
    const row = byId.get(Number(m[1]));
    if (!row) continue;
    const rel = `media/${row.id}/${m[2]}.${m[3]}`;
    // Renditions never change for an id: present in the last export means present now.
    files[rel] = 'rendition';
    n++;
    const target = path.join(outDir, rel);
    if (previous?.files[rel] === 'rendition' && (await exists(target))) {
      summary.skipped++;
      continue;
    }
    const source = await ensureRendition(ctx.config.mediaDir, row, Number(m[2]), m[3] as RenditionFormat);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.copyFile(source, target);
    summary.written++;
    summary.writtenPaths.push(rel);
  }
  return n;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

async function pruneEmptyDirs(root: string, from: string): Promise<void> {
  let dir = from;
  while (dir.startsWith(root) && dir !== root) {
    try {
      await fs.rmdir(dir);
    } catch {
      return; // not empty
    }
    dir = path.dirname(dir);
  }
}

export { STATE_FILE };
