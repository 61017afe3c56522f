import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: newsroom accounts (users, sessions, personal API tokens, password resets, login
 * throttling), the audit log, and the workflow columns on articles and revisions.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  const ts = d.timestampType;
  const id = <T extends string>(t: CreateTableBuilder<T, never>) =>
    t.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c));

  await id(db.schema.createTable('users'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('owner','admin','editor','author','contributor')`),
    )
    .addColumn('author_id', 'integer', (c) => c.references('authors.id').onDelete('set null'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  // The cookie holds a random token; only its SHA-256 is stored, so a database leak gives no sessions.
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();

  await id(db.schema.createTable('personal_tokens'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .addColumn('revoked_at', ts)
    .execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .execute();

  // Fixed-window counters shared by every app node: "ip:…" and "account:…" keys.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', ts, (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('audit_log'))
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_created').on('audit_log').columns(['created_at']).execute();

  await db.schema
    .alterTable('articles')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('articles').addColumn('embargo_until', ts).execute();
  await db.schema.alterTable('articles').addColumn('deleted_at', ts).execute();
  await db.schema
    .createIndex('articles_scheduled')
    .on('articles')
    .columns(['status', 'publish_at'])
    .execute();

  // Autosaves coalesce into one revision per few minutes; `kind` and `updated_at` make that possible.
  await db.schema
    .alterTable('revisions')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('save'))
    .execute();
  await db.schema.alterTable('revisions').addColumn('updated_at', ts).execute();
  await db.schema
    .alterTable('revisions')
    .addColumn('changed', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('revisions').dropColumn('changed').execute();
  await db.schema.alterTable('revisions').dropColumn('updated_at').execute();
  await db.schema.alterTable('revisions').dropColumn('kind').execute();
  await db.schema.dropIndex('articles_scheduled').execute();
  await db.schema.alterTable('articles').dropColumn('deleted_at').execute();
  await db.schema.alterTable('articles').dropColumn('embargo_until').execute();
  await db.schema.alterTable('articles').dropColumn('created_by').execute();
  for (const t of [
    'audit_log',
    'login_throttle',
    'password_resets',
    'personal_tokens',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
