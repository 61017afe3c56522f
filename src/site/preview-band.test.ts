import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/index.js';
import { call, createRoleUsers, doc, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

/** The footer's "Published with Masthead." is about the site, not the story. */
const storyText = (html: string) => html.replace('Published with Masthead.', '');

describe.each(testDialects())('the preview says it is a preview on %s', (dialect) => {
  let env: TestEnv;
  let editor: Session;
  let sectionId: number;

  beforeAll(async () => {
    env = await testEnv(dialect);
    await createRoleUsers(env.ctx);
    sectionId = (await createSection(env.ctx.db, { slug: 'news', name: 'News' }, env.ctx.now().toISOString()))
      .id;
    editor = await signIn(env.app, 'editor@example.com');
  });
  afterAll(() => env?.close());

  const story = async (headline: string) => {
    const res = await call(env.app, editor, 'POST', '/articles', {
      headline,
      body: doc('Words.'),
      sectionId,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number };
  };
  const previewOf = async (id: number) => {
    const link = await call(env.app, editor, 'POST', `/articles/${id}/preview`);
    expect(link.statusCode, link.body).toBe(201);
    return env.app.inject({ method: 'GET', url: link.json().path });
  };

  it('shows a draft with a band, noindex, and no "Published" claim', async () => {
    const a = await story('Harbour <plans> & "more"');
    const res = await previewOf(a.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-robots-tag']).toMatch(/noindex/);
    expect(res.body).toContain('<meta name="robots" content="noindex, nofollow"/>');
    // First thing in the body, visible without script or stylesheet tricks.
    expect(res.body).toMatch(/<body><p class="preview-band" role="note">Preview — not published<\/p>/);
    expect(res.body).toContain('.preview-band');
    expect(res.body).toContain('Draft · not published');
    expect(storyText(res.body)).not.toMatch(/Published/);
    expect(res.body).not.toContain('article:published_time');
    expect(res.body).not.toContain('datePublished');
    expect(res.body).toContain('Harbour &lt;plans> &amp; &quot;more&quot;');
  });

  it('says "Scheduled" for a scheduled story and "Published" only once it is', async () => {
    let a = await story('Scheduled story');
    const at = new Date(env.ctx.now().getTime() + 3_600_000).toISOString();
    const scheduled = await call(env.app, editor, 'POST', `/articles/${a.id}/transitions`, {
      action: 'schedule',
      publishAt: at,
      version: a.version,
      override: true, // a bare test story: past the checks' warnings (admin/checks.test.ts)
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    a = scheduled.json();
    const pre = await previewOf(a.id);
    expect(pre.body).toContain('Scheduled · not published yet');
    expect(storyText(pre.body)).not.toMatch(/Published/);

    const b = await story('Published story');
    const published = await call(env.app, editor, 'POST', `/articles/${b.id}/transitions`, {
      action: 'publish',
      version: b.version,
      override: true,
    });
    const row = published.json() as { path: string };
    const prev = await previewOf(b.id);
    expect(prev.body).toContain('Preview — not published');
    expect(prev.body).toMatch(/Published <time/);
    // The public page has no band and stays indexable.
    const page = await env.app.inject({ method: 'GET', url: row.path });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('preview-band">');
    expect(page.body).not.toContain('noindex');
    expect(page.body).toMatch(/Published <time/);
  });
});
