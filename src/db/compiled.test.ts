import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { compiledQuery } from './compiled.js';

describe.each(testDialects())('compiledQuery on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv(dialect);
    const now = env.ctx.now().toISOString();
    await env.ctx.db
      .insertInto('tags')
      .values(['alpha', 'beta', 'gamma'].map((slug) => ({ slug, name: slug.toUpperCase(), created_at: now })))
      .execute();
  });
  afterAll(async () => {
    await env?.close();
  });

  const bySlugs = compiledQuery((db, slugs: readonly string[], limit: number) =>
    db.selectFrom('tags').select(['slug', 'name']).where('slug', 'in', slugs).orderBy('slug').limit(limit),
  );

  it('answers as the query built anew does, for each call’s values and each list length', async () => {
    const built = (slugs: string[], limit: number) =>
      env.ctx.db
        .selectFrom('tags')
        .select(['slug', 'name'])
        .where('slug', 'in', slugs)
        .orderBy('slug')
        .limit(limit)
        .execute();
    for (const [slugs, limit] of [
      [['alpha'], 5],
      [['beta'], 5],
      [['gamma', 'alpha'], 5],
      [['gamma', 'alpha', 'beta'], 2],
      [['nothing', "it's"], 5],
    ] as const) {
      expect(await bySlugs(env.ctx.db, slugs, limit)).toEqual(await built([...slugs], limit));
    }
    expect((await bySlugs(env.ctx.db, ['gamma', 'beta'], 1)).map((t) => t.slug)).toEqual(['beta']);
  });

  it('writes a whole-number LIMIT into SQLite’s statement and keeps OFFSET a parameter', async () => {
    // A bound LIMIT makes SQLite prepare the kept statement again on every run (sqlite.ts).
    const query = env.ctx.db.selectFrom('tags').select('slug').orderBy('slug').limit(2).offset(1);
    const { sql, parameters } = query.compile();
    if (dialect === 'sqlite') {
      expect(sql).toMatch(/ limit 2 offset \?$/);
      expect(parameters).toEqual([1]);
    } else {
      expect(sql).toMatch(/ limit \$1 offset \$2$/);
    }
    expect((await query.execute()).map((t) => t.slug)).toEqual(['beta', 'gamma']);
    // Not a whole number: stays a parameter, and SQLite refuses it as before.
    expect(env.ctx.db.selectFrom('tags').select('slug').limit(1.5).compile().sql).toMatch(/limit (\?|\$1)$/);
  });

  it('runs inside a transaction, seeing its writes', async () => {
    await env.ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('tags').set({ name: 'Changed' }).where('slug', '=', 'alpha').execute();
      expect(await bySlugs(tx, ['alpha'], 1)).toEqual([{ slug: 'alpha', name: 'Changed' }]);
    });
  });

  it('never reads what another caller’s open transaction has not committed', async () => {
    // SQLite reads outside a transaction skip the executor (sqlite.ts, directRead): while a
    // transaction is open they must still wait for it, as every read through the executor does.
    let inside!: () => void;
    const written = new Promise<void>((resolve) => {
      inside = resolve;
    });
    let end!: () => void;
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    const tx = env.ctx.db.transaction().execute(async (t) => {
      await t.updateTable('tags').set({ name: 'Rolled back' }).where('slug', '=', 'beta').execute();
      inside();
      await ended;
      throw new Error('roll back');
    });
    await written;
    const read = bySlugs(env.ctx.db, ['beta'], 1);
    end();
    await expect(tx).rejects.toThrow('roll back');
    // Read once the transaction is over (SQLite: it waited for the one connection), or on
    // another connection (PostgreSQL): never the row it wrote and took back.
    expect(await read).toEqual([{ slug: 'beta', name: 'BETA' }]);
  });

  it('refuses an argument that is not a value of the query', async () => {
    const wrong = compiledQuery((db, column: string) =>
      db
        .selectFrom('tags')
        .select('slug')
        .where('slug', '=', 'alpha')
        .$if(column === 'x', (q) => q),
    );
    await expect(wrong(env.ctx.db, 'x')).rejects.toThrow(/not a value/);
  });
});
