import type { Db } from './adapter.js';

/**
 * The `settings` table: small named values every node shares (the preview signing key, the
 * newsroom's addresses, when the next mirror check is due, the demo marker). Values are text (JSON
 * where they have a shape); `updated_at` is also a row's version for conditional updates.
 */
export interface Setting {
  value: string;
  updatedAt: string;
}

export async function readSetting(db: Db, key: string): Promise<Setting | null> {
  const row = await db
    .selectFrom('settings')
    .select(['value', 'updated_at'])
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? { value: row.value, updatedAt: row.updated_at } : null;
}

/** Adds the setting unless it exists, safe when nodes race; true when this call added it. */
export async function addSettingIfAbsent(db: Db, key: string, value: string, at: string): Promise<boolean> {
  const done = await db
    .insertInto('settings')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(done.numInsertedOrUpdatedRows ?? 0) === 1;
}
