import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: the knowledge layer's registry (src/knowledge). `entities` are the people,
 * organisations, places, events and topics stories are about; a merged entity stays as a row
 * pointing at the one it became (`merged_into`), so old links and history still resolve.
 * `entity_aliases` are the other names an entity goes by (transliterations, "the Kremlin"),
 * looked up by their normalised form. `article_entities` is what extraction suggested for a
 * story and what the newsroom decided: one row per story and `key` ("e:ID" for a registry
 * entity, "n:normalised name" for a name the registry does not know yet), so a rejected
 * suggestion is remembered and never comes back on that story. `entity_extraction_queue` holds
 * the stories saved since their last extraction (a job works it off, never the save itself).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  const ts = d.timestampType;
  await db.schema
    .createTable('entities')
    .addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c))
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('person','organisation','place','event','topic')`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('wikidata_qid', 'text')
    // JSON list of URLs naming the same thing elsewhere (schema.org sameAs).
    .addColumn('same_as', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('merged_into', 'integer', (c) => c.references('entities.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entities_name').on('entities').columns(['name']).execute();
  await db.schema
    .createTable('entity_aliases')
    .addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c))
    .addColumn('entity_id', 'integer', (c) => c.notNull().references('entities.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull())
    // Lowercase, accents folded, punctuation as spaces (knowledge/normalise.ts): the lookup key.
    .addColumn('normalised', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addUniqueConstraint('entity_aliases_unique', ['entity_id', 'normalised'])
    .execute();
  await db.schema
    .createIndex('entity_aliases_normalised')
    .on('entity_aliases')
    .columns(['normalised'])
    .execute();
  await db.schema
    .createTable('article_entities')
    .addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.references('entities.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('suggested','confirmed','rejected')`))
    .addColumn('mentions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_offset', 'integer')
    .addColumn('snippet', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('article_entities_unique', ['article_id', 'key'])
    .execute();
  // An entity's stories (topic pages, merges).
  await db.schema
    .createIndex('article_entities_entity')
    .on('article_entities')
    .columns(['entity_id', 'state'])
    .execute();
  // Stories whose suggestions are due (saved since their last extraction): the extraction job's queue.
  await db.schema
    .createTable('entity_extraction_queue')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('queued_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('entity_extraction_queue').execute();
  await db.schema.dropTable('article_entities').execute();
  await db.schema.dropTable('entity_aliases').execute();
  await db.schema.dropTable('entities').execute();
}
