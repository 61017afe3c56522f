import { type Db, inTransaction } from '../db/index.js';
import { starterGazetteer } from './gazetteer.js';
import { addAliases, createEntity } from './registry.js';

/**
 * `masthead entities seed`: puts the starter gazetteer (countries with their names in many
 * languages, capitals, regions, common organisations) into the registry. Idempotent: an entity
 * of the same type and name is found and only given the aliases it lacks, so a newsroom's own
 * edits (descriptions, merges) survive a second run. One transaction: all or nothing.
 */
export async function seedGazetteer(db: Db, now: string): Promise<{ created: number; updated: number }> {
  const seed = starterGazetteer();
  return inTransaction(db, async (tx) => {
    const existing = new Map(
      (
        await tx
          .selectFrom('entities')
          .select(['id', 'type', 'name'])
          .where('merged_into', 'is', null)
          .execute()
      ).map((e) => [`${e.type}:${e.name}`, e.id]),
    );
    let created = 0;
    let updated = 0;
    for (const entry of seed) {
      const id = existing.get(`${entry.type}:${entry.name}`);
      if (id !== undefined) {
        await addAliases(tx, id, entry.aliases);
        updated++;
        continue;
      }
      const entity = await createEntity(
        tx,
        { type: entry.type, name: entry.name, description: entry.description, aliases: entry.aliases },
        now,
      );
      existing.set(`${entry.type}:${entry.name}`, entity.id);
      created++;
    }
    return { created, updated };
  });
}
