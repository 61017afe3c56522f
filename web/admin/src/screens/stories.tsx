import { useCallback, useEffect, useState } from 'react';
import { type ArticleSummary, api, STATUS_LABEL, type Status, type Tag } from '../api.js';
import { sectionLabel, useAuthors, useSections } from '../data.js';
import { StoryList } from './story-list.js';

interface Filters {
  status: string;
  sectionId: string;
  authorId: string;
  tag: string;
  q: string;
  sort: 'updated' | 'created';
  order: 'desc' | 'asc';
}

const EMPTY: Filters = {
  status: '',
  sectionId: '',
  authorId: '',
  tag: '',
  q: '',
  sort: 'updated',
  order: 'desc',
};

/** Tag names are what people type; the API filters by id. */
async function tagId(name: string): Promise<number | null> {
  const { tags } = await api<{ tags: Tag[] }>('GET', `/tags?q=${encodeURIComponent(name)}&limit=20`);
  return tags.find((t) => t.name.toLowerCase() === name.toLowerCase())?.id ?? null;
}

/** Every story the user may see: filters, search, sort, and "more" pages by cursor. */
export function Stories() {
  const sections = useSections();
  const authors = useAuthors();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [stories, setStories] = useState<ArticleSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');

  const fetchPage = useCallback(
    async (after: string | null) => {
      const p = new URLSearchParams({ sort: filters.sort, order: filters.order, limit: '25' });
      if (filters.status) p.set('status', filters.status);
      if (filters.sectionId) p.set('sectionId', filters.sectionId);
      if (filters.authorId) p.set('authorId', filters.authorId);
      if (filters.q.trim()) p.set('q', filters.q.trim());
      if (filters.tag.trim()) {
        const id = await tagId(filters.tag.trim());
        if (id === null) return { articles: [], nextCursor: null };
        p.set('tagId', String(id));
      }
      if (after) p.set('cursor', after);
      return api<{ articles: ArticleSummary[]; nextCursor: string | null }>('GET', `/articles?${p}`);
    },
    [filters],
  );

  useEffect(() => {
    setStories(null);
    setError('');
    fetchPage(null)
      .then((r) => {
        setStories(r.articles);
        setCursor(r.nextCursor);
      })
      .catch((err: Error) => setError(err.message));
  }, [fetchPage]);

  async function more() {
    if (!cursor) return;
    try {
      const r = await fetchPage(cursor);
      setStories((s) => [...(s ?? []), ...r.articles]);
      setCursor(r.nextCursor);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const set = (k: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  return (
    <main className="stories">
      <h1>Stories</h1>
      <search>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(draft);
          }}
        >
          <label>
            Search
            <input type="search" value={draft.q} onChange={set('q')} placeholder="Headline, dek or slug" />
          </label>
          <label>
            Status
            <select value={draft.status} onChange={set('status')}>
              <option value="">Any</option>
              {(Object.keys(STATUS_LABEL) as Status[]).map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Section
            <select value={draft.sectionId} onChange={set('sectionId')}>
              <option value="">Any</option>
              {sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {sectionLabel(s)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Author
            <select value={draft.authorId} onChange={set('authorId')}>
              <option value="">Any</option>
              {authors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Tag
            <input value={draft.tag} onChange={set('tag')} placeholder="Tag name" />
          </label>
          <label>
            Sort
            <select
              value={`${draft.sort}:${draft.order}`}
              onChange={(e) => {
                const [sort, order] = e.target.value.split(':') as [Filters['sort'], Filters['order']];
                setDraft((d) => ({ ...d, sort, order }));
              }}
            >
              <option value="updated:desc">Recently updated</option>
              <option value="created:desc">Newest first</option>
              <option value="created:asc">Oldest first</option>
              <option value="updated:asc">Least recently updated</option>
            </select>
          </label>
          <div className="filter-actions">
            <button type="submit" className="primary">
              Apply
            </button>
            <button
              type="button"
              onClick={() => {
                setDraft(EMPTY);
                setFilters(EMPTY);
              }}
            >
              Clear
            </button>
          </div>
        </form>
      </search>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {stories ? (
        <StoryList stories={stories} empty="No stories match." />
      ) : (
        !error && <p className="muted">Loading…</p>
      )}
      {cursor && (
        <button type="button" onClick={() => void more()}>
          More stories
        </button>
      )}
    </main>
  );
}
