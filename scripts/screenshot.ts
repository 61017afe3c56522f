/**
 * `npm run screenshot`: the README's picture of an article page. Serves the demo newsroom from
 * a fresh data directory and photographs the newest article with Debian's headless Chromium.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const PORT = 3921;
const base = `http://127.0.0.1:${PORT}`;
const out = process.argv[2] ?? 'docs/images/article.png';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-shot-'));
const server = spawn(process.execPath, ['dist/cli/index.js', 'serve'], {
  env: { ...process.env, PORT: String(PORT), MASTHEAD_DATA_DIR: dir, LOG_LEVEL: 'silent' },
  stdio: 'ignore',
});
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-chromium-'));
try {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/robots.txt`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const home = await (await fetch(`${base}/`)).text();
  const article = /<a href="(\/[a-z0-9/-]+\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+)"/.exec(home)?.[1];
  if (!article) throw new Error('no article link on the home page');
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 1400 },
  });
  const page = await browser.newPage();
  await page.goto(base + (process.argv[3] ?? article), { waitUntil: 'networkidle' });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  await browser.close();
  console.log(`Wrote ${out} (${base}${article})`);
} finally {
  server.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(profile, { recursive: true, force: true });
}
