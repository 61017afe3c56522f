import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type FolderMemory, pollDropFolders } from './folder.js';
import { signPush } from './signature.js';
import { receive } from './queue.js';
import { addSource, setSourceActive, sourceBySlug } from './sources.js';

const fixture = (name: string) => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const CLI = { id: null, label: 'cli' };

describe.each(testDialects())('wire arrival: HTTP push and drop folders on %s', (dialect) => {
  let env: TestEnv;
  let secret: string;
  let n = 0;
  const at = new Date('2026-12-06T07:30:00Z');
  const ts = () => Math.floor(env.ctx.now().getTime() / 1000);

  /** A push as an agency sends it, signed unless told otherwise. */
  function push(
    body: Buffer | string,
    opts: {
      id?: string;
      key?: string;
      timestamp?: number;
      source?: string;
      headers?: Record<string, string>;
    } = {},
  ) {
    const id = opts.id ?? `msg_${++n}`;
    const timestamp = opts.timestamp ?? ts();
    return env.app.inject({
      method: 'POST',
      url: `/api/ingest/${opts.source ?? 'agx'}`,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signPush(opts.key ?? secret, id, timestamp, body),
        ...opts.headers,
      },
      payload: body,
    });
  }

  beforeAll(async () => {
    env = await testEnv(dialect);
    env.setNow(at);
    secret = (await addSource(env.ctx.db, { slug: 'agx', name: 'Agency Example' }, CLI, at.toISOString()))
      .secret;
  });
  afterAll(() => env.close());

  it('queues a signed push and answers what became of it', async () => {
    const res = await push(fixture('ninjs1.json'));
    expect(res.statusCode).toBe(202);
    expect(res.json().items).toEqual([
      { id: expect.any(Number), state: 'queued', guid: 'urn:example:tna:2026-12-06:budget-vote', version: 1 },
    ]);
    const row = await env.ctx.db
      .selectFrom('ingest_items')
      .selectAll()
      .where('id', '=', res.json().items[0].id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      state: 'queued',
      via: 'push',
      headline: 'Assembly rejects the budget after an all-night session',
      priority: 3,
    });
  });

  it('takes XML with any content type: the signature covers the raw bytes', async () => {
    const res = await push(fixture('newsml.xml'), { headers: { 'content-type': 'application/xml' } });
    expect(res.statusCode).toBe(202);
    expect(res.json().items[0]).toMatchObject({ state: 'queued', version: 3 });
  });

  it('is idempotent on (source, guid, version): the same version again is a duplicate, not a row', async () => {
    const before = await count();
    const res = await push(fixture('ninjs1.json'));
    expect(res.statusCode).toBe(202);
    expect(res.json().items[0].state).toBe('duplicate');
    expect(await count()).toBe(before);
  });

  it('refuses unsigned, wrongly signed, stale and replayed pushes with 401, and changes nothing', async () => {
    const before = await count();
    const body = fixture('ninjs3.json');
    const unsigned = await env.app.inject({
      method: 'POST',
      url: '/api/ingest/agx',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().error.message).toMatch(/^unsigned/);
    expect((await push(body, { key: 'whsec_d3JvbmcgZ3Vlc3M=' })).statusCode).toBe(401);
    // The body changed after signing (the signature was made over other bytes).
    const id = 'msg_tampered';
    const tampered = await env.app.inject({
      method: 'POST',
      url: '/api/ingest/agx',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(ts()),
        'webhook-signature': signPush(secret, id, ts(), body),
      },
      payload: Buffer.concat([body, Buffer.from(' ')]),
    });
    expect(tampered.statusCode).toBe(401);
    expect((await push(body, { timestamp: ts() - 600 })).json().error.message).toMatch(/five minutes/);
    expect(await count()).toBe(before);
    const first = await push(body, { id: 'msg_once' });
    expect(first.statusCode).toBe(202);
    const replay = await push(body, { id: 'msg_once' });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.message).toMatch(/^replayed/);
  });

  it('answers 404 for an unknown or disabled source', async () => {
    expect((await push(fixture('ninjs3.json'), { source: 'nobody' })).statusCode).toBe(404);
    await addSource(env.ctx.db, { slug: 'off', name: 'Off' }, CLI, at.toISOString());
    await setSourceActive(env.ctx.db, 'off', false, CLI, at.toISOString());
    expect((await push(fixture('ninjs3.json'), { source: 'off' })).statusCode).toBe(404);
  });

  it('quarantines a signed but bad item (422 with the reason); a huge body is refused (413)', async () => {
    const res = await push('<newsItem guid="x"><itemMeta></newsItem>');
    expect(res.statusCode).toBe(422);
    expect(res.json().items[0]).toMatchObject({
      state: 'quarantined',
      reason: expect.stringMatching(/^invalid XML/),
    });
    const hostile = JSON.stringify({ uri: 'urn:x:1', headline: 'x', body_html: '<script>alert(1)</script>' });
    expect((await push(hostile)).json().items[0].reason).toBe('hostile markup: <script> element in the body');
    const big = `{"uri":"urn:x:big","body_text":"${'x'.repeat(2 * 1024 * 1024)}"}`;
    const oversized = await push(big);
    expect(oversized.statusCode).toBe(422);
    expect(oversized.json().items[0].reason).toMatch(/^oversized/);
    const rows = await env.ctx.db
      .selectFrom('ingest_items')
      .select(['state', 'reason', 'raw'])
      .where('state', '=', 'quarantined')
      .execute();
    expect(rows.length).toBe(3);
    expect(rows.every((r) => r.raw.length <= 64 * 1024)).toBe(true);
    expect((await push(`{"uri":"${'x'.repeat(9 * 1024 * 1024)}"}`)).statusCode).toBe(413);
  });

  it('takes a dropped file once it is complete, and moves it to done/ or quarantine/', async () => {
    const dir = path.join(env.dir, 'drop');
    await addSource(env.ctx.db, { slug: 'ftp', name: 'FTP Agency', dropDir: dir }, CLI, at.toISOString());
    const memory: FolderMemory = new Map();
    const poll = () => pollDropFolders(env.ctx.db, env.ctx.now().toISOString(), memory);
    expect((await poll()).taken).toEqual([]); // the folder is not there yet: nothing, no error
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a.json'), fixture('ninjs2.json').subarray(0, 100)); // upload in progress
    fs.writeFileSync(path.join(dir, 'b.xml.part'), fixture('newsml.xml')); // still being written, by name
    expect(await poll()).toEqual({ taken: [], waiting: 1 });
    fs.appendFileSync(path.join(dir, 'a.json'), fixture('ninjs2.json').subarray(100)); // it grew
    expect(await poll()).toEqual({ taken: [], waiting: 1 });
    fs.renameSync(path.join(dir, 'b.xml.part'), path.join(dir, 'b.xml'));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"uri": ');
    fs.symlinkSync('/etc/hostname', path.join(dir, 'link.json'));
    expect((await poll()).taken).toEqual([{ source: 'ftp', file: 'a.json', state: 'queued' }]);
    expect((await poll()).taken).toEqual([
      { source: 'ftp', file: 'b.xml', state: 'queued' },
      { source: 'ftp', file: 'bad.json', state: 'quarantined' },
    ]);
    expect(
      fs
        .readdirSync(path.join(dir, 'done'))
        .map((f) => f.replace(/^[\dTZ-]+-/, ''))
        .sort(),
    ).toEqual(['a.json', 'b.xml']);
    expect(fs.readdirSync(path.join(dir, 'quarantine')).map((f) => f.replace(/^[\dTZ-]+-/, ''))).toEqual([
      'bad.json',
    ]);
    expect(fs.readdirSync(dir).sort()).toEqual(['done', 'link.json', 'quarantine']);
    const row = await env.ctx.db
      .selectFrom('ingest_items')
      .selectAll()
      .where('file_name', '=', 'bad.json')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'quarantined', via: 'folder', raw: '{"uri": ' });
  });

  it('keeps one row per version and one latest when the same item arrives many times at once', async () => {
    const source = await sourceBySlug(env.ctx.db, 'agx');
    if (!source) throw new Error('agx');
    const version = (v: number) =>
      Buffer.from(
        JSON.stringify({
          ...JSON.parse(fixture('ninjs3.json').toString('utf8')),
          uri: 'urn:race:1',
          version: String(v),
        }),
      );
    const arrive = (v: number) =>
      receive(env.ctx.db, { source, bytes: version(v), via: 'push', now: env.ctx.now().toISOString() });
    const results = (await Promise.all([1, 1, 1, 1, 1, 1, 3, 2, 3, 2].map(arrive))).flat();
    expect(
      results
        .filter((r) => r.state === 'queued')
        .map((r) => r.version)
        .sort(),
    ).toEqual([1, 2, 3]);
    expect(results.filter((r) => r.state === 'duplicate').length).toBe(7);
    const rows = await env.ctx.db
      .selectFrom('ingest_items')
      .select(['version', 'latest'])
      .where('guid', '=', 'urn:race:1')
      .orderBy('version')
      .execute();
    expect(rows).toEqual([
      { version: 1, latest: 0 },
      { version: 2, latest: 0 },
      { version: 3, latest: 1 },
    ]);
  });

  async function count() {
    const r = await env.ctx.db
      .selectFrom('ingest_items')
      .select((s) => s.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
});
