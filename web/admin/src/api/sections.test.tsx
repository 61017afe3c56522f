// @vitest-environment happy-dom
/**
 * Section writes invalidate the tree; only a rename or move (which changes stories' addresses)
 * touches the cached stories too. Saved addresses replace the cached list and refresh mirrors.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '../test/render-hook.js';
import { articleKeys } from './articles.js';
import { authorKeys } from './authors.js';
import { mirrorKeys, useSaveAddresses } from './mirrors.js';
import { newQueryClient } from './query.js';
import { sectionKeys, useEditSection, useReorderSections, useSections } from './sections.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const saved = {
  primary: 'https://news.example',
  alternates: ['https://mirror.example'],
  apps: [],
  onion: null,
  source: 'settings',
  updatedAt: '2026-01-02T00:00:00.000Z',
  environment: { alternates: [], apps: [] },
  limits: { alternates: 20, apps: 10 },
};

const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
  if (url === '/api/admin/sections' && init.method === 'GET')
    return json(200, {
      sections: [{ id: 1, slug: 'city', name: 'City', path: 'city', parentId: null, children: [] }],
    });
  if (url === '/api/admin/addresses' && init.method === 'PUT') return json(200, saved);
  if (init.method !== 'GET') return new Response(null, { status: 204 });
  return json(404, { error: { code: 'not_found', message: url } });
});

beforeEach(() => {
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

function seeded() {
  const qc = newQueryClient();
  qc.setQueryData(articleKeys.list('status=draft&limit=100'), []);
  qc.setQueryData(articleKeys.detail(7), { id: 7 });
  qc.setQueryData(authorKeys.list(), []);
  qc.setQueryData(mirrorKeys.status(), { mirrors: [], checkEveryMinutes: 5 });
  return qc;
}
const invalidated = (qc: ReturnType<typeof newQueryClient>, key: readonly unknown[]) =>
  qc.getQueryState(key)?.isInvalidated;

describe('section writes and the query cache', () => {
  it('a rename refetches the pickers’ tree and marks story lists and stories stale', async () => {
    const qc = seeded();
    const { result, unmount } = await renderHook(
      () => ({ options: useSections(), edit: useEditSection() }),
      qc,
    );
    await act(() => vi.waitFor(() => expect(result.current.options).toHaveLength(1)));
    const gets = () =>
      fetchMock.mock.calls.filter(([u, i]) => u === '/api/admin/sections' && i.method === 'GET');
    expect(gets()).toHaveLength(1);
    await act(() =>
      result.current.edit.mutateAsync({ id: 1, values: { name: 'Town', slug: 'town', parentId: null } }),
    );
    const patch = fetchMock.mock.calls.find(([, i]) => i.method === 'PATCH');
    expect(patch?.[0]).toBe('/api/admin/sections/1');
    // The id is in the address, not the body: the body is what the form sent.
    expect(JSON.parse(String(patch?.[1].body))).toEqual({ name: 'Town', slug: 'town', parentId: null });
    expect(gets()).toHaveLength(2);
    expect(invalidated(qc, articleKeys.list('status=draft&limit=100'))).toBe(true);
    expect(invalidated(qc, articleKeys.detail(7))).toBe(true);
    expect(invalidated(qc, authorKeys.list())).toBe(false);
    unmount();
  });

  it('a reorder refetches the tree and leaves the stories alone', async () => {
    const qc = seeded();
    qc.setQueryData(sectionKeys.tree(), []);
    const { result, unmount } = await renderHook(() => useReorderSections(), qc);
    await act(() => result.current.mutateAsync({ parentId: null, ids: [2, 1] }));
    expect(invalidated(qc, sectionKeys.tree())).toBe(true);
    expect(invalidated(qc, articleKeys.list('status=draft&limit=100'))).toBe(false);
    expect(invalidated(qc, articleKeys.detail(7))).toBe(false);
    unmount();
  });
});

describe('saving the addresses', () => {
  it('keeps the answer as the cached list and marks the mirror table stale', async () => {
    const qc = seeded();
    const { result, unmount } = await renderHook(() => useSaveAddresses(), qc);
    await act(() =>
      result.current.mutateAsync({ alternates: ['https://mirror.example'], apps: [], basedOn: null }),
    );
    expect(qc.getQueryData(mirrorKeys.addresses())).toEqual(saved);
    expect(invalidated(qc, mirrorKeys.status())).toBe(true);
    unmount();
  });
});
