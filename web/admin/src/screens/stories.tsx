import { useEffect, useMemo, useState } from 'react';
import { browseArticles, STATUS_LABEL, type Status, searchStories, useArticlePage } from '../api/articles.js';
import { useAuthors } from '../api/authors.js';
import { messageOf } from '../api/query.js';
import { sectionLabel, useSections } from '../api/sections.js';
import type { User } from '../api/session.js';
import { searchTags, useTagSuggestions } from '../api/tags.js';
import { BulkActions } from '../components/bulk-actions.js';
import { StoryList } from '../components/story-list.js';
import { mayEver } from '../permissions.js';
import { BASE, navigate, onLinkClick, useLocation } from '../router.js';
import './stories.css';
import { type MessageKey, t } from '../i18n/index.js';

const PAGE_SIZE = 25;
const SORTS = {
  relevance: 'stories.sort.relevance',
  date: 'stories.sort.newest',
  'updated-desc': 'stories.sort.updated',
  'created-desc': 'stories.sort.newest',
  'created-asc': 'stories.sort.oldest',
  'updated-asc': 'stories.sort.leastUpdated',
} as const satisfies Record<string, MessageKey>;
type Sort = keyof typeof SORTS;
/** The full-text index orders by relevance or by date; the list's other orders have no words. */
const SEARCH_SORTS: readonly Sort[] = ['relevance', 'date'];
const LIST_SORTS: readonly Sort[] = ['updated-desc', 'created-desc', 'created-asc', 'updated-asc'];
const sortsFor = (q: string) => (q.trim() ? SEARCH_SORTS : LIST_SORTS);

/** Everything the list shows lives in the address, so reload, back and a shared link keep it. */
interface Filters {
  q: string;
  status: string;
  section: string;
  author: string;
  tag: string;
  sort: Sort;
  deleted: boolean;
}

/** With search words the best match comes first; without them, the latest update. */
const defaultSort = (q: string): Sort => (q.trim() ? 'relevance' : 'updated-desc');

function fromQuery(p: URLSearchParams): Filters {
  const sort = p.get('sort') ?? '';
  const q = p.get('q') ?? '';
  return {
    q,
    status: p.get('status') ?? '',
    section: p.get('section') ?? '',
    author: p.get('author') ?? '',
    tag: p.get('tag') ?? '',
    sort: sortsFor(q).includes(sort as Sort) ? (sort as Sort) : defaultSort(q),
    deleted: p.get('deleted') === '1',
  };
}

function toQuery(f: Filters, page = 1): string {
  const p = new URLSearchParams();
  for (const k of ['q', 'status', 'section', 'author', 'tag'] as const)
    if (f[k].trim()) p.set(k, f[k].trim());
  if (f.sort !== defaultSort(f.q)) p.set('sort', f.sort);
  if (f.deleted) p.set('deleted', '1');
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `/stories?${s}` : '/stories';
}

/** Tag names are what people type; the API filters by id. */
async function tagId(name: string): Promise<number | null> {
  const tags = await searchTags(name, 20);
  return tags.find((g) => g.name.toLowerCase() === name.toLowerCase())?.id ?? null;
}

