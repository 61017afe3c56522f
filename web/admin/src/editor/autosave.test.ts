/**
 * Autosave pinned down without a browser (fake timers, stubbed storage and fetch): every edit is
 * on this device at once, it reaches the server after a pause, a failure keeps it and retries, a
 * 409 stops and parks nothing until the user chooses, and the local copy goes only when the
 * server has acknowledged the latest edit. Losing an edit is the worst bug the app can ship.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article, ArticleFields } from '../api/articles.js';
import { type BrowserGlobals, installBrowserGlobals, json } from '../test/browser-globals.js';

let g: BrowserGlobals;
let Autosaver: typeof import('./autosave.js').Autosaver;

beforeAll(async () => {
  g = installBrowserGlobals();
  ({ Autosaver } = await import('./autosave.js'));
});

const body = (text: string) => ({
  type: 'doc' as const,
  content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
});
const fields = (headline: string, text = 'First words.'): ArticleFields => ({
  slug: 'budget',
  headline,
  dek: '',
  body: body(text),
  sectionId: 1,
  authorIds: [],
  tags: [],
  leadMediaId: null,
  leadCaption: '',
  leadCredit: '',
  leadFilePhoto: false,
  seoTitle: null,
  seoDescription: null,
  dateline: null,
  embargoUntil: null,
});
const article = (version: number, f: ArticleFields): Article => ({
  ...f,
  id: 1,
  version,
  status: 'draft',
  path: null,
  url: null,
  publishAt: null,
  firstPublishedAt: null,
  createdBy: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  allowed: { update: true, delete: false, transitions: [] },
});

const DRAFT = 'masthead:draft:1';
const stored = () => JSON.parse(g.localStorage.getItem(DRAFT) ?? 'null');
/** The bodies of the PUTs sent so far. */
const sent = () =>
  g.fetch.mock.calls.map(([url, init]) => ({ url, ...JSON.parse((init as RequestInit).body as string) }));

beforeEach(() => {
  vi.useFakeTimers();
  g.localStorage.clear();
  g.fetch.mockReset();
  g.navigator.onLine = true;
});
afterEach(() => {
  vi.useRealTimers();
});

function saver(version = 3, onSaved = vi.fn()) {
  return { s: new Autosaver(1, version, fields('Start'), onSaved), onSaved };
}

