import { z } from 'zod';
import { type Db, ROLES, type Role, type UserRow } from '../db/index.js';
import { DomainError } from '../errors.js';
import { MAX_ROW_ID } from '../lib/ids.js';
import { singleLine } from '../lib/text.js';
import { hashPassword } from './secrets.js';
import { revokeAllPersonalTokens } from './tokens.js';

export const emailSchema = singleLine()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }));
export const passwordSchema = singleLine()
  .min(12, 'must be at least 12 characters')
  .max(1000, 'must be at most 1000 characters');
export const roleSchema = z.enum(ROLES as [Role, ...Role[]]);

export const newUserSchema = z.object({
  email: emailSchema,
  name: singleLine().trim().min(1).max(200),
  password: passwordSchema,
  role: roleSchema,
  authorId: z.number().int().positive().max(MAX_ROW_ID).nullable().default(null),
});
export type NewUser = z.input<typeof newUserSchema>;

/** What leaves the server about a user: never the hash. */
export function presentUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    authorId: u.author_id,
    active: u.active === 1,
    /** False for an imported byline's account until a password is set. */
    hasPassword: u.password_hash !== '',
    createdAt: u.created_at,
    updatedAt: u.updated_at,
  };
}
export type UserView = ReturnType<typeof presentUser>;

export async function createUser(db: Db, input: NewUser, now: string): Promise<UserRow> {
  const data = newUserSchema.parse(input);
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', data.email)
    .executeTakeFirst();
  if (existing) throw new DomainError(409, 'email_taken', 'a user with this email already exists');
  return db
    .insertInto('users')
    .values({
      email: data.email,
      name: data.name,
      password_hash: await hashPassword(data.password),
      role: data.role,
      author_id: data.authorId,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * An account with no password, for a byline brought in by an archive import (`--users`): it
 * cannot sign in until a password is set through a reset link (`masthead user reset-password`).
 * The stored hash is empty, which no password verifies
 * against (login.ts checks a decoy instead, so sign-in takes as long as for any account).
 * Undefined when the address already has an account (left as it is).
 */
export async function createUserWithoutPassword(
  db: Db,
  input: Omit<NewUser, 'password'>,
  now: string,
): Promise<UserRow | undefined> {
  const data = newUserSchema.omit({ password: true }).parse(input);
  if (await userByEmail(db, data.email)) return undefined;
  return db
    .insertInto('users')
    .values({
      email: data.email,
      name: data.name,
      password_hash: '',
      role: data.role,
      author_id: data.authorId,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function userById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('name').orderBy('id').execute();
}

/**
 * Change a password; every session of the user ends, every API token is revoked and every
 * unused reset link is voided, so a stolen session (or a token minted with it, or an old link
 * found in a mailbox) dies with the old password.
 */
export async function setPassword(db: Db, userId: number, password: string, now: Date): Promise<void> {
  const hash = await hashPassword(passwordSchema.parse(password));
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: now.toISOString() })
      .where('id', '=', userId)
      .execute();
    await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await revokeAllPersonalTokens(tx, userId, now);
    await tx
      .updateTable('password_resets')
      .set({ used_at: now.toISOString() })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  });
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
