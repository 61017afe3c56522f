import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { COPIED, isInternalTable, SKIPPED } from './tables.js';

describe.each(testDialects())('what a backup holds, on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv(dialect);
  });
  afterAll(() => env?.close());

  it('names every table of the schema: copied (with its key columns) or skipped with a reason', async () => {
    const tables = await env.ctx.db.introspection.getTables();
    const names = tables.map((t) => t.name).filter((n) => !isInternalTable(n));
    const unlisted = names.filter((n) => !COPIED.some((c) => c.name === n) && !(n in SKIPPED));
    expect(unlisted, 'add new tables to src/backup/tables.ts').toEqual([]);
    for (const table of COPIED) {
      const columns = tables.find((t) => t.name === table.name)?.columns.map((c) => c.name);
      expect(columns, table.name).toBeDefined();
      for (const key of [...table.key, ...(table.selfReference ? [table.selfReference] : [])]) {
        expect(columns, `${table.name}.${key}`).toContain(key);
      }
    }
  });
});
