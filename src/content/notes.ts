import { z } from 'zod';
import type { ArticleNoteRow, Db } from '../db/index.js';
import { multiLine } from '../lib/text.js';

/**
 * Notes between writer and editor: "over to you, the quotes are checked" with Submit for review,
 * the reason with Return to draft, and anything said in between. They belong to the newsroom
 * only: no public page, feed, Content API, export or search reads this table.
 */
export const NOTE_MAX_CHARS = 2000;

/** A note as typed: prose over several lines, trimmed, never empty, at most NOTE_MAX_CHARS. */
export function noteText() {
  return multiLine()
    .trim()
    .min(1, 'must not be empty')
    .max(NOTE_MAX_CHARS, `must be at most ${NOTE_MAX_CHARS} characters`);
}

export type NoteTransition = 'submit' | 'return';

export interface Note {
  id: number;
  articleId: number;
  text: string;
  transition: NoteTransition | null;
  createdAt: string;
  author: { id: number | null; name: string };
}

function present(row: ArticleNoteRow, names: Map<number, string>): Note {
  return {
    id: row.id,
    articleId: row.article_id,
    text: row.body,
    transition: row.transition,
    createdAt: new Date(row.created_at).toISOString(),
    author: {
      id: row.user_id,
      name:
        row.author_label ??
        (row.user_id === null ? 'Former colleague' : (names.get(row.user_id) ?? 'Former colleague')),
    },
  };
}

async function namesOf(db: Db, rows: ArticleNoteRow[]): Promise<Map<number, string>> {
  const ids = [...new Set(rows.map((r) => r.user_id).filter((id): id is number => id !== null))];
  if (!ids.length) return new Map();
  const users = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(users.map((u) => [u.id, u.name]));
}

/**
 * Write a note (inside the caller's transaction when it moves the story too, so a refused move
 * leaves no note behind). `text` must already have passed noteText().
 */
export async function addNote(
  db: Db,
  input: {
    articleId: number;
    /** The writer; null for a note the system writes (then `authorLabel` names it). */
    userId: number | null;
    authorLabel?: string;
    text: string;
    transition?: NoteTransition | null;
    now: string;
  },
): Promise<Note> {
  const text = noteText().parse(input.text);
  const row = await db
    .insertInto('article_notes')
    .values({
      article_id: input.articleId,
      user_id: input.userId,
      body: text,
      transition: input.transition ?? null,
      created_at: input.now,
      author_label: input.authorLabel ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return present(row, await namesOf(db, [row]));
}

/** A story's thread, oldest first (it reads as a conversation). */
export async function listNotes(db: Db, articleId: number): Promise<Note[]> {
  const rows = await db
    .selectFrom('article_notes')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('id', 'asc')
    .limit(500)
    .execute();
  const names = await namesOf(db, rows);
  return rows.map((r) => present(r, names));
}

/** The newest note of each story (the desk shows it under the headline); one query per page. */
export async function latestNotes(db: Db, articleIds: readonly number[]): Promise<Map<number, Note>> {
  if (!articleIds.length) return new Map();
  const rows = await db
    .selectFrom('article_notes')
    .selectAll()
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('article_notes')
        .select((s) => s.fn.max('id').as('id'))
        .where('article_id', 'in', [...articleIds])
        .groupBy('article_id'),
    )
    .execute();
  const names = await namesOf(db, rows);
  return new Map(rows.map((r) => [r.article_id, present(r, names)]));
}

export const noteBody = z.object({ text: noteText() });
