import zlib from 'node:zlib';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { cacheAs, cacheKey, pageCacheHooks, pickEncoding } from './http.js';
import { type Entry, PageCache } from './page-cache.js';

const policy = { sMaxAge: 60, staleWhileRevalidate: 30 };
const page = (text: string) => `<!doctype html><p>${text}</p>${' '.repeat(2000)}`;

function item(tags: string[], body = page('x')) {
  return { status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from(body), tags };
}

describe('the page cache', () => {
  it('drops exactly the entries carrying an invalidated tag', async () => {
    const cache = new PageCache({ maxBytes: 10_000_000, ttlMs: 60_000 });
    await cache.store('/a', item(['article:1', 'section:1']), cache.begin());
    await cache.store('/b', item(['article:2', 'section:1']), cache.begin());
    await cache.store('/c', item(['article:3', 'section:2']), cache.begin());
    expect(cache.invalidate(['article:2'])).toBe(1);
    expect([cache.get('/a'), cache.get('/b'), cache.get('/c')].map(Boolean)).toEqual([true, false, true]);
    expect(cache.invalidate(['section:1'])).toBe(1);
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.get('/c')).toBeDefined();
    expect(cache.invalidate(['site'])).toBe(1);
    expect(cache.size.entries).toBe(0);
  });

  it('refuses to keep a render that began before one of its tags was invalidated', async () => {
    const cache = new PageCache({ maxBytes: 10_000_000, ttlMs: 60_000 });
    const started = cache.begin();
    cache.invalidate(['article:1']); // the story changed while the old version was being rendered
    await cache.store('/a', item(['article:1']), started);
    expect(cache.get('/a')).toBeUndefined();
    // A render of something else that began at the same moment is not affected.
    await cache.store('/b', item(['article:2']), started);
    expect(cache.get('/b')).toBeDefined();
  });

  it('holds its byte budget, evicting the least recently used, and forgets their tags', async () => {
    const cache = new PageCache({ maxBytes: 60_000, ttlMs: 60_000 });
    for (let i = 0; i < 50; i++) {
      // Random bytes do not compress, so each entry costs about 2 × 4 kB (body and brotli copy).
      const body = Buffer.from(Array.from({ length: 4000 }, () => Math.floor(Math.random() * 256)));
      await cache.store(`/p${i}`, { ...item([`article:${i}`]), body }, cache.begin(), 'br');
      cache.get('/p0'); // kept warm
    }
    expect(cache.size.bytes).toBeLessThanOrEqual(60_000);
    expect(cache.get('/p0')).toBeDefined();
    expect(cache.get('/p1')).toBeUndefined();
    expect(cache.size.tags).toBeLessThan(20);
  });

  it('asks for a collection after every quarter of its budget dropped', async () => {
    let collections = 0;
    const body = 'x'.repeat(20_000);
    const cache = new PageCache({ maxBytes: 100_000, ttlMs: 60_000, collect: () => collections++ });
    // Each entry counts ~21 kB (its copies compress to almost nothing): four fit, then each
    // store evicts one.
    for (let i = 0; i < 4; i++) await cache.store(`/${i}`, item([`article:${i}`], body), cache.begin());
    expect(collections).toBe(0);
    for (let i = 4; i < 12; i++) await cache.store(`/${i}`, item([`article:${i}`], body), cache.begin());
    expect(cache.size.entries).toBe(4);
    // One drop (~21 kB) is less than a quarter of the budget; two are more: 8 drops, 4 asks.
    expect(collections).toBe(4);
    // Invalidated pages count as dropped too.
    cache.invalidate(['article:10', 'article:11']);
    expect(collections).toBe(5);
  });

  it('compresses in the encoding asked for, makes the others on first need, and expires entries after the TTL', async () => {
    let now = 1_000;
    const cache = new PageCache({ maxBytes: 10_000_000, ttlMs: 5_000, now: () => now });
    const e = await cache.store('/a', item(['article:1']), cache.begin(), 'br');
    expect(e.br?.length).toBeLessThan(e.body.length / 5);
    expect(e.gzip).toBeNull();
    const counted = cache.size.bytes;
    // Two requests wanting gzip at once share one compression; the cache then holds and counts it.
    const [g1, g2] = await Promise.all([cache.variant(e, 'gzip', '/a'), cache.variant(e, 'gzip', '/a')]);
    expect(g1).toBe(g2);
    expect(g1.length).toBeLessThan(e.body.length / 5);
    expect(zlib.gunzipSync(g1)).toEqual(e.body);
    const kept = cache.get('/a');
    expect(kept?.gzip).toBe(g1);
    expect(kept?.br).toBe(e.br);
    expect(cache.size.bytes).toBe(counted + g1.length);
    expect(await cache.variant(kept as Entry, 'gzip', '/a')).toBe(g1);
    // Its tags still drop it.
    expect(cache.invalidate(['article:1'])).toBe(1);
    const f = await cache.store('/a', item(['article:1']), cache.begin());
    expect([f.br, f.gzip]).toEqual([null, null]);
    // A small body is never compressed.
    const tiny = await cache.store(
      '/t',
      { ...item(['article:2']), body: Buffer.from('<p>hi</p>') },
      cache.begin(),
      'br',
    );
    expect([tiny.compressible, tiny.br, await cache.variant(tiny, 'gzip', '/t')]).toEqual([
      false,
      null,
      tiny.body,
    ]);
    now += 5_001;
    expect(cache.get('/a')).toBeUndefined();
  });

  it('keeps no more memory than it counts: compressed copies in buffers of their own, aged copies plain', async () => {
    let now = 1_000;
    const cache = new PageCache({ maxBytes: 10_000_000, ttlMs: 5_000, now: () => now });
    // Text that compresses to 4–16 kB: one zlib output chunk, yet past Node's shared 8 kB pool.
    let seed = 7;
    const words = Array.from({ length: 4000 }, () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed.toString(36).slice(0, 5);
    });
    const e = await cache.store('/a', item(['article:1'], page(words.join(' '))), cache.begin(), 'br');
    await cache.variant(e, 'gzip', '/a');
    expect(e.br?.length).toBeGreaterThan(4096);
    expect(e.br?.length).toBeLessThan(16_384);
    for (const copy of [e.body, e.br, e.gzip]) expect(copy?.buffer.byteLength).toBe(copy?.length);
    now += 5_001;
    expect(cache.get('/a')).toBeUndefined();
    // Past its TTL it is kept only to be shown as it is while the database is away.
    expect(cache.stale('/a')).toMatchObject({ body: e.body, br: null, gzip: null });
  });

  it('keys pages by path and page number only; picks the best encoding the client accepts', () => {
    expect(cacheKey('/news?utm_source=x&page=2&fbclid=y')).toBe('/news?page=2');
    expect(cacheKey('/news?utm_source=x')).toBe('/news');
    const both = { compressible: true };
    expect(pickEncoding('gzip, deflate, br', both)).toBe('br');
    expect(pickEncoding('gzip, br;q=0', both)).toBe('gzip');
    expect(pickEncoding('identity', both)).toBeNull();
    expect(pickEncoding(undefined, both)).toBeNull();
    expect(pickEncoding('br, gzip', { compressible: false })).toBeNull();
  });
});

