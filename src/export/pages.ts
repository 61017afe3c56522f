import type { BannerSnapshot } from '../cache/index.js';
import { loadSectionTree } from '../content/index.js';
import type { Context } from '../context.js';
import { curatedFronts, sectionIdOf } from '../fronts/index.js';
import { fillExportSlotIn } from './banner.js';
import { BatchRenderer, type PreparedPage, type SiteData } from './batch.js';
import type { PageOutput } from './page-output.js';
import { pageRendered, renderPage } from './render.js';
import { splitStyle } from './paths.js';
import type { PublicUrl } from './urls.js';
import type { Outcome } from './writer.js';

/**
 * One page to export: its URL, the file it goes to, and what the last export recorded for it
 * (the digest of its bytes and the fingerprint of its inputs).
 */
export interface PageTask {
  url: string;
  kind: PublicUrl['kind'];
  rel: string;
  before?: string;
  input?: string;
}

/**
 * Renders pages a chunk at a time and hands each to `output`, which writes those whose bytes
 * changed. The same code runs in the export's worker threads and in the calling thread: lists
 * come from the bulk-loaded data, stories from their rows loaded 500 at a time, anything else
 * (the home page) from the page builders. A page whose inputs have the fingerprint the last
 * export recorded is not rendered.
 */
export class PageRenderer {
  private readonly batch: BatchRenderer;
  private banner: BannerSnapshot | null = null;
  /** Paths of sections whose first page is a curated front, drawn by the page builder. */
  private curated: Set<string> | null = null;

  /**
   * `site`: the site fingerprint (fingerprint.ts); every thread of one export has the same.
   * `host`: an edition's own host, when exporting that edition alone (render.ts).
   */
  constructor(
    private readonly ctx: Context,
    data: SiteData,
    private readonly output: PageOutput,
    site: string,
    private readonly host?: string,
  ) {
    this.batch = new BatchRenderer(ctx, data, site);
  }

  /** Outcomes of the pages that exist (a URL that is no 200 page is left out). */
  async run(tasks: PageTask[]): Promise<Outcome[]> {
    // The breaking-news banner as of the export's "now", each edition's in its pages (the site
    // fingerprint names them all, so a new alert renders every page again).
    this.banner ??= await this.ctx.cache.banner.ready();
    const banner = this.banner;
    this.curated ??= await curatedSectionPaths(this.ctx);
    await this.batch.loadArticles(tasks.filter((t) => t.kind === 'article').map((t) => t.url));
    const out: (Outcome | Promise<Outcome>)[] = [];
    for (const task of tasks) {
      const prepared = await this.prepare(task);
      if (prepared && task.before !== undefined && prepared.input === task.input) {
        out.push({
          rel: task.rel,
          hash: task.before,
          written: false,
          input: prepared.input,
          unrendered: true,
        });
        continue;
      }
      await this.output.room();
      const r = prepared ? pageRendered(prepared.render()) : await renderPage(this.ctx, task.url, this.host);
      if (r.status !== 200 || typeof r.body !== 'string') continue;
      const input = prepared?.input ?? '';
      const o = this.output.page(task.rel, task.before, fillExportSlotIn(splitStyle(r.body), banner));
      out.push(o instanceof Promise ? o.then((done) => ({ ...done, input })) : { ...o, input });
    }
    this.output.flush();
    return Promise.all(out);
  }

  /**
   * Lists and stories from the bulk data; null for anything else (the home page, curated fronts,
   * topic pages: their related topics and JSON-LD come from the page builder's own queries).
   */
  private prepare({ url, kind }: PageTask): Promise<PreparedPage | null> | PreparedPage | null {
    if (kind === 'home' || kind === 'entry' || kind === 'topic' || kind === 'edition') return null;
    if (kind === 'article') return this.batch.prepareArticle(url);
    const [path = '/', query = ''] = url.split('?');
    // A curated front is the page builder's (src/fronts), never fingerprinted: always drawn anew.
    if (kind === 'section' && query === '' && this.curated?.has(path)) return null;
    return this.batch.prepareList(path, Number(new URLSearchParams(query).get('page') ?? 1));
  }
}

async function curatedSectionPaths(ctx: Context): Promise<Set<string>> {
  const fronts = await curatedFronts(ctx.db);
  if (!fronts.size) return new Set();
  const tree = await loadSectionTree(ctx.db);
  const paths = new Set<string>();
  for (const front of fronts) {
    const section = tree.byId.get(sectionIdOf(front) ?? -1);
    if (section) paths.add(`/${section.path}`);
  }
  return paths;
}
