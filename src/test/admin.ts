import type { FastifyInstance, InjectOptions } from 'fastify';
import { createUser } from '../accounts/index.js';
import type { Context } from '../context.js';
import type { Role } from '../db/index.js';

export const PASSWORD = 'correct horse battery staple';
export const ORIGIN = 'https://news.example.com';

export interface Session {
  cookie: string;
  csrf: string;
  userId: number;
}

/** A user with the test password, created at the context's time. */
export function addTestUser(
  ctx: Context,
  user: { email: string; name: string; role: Role; authorId?: number | null },
) {
  return createUser(ctx.db, { ...user, password: PASSWORD }, ctx.now().toISOString());
}

/** One user per role, each with the same test password. */
export async function createRoleUsers(ctx: Context): Promise<Record<Role, number>> {
  const out = {} as Record<Role, number>;
  for (const role of ['owner', 'admin', 'editor', 'author', 'contributor'] as Role[]) {
    out[role] = (await addTestUser(ctx, { email: `${role}@example.com`, name: `The ${role}`, role })).id;
  }
  return out;
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/admin/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0] ?? '', csrf: res.json().csrfToken, userId: res.json().user.id };
}

/** A request as the admin app makes it: cookie, same-origin Origin header, CSRF token on writes. */
export function call(
  app: FastifyInstance,
  s: Session | null,
  method: InjectOptions['method'],
  url: string,
  payload?: unknown,
) {
  return app.inject({
    method,
    url: `/api/admin${url}`,
    headers: s ? { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': s.csrf } : { origin: ORIGIN },
    ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
  });
}

export { paragraphs as doc } from './documents.js';

/**
 * What the checks before publishing ask of a story (src/content/checks.ts): a lead image with
 * alt text, caption and credit, a dek and a byline. The byline is an author profile linked to
 * `userId` (made once), so a writer may set it on their own story.
 */
export async function completeStoryFields(ctx: Context, userId: number) {
  const at = ctx.now().toISOString();
  const user = await ctx.db
    .selectFrom('users')
    .select(['author_id', 'name'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  let authorId = user.author_id;
  if (authorId === null) {
    authorId = (
      await ctx.db
        .insertInto('authors')
        .values({
          slug: `byline-${userId}`,
          name: user.name,
          bio: '',
          avatar_media_id: null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await ctx.db.updateTable('users').set({ author_id: authorId }).where('id', '=', userId).execute();
  }
  const media = await ctx.db
    .insertInto('media')
    .values({
      file: `complete-${userId}.jpg`,
      mime_type: 'image/jpeg',
      width: 1600,
      height: 900,
      bytes: 1000,
      alt: 'The scene of the story',
      caption: 'The scene on Sunday.',
      credit: 'Photo: The Desk',
      file_photo: 0,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { dek: 'What happened, in one sentence.', leadMediaId: media.id, authorIds: [authorId] };
}
