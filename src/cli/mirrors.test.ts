import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { refreshAddresses } from '../mirrors/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { mirrorCommands } from './mirrors.js';

/**
 * `masthead mirrors list | add | remove | reset` against the database a running app uses: the
 * app learns of the change through its refresh job (no Redis here), and bad input saves nothing.
 */
describe.each(testDialects())('the address commands on %s', (dialect) => {
  let env: TestEnv;
  const saved = { ...process.env };

  /** Runs `masthead …args` in this process; answers what it printed and its exit code. */
  const masthead = async (...args: string[]) => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
    process.exitCode = undefined;
    try {
      const program = new Command('masthead').exitOverride();
      mirrorCommands(program);
      await program.parseAsync(['node', 'masthead', ...args]);
      return { out: out.join('\n'), code: process.exitCode ?? 0 };
    } finally {
      log.mockRestore();
      err.mockRestore();
      process.exitCode = undefined;
    }
  };
  const host = (name: string) => env.app.inject({ method: 'GET', url: '/', headers: { host: name } });

  beforeAll(async () => {
    env = await testEnv(dialect, { SITE_ALTERNATE_URLS: 'https://env-mirror.example.org' });
    const db = env.ctx.config.database;
    Object.assign(process.env, {
      MASTHEAD_DATA_DIR: env.dir,
      SITE_URL: env.ctx.config.site.url,
      SITE_ALTERNATE_URLS: 'https://env-mirror.example.org',
      LOG_LEVEL: 'silent',
      ...(db.kind === 'postgres' ? { DATABASE_URL: db.url } : {}),
    });
  });
  afterAll(async () => {
    process.env = saved;
    await env?.close();
  });

  it('lists the addresses in effect and where they come from', async () => {
    const { out, code } = await masthead('mirrors', 'list');
    expect(code).toBe(0);
    expect(out).toContain("The environment's list is in effect");
    expect(out).toContain('https://news.example.com\t(primary)');
    expect(out).toContain('https://env-mirror.example.org');
  });

  it('adds an address; the running app serves it once its refresh job has run', async () => {
    await host('/'); // a cached home page, footer and all
    const { out, code } = await masthead('mirrors', 'add', 'https://Fresh-Mirror.example.net/');
    expect(code, out).toBe(0);
    expect(out).toContain("The newsroom's list is in effect");
    expect(out).toContain('https://fresh-mirror.example.net');
    expect((await host('fresh-mirror.example.net')).statusCode).toBe(421);
    expect(await refreshAddresses(env.ctx)).toBe(true);
    expect(await refreshAddresses(env.ctx)).toBe(false);
    const home = await host('news.example.com');
    expect(home.headers['x-cache']).not.toBe('HIT');
    expect(home.body).toContain('https://fresh-mirror.example.net/');
    expect((await host('fresh-mirror.example.net')).statusCode).toBe(200);
    const entries = await env.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'addresses.update')
      .execute();
    expect(entries.at(-1)?.actor_label).toMatch(/^cli:/);
  });

  it('refuses bad or unknown addresses with the reason and saves nothing', async () => {
    const before = env.ctx.addresses.current();
    for (const args of [
      ['add', 'https://a.example.org/path'],
      ['add', 'https://fresh-mirror.example.net'],
      ['add', 'https://news.example.com'],
      ['remove', 'https://never-added.example.org'],
    ]) {
      const { out, code } = await masthead('mirrors', ...args);
      expect(code, args.join(' ')).toBe(1);
      expect(out).toMatch(/^Not saved: .*(path|twice|primary|not in the list)/);
    }
    expect(await refreshAddresses(env.ctx)).toBe(false);
    expect(env.ctx.addresses.current()).toBe(before);
  });

  it('removes an address, then goes back to the environment on reset', async () => {
    expect((await masthead('mirrors', 'remove', 'https://fresh-mirror.example.net')).code).toBe(0);
    await refreshAddresses(env.ctx);
    expect((await host('fresh-mirror.example.net')).statusCode).toBe(421);
    const { out } = await masthead('mirrors', 'reset');
    expect(out).toContain("The environment's list is in effect");
    await refreshAddresses(env.ctx);
    expect(env.ctx.addresses.current().source).toBe('environment');
    expect((await host('env-mirror.example.org')).statusCode).toBe(200);
  });
});
