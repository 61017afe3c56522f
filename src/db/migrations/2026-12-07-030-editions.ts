import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: editions (src/editions). An edition is one language of the newsroom with its own
 * address (a path prefix such as `es` on the primary host, or a host of its own), time zone and
 * section tree. The site as it was becomes the default edition, created here as the first row
 * (id 1) with its name, language and time zone left NULL: NULL means "as configured"
 * (SITE_NAME, SITE_LANGUAGE, SITE_TIMEZONE), so a single-language newsroom sees nothing change
 * and its configuration keeps working. Every existing story and section belongs to it
 * (`edition_id` defaults to 1). The direction is not stored: it follows from the language.
 *
 * `articles.translation_group_id` links a story to its translations: the id of the group's
 * first story (the source), NULL for a story with none. At most one story per edition in a
 * group (unique index; NULLs never collide on either database).
 *
 * No foreign key on the new `edition_id` columns: SQLite cannot add a referencing column with a
 * non-NULL default, and the default is what keeps every existing row valid. The editions
 * domain refuses unknown editions and never deletes one that has stories or sections.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  const ts = d.timestampType;
  await db.schema
    .createTable('editions')
    .addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('language', 'text')
    .addColumn('name', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('path_prefix', 'text', (c) => c.unique())
    .addColumn('host', 'text', (c) => c.unique())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0).check(sql`is_default in (0, 1)`))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  const now = new Date(0).toISOString();
  // The first row of a new table: id 1 on both databases (an identity column's first value).
  await db
    .insertInto('editions')
    .values({ code: 'default', is_default: 1, position: 0, created_at: now, updated_at: now })
    .execute();
  await db.schema
    .alterTable('articles')
    .addColumn('edition_id', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('articles').addColumn('translation_group_id', 'integer').execute();
  await db.schema
    .alterTable('sections')
    .addColumn('edition_id', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('articles_translation_group')
    .on('articles')
    .columns(['translation_group_id', 'edition_id'])
    .unique()
    .execute();
  await db.schema.createIndex('articles_edition').on('articles').columns(['edition_id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('articles_edition').execute();
  await db.schema.dropIndex('articles_translation_group').execute();
  await db.schema.alterTable('sections').dropColumn('edition_id').execute();
  await db.schema.alterTable('articles').dropColumn('translation_group_id').execute();
  await db.schema.alterTable('articles').dropColumn('edition_id').execute();
  await db.schema.dropTable('editions').execute();
}
