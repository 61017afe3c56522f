import { type RawBuilder, sql } from 'kysely';
import type { Dialect } from './adapter.js';

/**
 * `column` contains `text`, ignoring case, with `%`, `_` and `\` in the text matched as
 * themselves. The ESCAPE is named because SQLite's LIKE has no escape character unless told
 * (PostgreSQL's default is a backslash), so "50%" would otherwise match "500".
 */
export function containsText(dialect: Dialect, column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return sql<boolean>`${sql.ref(column)} ${sql.raw(dialect.ilike)} ${pattern} ESCAPE '\\'`;
}
