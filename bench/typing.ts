/**
 * `npm run bench:typing [-- --words N] [-- --keys N]`: typing in the story editor at the end
 * of a long story (default 10,000 words in 500 paragraphs), in Debian's headless Chromium
 * against the real server and the built newsroom app.
 *
 * What one key costs: from the keydown's timestamp to the end of the work it set off —
 * ProseMirror's transaction, the React render it schedules (a later task) and the layout of
 * the result (forced before the clock is read). Read in a timer two tasks after the input
 * event, so the render scheduled by then has run. Paint is not included (it is the browser's,
 * and headless frames would only round everything up to 16.7 ms). Keys are typed 40 ms apart,
 * slower than anyone types, so each key's work is measured on its own. The target: a median
 * under 16 ms (one frame at 60 Hz).
 */
import { createUser } from '../src/accounts/index.js';
import { createArticle, createSection } from '../src/content/index.js';
import type { Doc } from '../src/shared/document/index.js';
import { ensureAdminBuilt, launchBrowser, serveOnLoopback, signInThroughForm } from '../src/test/browser.js';
import { testEnv } from '../src/test/context.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const WORDS = Number(arg('words', '10000'));
const KEYS = Number(arg('keys', '300'));
const PASSWORD = 'correct horse battery staple';
const LEXICON =
  'the council voted on tuesday for new flood gates which will cost two million and take three years to build along the river'.split(
    ' ',
  );

/** A story of `words` words in paragraphs of 20, with a heading every 25 paragraphs. */
function longStory(words: number): Doc {
  const content: Doc['content'] = [];
  for (let p = 0; p * 20 < words; p++) {
    if (p % 25 === 24)
      content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Part ${p}` }] });
    const text = Array.from(
      { length: Math.min(20, words - p * 20) },
      (_, i) => LEXICON[(p * 7 + i) % LEXICON.length],
    ).join(' ');
    content.push({ type: 'paragraph', content: [{ type: 'text', text: `${text}.` }] });
  }
  return { type: 'doc', content };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

async function main() {
  ensureAdminBuilt();
  const env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
  const browser = await launchBrowser();
  try {
    const now = env.ctx.now().toISOString();
    const section = await createSection(env.ctx.db, { slug: 'city', name: 'City' }, now);
    const user = await createUser(
      env.ctx.db,
      { email: 'bench@example.com', name: 'Bench', password: PASSWORD, role: 'editor' },
      now,
    );
    const story = await createArticle(
      env.ctx.db,
      { headline: 'A long story', body: longStory(WORDS), sectionId: section.id, status: 'draft' },
      { now, timeZone: env.ctx.config.site.timeZone, createdBy: user.id },
    );
    const base = await serveOnLoopback(env.app);
    const page = browser.page;
    await signInThroughForm(page, base, 'bench@example.com', PASSWORD);
    await page.goto(`${base}/admin/stories/${story.id}`);
    await page.locator('.ProseMirror p').last().waitFor();
    const shown = await page.getByTestId('word-count').textContent();
    await page.locator('.ProseMirror p').last().click();
    await page.keyboard.press('End');
    await page.evaluate(() => {
      const w = window as unknown as { __keys: number[] };
      w.__keys = [];
      let start = 0;
      window.addEventListener(
        'keydown',
        (e) => {
          start = e.timeStamp;
        },
        true,
      );
      document.addEventListener(
        'input',
        () => {
          const t = start;
          setTimeout(() =>
            setTimeout(() => {
              document.body.getBoundingClientRect();
              void document.body.offsetHeight;
              w.__keys.push(performance.now() - t);
            }),
          );
        },
        true,
      );
    });
    const sentence = ' and the council met again on monday to hear the engineers';
    let typed = 0;
    while (typed < KEYS) {
      const chunk = sentence.slice(0, Math.min(sentence.length, KEYS - typed));
      await page.keyboard.type(chunk, { delay: 40 });
      typed += chunk.length;
    }
    await page.waitForTimeout(500);
    const samples = (await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys)).slice(10);
    const sorted = [...samples].sort((a, b) => a - b);
    const fmt = (n: number) => `${n.toFixed(1)} ms`;
    console.log(
      `Typing at the end of a ${WORDS.toLocaleString('en-GB')}-word story (${shown}), ${samples.length} keys measured:`,
    );
    console.log(
      `  median ${fmt(percentile(sorted, 50))}, p90 ${fmt(percentile(sorted, 90))}, p99 ${fmt(percentile(sorted, 99))}, max ${fmt(sorted[sorted.length - 1] ?? Number.NaN)}`,
    );
  } finally {
    await browser.close();
    await env.close();
  }
}

await main();
