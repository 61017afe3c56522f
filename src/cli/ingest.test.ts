import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signPush } from '../ingest/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { ingestCommands } from './ingest.js';

/**
 * `masthead ingest source …` against the database a running app uses: the secret printed once
 * signs pushes the app accepts, a rotation retires the old one at once, a disabled source is
 * gone for agencies, and bad input saves nothing.
 */
describe.each(testDialects())('the ingest source commands on %s', (dialect) => {
  let env: TestEnv;
  const saved = { ...process.env };

  const masthead = async (...args: string[]) => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
    process.exitCode = undefined;
    try {
      const program = new Command('masthead').exitOverride();
      ingestCommands(program);
      await program.parseAsync(['node', 'masthead', ...args]);
      return { out: out.join('\n'), code: process.exitCode ?? 0 };
    } finally {
      log.mockRestore();
      err.mockRestore();
      process.exitCode = undefined;
    }
  };
  const push = (secret: string, id: string) => {
    const body = JSON.stringify({ uri: `urn:cli:${id}`, headline: 'From the CLI test' });
    const ts = Math.floor(env.ctx.now().getTime() / 1000);
    return env.app.inject({
      method: 'POST',
      url: '/api/ingest/agx',
      headers: {
        'webhook-id': id,
        'webhook-timestamp': String(ts),
        'webhook-signature': signPush(secret, id, ts, body),
      },
      payload: body,
    });
  };
  const secretIn = (out: string) => /Signing secret \(shown once\): (whsec_\S+)/.exec(out)?.[1] ?? '';

  beforeAll(async () => {
    env = await testEnv(dialect);
    const db = env.ctx.config.database;
    Object.assign(process.env, {
      MASTHEAD_DATA_DIR: env.dir,
      SITE_URL: env.ctx.config.site.url,
      LOG_LEVEL: 'silent',
      ...(db.kind === 'postgres' ? { DATABASE_URL: db.url } : {}),
    });
  });
  afterAll(async () => {
    process.env = saved;
    await env?.close();
  });

  it('adds a source, prints its address and secret once, and lists it masked', async () => {
    const added = await masthead('ingest', 'source', 'add', 'agx', 'Agency Example', '--folder', 'drop/agx');
    expect(added.code).toBe(0);
    expect(added.out).toContain('Push address: https://news.example.com/api/ingest/agx');
    const secret = secretIn(added.out);
    expect(secret).toMatch(/^whsec_/);
    expect((await push(secret, 'm1')).statusCode).toBe(202);
    const list = await masthead('ingest', 'source', 'list');
    expect(list.out).toMatch(/^agx\tactive\tAgency Example\t\/.*drop\/agx\twhsec_.{4}…$/m);
    expect(list.out).not.toContain(secret);
  });

  it('rotates the secret: the old one is refused at once', async () => {
    const before = await env.ctx.db.selectFrom('ingest_sources').select('secret').executeTakeFirstOrThrow();
    const rotated = await masthead('ingest', 'source', 'rotate', 'agx');
    const secret = secretIn(rotated.out);
    expect(secret).not.toBe(before.secret);
    expect((await push(before.secret, 'm2')).statusCode).toBe(401);
    expect((await push(secret, 'm3')).statusCode).toBe(202);
  });

  it('disables and enables a source, and sets or removes its folder', async () => {
    await masthead('ingest', 'source', 'disable', 'agx');
    const secret = (await env.ctx.db.selectFrom('ingest_sources').select('secret').executeTakeFirstOrThrow())
      .secret;
    expect((await push(secret, 'm4')).statusCode).toBe(404);
    await masthead('ingest', 'source', 'enable', 'agx');
    expect((await push(secret, 'm5')).statusCode).toBe(202);
    expect((await masthead('ingest', 'source', 'folder', 'agx')).out).toBe('Source agx: no drop folder');
  });

  it('refuses bad input with a message and exit code 1, saving nothing', async () => {
    const dup = await masthead('ingest', 'source', 'add', 'agx', 'Again');
    expect(dup).toMatchObject({ code: 1, out: expect.stringMatching(/exists/) });
    const bad = await masthead('ingest', 'source', 'add', 'Not A Slug', 'X');
    expect(bad.code).toBe(1);
    expect((await masthead('ingest', 'source', 'rotate', 'nobody')).out).toMatch(/no ingest source "nobody"/);
    const n = await env.ctx.db.selectFrom('ingest_sources').select('slug').execute();
    expect(n.map((r) => r.slug)).toEqual(['agx']);
  });
});
