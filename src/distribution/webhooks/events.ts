import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Alert, ArticleChange } from '../../content/index.js';
import type { ArticleRow, Database, WebhookEvent } from '../../db/index.js';

/**
 * Article changes → webhook events, written to the outbox inside the writer's transaction, so
 * an event exists exactly when the change committed (a rolled-back save leaves no event).
 */
type Tx = Transaction<Database>;

export const WEBHOOK_EVENTS: readonly WebhookEvent[] = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.deleted',
  'article.corrected',
  'alert.raised',
];

/** How long a delivery is retried before it is marked failed. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;

/** The allow-listed article representation stored with an event (the URL is added on send). */
export interface ArticlePayload {
  id: number;
  path: string | null;
  headline: string;
  dek: string;
  section: { id: number; name: string; path: string } | null;
  authors: { id: number; name: string; slug: string }[];
  publishedAt: string | null;
  updatedAt: string;
}

const deletedAt = (row: ArticleRow | null) =>
  (row as { deleted_at?: string | null } | null)?.deleted_at ?? null;
const isPublished = (row: ArticleRow | null): row is ArticleRow =>
  row !== null && row.status === 'published' && !deletedAt(row);

/** Columns whose change a subscriber would notice on a published story. */
const VISIBLE_COLUMNS = [
  'slug',
  'headline',
  'dek',
  'body',
  'section_id',
  'lead_media_id',
  'lead_caption',
  'lead_credit',
  'lead_file_photo',
  'seo_title',
  'seo_description',
  'dateline',
  'path',
  'first_published_at',
] as const satisfies readonly (keyof ArticleRow)[];

/** Which event (if any) a change means to the outside world. */
export async function eventFor(tx: Tx, change: ArticleChange): Promise<WebhookEvent | null> {
  const { before, after } = change;
  const wasPublic = isPublished(before);
  if (after === null || deletedAt(after)) return wasPublic ? 'article.deleted' : null;
  const isPublic = isPublished(after);
  if (!wasPublic) return isPublic ? 'article.published' : null;
  if (!isPublic) return 'article.unpublished';
  return (await changedVisibly(tx, before, after)) ? 'article.updated' : null;
}

async function changedVisibly(tx: Tx, before: ArticleRow, after: ArticleRow): Promise<boolean> {
  if (VISIBLE_COLUMNS.some((c) => before[c] !== after[c])) return true;
  // Bylines and tags live in other tables; the revisions of both versions record them.
  const revisions = await tx
    .selectFrom('revisions')
    .select(['version', 'snapshot'])
    .where('article_id', '=', after.id)
    .where('version', 'in', [before.version, after.version])
    .execute();
  const relations = (version: number) => {
    const snap = revisions.find((r) => r.version === version)?.snapshot;
    if (!snap) return null;
    const parsed = JSON.parse(snap) as { authorIds?: unknown; tags?: unknown };
    return JSON.stringify([parsed.authorIds ?? [], parsed.tags ?? []]);
  };
  const a = relations(before.version);
  const b = relations(after.version);
  return a === null || b === null || a !== b;
}

export async function payloadOf(tx: Tx, row: ArticleRow): Promise<ArticlePayload> {
  const [section, authors] = await Promise.all([
    tx
      .selectFrom('sections')
      .select(['id', 'name', 'path'])
      .where('id', '=', row.section_id)
      .executeTakeFirst(),
    tx
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['authors.id', 'authors.name', 'authors.slug'])
      .where('article_authors.article_id', '=', row.id)
      .orderBy('article_authors.position')
      .execute(),
  ]);
  return {
    id: row.id,
    path: row.path,
    headline: row.headline,
    dek: row.dek,
    section: section ?? null,
    authors,
    publishedAt: row.first_published_at,
    updatedAt: row.updated_at,
  };
}

/** Called from content/changes.ts for every article write, inside its transaction. */
export async function enqueueArticleEvents(tx: Tx, change: ArticleChange): Promise<void> {
  await enqueueStoryEvent(tx, change);
  if (change.notice && change.after) {
    const { action, ...notice } = change.notice;
    const payload = { article: await payloadOf(tx, change.after), notice: { ...notice, action } };
    await insertDeliveries(tx, 'article.corrected', JSON.stringify(payload), {
      due: change.now,
      now: change.now,
    });
  }
}

async function enqueueStoryEvent(tx: Tx, change: ArticleChange): Promise<void> {
  const type = await eventFor(tx, change);
  if (!type) return;
  const subscriptions = (
    await tx.selectFrom('webhook_subscriptions').select(['id', 'events']).where('active', '=', 1).execute()
  ).filter((s) => (JSON.parse(s.events) as string[]).includes(type));
  if (!subscriptions.length) return;
  const row = (change.after && !deletedAt(change.after) ? change.after : change.before) as ArticleRow;
  const payload = JSON.stringify({ article: await payloadOf(tx, row) });
  // A story published with a future time (an embargo) is announced when it becomes public.
  const embargo = (row as { embargo_until?: string | null }).embargo_until ?? null;
  // Due at the time of the change (the writer's clock, which tests and imports may set).
  const dueTimes = [change.after?.updated_at ?? change.now];
  if (type === 'article.published' && row.first_published_at) dueTimes.push(row.first_published_at);
  if (type === 'article.published' && embargo) dueTimes.push(embargo);
  await insertDeliveries(
    tx,
    type,
    payload,
    { due: dueTimes.sort().at(-1) as string, now: change.now },
    subscriptions,
  );
}

/** Subscriptions to `type`, or the given ones: one outbox row each, due at `due`; `now` is the writer's clock. */
export async function insertDeliveries(
  tx: Tx,
  type: WebhookEvent,
  payload: string,
  at: { due: string; now: string },
  subscriptions?: { id: number }[],
): Promise<void> {
  const { due } = at;
  const subs =
    subscriptions ??
    (
      await tx.selectFrom('webhook_subscriptions').select(['id', 'events']).where('active', '=', 1).execute()
    ).filter((s) => (JSON.parse(s.events) as string[]).includes(type));
  if (!subs.length) return;
  const now = new Date(at.now);
  const eventId = `evt_${randomUUID().replaceAll('-', '')}`;
  await tx
    .insertInto('webhook_deliveries')
    .values(
      subs.map((s) => ({
        event_id: eventId,
        event_type: type,
        payload,
        subscription_id: s.id,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: due,
        retry_until: new Date(
          Math.max(new Date(due).getTime(), now.getTime()) + RETRY_WINDOW_MS,
        ).toISOString(),
        created_at: now.toISOString(),
      })),
    )
    .execute();
}

/**
 * Called from content/alerts.ts when an alert is raised, inside its transaction: subscribers
 * hear of it exactly when readers can see it (a rolled-back raise sends nothing).
 */
export async function enqueueAlertEvents(tx: Tx, alert: Alert, now: string): Promise<void> {
  const { id, text, link, level, raisedAt, expiresAt } = alert;
  const payload = JSON.stringify({ alert: { id, text, link, level, raisedAt, expiresAt } });
  await insertDeliveries(tx, 'alert.raised', payload, { due: now, now });
}
