import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../content/articles.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../test/fixtures.js';

/** Every public face that names a tag or an author, by what it is about. */
const faces = (kind: 'tag' | 'author', slug: string) => [
  `/${kind}/${slug}`,
  `/feeds/${kind}/${slug}/rss.xml`,
  `/feeds/${kind}/${slug}/atom.xml`,
  `/feeds/${kind}/${slug}/feed.json`,
  `/api/content/v1/articles?${kind}=${slug}`,
];

describe.each(testDialects())('tag and author archives without a public story on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let hidden: number;

  beforeAll(async () => {
    env = await testEnv(dialect, { CONTENT_API_RATE_LIMIT: '100000' });
    fx = await seedFixture(env.ctx, env.dir);
    const now = new Date().toISOString();
    hidden = (
      await env.ctx.db
        .insertInto('authors')
        .values({
          slug: 'ghost-writer',
          name: 'Ghost Writer',
          bio: '',
          avatar_media_id: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // Only a draft and a story whose publication time has not come name them.
    await createArticle(
      env.ctx.db,
      {
        headline: 'Merger talks',
        body: paragraphs('x'),
        sectionId: fx.sections.russia,
        tags: ['Secret Merger'],
        authorIds: [hidden],
      },
      { now: env.ctx.now().toISOString(), timeZone: 'Europe/Prague' },
    );
    await fx.publish({ headline: 'Tomorrow', tags: ['Secret Merger'], authorIds: [hidden] }, -24);
  });
  afterAll(() => env?.close());

  it('answers 404 on the page, every feed and the Content API, without the name', async () => {
    for (const url of [...faces('tag', 'secret-merger'), ...faces('author', 'ghost-writer')]) {
      const res = await env.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toMatch(/Secret Merger|Ghost Writer/);
    }
  });

  it('opens them all once a public story names them', async () => {
    await fx.publish({ headline: 'Merger announced', tags: ['Secret Merger'], authorIds: [hidden] });
    for (const url of [...faces('tag', 'secret-merger'), ...faces('author', 'ghost-writer')]) {
      const res = await env.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
    }
  });
});
