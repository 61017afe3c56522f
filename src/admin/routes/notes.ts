import { addNote, listNotes, noteBody } from '../../content/index.js';
import type { Context } from '../../context.js';
import { invalidInput } from '../../errors.js';
import { authorize, idParams, type Router } from '../http.js';
import { readableStory } from './story-access.js';

/**
 * The note thread of a story: whoever may read the story in the newsroom reads its notes and
 * may add one (`article.note`). Notes are never public (see src/content/notes.ts).
 */
export function noteRoutes(r: Router, ctx: Context): void {
  r.add({
    method: 'GET',
    url: '/articles/:id/notes',
    tag: 'notes',
    summary: "The story's notes between writer and editor, oldest first (never public)",
    params: idParams,
    handler: async ({ params, actor }) => {
      await readableStory(ctx.db, actor, params.id);
      return { notes: await listNotes(ctx.db, params.id) };
    },
  });

  r.add({
    method: 'POST',
    url: '/articles/:id/notes',
    tag: 'notes',
    summary: 'Add a note to the story (multi-line text, at most 2000 characters)',
    params: idParams,
    body: noteBody,
    status: 201,
    handler: async ({ params, body, actor }) => {
      const row = await readableStory(ctx.db, actor, params.id);
      authorize(actor, 'article.note', { ownerId: row.created_by, status: row.status });
      return addNote(ctx.db, {
        articleId: row.id,
        userId: actor.id,
        text: body.text,
        now: ctx.now().toISOString(),
      });
    },
  });
}

/**
 * The `note` of a transition (POST …/transitions): a note to the editor with `submit`, the reason
 * with `return` — required there, as a desk sends nothing back without saying why. Other moves
 * take no note. Called before the move, so a refused note changes nothing.
 */
export function checkTransitionNote(action: string, note: string | undefined): void {
  if (action === 'return' && !note)
    throw invalidInput('note: give the reason for returning the story to draft');
  if (note && action !== 'submit' && action !== 'return')
    throw invalidInput(`note: only submit and return take a note, not ${action}`);
}
