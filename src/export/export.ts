import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { BEACON_PIXEL, beaconPath } from '../audience/index.js';
import type { Context } from '../context.js';
import { type FeedScope, feedPath, TV_FEED_FILES, tvCatalogue, tvFeedBody } from '../distribution/index.js';
import { type Edition, editionSiteUrl, editionsOf } from '../editions/index.js';
import { ensureRendition, type RenditionFormat } from '../media/index.js';
import { SITE } from '../cache/index.js';
import { PAGE_SIZE } from '../site/index.js';
import { bannerKey, fillExportSlot } from './banner.js';
import { loadSiteData } from './batch.js';
import { FeedRenderer } from './feeds.js';
import { digest, digestOf, siteFingerprint } from './fingerprint.js';
import { InlineOutput, WriteThread } from './page-output.js';
import { PageRenderer, type PageTask } from './pages.js';
import { fileFor, PageRefs, staticParts } from './paths.js';
import { defaultWorkers, defaultWriteThread, PagePool } from './pool.js';
import { fetchFile, type Rendered, renderNotFound } from './render.js';
import { type ExportState, readState, STATE_FILE, writeState } from './state.js';
import { CANDIDATE_FILES, inventoryOf, type PublicUrl } from './urls.js';
import { MirrorWriter, type Outcome } from './writer.js';

/**
 * `masthead export static DIR`: the public site as files. Only files whose bytes changed are
 * written, files no longer part of the site are removed, and their digests are kept in DIR for
 * the next run. A page or feed whose inputs (fingerprint.ts: the rows and cards it shows, the
 * site settings and the code) are those of the last export is not even rendered; everything
 * else is rendered and compared, so a new story changes its sections' pagination, the home
 * page, "More in" lists of its neighbours… whatever changed is what gets written, nothing else.
 */
export interface ExportOptions {
  /** Called as work progresses: done and total units (pages + files). */
  onProgress?: (done: number, total: number) => void;
  /** Page-rendering threads; 0 renders in this thread. Default: one per core on a large site. */
  workers?: number;
  /**
   * Write this thread's pages from a thread of their own (page-output.ts). Default: on a large
   * site, when a core is left beside the rendering threads.
   */
  writeThread?: boolean;
  /**
   * The code of an edition on a host of its own, exported alone as its own site (home at `/`),
   * as requests on its host are drawn. Without it the site is exported, such editions skipped.
   */
  edition?: string;
}

export interface ExportSummary {
  pages: number;
  files: number;
  written: number;
  skipped: number;
  /** Of the skipped: pages and feeds not even rendered, their inputs unchanged. */
  reused: number;
  removed: number;
  media: number;
  ms: number;
  /**
   * Time per phase: pages (start to the last page written), other files (feeds, sitemaps…:
   * this thread's time on them, mostly while worker threads render pages), image renditions.
   */
  phases: { pagesMs: number; filesMs: number; mediaMs: number };
  /** Relative paths written this run (the incremental test reads it). */
  writtenPaths: string[];
  removedPaths: string[];
}

/**
 * `app` serves the files the export asks for (assets, robots.txt, sitemaps…): an app, or a
 * function that builds one. Built only when first asked, after the pages: on a large site that
 * keeps its routes and their garbage out of the pages' peak memory.
 */
