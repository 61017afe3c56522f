import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPreviewToken, createSection, PREVIEW_TTL_MS } from '../content/index.js';
import { createContext } from '../context.js';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { stylesheetFor } from './theme/styles.js';

const body = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Not yet ' },
        { type: 'text', text: 'public', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' words.' },
      ],
    },
  ],
};

describe.each(testDialects())('private previews of stories on %s', (dialect) => {
  let env: TestEnv;
  let editor: Session;
  let contributor: Session;
  let author: Session;
  let sectionId: number;

  beforeAll(async () => {
    env = await testEnv(dialect);
    await createRoleUsers(env.ctx);
    sectionId = (await createSection(env.ctx.db, { slug: 'news', name: 'News' }, env.ctx.now().toISOString()))
      .id;
    editor = await signIn(env.app, 'editor@example.com');
    contributor = await signIn(env.app, 'contributor@example.com');
    author = await signIn(env.app, 'author@example.com');
  });
  afterAll(() => env?.close());

  const draft = async (who: Session, headline: string) => {
    const res = await call(env.app, who, 'POST', '/articles', { headline, body, sectionId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number };
  };
  const preview = async (who: Session, id: number) => {
    const res = await call(env.app, who, 'POST', `/articles/${id}/preview`);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { url: string; path: string; expiresAt: string };
  };
  const get = (url: string) => env.app.inject({ method: 'GET', url });

  it('shows a draft at a private address: not cached, not indexed, no referrer', async () => {
    const a = await draft(contributor, 'Secret plans for the harbour');
    const link = await preview(contributor, a.id);
    expect(link.url).toBe(`https://news.example.com${link.path}`);
    const life = new Date(link.expiresAt).getTime() - Date.now();
    expect(life).toBeGreaterThan(PREVIEW_TTL_MS - 60_000);
    expect(life).toBeLessThanOrEqual(PREVIEW_TTL_MS);
    const res = await get(link.path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['x-robots-tag']).toMatch(/noindex/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.body).toContain('Secret plans for the harbour');
    expect(res.body).toContain('<strong>public</strong>');
    // The public site knows nothing of it yet.
    const search = await get('/search?q=harbour');
    expect(search.body).not.toContain('Secret plans for the harbour');
  });

  it('renders exactly the bytes of the public page once the story is published (but for its band and beacon)', async () => {
    const a = await draft(editor, 'Ferry timetable changes');
    // Published past the checks' warnings (no picture or byline): this test is about the bytes.
    const pub = await call(env.app, editor, 'POST', `/articles/${a.id}/transitions`, {
      action: 'publish',
      version: a.version,
      override: true,
    });
    expect(pub.statusCode, pub.body).toBe(200);
    const live = await get(pub.json().path);
    const shown = await get((await preview(editor, a.id)).path);
    expect(live.statusCode).toBe(200);
    // The preview adds its band and noindex (preview-band.test.ts), and nothing else; the public
    // page alone counts its readers (src/audience).
    // Its stylesheet is the public page's with the band's rules added.
    const unmarked = shown.body
      .replace('<meta name="robots" content="noindex, nofollow"/>', '')
      .replace('<p class="preview-band" role="note">Preview — not published</p>', '')
      .replace(
        `<style>${stylesheetFor(['story', 'preview'])}</style>`,
        `<style>${stylesheetFor(['story'])}</style>`,
      );
    expect(unmarked).not.toContain('preview-band');
    const beacon = `<img class="beacon" src="/views/${a.id}.gif" alt width="1" height="1" decoding="async" referrerpolicy="no-referrer"/>`;
    expect(live.body).toContain(beacon);
    expect(unmarked).toBe(live.body.replace(beacon, ''));
  });

  it('refuses forged tokens (403) and expired ones (410) with a page that says so', async () => {
    const a = await draft(editor, 'Budget leak');
    const { path } = await preview(editor, a.id);
    const [id, exp, mac] = path.slice('/preview/'.length).split('.') as [string, string, string];
    const flipped = `${mac.slice(0, -2)}${mac.at(-2) === 'A' ? 'B' : 'A'}${mac.at(-1)}`;
    for (const forged of [
      `/preview/${id}.${exp}.${flipped}`,
      `/preview/${Number(id) + 1}.${exp}.${mac}`, // another story with this signature
      `/preview/${id}.${Number(exp) + 86_400}.${mac}`, // a longer life
      '/preview/nonsense',
      `/preview/${id}`,
    ]) {
      const res = await get(forged);
      expect(res.statusCode, forged).toBe(403);
      expect(res.body).toContain('This preview link is not valid');
      expect(res.body).not.toContain('Budget leak');
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
    env.setNow(new Date(Date.now() + PREVIEW_TTL_MS + 1000));
    try {
      const res = await get(path);
      expect(res.statusCode).toBe(410);
      expect(res.body).toContain('This preview link has expired');
    } finally {
      env.setNow(null);
    }
  });

  it('is accepted by every app node (the key is in the database) and ends when the story is deleted', async () => {
    const a = await draft(editor, 'Across the nodes');
    const { path } = await preview(editor, a.id);
    const other = await createContext(env.ctx.config);
    try {
      expect(await checkPreviewToken(other, path.slice('/preview/'.length))).toMatchObject({
        ok: true,
        articleId: a.id,
      });
    } finally {
      await other.close();
    }
    const admin = await signIn(env.app, 'admin@example.com');
    expect((await call(env.app, admin, 'DELETE', `/articles/${a.id}`)).statusCode).toBe(204);
    expect((await get(path)).statusCode).toBe(404);
  });

  it('issues links only to those who may read the story', async () => {
    const a = await draft(editor, 'Editors only');
    expect((await call(env.app, author, 'POST', `/articles/${a.id}/preview`)).statusCode).toBe(404);
    expect((await call(env.app, null, 'POST', `/articles/${a.id}/preview`)).statusCode).toBe(401);
    expect((await call(env.app, editor, 'POST', '/articles/999999/preview')).statusCode).toBe(404);
  });
});