describe('autosave', () => {
  it('keeps an edit on the device at once and sends it two seconds after typing stops', async () => {
    g.fetch.mockImplementation(async (_url, init) => json(200, article(4, JSON.parse(init.body))));
    const { s, onSaved } = saver();
    s.edit(fields('Budget'));
    expect(stored()).toMatchObject({ articleId: 1, baseVersion: 3, fields: { headline: 'Budget' } });
    expect(s.snapshot.status).toBe('dirty');
    await vi.advanceTimersByTimeAsync(1999);
    expect(g.fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(sent()).toMatchObject([{ url: '/api/admin/articles/1/autosave', headline: 'Budget', version: 3 }]);
    expect(s.snapshot.status).toBe('saved');
    expect(stored()).toBeNull();
    expect(onSaved).toHaveBeenCalledOnce();
    expect(s.currentVersion).toBe(4);
    s.dispose();
  });

  it('keeps typing done during a save, and saves it next on the new version', async () => {
    let answer: (r: Response) => void = () => {};
    g.fetch.mockImplementationOnce(() => new Promise<Response>((r) => (answer = r)));
    const { s } = saver();
    s.edit(fields('One'));
    await vi.advanceTimersByTimeAsync(2000);
    s.edit(fields('One two'));
    answer(json(200, article(4, fields('One'))));
    await vi.advanceTimersByTimeAsync(0);
    expect(s.snapshot.status).toBe('dirty');
    expect(stored()).toMatchObject({ baseVersion: 4, fields: { headline: 'One two' } });
    g.fetch.mockImplementationOnce(async () => json(200, article(5, fields('One two'))));
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent().map((b) => [b.headline, b.version])).toEqual([
      ['One', 3],
      ['One two', 4],
    ]);
    expect(s.snapshot.status).toBe('saved');
    expect(stored()).toBeNull();
    s.dispose();
  });

  it('shows "Unsaved changes" at the first key, and a save ending meanwhile does not claim "Saved"', async () => {
    let answer: (r: Response) => void = () => {};
    g.fetch.mockImplementationOnce(() => new Promise<Response>((r) => (answer = r)));
    const { s } = saver();
    s.edit(fields('One'));
    await vi.advanceTimersByTimeAsync(2000);
    // Keys typed while the save is out; their text comes with the edit after the pause.
    s.typing();
    answer(json(200, article(4, fields('One'))));
    await vi.advanceTimersByTimeAsync(0);
    expect(s.snapshot.status).toBe('dirty');
    s.edit(fields('One two'));
    g.fetch.mockImplementationOnce(async () => json(200, article(5, fields('One two'))));
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent().map((b) => b.headline)).toEqual(['One', 'One two']);
    expect(s.snapshot.status).toBe('saved');
    s.typing();
    expect(s.snapshot).toMatchObject({ status: 'dirty', message: 'Unsaved changes' });
    s.dispose();
  });

  it('without a server keeps the edit and retries after 2, 4, 8 … seconds until one answers', async () => {
    g.fetch.mockRejectedValue(new TypeError('Failed to fetch'));
    const { s } = saver();
    s.edit(fields('Offline'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.snapshot).toMatchObject({ status: 'offline', message: expect.stringContaining('Cannot reach') });
    await vi.advanceTimersByTimeAsync(2000);
    await vi.advanceTimersByTimeAsync(4000);
    expect(g.fetch).toHaveBeenCalledTimes(3);
    expect(stored()?.fields.headline).toBe('Offline');
    g.fetch.mockImplementation(async () => json(200, article(4, fields('Offline'))));
    await vi.advanceTimersByTimeAsync(8000);
    expect(s.snapshot.status).toBe('saved');
    expect(stored()).toBeNull();
    s.dispose();
  });

  it('sends nothing while the browser is offline, and saves at once when it comes back', async () => {
    g.navigator.onLine = false;
    const { s } = saver();
    s.edit(fields('Train'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.snapshot.message).toBe('Offline — changes kept on this device');
    expect(g.fetch).not.toHaveBeenCalled();
    g.navigator.onLine = true;
    g.fetch.mockImplementation(async () => json(200, article(4, fields('Train'))));
    g.window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(s.snapshot.status).toBe('saved');
    s.dispose();
  });

  it('on a 409 stops saving, keeps both versions, and parks mine when I take theirs', async () => {
    const theirs = article(9, fields('Theirs'));
    g.fetch.mockResolvedValue(
      json(409, { error: { code: 'conflict', message: 'stale', details: { current: theirs } } }),
    );
    const { s } = saver();
    s.edit(fields('Mine'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.snapshot.status).toBe('conflict');
    expect(s.snapshot.conflict?.mine.headline).toBe('Mine');
    s.edit(fields('Mine, more'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(g.fetch).toHaveBeenCalledOnce();
    expect(stored()?.fields.headline).toBe('Mine, more');
    expect(s.takeTheirs()?.headline).toBe('Theirs');
    const kept = g.localStorage.keys().filter((k) => k.startsWith('masthead:kept:1:'));
    expect(kept).toHaveLength(1);
    expect(JSON.parse(g.localStorage.getItem(kept[0] as string) ?? '{}').fields.headline).toBe('Mine, more');
    expect(stored()).toBeNull();
    expect(s.currentVersion).toBe(9);
    s.dispose();
  });

  it('on a 409, "keep mine" saves mine on top of their version', async () => {
    const theirs = article(9, fields('Theirs'));
    g.fetch.mockResolvedValueOnce(
      json(409, { error: { code: 'conflict', message: 'stale', details: { current: theirs } } }),
    );
    const { s } = saver();
    s.edit(fields('Mine'));
    await vi.advanceTimersByTimeAsync(2000);
    g.fetch.mockImplementation(async () => json(200, article(10, fields('Mine'))));
    s.keepMine();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent().at(-1)).toMatchObject({ headline: 'Mine', version: 9 });
    expect(s.snapshot.status).toBe('saved');
    s.dispose();
  });

  it('refuses to send without a headline or with a body the site cannot publish, keeping the edit', async () => {
    const { s } = saver();
    s.edit(fields('  '));
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.snapshot).toMatchObject({
      status: 'error',
      message: expect.stringContaining('headline is needed'),
    });
    s.edit({ ...fields('Fine'), body: { type: 'doc', content: [{ type: 'table' }] } as never });
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.snapshot).toMatchObject({ status: 'error', message: expect.stringContaining('Cannot save') });
    expect(g.fetch).not.toHaveBeenCalled();
    expect(stored()?.fields.headline).toBe('Fine');
    s.dispose();
  });

  it('restores a different copy left on the device and saves it; forgets one the server already has', async () => {
    g.localStorage.setItem(
      DRAFT,
      JSON.stringify({ articleId: 1, baseVersion: 2, fields: fields('Left'), editedAt: 0 }),
    );
    g.fetch.mockImplementation(async () => json(200, article(4, fields('Left'))));
    const { s } = saver();
    expect(s.restoreLocal(fields('Start'))?.fields.headline).toBe('Left');
    expect(s.snapshot.status).toBe('restored');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent()).toMatchObject([{ headline: 'Left', version: 2 }]);
    s.dispose();

    g.localStorage.setItem(
      DRAFT,
      JSON.stringify({ articleId: 1, baseVersion: 4, fields: fields('Same'), editedAt: 0 }),
    );
    const other = saver(4).s;
    expect(other.restoreLocal(fields('Same'))).toBeNull();
    expect(stored()).toBeNull();
    other.dispose();
  });

  it('keeps unsaved edits on the device when the editor closes', () => {
    g.fetch.mockImplementation(() => new Promise(() => {}));
    const { s } = saver();
    s.edit(fields('Closing'));
    g.localStorage.clear();
    s.dispose();
    expect(stored()?.fields.headline).toBe('Closing');
  });
});