export async function exportStatic(
  ctx: Context,
  app: FastifyInstance | (() => Promise<FastifyInstance>),
  dir: string,
  opts: ExportOptions = {},
): Promise<ExportSummary> {
  const started = performance.now();
  // Checked before anything is written: a wrong code must leave the directory as it was.
  const only = opts.edition === undefined ? undefined : await hostEdition(ctx, opts.edition);
  const outDir = path.resolve(dir);
  await fs.mkdir(outDir, { recursive: true });
  const previous = await readState(outDir);
  const out = new MirrorWriter(outDir, previous);
  const summary: ExportSummary = {
    pages: 0,
    files: 0,
    written: 0,
    skipped: 0,
    reused: 0,
    removed: 0,
    media: 0,
    ms: 0,
    phases: { pagesMs: 0, filesMs: 0, mediaMs: 0 },
    writtenPaths: out.writtenPaths,
    removedPaths: [],
  };
  // Files are asked of the app on the host whose site this is: the primary's, or the edition's.
  const siteUrl = only ? editionSiteUrl(ctx.config.site.url, only) : ctx.config.site.url;
  const host = only?.host ?? new URL(ctx.config.site.url).host;
  let built: Promise<FastifyInstance> | null = null;
  const appNow = () => {
    built ??= typeof app === 'function' ? app() : Promise.resolve(app);
    return built;
  };

  // An export reads the database as it is now (its fingerprints say what changed), not what
  // renders kept between requests: a write announced to no one (another process without Redis)
  // must not reach the mirror late.
  ctx.cache.memo.invalidate([SITE]);
  const data = await loadSiteData(ctx);
  const inventory = inventoryOf(data, PAGE_SIZE, only);
  let done = 0;
  const total = inventory.urls.length + CANDIDATE_FILES.length;
  const tick = () => opts.onProgress?.(++done, total);
  const site = await siteFingerprint(data.base, bannerKey(await ctx.cache.banner.ready()));

  // Pages, 500 to a chunk, rendered by worker threads on a large site and by this thread (pool.ts).
  const tasks: PageTask[] = [];
  for (const { url, kind } of inventory.urls) {
    const rel = fileFor(url);
    if (rel) tasks.push({ url, kind, rel, before: out.before(rel), input: out.beforeInput(rel, true) });
    else tick();
  }
  const chunks = Array.from({ length: Math.ceil(tasks.length / 500) }, (_, i) =>
    tasks.slice(i * 500, (i + 1) * 500),
  );
  const onChunk = (outcomes: Outcome[], count: number) => {
    for (const o of outcomes) out.record(o);
    summary.pages += outcomes.length;
    for (let i = 0; i < count; i++) tick();
  };
  const pool = new PagePool(chunks, onChunk);
  const workers = opts.workers ?? defaultWorkers(tasks.length);
  const fromWorkers = pool.runWorkers(
    {
      config: ctx.config,
      now: data.base.now,
      outDir,
      site,
      addresses: ctx.addresses.current(),
      host: only?.host ?? undefined,
    },
    workers,
  );
  // Awaited below, once this thread has done its share: a failure must not go unhandled meanwhile.
  fromWorkers.catch(() => {});

  // Summary feeds, from the bulk data, while workers start and render pages: those of the list
  // pages in the inventory, which every such page links in its <head> (so discovery below finds
  // them done). Anything else pages refer to is exported once their references are known.
  const filesStarted = performance.now();
  // A host edition's feeds come from the app on its host (their links name it), as found in its pages.
  const feeds = only ? null : new FeedRenderer(ctx, data, site);
  await feeds?.load();
  const exported = new Set<string>();
  const exportFile = async (url: string): Promise<Rendered | null> => {
    exported.add(url);
    const rel = fileFor(url);
    if (!rel) return null;
    const feed = feeds && (await feeds.prepare(url));
    if (feed !== null) {
      out.putMade(rel, feed.input, feed.render);
      summary.files++;
      return null;
    }
    const r = await fetchFile(await appNow(), host, url);
    if (r.status !== 200 || !rel.includes('.')) return null;
    out.put(rel, r.body);
    summary.files++;
    return r;
  };
  if (feeds) for (const url of linkedFeeds(inventory.urls, data.base.editions)) await exportFile(url);
  feeds?.release();
  // Each edition's TV feeds (the site's own too), made from their catalogue as the routes make
  // them. Their fingerprint is the catalogue's: a story edit rewrites its own edition's only.
  // An edition with no video story has none in the mirror: its empty feed would be dated "now"
  // and differ on every run, for no TV app to read.
  for (const edition of only ? [] : data.base.editions) {
    const code = edition.isDefault ? undefined : edition.code;
    const cat = await tvCatalogue(ctx, code);
    if (!cat?.items.length) continue;
    const input = digest(site, digestOf({ ...cat, now: null }));
    for (const file of TV_FEED_FILES) {
      const url = code === undefined ? `/feeds/${file}` : `/feeds/edition/${code}/${file}`;
      const rel = fileFor(url);
      exported.add(url);
      if (!rel) continue;
      out.putMade(rel, digest(input, url), () => tvFeedBody(ctx, cat, code, file));
      summary.files++;
    }
  }
  let filesMs = performance.now() - filesStarted;

  // Then this thread renders pages too, until none are left.
  const writer =
    (opts.writeThread ?? defaultWriteThread(tasks.length, workers))
      ? new WriteThread(outDir, (files) => out.refSets.add(files))
      : new InlineOutput(outDir);
  try {
    await pool.runHere(new PageRenderer(ctx, data, writer, site, only?.host ?? undefined));
  } finally {
    if (writer instanceof WriteThread) await writer.close();
  }
  await fromWorkers;
  if (!pool.complete()) throw new Error('the export stopped before every page was rendered');
  summary.phases.pagesMs = performance.now() - started;
  // Each story page's view beacon (src/audience): the same pixel for every story, which no
  // static host counts. Written here, not asked of the app (10,000 requests were most of a full
  // export's time) nor noted among the page's references (paths.ts: a set of its own per page).
  for (const s of data.stories) {
    const rel = s.path ? fileFor(s.path) : null;
    const beacon = fileFor(beaconPath(s.id));
    if (!rel || !beacon || out.files[rel] === undefined) continue;
    out.put(beacon, BEACON_PIXEL);
    summary.files++;
  }
  const notFoundRefs = new PageRefs();
  const banner = await ctx.cache.banner.ready();
  const notFoundPage = staticParts(
    fillExportSlot(String((await renderNotFound(ctx, only)).body), banner),
    notFoundRefs,
  );
  out.put('404.html', notFoundPage, notFoundRefs.page);
  // What pages refer to: those rendered now, and those unchanged as the last export found them.
  const refs = [...out.refSets.all()];

  // Files served by whoever serves them: assets, mirrors.json, robots.txt, feeds, sitemaps.
  const moreStarted = performance.now();
  const queue = [...new Set([...CANDIDATE_FILES, ...refs.filter((r) => !r.startsWith('/media/'))])];
  while (queue.length) {
    const url = queue.shift()!;
    if (exported.has(url)) continue;
    const r = await exportFile(url);
    for (const more of r ? filesNamedIn(r, siteUrl) : []) if (!exported.has(more)) queue.push(more);
    if (done < total) tick();
  }
  filesMs += performance.now() - moreStarted;
  summary.phases.filesMs = filesMs;
  const mediaStarted = performance.now();
  summary.media = await copyRenditions(
    ctx,
    outDir,
    new Set(refs.filter((r) => r.startsWith('/media/'))),
    previous,
    out,
  );
  summary.phases.mediaMs = performance.now() - mediaStarted;
  // Whatever the last export wrote and this one did not is no longer part of the site.
  for (const rel of Object.keys(previous?.files ?? {})) {
    if (rel in out.files) continue;
    await fs.rm(path.join(outDir, rel), { force: true });
    await pruneEmptyDirs(outDir, path.dirname(path.join(outDir, rel)));
    summary.removed++;
    summary.removedPaths.push(rel);
  }
  const state: ExportState = {
    version: 2,
    site: siteUrl,
    exportedAt: ctx.now().toISOString(),
    maxUpdatedAt: inventory.maxUpdatedAt,
    files: out.files,
    inputs: out.inputs,
    pageRefs: out.pageRefs,
    refSets: out.refSets.sets,
    refs: out.refSets.refs,
  };
  await writeState(outDir, state);
  summary.written = out.written;
  summary.skipped = out.skipped;
  summary.reused = out.unrendered;
  summary.ms = performance.now() - started;
  return summary;
}

