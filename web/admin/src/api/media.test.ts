/** Media searches in the query cache: an edit shows in every cached search, an upload in its own. */
import type { InfiniteData } from '@tanstack/react-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { installBrowserGlobals } from '../test/browser-globals.js';
import type { MediaItem } from './media.js';

let media: typeof import('./media.js');
let query: typeof import('./query.js');
beforeAll(async () => {
  installBrowserGlobals();
  media = await import('./media.js');
  query = await import('./query.js');
});

const item = (id: number, alt = ''): MediaItem => ({
  id,
  mimeType: 'image/jpeg',
  width: 800,
  height: 600,
  bytes: 1000,
  alt,
  caption: '',
  credit: '',
  filePhoto: false,
  focalX: 0.5,
  focalY: 0.5,
  src: `/media/${id}/640.jpg`,
  srcset: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  originalName: '',
  takenDownAt: null,
  uploadedBy: null,
});

const pages = (...p: MediaItem[][]): InfiniteData<MediaItem[], number | undefined> => ({
  pages: p,
  pageParams: p.map((_, i) => (i === 0 ? undefined : p[i - 1]?.at(-1)?.id)),
});

const ids = (qc: import('@tanstack/react-query').QueryClient, q: string) =>
  qc
    .getQueryData<InfiniteData<MediaItem[]>>(media.mediaKeys.search(q))
    ?.pages.map((p) => p.map((m) => `${m.id}${m.alt ? `:${m.alt}` : ''}`));

describe('media in the query cache', () => {
  it('puts an edited image in place in every cached search, on whatever page it is', () => {
    const qc = query.newQueryClient();
    qc.setQueryData(media.mediaKeys.search(''), pages([item(3), item(2)], [item(1)]));
    qc.setQueryData(media.mediaKeys.search('harbour'), pages([item(1)]));
    media.upsertMedia(qc, item(1, 'Boats at dawn'));
    expect(ids(qc, '')).toEqual([['3', '2'], ['1:Boats at dawn']]);
    expect(ids(qc, 'harbour')).toEqual([['1:Boats at dawn']]);
  });

  it('puts a new upload first in the search it was made from, and in no other', () => {
    const qc = query.newQueryClient();
    qc.setQueryData(media.mediaKeys.search(''), pages([item(3), item(2)]));
    qc.setQueryData(media.mediaKeys.search('harbour'), pages([item(1)]));
    media.upsertMedia(qc, item(4), media.mediaKeys.search(''));
    expect(ids(qc, '')).toEqual([['4', '3', '2']]);
    expect(ids(qc, 'harbour')).toEqual([['1']]);
  });

  it('keys a search by its trimmed text, so " harbour " and "harbour" share one cache entry', () => {
    expect(media.mediaKeys.search(' harbour ')).toEqual(media.mediaKeys.search('harbour'));
  });
});

describe('usage label', () => {
  it('says how many stories use an image', () => {
    expect(media.usageLabel({})).toBe('not used');
    expect(media.usageLabel({ usedIn: [] })).toBe('not used');
    const use = (id: number) => ({ id, headline: 'h', status: 'draft', lead: true, body: false });
    expect(media.usageLabel({ usedIn: [use(1)] })).toBe('used in 1 story');
    expect(media.usageLabel({ usedIn: [use(1), use(2), use(3)] })).toBe('used in 3 stories');
  });
});
