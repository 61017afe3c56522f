import * as cheerio from 'cheerio';
import postcss from 'postcss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInputOf, updateArticle } from '../../content/articles.js';
import { raiseAlert } from '../../content/alerts.js';
import { addNotice } from '../../content/notices.js';
import type { ArticleRow } from '../../db/index.js';
import { seedDemoIfEmpty } from '../../demo/seed.js';
import { createList } from '../../fronts/index.js';
import { type TestEnv, testEnv } from '../../test/context.js';
import { fullStylesheet, STYLE_PARTS, type StylePart, stylesheetFor } from './styles.js';

/** A rule as text: its @media (if any), selector and declarations. */
function rulesOf(css: string): { key: string; selectors: string[] }[] {
  const out: { key: string; selectors: string[] }[] = [];
  postcss.parse(css).walkRules((rule) => {
    const at = rule.parent?.type === 'atrule' ? (rule.parent as postcss.AtRule) : null;
    if (at?.name.endsWith('keyframes')) return;
    const decls = rule.nodes.map(String).join(';');
    out.push({
      key: `${at ? `@${at.name} ${at.params}` : ''}|${rule.selector}{${decls}}`,
      selectors: rule.selectors,
    });
  });
  return out;
}

/**
 * Every kind of page of the demo newsroom (with what the demo lacks added: a correction, a
 * table, a breaking banner, a curated section front), crawled from its homes: a rule of the whole
 * house style that matches anything on a page must be in the sheet that page inlines. Pseudo-
 * classes and elements are dropped before matching (`a:hover` counts wherever there is an `a`).
 */
describe('each kind of page inlines the house style it uses', () => {
  let env: TestEnv;
  const pages = new Map<string, string>();

  beforeAll(async () => {
    env = await testEnv('sqlite');
    await seedDemoIfEmpty(env.ctx);
    const db = env.ctx.db;
    const now = env.ctx.now().toISOString();
    const stories = (await db
      .selectFrom('articles')
      .selectAll()
      .where('status', '=', 'published')
      .orderBy('id')
      .execute()) as ArticleRow[];
    const [corrected, tabled] = stories as [ArticleRow, ArticleRow];
    await addNotice(
      db,
      corrected.id,
      { kind: 'correction', text: 'An earlier version gave the wrong date.' },
      {
        by: 'test',
        now,
      },
    );
    const input = await articleInputOf(db, tabled);
    const cell = (text: string) => ({ type: 'tableCell', content: [{ type: 'text', text }] });
    await updateArticle(
      db,
      tabled.id,
      {
        ...input,
        body: {
          type: 'doc',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Turnout by ward.' }] },
            { type: 'heading', attrs: { level: 4 }, content: [{ type: 'text', text: 'Wards' }] },
            {
              type: 'table',
              attrs: { caption: 'Turnout', headerRow: true },
              content: [
                { type: 'tableRow', content: [cell('Ward'), cell('Turnout')] },
                { type: 'tableRow', content: [cell('North'), cell('61%')] },
              ],
            },
          ],
        },
      },
      { now, expectedVersion: tabled.version, timeZone: env.ctx.config.site.timeZone },
    );
    await raiseAlert(
      db,
      {
        text: 'Bridge closed after a barge strike',
        level: 'developing',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
      { id: null, email: 'desk@example.com', label: 'test', now },
    );
    const news = await db
      .selectFrom('sections')
      .select('id')
      .where('slug', '=', 'news')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    await createList(
      db,
      {
        slug: 'news-top',
        front: `section:${news.id}`,
        title: 'Top',
        definition: { source: { kind: 'section', sectionId: news.id }, limit: 5, variant: 'lead' },
      },
      { id: null, email: 'desk@example.com', label: 'test', now },
    );

    const queue = ['/', '/search?q=the', '/search', '/live', '/corrections', '/no-such-page', '/news'];
    const queued = new Set(queue);
    while (queue.length && pages.size < 400) {
      const url = queue.shift() as string;
      const res = await env.app.inject({ method: 'GET', url });
      if (!String(res.headers['content-type']).startsWith('text/html')) continue;
      pages.set(url, res.body);
      for (const m of res.body.matchAll(/<a [^>]*href="(\/[^"#]*)/g)) {
        const href = (m[1] as string).replace(/&amp;/g, '&');
        if (queued.has(href) || /^\/(assets|media|views)\/|\.(xml|json|txt)$/.test(href)) continue;
        queued.add(href);
        queue.push(href);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('crawled every kind of page', () => {
    const sheets = new Set<string>();
    for (const html of pages.values()) sheets.add(cheerio.load(html)('head style').first().text());
    const named = (parts: StylePart[]) => sheets.has(stylesheetFor(parts));
    for (const kind of ['home', 'list', 'search', 'error', 'corrections'] as const)
      expect(named(kind === 'corrections' ? [kind, 'notices'] : [kind]), kind).toBe(true);
    expect(named(['live', 'video'])).toBe(true);
    expect(named(['story'])).toBe(true);
    expect(named(['story', 'live-coverage'])).toBe(true);
    expect(named(['story', 'notices'])).toBe(true);
    expect(named(['story', 'video'])).toBe(true);
    expect([...pages.values()].some((html) => html.includes('class="body-table"'))).toBe(true);
    expect([...pages.values()].some((html) => html.includes('class="story-notices"'))).toBe(true);
    expect([...pages.values()].some((html) => html.includes('alert-developing'))).toBe(true);
  });

  it('leaves out no rule that styles something on the page', () => {
    const all = rulesOf(fullStylesheet);
    const missing: string[] = [];
    for (const [url, html] of pages) {
      const $ = cheerio.load(html);
      const own = new Set(rulesOf($('head style').first().text()).map((r) => r.key));
      for (const rule of all) {
        if (own.has(rule.key)) continue;
        const used = rule.selectors.some((s) => {
          const plain = s.replace(/::?[a-z-]+(\([^)]*\))?/g, '').trim();
          return plain === '' || $(plain).length > 0;
        });
        if (used) missing.push(`${url}: ${rule.key.split('{')[0]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the rules in the whole sheet’s order, and a plain story’s sheet well under it', () => {
    const order = rulesOf(fullStylesheet).map((r) => r.key);
    for (const part of STYLE_PARTS) {
      const keys = rulesOf(stylesheetFor([part])).map((r) => r.key);
      const at = keys.map((k) => order.indexOf(k));
      expect(
        at.every((i, n) => i >= 0 && (n === 0 || i > (at[n - 1] as number))),
        part,
      ).toBe(true);
    }
    expect(stylesheetFor(['story']).length).toBeLessThan(fullStylesheet.length * 0.7);
  });
});
