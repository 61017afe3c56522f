import { authorInput } from '../../shared/inputs.js';
import { createAuthor, deleteAuthor, listAuthors, updateAuthor } from '../../content/index.js';
import type { Context } from '../../context.js';
import { authorize, idParams, type Router } from '../http.js';

/** Bylines: readable by every role, managed by editors and up (content/authors.ts). */
export function authorRoutes(r: Router, ctx: Context): void {
  r.add({
    method: 'GET',
    url: '/authors',
    tag: 'authors',
    summary: 'Bylines',
    handler: async () => ({ authors: (await listAuthors(ctx.db)).map(presentAuthor) }),
  });
  r.add({
    method: 'POST',
    url: '/authors',
    tag: 'authors',
    summary: 'Add a byline',
    body: authorInput,
    status: 201,
    handler: async ({ body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      return presentAuthor(await createAuthor(ctx.db, body, ctx.now()));
    },
  });
  r.add({
    method: 'DELETE',
    url: '/authors/:id',
    tag: 'authors',
    summary: 'Delete a byline that is on no story',
    params: idParams,
    status: 204,
    handler: async ({ params, actor }) => {
      authorize(actor, 'taxonomy.manage');
      await deleteAuthor(ctx.db, params.id);
    },
  });
  r.add({
    method: 'PATCH',
    url: '/authors/:id',
    tag: 'authors',
    summary: 'Edit a byline',
    params: idParams,
    body: authorInput.partial(),
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      return presentAuthor(await updateAuthor(ctx.db, params.id, body, ctx.now()));
    },
  });
}

function presentAuthor(a: {
  id: number;
  slug: string;
  name: string;
  bio: string;
  avatar_media_id: number | null;
}) {
  return { id: a.id, slug: a.slug, name: a.name, bio: a.bio, avatarMediaId: a.avatar_media_id };
}
