import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { articleInputOf, createArticle, updateArticle } from '../../content/articles.js';
import { recordArticleChange } from '../../content/changes.js';
import type { Context } from '../../context.js';
import { openDatabase } from '../../db/index.js';
import { type TestEnv, testEnv } from '../../test/context.js';
import { testDialects } from '../../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../../test/fixtures.js';
import {
  addSubscription,
  deliveryAttempts,
  dispatchDue,
  listDeliveries,
  purgeOldDeliveries,
  removeSubscription,
  resendDelivery,
  verify,
  WebhookError,
} from './index.js';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on a loopback port; `respond` decides each answer. */
async function receiver(
  respond: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_q, s) => s.end('ok'),
) {
  const received: Received[] = [];
  const state = { respond };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      state.respond(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const TRICKY = 'Q&A: <Budget> "deal" — it’s done 🎉';

describe.each(testDialects())('webhooks on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  const servers: { close(): Promise<void> }[] = [];
  const newReceiver = async (...args: Parameters<typeof receiver>) => {
    const r = await receiver(...args);
    servers.push(r);
    return r;
  };
  const opts = () => ({ timeZone: env.ctx.config.site.timeZone, now: env.ctx.now().toISOString() });

  beforeAll(async () => {
    env = await testEnv(dialect, { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
    fx = await seedFixture(env.ctx, env.dir);
  });
  afterEach(async () => {
    // Leave no pending work or subscribers behind for the next test.
    for (const s of await env.ctx.db.selectFrom('webhook_subscriptions').select('id').execute())
      await removeSubscription(env.ctx.db, s.id);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await env?.close();
  });

  it('refuses private targets unless the operator allows them', async () => {
    const strict: Pick<Context, 'db' | 'config' | 'now'> = {
      db: env.ctx.db,
      now: env.ctx.now,
      config: { ...env.ctx.config, outbound: { allowPrivate: false, allowedHosts: [] } },
    };
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://localhost:9/hook',
      'http://[::1]:9/',
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.7/',
      'http://100.64.1.1/',
    ]) {
      await expect(addSubscription(strict, { url }), url).rejects.toThrow(/private, loopback or reserved/);
    }
    await expect(addSubscription(strict, { url: 'ftp://example.com/' })).rejects.toThrow(WebhookError);
    await expect(
      addSubscription(strict, { url: 'https://example.com/', events: ['article.eaten' as never] }),
    ).rejects.toThrow(/events/);
    // The allow-list (this environment's WEBHOOK_ALLOWED_HOSTS=127.0.0.1) lets it through.
    const sub = await addSubscription(env.ctx, { url: 'http://127.0.0.1:9/hook' });
    expect(sub.secret).toMatch(/^whsec_/);
    expect(sub.events).toEqual([
      'article.published',
      'article.updated',
      'article.unpublished',
      'article.deleted',
      'article.corrected',
      'alert.raised',
    ]);
  });

  it('delivers a signed article.published event with an allow-listed payload', async () => {
    const r = await newReceiver();
    const sub = await addSubscription(env.ctx, { url: r.url, events: ['article.published'] });
    const article = await fx.publish({ headline: TRICKY, dek: 'A dek & more', slug: 'tricky-deal' });
    const [queued] = await listDeliveries(env.ctx.db, { subscriptionId: sub.id });
    expect(queued).toMatchObject({ status: 'pending', event_type: 'article.published', attempts: 0 });

    const result = await dispatchDue(env.ctx);
    expect(result).toMatchObject({ attempted: 1, delivered: 1 });
    expect(r.received).toHaveLength(1);
    const got = r.received[0]!;
    expect(got.headers['content-type']).toBe('application/json');
    const headers = {
      id: String(got.headers['webhook-id']),
      timestamp: String(got.headers['webhook-timestamp']),
      signature: String(got.headers['webhook-signature']),
    };
    expect(headers.id).toBe(queued!.event_id);
    expect(verify(sub.secret, headers, got.body)).toBe(true);
    expect(verify(sub.secret, headers, got.body.replace('Budget', 'Budgie'))).toBe(false);
    expect(verify('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', headers, got.body)).toBe(false);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({ type: 'article.published', id: headers.id });
    expect(Object.keys(body.data.article).sort()).toEqual(
      ['authors', 'dek', 'headline', 'id', 'publishedAt', 'section', 'updatedAt', 'url'].sort(),
    );
    expect(body.data.article).toMatchObject({
      id: article.id,
      headline: TRICKY,
      url: `https://news.example.com${article.path}`,
      section: { name: 'Russia', path: 'news/politics/russia' },
      authors: [{ name: 'Anna Kovalenko', slug: 'anna-kovalenko' }],
    });
    const [delivered] = await listDeliveries(env.ctx.db, { subscriptionId: sub.id });
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200 });
    expect(delivered!.last_response_ms).toBeGreaterThanOrEqual(0);
    const log = await deliveryAttempts(env.ctx.db, delivered!.id);
    expect(log).toMatchObject([{ ok: 1, status_code: 200, error: null }]);
  });

  it('derives updated, unpublished and deleted events; a save without visible change sends nothing', async () => {
    const r = await newReceiver();
    const sub = await addSubscription(env.ctx, { url: r.url });
    const draft = await createArticle(
      env.ctx.db,
      { headline: 'Draft story', body: paragraphs('Text.'), sectionId: fx.sections.world, status: 'draft' },
      opts(),
    );
    expect(await listDeliveries(env.ctx.db, { subscriptionId: sub.id })).toHaveLength(0);
    const input = await articleInputOf(env.ctx.db, draft);
    const published = await updateArticle(
      env.ctx.db,
      draft.id,
      { ...input, status: 'published' },
      {
        ...opts(),
        expectedVersion: 1,
      },
    );
    const same = await updateArticle(
      env.ctx.db,
      draft.id,
      { ...input, status: 'published' },
      {
        ...opts(),
        expectedVersion: published.version,
      },
    );
    const edited = await updateArticle(
      env.ctx.db,
      draft.id,
      { ...input, status: 'published', headline: 'Draft story, revised' },
      { ...opts(), expectedVersion: same.version },
    );
    const retagged = await updateArticle(
      env.ctx.db,
      draft.id,
      { ...input, status: 'published', headline: 'Draft story, revised', tags: ['New tag'] },
      { ...opts(), expectedVersion: edited.version },
    );
    const unpublished = await updateArticle(
      env.ctx.db,
      draft.id,
      { ...input, status: 'unpublished', headline: 'Draft story, revised', tags: ['New tag'] },
      { ...opts(), expectedVersion: retagged.version },
    );
    const republished = await updateArticle(
      env.ctx.db,
      draft.id,
      { ...input, status: 'published', headline: 'Draft story, revised', tags: ['New tag'] },
      { ...opts(), expectedVersion: unpublished.version },
    );
    await env.ctx.db
      .transaction()
      .execute((tx) =>
        recordArticleChange(tx, { before: republished, after: null, now: env.ctx.now().toISOString() }),
      );
    const events = (await listDeliveries(env.ctx.db, { subscriptionId: sub.id }))
      .reverse()
      .map((d) => d.event_type);
    expect(events).toEqual([
      'article.published',
      'article.updated',
      'article.updated',
      'article.unpublished',
      'article.published',
      'article.deleted',
    ]);
    await dispatchDue(env.ctx);
    expect(r.received.map((x) => JSON.parse(x.body).type)).toHaveLength(6);
  });

  it('writes the outbox in the article transaction: a rolled-back save leaves no event', async () => {
    const r = await newReceiver();
    const sub = await addSubscription(env.ctx, { url: r.url });
    await expect(
      env.ctx.db.transaction().execute(async (tx) => {
        await createArticle(
          tx,
          {
            headline: 'Never happened',
            body: paragraphs('x'),
            sectionId: fx.sections.world,
            status: 'published',
          },
          opts(),
        );
        expect(await tx.selectFrom('webhook_deliveries').select('id').execute()).not.toHaveLength(0);
        throw new Error('editor pressed cancel');
      }),
    ).rejects.toThrow('editor pressed cancel');
    expect(await listDeliveries(env.ctx.db, { subscriptionId: sub.id })).toHaveLength(0);
    expect(
      await env.ctx.db.selectFrom('articles').select('id').where('headline', '=', 'Never happened').execute(),
    ).toHaveLength(0);
  });

  it('retries a failing receiver with backoff, logs each attempt, and gives up after a day', async () => {
    const r = await newReceiver((_q, s) => {
      s.statusCode = 503;
      s.end('busy');
    });
    const sub = await addSubscription(env.ctx, { url: r.url });
    const t0 = new Date(Date.now() + 1000);
    // The dispatcher's clock, moved by the test (the story is already due at t0).
    const at = (ms: number) => ({ ...env.ctx, now: () => new Date(t0.getTime() + ms) });
    await fx.publish({ headline: 'Retry me' });
    expect(await dispatchDue(at(0))).toMatchObject({ attempted: 1, retrying: 1 });
    let [d] = await listDeliveries(env.ctx.db, { subscriptionId: sub.id });
    expect(d).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_status_code: 503,
      last_error: 'HTTP 503',
    });
    const wait = new Date(d!.next_attempt_at).getTime() - t0.getTime();
    expect(wait).toBeGreaterThanOrEqual(24_000);
    expect(wait).toBeLessThanOrEqual(36_000);
    // Not due yet: nothing happens.
    expect(await dispatchDue(at(20_000))).toMatchObject({ attempted: 0 });
    expect(await dispatchDue(at(40_000))).toMatchObject({ attempted: 1, retrying: 1 });
    [d] = await listDeliveries(env.ctx.db, { subscriptionId: sub.id });
    const secondWait = new Date(d!.next_attempt_at).getTime() - (t0.getTime() + 40_000);
    expect(secondWait).toBeGreaterThanOrEqual(48_000);
    // A day later the next failure is final.
    expect(await dispatchDue(at(25 * 3_600_000))).toMatchObject({ attempted: 1, failed: 1 });
    [d] = await listDeliveries(env.ctx.db, { subscriptionId: sub.id });
    expect(d).toMatchObject({ status: 'failed', attempts: 3 });
    expect(r.received).toHaveLength(3);
    const log = await deliveryAttempts(env.ctx.db, d!.id);
    expect(log.map((a) => a.status_code)).toEqual([503, 503, 503]);

    // Re-send: same event id, a fresh window; the receiver has recovered.
    r.state.respond = (_q, s) => s.end('ok');
    const again = await resendDelivery(at(26 * 3_600_000), d!.id);
    expect(again.status).toBe('pending');
    expect(await dispatchDue(at(26 * 3_600_000))).toMatchObject({ delivered: 1 });
    expect(r.received).toHaveLength(4);
    expect(r.received[3]!.headers['webhook-id']).toBe(d!.event_id);
    await expect(resendDelivery(env.ctx, 999_999)).rejects.toThrow(WebhookError);
    // The log is kept 30 days after the event, then purged with its attempts.
    expect(await purgeOldDeliveries(at(29 * 86_400_000))).toBe(0);
    expect(await purgeOldDeliveries(at(31 * 86_400_000))).toBe(1);
    expect(await listDeliveries(env.ctx.db, { subscriptionId: sub.id })).toHaveLength(0);
    expect(await deliveryAttempts(env.ctx.db, d!.id)).toHaveLength(0);
  });

  it('checks the target again at delivery time, and never follows redirects', async () => {
    const inner = await newReceiver();
    const redirecting = await newReceiver((_q, s) => {
      s.writeHead(307, { location: inner.url });
      s.end();
    });
    const redirected = await addSubscription(env.ctx, { url: redirecting.url });
    const direct = await addSubscription(env.ctx, { url: inner.url });
    await fx.publish({ headline: 'Guarded' });
    // The operator has since removed the allow-list: the delivery to loopback is refused.
    const strict = {
      ...env.ctx,
      config: { ...env.ctx.config, outbound: { allowPrivate: false, allowedHosts: [] } },
    };
    expect(await dispatchDue(strict)).toMatchObject({ attempted: 2, retrying: 2 });
    const [blocked] = await listDeliveries(env.ctx.db, { subscriptionId: direct.id });
    expect(blocked!.last_error).toMatch(/private, loopback or reserved/);
    expect(inner.received).toHaveLength(0);
    expect(redirecting.received).toHaveLength(0);

    // With the allow-list back, the redirect is a failed attempt and its target gets nothing.
    await resendDelivery(env.ctx, blocked!.id);
    const [viaRedirect] = await listDeliveries(env.ctx.db, { subscriptionId: redirected.id });
    await resendDelivery(env.ctx, viaRedirect!.id);
    expect(await dispatchDue(env.ctx)).toMatchObject({ attempted: 2, delivered: 1, retrying: 1 });
    const [afterRedirect] = await listDeliveries(env.ctx.db, { subscriptionId: redirected.id });
    expect(afterRedirect).toMatchObject({ status: 'pending', last_status_code: 307 });
    expect(afterRedirect!.last_error).toMatch(/redirect .* not followed/);
    expect(redirecting.received).toHaveLength(1);
    expect(inner.received).toHaveLength(1); // only the direct subscription's own delivery
  });

  it('resolves host names at delivery time and checks the addresses it connects to', async () => {
    const r = await newReceiver();
    const byName = r.url.replace('127.0.0.1', 'localhost');
    const named = {
      ...env.ctx,
      config: { ...env.ctx.config, outbound: { allowPrivate: false, allowedHosts: ['localhost'] } },
    };
    const sub = await addSubscription(named, { url: byName });
    await fx.publish({ headline: 'Named host' });
    // Allowed by name: the lookup hook resolves localhost and connects to the checked address.
    expect(await dispatchDue(named)).toMatchObject({ delivered: 1 });
    expect(r.received).toHaveLength(1);
    // The same host without the allowance: refused after resolution, nothing sent.
    const [d] = await listDeliveries(env.ctx.db, { subscriptionId: sub.id });
    await resendDelivery(env.ctx, d!.id);
    const strict = {
      ...env.ctx,
      config: { ...env.ctx.config, outbound: { allowPrivate: false, allowedHosts: [] } },
    };
    expect(await dispatchDue(strict)).toMatchObject({ retrying: 1 });
    const [blocked] = await listDeliveries(env.ctx.db, { subscriptionId: sub.id });
    expect(blocked!.last_error).toMatch(/localhost resolves to .*private, loopback or reserved/);
    expect(r.received).toHaveLength(1);
  });

  it('attempts each due delivery exactly once when several nodes dispatch at the same time', async () => {
    const r = await newReceiver();
    await addSubscription(env.ctx, { url: r.url });
    await addSubscription(env.ctx, { url: `${r.url}?second` });
    for (let i = 0; i < 6; i++) await fx.publish({ headline: `Busy day ${i}` });
    const other = openDatabase(env.ctx.config.database);
    try {
      const nodes = [env.ctx, { ...env.ctx, db: other.db }, env.ctx, { ...env.ctx, db: other.db }];
      const results = await Promise.all(nodes.map((n) => dispatchDue(n, { batch: 2 })));
      expect(results.reduce((n, x) => n + x.attempted, 0)).toBe(12);
    } finally {
      await other.destroy();
    }
    expect(r.received).toHaveLength(12);
    const keys = r.received.map((x) => `${x.headers['webhook-id']}`);
    expect(new Set(keys).size).toBe(6);
    const ids = await env.ctx.db.selectFrom('webhook_attempts').select('delivery_id').execute();
    expect(new Set(ids.map((i) => i.delivery_id)).size).toBe(12);
  });

  it('records an attempt before sending: a node that dies mid-delivery leaves attempt 1, the retry is attempt 2 with the same id', async () => {
    let hung: http.ServerResponse | null = null;
    let arrived: () => void = () => {};
    const first = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const r = await newReceiver((_q, s) => {
      // The first request never gets an answer: its sender is about to "die".
      if (!hung) {
        hung = s;
        arrived();
        return;
      }
      s.end('ok');
    });
    const sub = await addSubscription(env.ctx, { url: r.url });
    await fx.publish({ headline: 'Sent while a node dies' });
    const t0 = new Date(Date.now() + 1000);
    const at = (ms: number) => ({ ...env.ctx, now: () => new Date(t0.getTime() + ms) });
    // Node A claims the delivery and sends; the receiver has the request; A never comes back.
    const dying = dispatchDue(at(0));
    await Promise.race([
      first,
      new Promise((_r, reject) => setTimeout(() => reject(new Error('request never arrived')), 5000)),
    ]);
    let [d] = await listDeliveries(env.ctx.db, { subscriptionId: sub.id });
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    // Node B takes over when A's lease has ended: that is attempt 2, with the same webhook-id.
    expect(await dispatchDue(at(61_000))).toMatchObject({ attempted: 1, delivered: 1 });
    [d] = await listDeliveries(env.ctx.db, { subscriptionId: sub.id });
    expect(d).toMatchObject({ status: 'delivered', attempts: 2 });
    const log = await deliveryAttempts(env.ctx.db, d!.id);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ ok: 0, status_code: null });
    expect(log[0]!.error).toMatch(/no answer recorded/);
    expect(log[1]).toMatchObject({ ok: 1, status_code: 200 });
    expect(r.received).toHaveLength(2);
    expect(r.received[0]!.headers['webhook-id']).toBe(d!.event_id);
    expect(r.received[1]!.headers['webhook-id']).toBe(d!.event_id);
    // Node A's late result does not undo B's delivery.
    (hung as http.ServerResponse | null)?.socket?.destroy();
    await dying;
    [d] = await listDeliveries(env.ctx.db, { subscriptionId: sub.id });
    expect(d).toMatchObject({ status: 'delivered', attempts: 2 });
  });
});
