import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './sqlite.js';

describe('kept statements', () => {
  const opened: SQLite.Database[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });

  function statements(limit: number) {
    const sqlite = new SQLite(':memory:');
    opened.push(sqlite);
    sqlite.exec('create table t (id integer primary key, v text)');
    return withStatementCache(sqlite, limit);
  }

  it('keeps a statement in use while a walk through many others passes by', () => {
    const kept = statements(10);
    const hot = kept.prepare('select v from t where id = ?');
    // Forty statements that differ only in their literal LIMIT, the hot one used between them:
    // it is never the least recently used, so it is never dropped and never prepared again.
    for (let n = 1; n <= 40; n++) {
      kept.prepare(`select v from t limit ${n}`);
      expect(kept.prepare('select v from t where id = ?')).toBe(hot);
    }
  });

  it('drops the least recently used statement once full', () => {
    const kept = statements(3);
    const a = kept.prepare('select 1');
    const b = kept.prepare('select 2');
    kept.prepare('select 3');
    expect(kept.prepare('select 1')).toBe(a); // now the most recent; `select 2` is the oldest
    kept.prepare('select 4');
    expect(kept.prepare('select 1')).toBe(a);
    expect(kept.prepare('select 2')).not.toBe(b);
  });
});
