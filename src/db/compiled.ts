import type { Compilable, CompiledQuery } from 'kysely';
import { type Db, dialectOf } from './adapter.js';
import { directRead } from './sqlite.js';

type Value = string | number | null;
type Arg = Value | readonly Value[];

/**
 * A query built and compiled once per dialect and shape, then run with each call's values. The
 * pages read the same few queries thousands of times over; Kysely builds their operation trees
 * and compiles them to SQL on every call, about a tenth of an uncached page (docs/benchmarks.md).
 *
 * `build` is called with stand-ins for the values, never the real ones: it must put every
 * argument into the query as a value (`where(col, '=', x)`, `in`, `limit`) and must not branch
 * on it. A list argument may have any length: each length is a shape of its own, compiled once.
 * An argument that does not reach the query's parameters is a mistake, refused at its first use.
 * The statement then runs through Kysely's executor like any other (transactions, the SQLite
 * connection's lock and the statement cache in sqlite.ts all apply), except a read on SQLite
 * while no transaction is open, which runs the same prepared statement directly (`directRead`).
 */
export function compiledQuery<A extends Arg[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
): (db: Db, ...args: A) => Promise<R[]> {
  const shapes = new Map<string, { query: CompiledQuery<R>; slots: (readonly [number, number] | null)[] }>();
  return async (db, ...args) => {
    let key = dialectOf(db).name;
    for (const a of args) key += Array.isArray(a) ? `,${a.length}` : ',';
    let shape = shapes.get(key);
    if (!shape) {
      shape = compile(db, build, args);
      // Lists of many lengths (the static export's batches) would keep a shape each: past a few
      // dozen, the rest are compiled per call as before.
      if (shapes.size < MAX_SHAPES) shapes.set(key, shape);
    }
    const { query, slots } = shape;
    const parameters = query.parameters.map((v, i) => {
      const slot = slots[i];
      if (!slot) return v;
      const a = args[slot[0]];
      return Array.isArray(a) ? a[slot[1]] : a;
    });
    // SQLite outside a transaction: the prepared statement at once (sqlite.ts, directRead).
    const rows = directRead(db)?.(query.sql, parameters);
    if (rows) return rows as R[];
    const result = await db.executeQuery<R>({ ...query, parameters });
    return result.rows;
  };
}

const MAX_SHAPES = 64;

/** A stand-in no real value equals: argument `i`, element `j` of a list. */
const standIn = (i: number, j: number) => `\u0000masthead-arg:${i}:${j}\u0000`;

function compile<A extends Arg[], R>(db: Db, build: (db: Db, ...args: A) => Compilable<R>, args: A) {
  const stand = args.map((a, i) => (Array.isArray(a) ? a.map((_, j) => standIn(i, j)) : standIn(i, -1))) as A;
  const query = build(db, ...stand).compile() as CompiledQuery<R>;
  const where = new Map<string, readonly [number, number]>();
  args.forEach((a, i) => {
    if (!Array.isArray(a)) where.set(standIn(i, -1), [i, -1]);
    else for (let j = 0; j < a.length; j++) where.set(standIn(i, j), [i, j]);
  });
  const slots = query.parameters.map((v) => (typeof v === 'string' ? (where.get(v) ?? null) : null));
  const used = new Set(slots.filter((s) => s !== null).map((s) => standIn(s[0], s[1])));
  for (const name of where.keys())
    if (!used.has(name))
      throw new Error(`compiledQuery: an argument is not a value of the query (${query.sql})`);
  if (query.sql.includes('\u0000masthead-arg:'))
    throw new Error(`compiledQuery: an argument was written into the SQL text (${query.sql})`);
  return { query, slots };
}
