import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolvePersonalToken, resolveSession } from '../accounts/index.js';
import type { Context } from '../context.js';
import type { UserRow } from '../db/index.js';
import { forbidden, unauthenticated } from '../errors.js';
import type { AuthedActor } from './http.js';

export const SESSION_COOKIE = 'masthead_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function actorOf(user: UserRow, via: AuthedActor['via']): AuthedActor {
  return { id: user.id, role: user.role, user, via, label: `user:${user.id}` };
}

/** The request's own origin and the site's primary one; cross-site writes come from neither. */
function allowedOrigins(ctx: Context, req: FastifyRequest): Set<string> {
  return new Set([new URL(ctx.config.site.url).origin, `${req.protocol}://${req.host}`]);
}

/**
 * Cookie-authenticated writes must come from our own pages: the Origin (or Referer) must be
 * ours, and the `X-CSRF-Token` header must carry the session's token, which a cross-site page
 * cannot read. Bearer-token requests are not sent by browsers on their own, so need neither.
 */
export function checkOrigin(ctx: Context, req: FastifyRequest): void {
  const origin = req.headers.origin ?? refererOrigin(req.headers.referer);
  if (!origin || !allowedOrigins(ctx, req).has(origin)) {
    throw forbidden('cross-site request refused', 'bad_origin');
  }
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/** onRequest hook for /api/admin: who is asking, refused with 401/403 before any handler runs. */
export function authenticateRequest(ctx: Context) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const isPublic = (req.routeOptions.config as { public?: boolean } | undefined)?.public === true;
    const auth = req.headers.authorization;
    if (auth) {
      const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
      const user = token ? await resolvePersonalToken(ctx.db, token, ctx.now()) : null;
      if (!user) throw unauthenticated('invalid or revoked API token');
      (req as FastifyRequest & { actor?: AuthedActor }).actor = actorOf(user, 'token');
      return;
    }
    const cookie = req.cookies?.[SESSION_COOKIE];
    const session = cookie ? await resolveSession(ctx.db, cookie, ctx.now()) : null;
    if (session) {
      (req as FastifyRequest & { actor?: AuthedActor; sessionHash?: string }).actor = actorOf(
        session.user,
        'session',
      );
      (req as FastifyRequest & { sessionHash?: string }).sessionHash = session.tokenHash;
    }
    if (isPublic) {
      // Sign-in from a script sends no Origin; a browser on another site would send its own.
      if (UNSAFE.has(req.method) && req.headers.origin) checkOrigin(ctx, req);
      return;
    }
    if (!session) throw unauthenticated('sign in first');
    if (UNSAFE.has(req.method)) {
      checkOrigin(ctx, req);
      if (req.headers['x-csrf-token'] !== session.csrfToken) {
        throw forbidden('missing or wrong X-CSRF-Token header', 'bad_csrf_token');
      }
    }
  };
}
