/**
 * SITE_URL in a real `masthead serve` process on a random port (PORT=0): unset, the newsroom app
 * is told the address actually served (not `localhost:0`) and nothing is warned; set to this
 * machine on another port, it is kept and the start logs why links will point elsewhere.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const cli = path.join(import.meta.dirname, 'cli/index.ts');

const children: ChildProcess[] = [];
const dirs: string[] = [];

/** Starts `masthead serve` and resolves with its port and everything it printed by then. */
function serve(env: Record<string, string>): Promise<{ port: number; output: () => string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-site-url-'));
  dirs.push(dir);
  const { SITE_URL: _unset, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], {
    env: {
      ...inherited,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      MASTHEAD_SEED_DEMO: 'never',
      MASTHEAD_DATA_DIR: dir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    const onData = (c: Buffer) => {
      out += c.toString();
      const port = /serving .* at http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)?.[1];
      // The warning, if any, is logged right after the "serving" line: wait for the owner lines.
      if (port && /Created the newsroom owner account/.test(out)) {
        clearTimeout(timer);
        resolve({ port: Number(port), output: () => out });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

async function siteUrlMeta(port: number): Promise<string | undefined> {
  const html = await (await fetch(`http://127.0.0.1:${port}/admin/`)).text();
  return /<meta name="masthead:site-url" content="([^"]*)">/.exec(html)?.[1];
}

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('SITE_URL in a served process', () => {
  it('unset, on PORT=0: the address actually served, and no warning', async () => {
    const { port, output } = await serve({});
    expect(port).toBeGreaterThan(0);
    // The app reads it from a meta tag (admin/web.ts); without a build there is no page to read.
    if (fs.existsSync(path.join(import.meta.dirname, '../web/admin/dist/index.html'))) {
      expect(await siteUrlMeta(port)).toBe(`http://localhost:${port}`);
    }
    const api = await fetch(`http://127.0.0.1:${port}/api/admin/openapi.json`);
    expect(JSON.stringify(await api.json())).toContain(`"url":"http://localhost:${port}"`);
    expect(output()).not.toMatch(/SITE_URL/);
  });

  it('set to this machine on another port: kept, and the start warns', async () => {
    const { output } = await serve({ SITE_URL: 'http://localhost:3999' });
    await expect
      .poll(output, { timeout: 5_000 })
      .toMatch(/SITE_URL http:\/\/localhost:3999 is not the address this process listens on/);
  });
});