/** The edition `--edition` names: one on a host of its own, else a clear error. */
async function hostEdition(ctx: Context, code: string): Promise<Edition> {
  const edition = (await editionsOf(ctx)).find((e) => e.code === code);
  if (!edition) throw new Error(`--edition: there is no edition with the code ${JSON.stringify(code)}`);
  if (!edition.host) {
    throw new Error(
      `--edition: edition ${JSON.stringify(code)} has no host of its own; ` +
        'the default and prefixed editions are exported with the site (leave out --edition)',
    );
  }
  return edition;
}

/**
 * Summary feeds of the site (with the short aliases robots and readers look for), of each
 * edition, and of every list page in the inventory (each page links its own).
 */
function linkedFeeds(urls: PublicUrl[], editions: readonly Edition[]): string[] {
  const scopes: FeedScope[] = [{ kind: 'all' }];
  // Each other edition's whole feed (/feeds/edition/{code}/…): its home links it.
  for (const e of editions) if (!e.isDefault) scopes.push({ kind: 'edition', code: e.code });
  const aliases = CANDIDATE_FILES.filter((f) => ['/feed.xml', '/atom.xml', '/feed.json'].includes(f));
  for (const { url, kind } of urls) {
    if (url.includes('?')) continue;
    if (kind === 'section') scopes.push({ kind, path: url.slice(1) });
    else if (kind === 'tag') scopes.push({ kind, slug: url.slice('/tag/'.length) });
    else if (kind === 'author') scopes.push({ kind, slug: url.slice('/author/'.length) });
    else if (kind === 'topic') scopes.push({ kind, slug: url.slice('/topics/'.length) });
  }
  return [
    ...aliases,
    // One format after the other: FeedBatch keeps one format's entries at a time.
    ...(['rss', 'atom', 'json'] as const).flatMap((f) => scopes.map((scope) => feedPath(scope, f))),
  ];
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
  out: MirrorWriter,
): Promise<number> {
  const wanted = [...urls]
    .map((u) => /^\/media\/(\d{1,12})\/(\d{1,5})\.(avif|webp|jpg)$/.exec(u))
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
    n++;
    const target = path.join(outDir, rel);
    // Renditions never change for an id: present in the last export means present now.
    if (previous?.files[rel] === 'rendition' && (await exists(target))) {
      out.record({ rel, hash: 'rendition', written: false });
      continue;
    }
    // Made once and kept in the media directory (ensureRendition), so only a rendition no
    // reader has asked for yet is encoded here; later exports copy it.
    const source = await ensureRendition(ctx.config.mediaDir, row, Number(m[2]), m[3] as RenditionFormat);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.copyFile(source, target);
    out.record({ rel, hash: 'rendition', written: true });
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
