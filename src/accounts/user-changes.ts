import { type Db, inTransaction, type Role, type UserRow } from '../db/index.js';
import { invalidInput } from '../errors.js';
import { audit } from './audit.js';
import { endAllSessions } from './sessions.js';

export interface UserPatch {
  name?: string;
  role?: Role;
  active?: boolean;
  authorId?: number | null;
}

/**
 * Changes a user's name, role, byline or access. A role or access change ends their sessions
 * and is audited, in the same transaction. Who may change whom is the caller's check (the
 * policy: owners are the owners' business).
 */
export async function updateUser(
  db: Db,
  user: UserRow,
  patch: UserPatch,
  by: { id: number; label: string },
  now: Date,
): Promise<UserRow> {
  if (patch.authorId) {
    const a = await db.selectFrom('authors').select('id').where('id', '=', patch.authorId).executeTakeFirst();
    if (!a) throw invalidInput(`authorId: author ${patch.authorId} does not exist`);
  }
  return inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable('users')
      .set({
        ...(patch.name ? { name: patch.name } : {}),
        ...(patch.role ? { role: patch.role } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
        ...(patch.authorId !== undefined ? { author_id: patch.authorId } : {}),
        updated_at: now.toISOString(),
      })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const roleChanged = patch.role !== undefined && patch.role !== user.role;
    const accessChanged = patch.active !== undefined && (patch.active ? 1 : 0) !== user.active;
    if (roleChanged || accessChanged) {
      await endAllSessions(tx, user.id);
      await audit(
        tx,
        {
          actor: by,
          action: roleChanged ? 'user.role' : patch.active ? 'user.activate' : 'user.deactivate',
          subject: { type: 'user', id: user.id },
          details: {
            email: user.email,
            from: { role: user.role, active: user.active === 1 },
            to: { role: row.role, active: row.active === 1 },
          },
        },
        now.toISOString(),
      );
    }
    return row;
  });
}
