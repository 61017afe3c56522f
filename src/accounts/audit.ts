import type { Db } from '../db/index.js';

/**
 * The audit log: who published, unpublished, deleted, restored, or changed someone's role or
 * access, and when. Written in the same transaction as the change it describes.
 */
export interface AuditEntry {
  actor: { id: number | null; label: string };
  action: string;
  subject: { type: string; id: string | number };
  details?: Record<string, unknown>;
}

/** `at` is the writer's clock (ISO), the same moment the change it records carries. */
export async function audit(db: Db, entry: AuditEntry, at: string): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actor.id,
      actor_label: entry.actor.label,
      action: entry.action,
      subject_type: entry.subject.type,
      subject_id: String(entry.subject.id),
      details: JSON.stringify(entry.details ?? {}),
      created_at: at,
    })
    .execute();
}

export async function listAudit(db: Db, opts: { limit: number; beforeId?: number }) {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .$if(opts.beforeId !== undefined, (q) => q.where('id', '<', opts.beforeId as number))
    .orderBy('id', 'desc')
    .limit(opts.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    actor: { id: r.actor_id, label: r.actor_label },
    action: r.action,
    subject: { type: r.subject_type, id: r.subject_id },
    details: JSON.parse(r.details) as Record<string, unknown>,
    at: r.created_at,
  }));
}
