// @vitest-environment happy-dom
/**
 * A tag write invalidates exactly what shows tags: every tag list and search, the story lists
 * (filtered by tag name) and the cached single stories (which hold tag names), and nothing else.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '../test/render-hook.js';
import { articleKeys } from './articles.js';
import { authorKeys } from './authors.js';
import { newQueryClient } from './query.js';
import { sectionKeys } from './sections.js';
import { tagKeys, useCountedTags, useRenameTag } from './tags.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let tags = [{ id: 1, slug: 'budget', name: 'Budget', stories: 3 }];
const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
  if (url.startsWith('/api/admin/tags?') && init.method === 'GET') return json(200, { tags });
  if (url === '/api/admin/tags/1' && init.method === 'PATCH') {
    const { name } = JSON.parse(String(init.body)) as { name: string };
    if (name === '') return json(400, { error: { code: 'invalid_input', message: 'body.name: required' } });
    tags = [{ ...tags[0]!, name }];
    return json(200, tags[0]);
  }
  return json(404, { error: { code: 'not_found', message: `no ${url}` } });
});

beforeEach(() => {
  tags = [{ id: 1, slug: 'budget', name: 'Budget', stories: 3 }];
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

/** A client holding a copy of each kind of thing the app caches. */
function seeded() {
  const qc = newQueryClient();
  qc.setQueryData(tagKeys.search('bud', 10), [{ id: 1, slug: 'budget', name: 'Budget' }]);
  qc.setQueryData(articleKeys.list('status=draft&limit=100'), []);
  qc.setQueryData(articleKeys.list('limit=25&page=1', 'Budget'), { articles: [], total: 0, page: 1 });
  qc.setQueryData(articleKeys.detail(7), { id: 7, tags: ['Budget'] });
  qc.setQueryData(authorKeys.list(), []);
  qc.setQueryData(sectionKeys.tree(), []);
  return qc;
}

const invalidated = (qc: ReturnType<typeof newQueryClient>, key: readonly unknown[]) =>
  qc.getQueryState(key)?.isInvalidated;

describe('tag writes and the query cache', () => {
  it('renaming a tag refetches the shown tag table and marks stories and searches stale, not the rest', async () => {
    const qc = seeded();
    const { result, unmount } = await renderHook(
      () => ({ table: useCountedTags('', 500), rename: useRenameTag() }),
      qc,
    );
    await act(() => vi.waitFor(() => expect(result.current.table.data?.[0]?.name).toBe('Budget')));
    const reads = () => fetchMock.mock.calls.filter(([, init]) => init.method === 'GET').length;
    const before = reads();

    await act(() => result.current.rename.mutateAsync({ id: 1, name: 'Public budget' }));

    // The write went out as the server expects it, with the CSRF header path of api().
    const patch = fetchMock.mock.calls.find(([, init]) => init.method === 'PATCH');
    expect(patch?.[0]).toBe('/api/admin/tags/1');
    expect(JSON.parse(String(patch?.[1].body))).toEqual({ name: 'Public budget' });
    // The table on screen was asked again and shows the new name once the mutation resolved.
    expect(reads()).toBe(before + 1);
    expect(result.current.table.data?.[0]?.name).toBe('Public budget');
    // What nobody shows now is only marked stale: fetched again when next shown.
    expect(invalidated(qc, tagKeys.search('bud', 10))).toBe(true);
    expect(invalidated(qc, articleKeys.list('status=draft&limit=100'))).toBe(true);
    expect(invalidated(qc, articleKeys.list('limit=25&page=1', 'Budget'))).toBe(true);
    expect(invalidated(qc, articleKeys.detail(7))).toBe(true);
    // Bylines and sections do not carry tags.
    expect(invalidated(qc, authorKeys.list())).toBe(false);
    expect(invalidated(qc, sectionKeys.tree())).toBe(false);
    unmount();
  });

  it('a refused rename still asks for the table again, and says why', async () => {
    const qc = seeded();
    const { result, unmount } = await renderHook(
      () => ({ table: useCountedTags('', 500), rename: useRenameTag() }),
      qc,
    );
    await act(() => vi.waitFor(() => expect(result.current.table.isSuccess).toBe(true)));
    await act(async () => {
      await expect(result.current.rename.mutateAsync({ id: 1, name: '' })).rejects.toThrow(
        'body.name: required',
      );
    });
    expect(invalidated(qc, tagKeys.search('bud', 10))).toBe(true);
    expect(result.current.table.data?.[0]?.name).toBe('Budget');
    unmount();
  });
});
