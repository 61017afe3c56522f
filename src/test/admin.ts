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

/** One user per role, each with the same test password. */
export async function createRoleUsers(ctx: Context): Promise<Record<Role, number>> {
  const out = {} as Record<Role, number>;
  for (const role of ['owner', 'admin', 'editor', 'author', 'contributor'] as Role[]) {
    out[role] = (
      await createUser(ctx.db, {
        email: `${role}@example.com`,
        name: `The ${role}`,
        password: PASSWORD,
        role,
      })
    ).id;
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

export function doc(...texts: string[]) {
  return {
    type: 'doc',
    content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  };
}
