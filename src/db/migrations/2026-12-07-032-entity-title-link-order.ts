import type { Kysely } from 'kysely';

/**
 * Frozen: a person's current title or role in the registry (src/knowledge): "Foreign Minister",
 * "Chief Executive of Aramco". The check before publishing compares the titles a story gives
 * a person with it. Empty for everyone else and for people whose title nobody recorded.
 *
 * And an entity's story links in id order: related stories read each entity's newest confirmed
 * links (`ORDER BY id DESC LIMIT 200`). SQLite's (entity_id, state) index already ends in the
 * rowid; PostgreSQL's does not, and sorted all 88,000 links of a common entity for each read
 * (83 ms median on 200,000 stories). The new index replaces the old one (it starts with it).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('entities')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('article_entities_entity_order')
    .on('article_entities')
    .columns(['entity_id', 'state', 'id'])
    .execute();
  await db.schema.dropIndex('article_entities_entity').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('article_entities_entity')
    .on('article_entities')
    .columns(['entity_id', 'state'])
    .execute();
  await db.schema.dropIndex('article_entities_entity_order').execute();
  await db.schema.alterTable('entities').dropColumn('title').execute();
}
