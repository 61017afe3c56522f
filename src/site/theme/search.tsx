import type { SectionTree } from '../../content/index.js';
import type { AuthorRow, TagRow } from '../../db/index.js';
import type { ResultView, SearchParams } from '../../search/index.js';
import type { Head, SiteView } from '../view.js';
import { msg } from '../i18n/index.js';
import { pageNumber, Picture, TimeTag } from './components.js';
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

const SEARCH_STYLES = ['search'] as const;

export function SearchPage({ view, head, model }: { view: SiteView; head: Head; model: SearchPageModel }) {
  const p = model.params;
  const page = p.page;
  const lang = view.site.language;
  const t = (key: Parameters<typeof msg>[1], values?: Record<string, string | number>) =>
    msg(lang, key, values);
  return (
    <Layout view={view} head={head} styles={SEARCH_STYLES}>
      <header class="list-header">
        <div>
          <p class="list-kind">{t('search.kind')}</p>
          <h1>{p.q.trim() ? t('search.resultsFor', { q: p.q.trim().slice(0, 120) }) : t('search.title')}</h1>
        </div>
      </header>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for older readers' browsers; the role says the same */}
      <form
        class="search-form"
        action={view.edition?.search ?? '/search'}
        method="get"
        role="search"
        aria-label={t('layout.searchLabel')}
      >
        <p class="search-main">
          <label for="search-q">{t('search.for')}</label>
          <input id="search-q" type="search" name="q" value={p.q.slice(0, 256)} autocomplete="off" />
          <button type="submit">{t('search.button')}</button>
        </p>
        <fieldset class="search-filters">
          <legend>{t('search.filters')}</legend>
          <label>
            {t('search.section')}{' '}
            <select name="section">
              <option value="">{t('search.allSections')}</option>
              {sectionOptions(model.tree).map((s) => (
                <option key={s.path} value={s.path} selected={s.path === p.section}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('search.author')}{' '}
            <select name="author">
              <option value="">{t('search.anyone')}</option>
              {model.authors.map((a) => (
                <option key={a.slug} value={a.slug} selected={a.slug === p.author}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          {model.tag ? (
            <label>
              <input type="checkbox" name="tag" value={model.tag.slug} checked />{' '}
              {t('search.topic', { name: model.tag.name })}
            </label>
          ) : null}
          <label>
            {t('search.from')} <input type="date" name="from" value={p.from ?? ''} />
          </label>
          <label>
            {t('search.to')} <input type="date" name="to" value={p.to ?? ''} />
          </label>
          <label>
            {t('search.sort')}{' '}
            <select name="sort">
              <option value="relevance" selected={p.sort === 'relevance'}>
                {t('search.relevance')}
              </option>
              <option value="date" selected={p.sort === 'date'}>
                {t('search.newest')}
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
          {model.total === 0 ? t('search.none') : t('search.found', { count: model.total })}
          {model.total > 0 && model.pages > 1
            ? t('search.pageOf', { page: pageNumber(lang, page), pages: pageNumber(lang, model.pages) })
            : null}
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
        <nav class="pager" aria-label={t('search.resultPages')}>
          {page > 1 ? (
            <a rel="prev" href={model.hrefOf(page - 1)}>
              {t('search.previous')}
            </a>
          ) : (
            <span />
          )}
          <span class="pager-status">
            {t('pager.status', { page: pageNumber(lang, page), pages: pageNumber(lang, model.pages) })}
          </span>
          {page < model.pages ? (
            <a rel="next" href={model.hrefOf(page + 1)}>
              {t('search.next')}
            </a>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </Layout>
  );
}
