import type { SectionTree } from '../../content/index.js';
import type { AuthorRow, TagRow } from '../../db/index.js';
import type { ResultView, SearchParams } from '../../search/index.js';
import type { Head, SiteView } from '../view.js';
import { Picture, TimeTag } from './components.js';
import { Layout } from './layout.js';

/** The public search page: a form that works without JavaScript, the count, results, pages. */
export interface SearchPageModel {
  params: SearchParams;
  tree: SectionTree;
  authors: Pick<AuthorRow, 'slug' | 'name'>[];
  tag: TagRow | undefined;
  total: number;
  results: ResultView[];
  pages: number;
  /** Set when the query string was refused (400). */
  error?: string;
  hrefOf(page: number): string;
}

function sectionOptions(tree: SectionTree) {
  const out: { path: string; label: string }[] = [];
  const walk = (nodes: SectionTree['roots'], depth: number) => {
    for (const n of nodes) {
      out.push({ path: n.path, label: `${'\u2003'.repeat(depth)}${n.name}` });
      walk(n.children, depth + 1);
    }
  };
  walk(tree.roots, 0);
  return out;
}

function ResultCard({ r, site }: { r: ResultView; site: SiteView['site'] }) {
  return (
    <article class="card card-normal search-result">
      {r.image ? (
        <div class="card-image">
          <Picture image={r.image} />
        </div>
      ) : null}
      <div class="card-text">
        {r.section ? (
          <a class="kicker" href={r.section.href}>
            {r.section.name}
          </a>
        ) : null}
        <h2 class="card-headline">
          {/* Escaped by the snippet builder, then marked: the only markup is <mark>. */}
          <a href={r.href} dangerouslySetInnerHTML={{ __html: r.headlineHtml }} />
        </h2>
        {r.snippetHtml ? <p class="card-dek" dangerouslySetInnerHTML={{ __html: r.snippetHtml }} /> : null}
        <p class="card-meta">
          <TimeTag iso={r.published} site={site} dateOnly />
          {r.bylines.length ? ` · ${r.bylines.map((b) => b.name).join(', ')}` : null}
        </p>
      </div>
    </article>
  );
}

export function SearchPage({ view, head, model }: { view: SiteView; head: Head; model: SearchPageModel }) {
  const p = model.params;
  const page = p.page;
  return (
    <Layout view={view} head={head}>
      <header class="list-header">
        <div>
          <p class="list-kind">Search</p>
          <h1>{p.q.trim() ? `Results for “${p.q.trim().slice(0, 120)}”` : 'Search the archive'}</h1>
        </div>
      </header>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for older readers' browsers; the role says the same */}
      <form class="search-form" action="/search" method="get" role="search" aria-label="Search stories">
        <p class="search-main">
          <label for="search-q">Search for</label>
          <input id="search-q" type="search" name="q" value={p.q.slice(0, 256)} autocomplete="off" />
          <button type="submit">Search</button>
        </p>
        <fieldset class="search-filters">
          <legend>Filters</legend>
          <label>
            Section{' '}
            <select name="section">
              <option value="">All sections</option>
              {sectionOptions(model.tree).map((s) => (
                <option key={s.path} value={s.path} selected={s.path === p.section}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Author{' '}
            <select name="author">
              <option value="">Anyone</option>
              {model.authors.map((a) => (
                <option key={a.slug} value={a.slug} selected={a.slug === p.author}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          {model.tag ? (
            <label>
              <input type="checkbox" name="tag" value={model.tag.slug} checked /> Topic: {model.tag.name}
            </label>
          ) : null}
          <label>
            From <input type="date" name="from" value={p.from ?? ''} />
          </label>
          <label>
            To <input type="date" name="to" value={p.to ?? ''} />
          </label>
          <label>
            Sort{' '}
            <select name="sort">
              <option value="relevance" selected={p.sort === 'relevance'}>
                Best match
              </option>
              <option value="date" selected={p.sort === 'date'}>
                Newest first
              </option>
            </select>
          </label>
        </fieldset>
      </form>
      {model.error ? (
        <p class="search-error" role="alert">
          {model.error}
        </p>
      ) : p.q.trim() ? (
        <p class="search-count" role="status">
          {model.total === 0
            ? 'No stories match your search.'
            : `${model.total.toLocaleString(view.site.language)} ${model.total === 1 ? 'story' : 'stories'} found`}
          {model.total > 0 && model.pages > 1 ? ` · page ${page} of ${model.pages}` : null}
        </p>
      ) : null}
      {model.results.length ? (
        <div class="list">
          {model.results.map((r) => (
            <ResultCard key={r.id} r={r} site={view.site} />
          ))}
        </div>
      ) : null}
      {model.pages > 1 ? (
        <nav class="pager" aria-label="Result pages">
          {page > 1 ? (
            <a rel="prev" href={model.hrefOf(page - 1)}>
              ← Previous
            </a>
          ) : (
            <span />
          )}
          <span class="pager-status">
            Page {page} of {model.pages}
          </span>
          {page < model.pages ? (
            <a rel="next" href={model.hrefOf(page + 1)}>
              Next →
            </a>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </Layout>
  );
}
