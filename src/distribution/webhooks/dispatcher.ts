import { randomUUID } from 'node:crypto';
import type { Context } from '../../context.js';
import type { WebhookDeliveryRow } from '../../db/index.js';
import type { ArticlePayload } from './events.js';
import { postJson, type SendResult } from './send.js';
import { sign } from './signature.js';

/**
 * The outbox dispatcher. Any number of nodes may run it on one database: a delivery is claimed
 * by one atomic UPDATE … RETURNING that re-checks the due conditions on the row it changes, so
 * two nodes never attempt the same delivery for the same due time (PostgreSQL re-evaluates
 * the WHERE clause on a row another transaction just claimed; SQLite has one writer). A claim
 * is a lease: if a node dies mid-attempt, the delivery becomes due again when the lease ends.
 */
type DispatchCtx = Pick<Context, 'db' | 'config' | 'now'>;

const LEASE_MS = 60_000;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 6 * 3_600_000;
const CONCURRENCY = 8;

export interface DispatchResult {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

/** Delay before the next attempt after `attempts` failures: exponential, capped, ±20 % jitter. */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Claim up to `limit` due deliveries for this caller (each row comes back with its attempt counted). */
export async function claimDue(ctx: DispatchCtx, limit: number): Promise<WebhookDeliveryRow[]> {
  const now = ctx.now();
  const nowIso = now.toISOString();
  const token = randomUUID();
  return (
    ctx.db
      .updateTable('webhook_deliveries')
      // The claim counts the attempt: a node that dies after it still leaves attempt N behind.
      .set((eb) => ({
        claimed_until: new Date(now.getTime() + LEASE_MS).toISOString(),
        claim_token: token,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('webhook_deliveries')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', nowIso)
          .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', nowIso)]))
          .orderBy('next_attempt_at')
          .limit(limit),
      )
      // Repeated on purpose: this is what another node's concurrent claim is checked against.
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', nowIso)
      .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', nowIso)]))
      .returningAll()
      .execute()
  );
}

/** The JSON body subscribers receive (Standard Webhooks shape: type, timestamp, data). */
export function bodyOf(delivery: WebhookDeliveryRow, siteUrl: string): string {
  const envelope = { type: delivery.event_type, id: delivery.event_id, timestamp: delivery.created_at };
  const parsed = JSON.parse(delivery.payload) as {
    article?: ArticlePayload;
    alert?: { link: string | null };
  };
  if (parsed.alert) {
    // An alert's link may be a path on this site: subscribers get an absolute URL.
    const { link } = parsed.alert;
    const url = link === null ? null : link.startsWith('/') ? `${siteUrl}${link}` : link;
    return JSON.stringify({ ...envelope, data: { alert: { ...parsed.alert, url } } });
  }
  const { path, ...rest } = parsed.article as ArticlePayload;
  return JSON.stringify({
    ...envelope,
    data: { article: { ...rest, url: path ? `${siteUrl}${path}` : null } },
  });
}

/** What an attempt shows until its sender records the answer (forever, if the sender died). */
export const UNANSWERED = 'no answer recorded: the sending node stopped before the receiver answered';

/**
 * One attempt. It is counted by the claim and written down before the request leaves, so a node
 * that dies mid-request
 * leaves its attempt in the log and the retry after the lease shows as the next attempt. The
 * receiver may then get the event twice: delivery is at-least-once, always with the same
 * `webhook-id`, which receivers use to de-duplicate.
 */
async function attempt(
  ctx: DispatchCtx,
  d: WebhookDeliveryRow,
): Promise<'delivered' | 'retrying' | 'failed'> {
  const sub = await ctx.db
    .selectFrom('webhook_subscriptions')
    .select(['url', 'secret', 'active'])
    .where('id', '=', d.subscription_id)
    .executeTakeFirst();
  const disabled = sub?.active !== 1;
  // Counted by the claim; logged here, one statement, before the request leaves.
  const attempts = d.attempts;
  const { id: attemptId } = await ctx.db
    .insertInto('webhook_attempts')
    .values({
      delivery_id: d.id,
      attempted_at: ctx.now().toISOString(),
      ok: 0,
      status_code: null,
      response_ms: 0,
      error: UNANSWERED,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let result: SendResult;
  if (!sub || disabled) {
    result = { ok: false, statusCode: null, ms: 0, error: 'subscription is disabled' };
  } else {
    const body = bodyOf(d, ctx.config.site.url);
    const timestamp = Math.floor(ctx.now().getTime() / 1000);
    result = await postJson(
      sub.url,
      body,
      {
        'webhook-id': d.event_id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': sign(sub.secret, d.event_id, timestamp, body),
      },
      ctx.config.outbound,
    );
  }
  const at = ctx.now();
  const next = new Date(at.getTime() + backoffMs(attempts));
  const outcome = result.ok
    ? 'delivered'
    : disabled || next.toISOString() > d.retry_until
      ? 'failed'
      : 'retrying';
  const error = result.error?.slice(0, 500) ?? null;
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('webhook_attempts')
      .set({ ok: result.ok ? 1 : 0, status_code: result.statusCode, response_ms: result.ms, error })
      .where('id', '=', attemptId)
      .execute();
    await tx
      .updateTable('webhook_deliveries')
      .set({
        status: outcome === 'retrying' ? 'pending' : outcome,
        next_attempt_at: outcome === 'retrying' ? next.toISOString() : d.next_attempt_at,
        claimed_until: null,
        claim_token: null,
        last_status_code: result.statusCode,
        last_response_ms: result.ms,
        last_error: error,
        delivered_at: result.ok ? at.toISOString() : null,
      })
      .where('id', '=', d.id)
      .where('claim_token', '=', d.claim_token)
      .execute();
  });
  return outcome;
}

/** Attempt every due delivery once (in batches); the job runner calls this on an interval. */
export async function dispatchDue(ctx: DispatchCtx, opts: { batch?: number } = {}): Promise<DispatchResult> {
  const batch = opts.batch ?? 50;
  const total: DispatchResult = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  for (;;) {
    const claimed = await claimDue(ctx, batch);
    for (let i = 0; i < claimed.length; i += CONCURRENCY) {
      const outcomes = await Promise.all(claimed.slice(i, i + CONCURRENCY).map((d) => attempt(ctx, d)));
      for (const o of outcomes) total[o]++;
      total.attempted += outcomes.length;
    }
    if (claimed.length < batch) return total;
  }
}