/** A tiny app with one cached route whose renders we count and can make fail or slow. */
async function appWith(render: () => Promise<string>, tags = ['article:1']) {
  const cache = new PageCache({ maxBytes: 10_000_000, ttlMs: 60_000 });
  const app = Fastify();
  pageCacheHooks(app, cache, policy);
  let renders = 0;
  app.get('/story', { config: { pageCache: true } }, async (req, reply) => {
    renders++;
    const html = await render();
    cacheAs(req, tags);
    return reply.type('text/html; charset=utf-8').send(html);
  });
  return { app, cache, renders: () => renders };
}

describe('the page cache over HTTP', () => {
  it('answers repeats from memory with ETag, 304, compression and CDN headers', async () => {
    const { app, renders } = await appWith(async () => page('hello'));
    const first = await app.inject({ url: '/story', headers: { 'accept-encoding': 'br, gzip' } });
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['surrogate-key']).toBe('article:1 site');
    expect(first.headers['cache-tag']).toBe('article:1,site');
    expect(first.headers['cache-control']).toBe(
      'public, max-age=0, s-maxage=60, stale-while-revalidate=30, stale-if-error=86400',
    );
    expect(first.headers.vary).toBe('accept-encoding');
    const plain = await app.inject({ url: '/story?utm_campaign=launch' });
    expect(plain.headers['x-cache']).toBe('HIT');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(page('hello'));
    const gz = await app.inject({ url: '/story', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const etag = first.headers.etag as string;
    const again = await app.inject({ url: '/story', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(renders()).toBe(1);
  });

  it('compresses a page only in the encodings readers ask for, each once', async () => {
    const { app, cache, renders } = await appWith(async () => page('lazy'));
    const get = (enc?: string) =>
      app.inject({ url: '/story', headers: enc ? { 'accept-encoding': enc } : {} });
    // A crawler that takes gzip only: no brotli copy is made for it.
    const first = await get('gzip, deflate');
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(cache.get('/story')).toMatchObject({ br: null });
    expect(cache.get('/story')?.gzip?.length).toBeGreaterThan(0);
    // A browser: brotli made now, from memory, and kept with the gzip copy.
    const br = await get('gzip, deflate, br, zstd');
    expect([br.headers['x-cache'], br.headers['content-encoding']]).toEqual(['HIT', 'br']);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(page('lazy'));
    const kept = cache.get('/story');
    expect([kept?.br?.length, kept?.gzip?.length].every((n) => (n ?? 0) > 0)).toBe(true);
    expect((await get('br')).rawPayload).toEqual(kept?.br);
    expect((await get()).body).toBe(page('lazy'));
    // A revalidation that ends in 304 makes no copy.
    cache.invalidate(['article:1']);
    const fresh = await get();
    const revalidated = await app.inject({
      url: '/story',
      headers: { 'accept-encoding': 'br', 'if-none-match': fresh.headers.etag as string },
    });
    expect(revalidated.statusCode).toBe(304);
    expect(cache.get('/story')).toMatchObject({ br: null, gzip: null });
    expect(renders()).toBe(2);
  });

  it('renders a page once for many simultaneous first requests', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { app, renders, cache } = await appWith(async () => {
      await gate;
      return page('rush');
    });
    // Release the render only once all 25 requests have asked the cache for the page.
    const claim = cache.claim.bind(cache);
    let asked = 0;
    let allAsked!: () => void;
    const arrived = new Promise<void>((r) => {
      allAsked = r;
    });
    cache.claim = (key) => {
      if (++asked === 25) allAsked();
      return claim(key);
    };
    const all = Array.from({ length: 25 }, () => app.inject({ url: '/story' }));
    await arrived;
    release();
    const res = await Promise.all(all);
    expect(res.every((r) => r.statusCode === 200 && r.body === page('rush'))).toBe(true);
    expect(renders()).toBe(1);
    expect(cache.stats.hits).toBe(24);
  });

  it('never keeps a failed render: the next request renders again', async () => {
    let fail = true;
    const { app, renders } = await appWith(async () => {
      if (fail) throw new Error('database went away');
      return page('recovered');
    });
    expect((await app.inject({ url: '/story' })).statusCode).toBe(500);
    fail = false;
    const ok = await app.inject({ url: '/story' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-cache']).toBe('MISS');
    expect((await app.inject({ url: '/story' })).headers['x-cache']).toBe('HIT');
    expect(renders()).toBe(2);
  });

  it('does not hand a newcomer a render that began before an invalidation', async () => {
    let version = 'old';
    let release!: () => void;
    let gate = new Promise<void>((r) => {
      release = r;
    });
    let readOld!: () => void;
    const oldRead = new Promise<void>((r) => {
      readOld = r;
    });
    const { app, cache } = await appWith(async () => {
      const v = version; // read the "database" first, then take time to render
      if (v === 'old') readOld();
      await gate;
      return page(v);
    });
    const slow = app.inject({ url: '/story' });
    await oldRead;
    version = 'new';
    cache.invalidate(['article:1']);
    const releaseOld = release;
    gate = Promise.resolve();
    const fresh = await app.inject({ url: '/story' });
    expect(fresh.body).toBe(page('new'));
    releaseOld();
    expect((await slow).body).toBe(page('old'));
    // The old render was served to its own request but not kept.
    expect((await app.inject({ url: '/story' })).body).toBe(page('new'));
  });
});
