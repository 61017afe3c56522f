import { z } from 'zod';
import type { Context } from '../../context.js';
import type {
  Db,
  DeliveryStatus,
  WebhookAttemptRow,
  WebhookDeliveryRow,
  WebhookEvent,
  WebhookSubscriptionRow,
} from '../../db/index.js';
import { codeForStatus, DomainError } from '../../errors.js';
import { singleLine } from '../../lib/text.js';
import { BlockedTargetError, checkTarget } from '../../net/index.js';
import { RETRY_WINDOW_MS, WEBHOOK_EVENTS } from './events.js';
import { generateSecret } from './signature.js';

/** Webhook service: subscriptions, the delivery log, re-sending. Admin routes and the CLI call these. */
export class WebhookError extends DomainError {
  declare readonly status: 400 | 404;
  constructor(message: string, status: 400 | 404) {
    super(status, codeForStatus(status), message);
  }
}

export const subscriptionInput = z.object({
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
    .max(2000)
    .refine((u) => !new URL(u).username && !new URL(u).password, 'must not carry a user name or password'),
  events: z
    .array(z.enum(WEBHOOK_EVENTS as [WebhookEvent, ...WebhookEvent[]]))
    .min(1)
    .default([...WEBHOOK_EVENTS]),
  description: singleLine().max(200).default(''),
});
export type SubscriptionInput = z.input<typeof subscriptionInput>;

/** A subscription as shown to admins: the secret is shown once, at creation, and masked after. */
export interface SubscriptionView {
  id: number;
  url: string;
  events: WebhookEvent[];
  description: string;
  active: boolean;
  createdAt: string;
  secretHint: string;
}

function view(row: WebhookSubscriptionRow): SubscriptionView {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEvent[],
    description: row.description,
    active: row.active === 1,
    createdAt: row.created_at,
    secretHint: `${row.secret.slice(0, 10)}…`,
  };
}

/** Subscribe a URL. The target must pass the SSRF guard now (and again at every delivery). */
export async function addSubscription(
  ctx: Pick<Context, 'db' | 'config' | 'now'>,
  input: SubscriptionInput,
): Promise<SubscriptionView & { secret: string }> {
  const parsed = subscriptionInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WebhookError(`${issue?.path.join('.') || 'subscription'}: ${issue?.message}`, 400);
  }
  const { url, events, description } = parsed.data;
  try {
    await checkTarget(ctx.config.outbound, new URL(url));
  } catch (err) {
    if (err instanceof BlockedTargetError) throw new WebhookError(`url: ${err.message}`, 400);
    throw err;
  }
  const now = ctx.now().toISOString();
  const secret = generateSecret();
  const row = await ctx.db
    .insertInto('webhook_subscriptions')
    .values({
      url,
      events: JSON.stringify([...new Set(events)]),
      secret,
      description,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...view(row), secret };
}

export async function listSubscriptions(db: Db): Promise<SubscriptionView[]> {
  const rows = await db.selectFrom('webhook_subscriptions').selectAll().orderBy('id').execute();
  return rows.map(view);
}

export async function setSubscriptionActive(
  db: Db,
  id: number,
  active: boolean,
  now: Date,
): Promise<SubscriptionView> {
  const row = await db
    .updateTable('webhook_subscriptions')
    .set({ active: active ? 1 : 0, updated_at: now.toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new WebhookError(`webhook ${id} does not exist`, 404);
  return view(row);
}

/** Remove a subscription and its delivery log. */
export async function removeSubscription(db: Db, id: number): Promise<void> {
  const res = await db.deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
  if (!res.numDeletedRows) throw new WebhookError(`webhook ${id} does not exist`, 404);
}

export async function listDeliveries(
  db: Db,
  filter: { subscriptionId?: number; status?: DeliveryStatus; limit?: number } = {},
): Promise<WebhookDeliveryRow[]> {
  let q = db.selectFrom('webhook_deliveries').selectAll();
  if (filter.subscriptionId !== undefined) q = q.where('subscription_id', '=', filter.subscriptionId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q
    .orderBy('id', 'desc')
    .limit(Math.min(filter.limit ?? 50, 500))
    .execute();
}

/** The attempt log of one delivery, oldest first. */
export async function deliveryAttempts(db: Db, deliveryId: number): Promise<WebhookAttemptRow[]> {
  return db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_id', '=', deliveryId)
    .orderBy('id')
    .execute();
}

/**
 * Send a delivery again (same event id, so receivers can de-duplicate): it becomes due now and
 * gets a fresh day of retries.
 */
export async function resendDelivery(
  ctx: Pick<Context, 'db' | 'now'>,
  id: number,
): Promise<WebhookDeliveryRow> {
  const now = ctx.now();
  const row = await ctx.db
    .updateTable('webhook_deliveries')
    .set({
      status: 'pending',
      next_attempt_at: now.toISOString(),
      retry_until: new Date(now.getTime() + RETRY_WINDOW_MS).toISOString(),
      claimed_until: null,
      claim_token: null,
      delivered_at: null,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new WebhookError(`delivery ${id} does not exist`, 404);
  return row;
}

/** The delivery log is kept this long after a delivery finished (delivered or failed). */
export const DELIVERY_RETENTION_DAYS = 30;

/** Drop finished deliveries (and their attempts) older than the retention period. */
export async function purgeOldDeliveries(ctx: Pick<Context, 'db' | 'now'>): Promise<number> {
  const cutoff = new Date(ctx.now().getTime() - DELIVERY_RETENTION_DAYS * 86_400_000).toISOString();
  const res = await ctx.db
    .deleteFrom('webhook_deliveries')
    .where('status', 'in', ['delivered', 'failed'])
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
