/**
 * The media library's housekeeping through the newsroom API on both databases: the original
 * file name kept and searched with several words, where each image is used, deleting an unused
 * image, and taking a used one down (410 for readers, pages without it) and putting it back.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createRoleUsers, ORIGIN, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { addTestImage, type Fixture, paragraphs, seedFixture } from '../test/fixtures.js';

describe.each(testDialects())('the media library on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let s: Record<'editor' | 'author', Session>;
  let lead: number;
  let inBody: number;
  let storyPath: string;
  let storyId: number;

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    await createRoleUsers(env.ctx);
    s = {
      editor: await signIn(env.app, 'editor@example.com'),
      author: await signIn(env.app, 'author@example.com'),
    };
    lead = (await addTestImage(env.ctx, env.dir, { alt: 'Harbour cranes at dawn' })).id;
    inBody = (await addTestImage(env.ctx, env.dir, { alt: 'Inside the ferry terminal' })).id;
    const story = await fx.publish({
      headline: 'Ferry strike ends',
      leadMediaId: lead,
      body: {
        type: 'doc',
        content: [
          ...paragraphs('The strike is over.').content,
          { type: 'image', attrs: { mediaId: inBody } },
        ],
      },
    });
    storyId = story.id;
    storyPath = story.path ?? '';
  });
  afterAll(() => env?.close());

  const upload = async (name: string) => {
    const fd = new FormData();
    const data = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c85028' } })
      .jpeg()
      .toBuffer();
    fd.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), name);
    const req = new Request('http://x/', { method: 'POST', body: fd });
    return env.app.inject({
      method: 'POST',
      url: '/api/admin/media',
      headers: {
        'content-type': req.headers.get('content-type') ?? '',
        origin: ORIGIN,
        cookie: s.editor.cookie,
        'x-csrf-token': s.editor.csrf,
      },
      payload: Buffer.from(await req.arrayBuffer()),
    });
  };
  type Item = {
    id: number;
    originalName: string;
    takenDownAt: string | null;
    usedIn: { id: number; lead: boolean; body: boolean }[];
  };
  const search = async (q: string) =>
    ((await call(env.app, s.editor, 'GET', `/media?q=${encodeURIComponent(q)}`)).json() as { media: Item[] })
      .media;

  it('keeps the original file name and finds images by several words across fields', async () => {
    const res = await upload('Quay at dusk IMG_2041.jpg');
    expect(res.statusCode, res.body).toBe(201);
    const item = (res.json() as { media: Item[] }).media[0];
    expect(item?.originalName).toBe('Quay at dusk IMG_2041.jpg');
    await call(env.app, s.editor, 'PATCH', `/media/${item?.id}`, { credit: 'Photo: Lena Brook' });
    // One word from the file name, one from the credit, in any case.
    expect((await search('img_2041 brook')).map((m) => m.id)).toEqual([item?.id]);
    expect(await search('img_2041 cranes')).toEqual([]);
    expect((await search('harbour dawn')).map((m) => m.id)).toEqual([lead]);
    // A LIKE wildcard typed is a character, not a pattern.
    expect(await search('%')).toEqual([]);
  });

  it('says where each image is used: lead image or in the body', async () => {
    const all = await search('');
    const byId = new Map(all.map((m) => [m.id, m]));
    expect(byId.get(lead)?.usedIn).toEqual([
      expect.objectContaining({ id: storyId, lead: true, body: false }),
    ]);
    expect(byId.get(inBody)?.usedIn).toEqual([
      expect.objectContaining({ id: storyId, lead: false, body: true }),
    ]);
    const one = (await call(env.app, s.editor, 'GET', `/media/${lead}`)).json() as Item;
    expect(one.usedIn).toHaveLength(1);
  });

  it('deletes an unused image (row and files) and refuses a used one, naming the stories', async () => {
    const used = await call(env.app, s.editor, 'DELETE', `/media/${lead}`);
    expect(used.statusCode).toBe(409);
    expect(used.json().error.message).toMatch(/used by 1 story; take it down instead/);
    expect(used.json().error.details).toEqual([
      expect.objectContaining({ id: storyId, message: 'Ferry strike ends' }),
    ]);
    const spare = await addTestImage(env.ctx, env.dir, { alt: 'Spare' });
    // Renditions made, then the delete takes them too.
    await call(env.app, s.editor, 'GET', `/media/${spare.id}`);
    expect((await call(env.app, s.author, 'DELETE', `/media/${spare.id}`)).statusCode).toBe(403);
    expect((await call(env.app, s.editor, 'DELETE', `/media/${spare.id}`)).statusCode).toBe(204);
    expect((await call(env.app, s.editor, 'GET', `/media/${spare.id}`)).statusCode).toBe(404);
    expect(fs.existsSync(path.join(env.ctx.config.mediaDir, spare.file))).toBe(false);
    expect((await call(env.app, s.editor, 'DELETE', `/media/${spare.id}`)).statusCode).toBe(404);
  });

  it('takes a used image down: 410 for readers, the page without it; putting it back restores both', async () => {
    const rendition = `/media/${lead}/640.jpg`;
    const page = async () => (await env.app.inject({ method: 'GET', url: storyPath })).body;
    expect((await env.app.inject({ method: 'GET', url: rendition })).statusCode).toBe(200);
    expect(await page()).toContain(`/media/${lead}/`);
    expect(
      (await call(env.app, s.author, 'POST', `/media/${lead}/take-down`, { down: true })).statusCode,
    ).toBe(403);
    const down = await call(env.app, s.editor, 'POST', `/media/${lead}/take-down`, { down: true });
    expect(down.statusCode, down.body).toBe(200);
    expect((down.json() as Item).takenDownAt).not.toBeNull();
    const gone = await env.app.inject({ method: 'GET', url: rendition });
    expect(gone.statusCode).toBe(410);
    expect(gone.headers['cache-control']).toBe('no-store');
    const html = await page();
    expect(html).toContain('Ferry strike ends');
    expect(html).not.toContain(`/media/${lead}/`);
    // The body image is untouched; the newsroom still sees the one taken down.
    expect(html).toContain(`/media/${inBody}/`);
    expect(
      (await env.app.inject({ method: 'GET', url: rendition, headers: { cookie: s.editor.cookie } }))
        .statusCode,
    ).toBe(200);
    const back = await call(env.app, s.editor, 'POST', `/media/${lead}/take-down`, { down: false });
    expect((back.json() as Item).takenDownAt).toBeNull();
    expect((await env.app.inject({ method: 'GET', url: rendition })).statusCode).toBe(200);
    expect(await page()).toContain(`/media/${lead}/`);
    expect((await call(env.app, s.editor, 'POST', `/media/${lead}/take-down`, {})).statusCode).toBe(400);
  });
});
