import type { Transaction } from 'kysely';
import { audit } from '../accounts/index.js';
import { ALERTS, announceChange } from '../cache/index.js';
import { type AlertRow, type Database, type Db, inTransaction } from '../db/index.js';
import {
  ALERT_LEVELS,
  ALERT_MAX_HOURS,
  ALERT_MAX_LENGTH,
  type AlertInput,
  type AlertLevel,
  alertInput,
} from '../shared/inputs.js';
import { ContentError } from './errors.js';

/**
 * Breaking-news alerts: one line of text (and maybe a link) in a banner on every public page,
 * in /alerts.json, the TV feed and an `alert.raised` webhook. An alert always has an end
 * (`expires_at`, at most 48 hours ahead) so a banner nobody looks after still goes away; an
 * editor may withdraw it sooner, which keeps the row. Readers' pages are never re-rendered for
 * an alert: the banner is put into them as they are served (cache/banner.ts), and a write here
 * announces only the `alerts` tag.
 */
type Tx = Transaction<Database>;

export { ALERT_LEVELS, ALERT_MAX_HOURS, ALERT_MAX_LENGTH, type AlertInput, type AlertLevel, alertInput };

/** An alert as the APIs show it. */
export interface Alert {
  id: number;
  text: string;
  link: string | null;
  level: AlertLevel;
  raisedAt: string;
  raisedBy: string | null;
  expiresAt: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  /** The edition whose pages show it (src/editions); null: every edition's. */
  editionId: number | null;
}

export function alertOf(r: AlertRow): Alert {
  return {
    id: r.id,
    text: r.text,
    link: r.link,
    level: r.level,
    raisedAt: r.raised_at,
    raisedBy: r.raised_by,
    expiresAt: r.expires_at,
    withdrawnAt: r.withdrawn_at,
    withdrawnBy: r.withdrawn_by,
    editionId: r.edition_id,
  };
}

/** Who raises or withdraws (an Editor from the newsroom API; the demo seed has no account). */
export interface AlertWriter {
  id: number | null;
  /** Written in the audit log. */
  email: string;
  /** Written on the alert's row (`user:12`). */
  label: string;
  now: string;
}

/** State another domain keeps about alerts (the webhook outbox), written in the alert's transaction. */
export type AlertHook = (tx: Tx, alert: Alert, now: string) => Promise<void>;

let raisedHooks: readonly AlertHook[] | null = null;

/**
 * Names what every raised alert must also write (context.ts: the webhook outbox). Distribution
 * builds on content, so content cannot import it; as with installArticleChangeHooks, a raise
 * before this is refused rather than silently sent to no subscriber.
 */
export function installAlertHooks(hooks: readonly AlertHook[]): void {
  raisedHooks = hooks;
}

/** Raise an alert: validated, audited, announced to the webhook outbox and the caches. */
export async function raiseAlert(db: Db, input: AlertInput, by: AlertWriter): Promise<Alert> {
  const parsed = alertInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'alert';
    throw new ContentError(`${field}: ${issue?.message}`, 400, field);
  }
  const data = parsed.data;
  const now = Date.parse(by.now);
  const expires = Date.parse(data.expiresAt);
  if (expires <= now) throw new ContentError('expiresAt: must be in the future', 400, 'expiresAt');
  if (expires - now > ALERT_MAX_HOURS * 3_600_000) {
    throw new ContentError(`expiresAt: at most ${ALERT_MAX_HOURS} hours ahead`, 400, 'expiresAt');
  }
  if (!raisedHooks) {
    throw new Error('alert hooks are not installed: createContext() installs them before any write');
  }
  const hooks = raisedHooks;
  return inTransaction(db, async (tx) => {
    if (data.editionId !== null) {
      const edition = await tx
        .selectFrom('editions')
        .select('id')
        .where('id', '=', data.editionId)
        .executeTakeFirst();
      if (!edition)
        throw new ContentError(`editionId: edition ${data.editionId} does not exist`, 400, 'editionId');
    }
    const row = await tx
      .insertInto('alerts')
      .values({
        text: data.text,
        link: data.link,
        level: data.level,
        raised_at: by.now,
        raised_by: by.label,
        expires_at: new Date(expires).toISOString(),
        edition_id: data.editionId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const alert = alertOf(row);
    for (const hook of hooks) await hook(tx, alert, by.now);
    await auditAlert(tx, by, 'alert.raise', alert, { text: alert.text, level: alert.level });
    announceChange(tx, [ALERTS]);
    return alert;
  });
}

/** Take an alert down before it expires; the row stays, marked withdrawn. */
export async function withdrawAlert(db: Db, id: number, by: AlertWriter): Promise<Alert> {
  return inTransaction(db, async (tx) => {
    const current = await tx.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current) throw new ContentError(`alert ${id} does not exist`, 404);
    if (current.withdrawn_at) throw new ContentError(`alert ${id} was already withdrawn`, 409);
    const row = await tx
      .updateTable('alerts')
      .set({ withdrawn_at: by.now, withdrawn_by: by.label })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const alert = alertOf(row);
    await auditAlert(tx, by, 'alert.withdraw', alert, {});
    announceChange(tx, [ALERTS]);
    return alert;
  });
}

/**
 * What readers see at `now`: alerts neither withdrawn nor expired, newest first. With
 * `editionId`: those one edition's pages show (its own and every edition's).
 */
export async function currentAlerts(db: Db, now: string, editionId?: number): Promise<Alert[]> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .$if(editionId !== undefined, (q) =>
      q.where((eb) => eb.or([eb('edition_id', 'is', null), eb('edition_id', '=', editionId as number)])),
    )
    .where('withdrawn_at', 'is', null)
    .where('expires_at', '>', now)
    .where('raised_at', '<=', now)
    .orderBy('raised_at', 'desc')
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  return rows.map(alertOf);
}

/** The newsroom's list: every alert, newest first (withdrawn and expired ones too). */
export async function listAlerts(db: Db, opts: { limit?: number } = {}): Promise<Alert[]> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .orderBy('raised_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 100)
    .execute();
  return rows.map(alertOf);
}

function auditAlert(tx: Db, by: AlertWriter, action: string, alert: Alert, details: Record<string, unknown>) {
  return audit(
    tx,
    {
      actor: { id: by.id, label: by.email },
      action,
      subject: { type: 'alert', id: alert.id },
      details,
    },
    by.now,
  );
}
