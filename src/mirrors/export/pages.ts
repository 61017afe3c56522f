import type { Context } from '../../context.js';
import { BatchRenderer, type SiteData } from './batch.js';
import { PageRefs, staticPage } from './paths.js';
import { pageRendered, type Rendered, renderPage } from './render.js';
import type { PublicUrl } from './urls.js';
import { type Outcome, writeIfChanged } from './writer.js';

/** One page to export: its URL, the file it goes to, and the hash the last export recorded. */
export interface PageTask {
  url: string;
  kind: PublicUrl['kind'];
  rel: string;
  before?: string;
}

/**
 * Renders pages a chunk at a time and writes each whose bytes changed. The same code runs in
 * the export's worker threads and, for small sites, in the calling thread: lists come from the
 * bulk-loaded data, stories from their rows loaded 500 at a time, anything else (the home page)
 * from the page builders.
 */
export class PageRenderer {
  /** Renditions and other files the rendered pages refer to. */
  readonly refs = new PageRefs();
  private readonly batch: BatchRenderer;
  private readonly madeDirs = new Set<string>();

  constructor(
    private readonly ctx: Context,
    data: SiteData,
    private readonly outDir: string,
  ) {
    this.batch = new BatchRenderer(ctx, data);
  }

  /** Outcomes of the pages that exist (a URL that is no 200 page is left out). */
  async run(tasks: PageTask[]): Promise<Outcome[]> {
    await this.batch.loadArticles(tasks.filter((t) => t.kind === 'article').map((t) => t.url));
    const out: Outcome[] = [];
    for (const task of tasks) {
      const r = await this.render(task);
      if (r.status !== 200 || typeof r.body !== 'string') continue;
      const html = staticPage(r.body, this.refs);
      out.push(writeIfChanged(this.outDir, task.rel, html, task.before, this.madeDirs));
    }
    return out;
  }

  private async render({ url, kind }: PageTask): Promise<Rendered> {
    const [path = '/', query = ''] = url.split('?');
    const page = Number(new URLSearchParams(query).get('page') ?? 1);
    const result =
      kind === 'article'
        ? await this.batch.articlePage(path)
        : kind === 'home'
          ? null
          : this.batch.listPage(path, page);
    return result ? pageRendered(result) : renderPage(this.ctx, url);
  }
}