/** Every story the user may see: filters, search, sort, numbered pages, bulk actions. */
export function Stories({ user }: { user: User }) {
  const sections = useSections();
  const authors = useAuthors();
  const { query } = useLocation();
  const search = query.toString();
  const filters = useMemo(() => fromQuery(new URLSearchParams(search)), [search]);
  const page = Math.max(1, Number(new URLSearchParams(search).get('page')) || 1);
  const [draft, setDraft] = useState<Filters>(filters);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());

  // Back and forward change the address: the form follows it.
  useEffect(() => setDraft(filters), [filters]);

  // Search words go to the full-text search (body text too, several words, ranked); deleted
  // stories are not in its index, so their view keeps matching headline, dek and slug.
  const fullText = filters.q.trim() !== '' && !filters.deleted;
  const params = useMemo(() => {
    const p = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (fullText) {
      p.set('sort', filters.sort === 'date' ? 'date' : 'relevance');
      p.set('offset', String((page - 1) * PAGE_SIZE));
    } else {
      const [sort, order] = (LIST_SORTS.includes(filters.sort) ? filters.sort : 'updated-desc').split(
        '-',
      ) as [string, string];
      p.set('sort', sort);
      p.set('order', order);
      p.set('page', String(page));
    }
    if (filters.status) p.set('status', filters.status);
    if (filters.section) p.set('sectionId', filters.section);
    if (filters.author) p.set('authorId', filters.author);
    if (filters.q.trim()) p.set('q', filters.q.trim());
    if (filters.deleted) p.set('deleted', 'true');
    return p;
  }, [filters, page, fullText]);
  const tag = filters.tag.trim();
  const fetchPage = fullText ? searchStories : browseArticles;
  const tagSuggestions = useTagSuggestions(draft.tag.trim(), 10).data ?? [];
  // The rows and the page number they are (`result.page`): the pager shows that, not the
  // address, so the two never disagree while the next page is loading. Bulk actions refresh
  // it through the query cache (api/articles.ts articlesChanged).
  const rows = useArticlePage(params, tag, page, async () => {
    if (!tag) return fetchPage(params);
    const id = await tagId(tag);
    if (id === null) return { articles: [], total: 0 };
    const p = new URLSearchParams(params);
    p.set('tagId', String(id));
    return fetchPage(p);
  });
  const result = rows.data ?? null;
  const error = messageOf(rows.error);

  const set = (k: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));
  const stories = result?.articles ?? [];
  // A selection only counts for the rows shown.
  const chosen = stories.filter((s) => selected.has(s.id));
  const chosenIds: ReadonlySet<number> = new Set(chosen.map((s) => s.id));
  const pages = Math.max(1, Math.ceil((result?.total ?? 0) / PAGE_SIZE));
  const shown = result?.page ?? page;
  const allChecked = stories.length > 0 && stories.every((s) => chosenIds.has(s.id));

  return (
    <main className="stories">
      <h1>{filters.deleted ? t('stories.deleted') : t('nav.stories')}</h1>
      <search>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(toQuery(draft));
          }}
        >
          <label>
            {t('stories.search')}
            <input
              id="story-search"
              type="search"
              value={draft.q}
              onChange={(e) => {
                const q = e.target.value;
                // Words bring the search's orders (best match first), no words the list's.
                setDraft((d) => ({ ...d, q, sort: sortsFor(q).includes(d.sort) ? d.sort : defaultSort(q) }));
              }}
              placeholder={t('stories.search.placeholder')}
            />
          </label>
          <label>
            {t('alerts.col.status')}
            <select value={draft.status} onChange={set('status')}>
              <option value="">{t('stories.any')}</option>
              {(Object.keys(STATUS_LABEL) as Status[]).map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('newStory.section')}
            <select value={draft.section} onChange={set('section')}>
              <option value="">{t('stories.any')}</option>
              {sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {sectionLabel(s)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('stories.author')}
            <select value={draft.author} onChange={set('author')}>
              <option value="">{t('stories.any')}</option>
              {authors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('tags.col.tag')}
            <input
              value={draft.tag}
              onChange={set('tag')}
              placeholder={t('stories.tag.placeholder')}
              list="stories-tag-list"
              autoComplete="off"
            />
          </label>
          {/* Tags that start with what is typed (the tags API), as the browser's suggestion list. */}
          <datalist id="stories-tag-list" data-testid="tag-suggestions">
            {tagSuggestions.map((g) => (
              <option key={g.id} value={g.name} />
            ))}
          </datalist>
          <label>
            {t('stories.sort')}
            <select value={draft.sort} onChange={set('sort')}>
              {sortsFor(draft.q).map((s) => (
                <option key={s} value={s}>
                  {t(SORTS[s])}
                </option>
              ))}
            </select>
          </label>
          {mayEver(user, 'article.restore') && (
            <label className="check">
              <input
                type="checkbox"
                checked={draft.deleted}
                onChange={(e) => setDraft((d) => ({ ...d, deleted: e.target.checked }))}
              />
              {t('stories.deleted.check')}
            </label>
          )}
          <div className="filter-actions">
            <button type="submit" className="primary">
              {t('stories.apply')}
            </button>
            <button
              type="button"
              onClick={() => {
                setDraft(fromQuery(new URLSearchParams()));
                navigate('/stories');
              }}
            >
              {t('stories.clear')}
            </button>
          </div>
        </form>
      </search>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <BulkActions
        user={user}
        selected={chosen}
        deletedView={filters.deleted}
        onDone={() => setSelected(new Set())}
      />
      {result ? (
        <>
          {stories.length > 0 && (
            <div className="list-head">
              <label className="check">
                <input
                  type="checkbox"
                  checked={allChecked}
                  onChange={(e) => setSelected(new Set(e.target.checked ? stories.map((s) => s.id) : []))}
                />
                {t('stories.selectAll')}
              </label>
              <span className="muted">{t('stories.count', { n: result.total })}</span>
            </div>
          )}
          <StoryList
            stories={stories}
            empty={t('stories.none')}
            selection={{
              selected: chosenIds,
              toggle: (id, on) =>
                setSelected(() => {
                  const next = new Set(chosenIds);
                  if (on) next.add(id);
                  else next.delete(id);
                  return next;
                }),
            }}
          />
          {pages > 1 && (
            <nav className="pager" aria-label={t('stories.pages')}>
              {shown > 1 && (
                <a href={`${BASE}${toQuery(filters, shown - 1)}`} onClick={onLinkClick} rel="prev">
                  {t('stories.previous')}
                </a>
              )}
              <span aria-current="page">{t('stories.page', { page: shown, pages })}</span>
              {shown < pages && (
                <a href={`${BASE}${toQuery(filters, shown + 1)}`} onClick={onLinkClick} rel="next">
                  {t('stories.next')}
                </a>
              )}
            </nav>
          )}
        </>
      ) : (
        !error && <p className="muted">{t('common.loading')}</p>
      )}
    </main>
  );
}
