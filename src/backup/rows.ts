import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { CopiedTable } from './tables.js';

export type Row = Record<string, unknown>;

/**
 * A table's rows in key order, a page at a time (keyset: each page starts after the last key
 * seen), so a table of any size is read in flat memory, with the same SQL on both databases.
 */
export async function* tableRows(db: Db, table: CopiedTable, pageSize = 500): AsyncGenerator<Row[]> {
  let after: Row | null = null;
  const order = sql.join(table.key.map((c) => sql.ref(c)));
  for (;;) {
    const where: ReturnType<typeof sql> = after ? sql`WHERE ${keyAfter(table.key, after)}` : sql``;
    const { rows }: { rows: Row[] } = await sql<Row>`SELECT * FROM ${sql.table(table.name)} ${where}
      ORDER BY ${order} LIMIT ${pageSize}`.execute(db);
    if (!rows.length) return;
    yield rows;
    after = rows[rows.length - 1] as Row;
    if (rows.length < pageSize) return;
  }
}

/** (a, b) > (x, y) spelled out, which both databases plan as a range scan of the key. */
function keyAfter(key: readonly string[], after: Row) {
  const alternatives = key.map((column, i) =>
    sql.join(
      [
        ...key.slice(0, i).map((prev) => sql`${sql.ref(prev)} = ${after[prev]}`),
        sql`${sql.ref(column)} > ${after[column]}`,
      ],
      sql` AND `,
    ),
  );
  return sql.join(
    alternatives.map((a) => sql`(${a})`),
    sql` OR `,
  );
}

/** One line of a table entry. Values are strings, numbers or null on both databases. */
export function rowLine(table: string, row: Row): string {
  for (const [column, value] of Object.entries(row)) {
    if (value !== null && typeof value === 'object') {
      throw new Error(
        `${table}.${column} holds a value a backup cannot carry (${Object.prototype.toString.call(value)})`,
      );
    }
  }
  return `${JSON.stringify(row)}\n`;
}
