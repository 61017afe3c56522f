import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, issuePreview } from '../content/index.js';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { addTestImage, type Fixture, paragraphs, seedFixture } from '../test/fixtures.js';

/**
 * An image is public when something public uses it (a published story's lead image, body
 * image or video poster, an author's portrait, a live stream's poster) or when it is marked
 * public. Any other image (a draft's, an embargoed story's) is 404 by id; a preview link signs
 * its image addresses, and a signed-in newsroom member sees every image.
 */
describe.each(testDialects())('unpublished media on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let admin: Session;
  let draftId: number;
  let draftImage: number;
  let bodyImage: number;
  const tz = () => ({ timeZone: env.ctx.config.site.timeZone, now: env.ctx.now().toISOString() });
  const get = (url: string, headers: Record<string, string> = {}) =>
    env.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    await createRoleUsers(env.ctx);
    admin = await signIn(env.app, 'admin@example.com');
    await fx.publish({ headline: 'A public story' }); // leads with fx.image
    draftImage = (await addTestImage(env.ctx, env.dir, { alt: 'The merger signing' })).id;
    bodyImage = (await addTestImage(env.ctx, env.dir, { alt: 'Inside the plant' })).id;
    const draft = await createArticle(
      env.ctx.db,
      {
        headline: 'Embargoed merger',
        body: {
          type: 'doc',
          content: [{ type: 'image', attrs: { mediaId: bodyImage } }, ...paragraphs('Secret.').content],
        },
        sectionId: fx.sections.russia,
        leadMediaId: draftImage,
        // Complete, so the checks before publishing let it through (src/content/checks.ts).
        leadCaption: 'The signing.',
        leadCredit: 'Photo: The Desk',
        dek: 'Two firms merge.',
        authorIds: [fx.authors.anna],
        status: 'draft',
      },
      tz(),
    );
    draftId = draft.id;
  });
  afterAll(() => env?.close());

  it('answers 404 for the images of a draft, not cached', async () => {
    for (const id of [draftImage, bodyImage]) {
      const res = await get(`/media/${id}/640.jpg`);
      expect(res.statusCode, `image ${id}`).toBe(404);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    // The seeded image leads a published story: public.
    expect((await get(`/media/${fx.image}/640.jpg`)).statusCode).toBe(200);
  });

  it('shows them in a preview through signed addresses, and to the newsroom', async () => {
    const link = await issuePreview(env.ctx, draftId);
    const page = await get(link.path);
    expect(page.statusCode).toBe(200);
    const signed = [
      ...page.body.matchAll(new RegExp(`/media/${draftImage}/\\d+\\.jpg\\?sig=[A-Za-z0-9._-]+`, 'g')),
    ];
    expect(signed.length).toBeGreaterThan(0);
    const url = signed[0]![0];
    const ok = await get(url);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/jpeg');
    expect(ok.headers['cache-control']).toMatch(/private/);
    // A signature is for one image: not another one, and not a made-up one.
    expect((await get(url.replace(`/media/${draftImage}/`, `/media/${bodyImage}/`))).statusCode).toBe(404);
    expect((await get(`${url.slice(0, -3)}AAA`)).statusCode).toBe(404);
    const cookie = { cookie: admin.cookie };
    expect((await get(`/media/${bodyImage}/640.jpg`, cookie)).statusCode).toBe(200);
  });

  it('makes them public when the story is published, or when marked public', async () => {
    const story = (await call(env.app, admin, 'GET', `/articles/${draftId}`)).json();
    const published = await call(env.app, admin, 'POST', `/articles/${draftId}/transitions`, {
      action: 'publish',
      version: story.version,
    });
    expect(published.statusCode, published.body).toBe(200);
    expect((await get(`/media/${draftImage}/640.jpg`)).statusCode).toBe(200);
    expect((await get(`/media/${bodyImage}/640.jpg`)).statusCode).toBe(200);

    const loose = (await addTestImage(env.ctx, env.dir, { alt: 'Logo for partners' })).id;
    expect((await get(`/media/${loose}/640.jpg`)).statusCode).toBe(404);
    const marked = await call(env.app, admin, 'PATCH', `/media/${loose}`, { public: true });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json().public).toBe(true);
    expect((await get(`/media/${loose}/640.jpg`)).statusCode).toBe(200);
  });
});
