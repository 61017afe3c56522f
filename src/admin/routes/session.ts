import { z } from 'zod';
import {
  authenticate,
  completePasswordReset,
  confirmPassword,
  createPersonalToken,
  createSession,
  endSession,
  listPersonalTokens,
  passwordSchema,
  presentUser,
  revokePersonalToken,
  setPassword,
  signOutEverywhere,
} from '../../accounts/index.js';
import type { Context } from '../../context.js';
import { DomainError, notFound } from '../../errors.js';
import { singleLine } from '../../lib/text.js';
import { SESSION_COOKIE } from '../auth.js';
import { idParams, type Router } from '../http.js';

/** Sign-in, sign-out, own password and personal API tokens. */
export function sessionRoutes(r: Router, ctx: Context): void {
  const secure = ctx.config.site.url.startsWith('https:');

  r.add({
    method: 'POST',
    url: '/session',
    tag: 'session',
    summary: 'Sign in with email and password; sets the session cookie and returns the CSRF token',
    public: true,
    body: z.object({ email: singleLine().max(320), password: singleLine().max(1000) }),
    handler: async ({ body, req, reply }) => {
      const user = await authenticate(ctx.db, body.email, body.password, req.ip, ctx.now());
      const session = await createSession(
        ctx.db,
        user.id,
        {
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? '',
        },
        ctx.now(),
      );
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secure || req.protocol === 'https',
        expires: new Date(session.expiresAt),
      });
      return { user: presentUser(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  });

  r.add({
    method: 'GET',
    url: '/session',
    tag: 'session',
    summary: 'The signed-in user (and, for cookie sessions, the CSRF token)',
    handler: async ({ actor, req }) => {
      const hash = (req as { sessionHash?: string }).sessionHash;
      const row = hash
        ? await ctx.db
            .selectFrom('sessions')
            .select('csrf_token')
            .where('token_hash', '=', hash)
            .executeTakeFirst()
        : undefined;
      return { user: presentUser(actor.user), csrfToken: row?.csrf_token ?? null };
    },
  });

  r.add({
    method: 'DELETE',
    url: '/session',
    tag: 'session',
    summary: 'Sign out of this session',
    status: 204,
    handler: async ({ req, reply }) => {
      const hash = (req as { sessionHash?: string }).sessionHash;
      if (hash) await endSession(ctx.db, hash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  });

  r.add({
    method: 'POST',
    url: '/session/sign-out-everywhere',
    tag: 'session',
    summary: 'End every session of the signed-in user and revoke all their personal API tokens',
    handler: async ({ actor, reply }) => {
      const { ended, revokedTokens } = await signOutEverywhere(ctx.db, actor.id, ctx.now());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ended, revokedTokens };
    },
  });

  r.add({
    method: 'POST',
    url: '/password',
    tag: 'session',
    summary: 'Change your own password (ends all your sessions and revokes your API tokens)',
    body: z.object({ currentPassword: singleLine().max(1000), newPassword: passwordSchema }),
    status: 204,
    handler: async ({ actor, body, req, reply }) => {
      if (!(await confirmPassword(ctx.db, actor.user, body.currentPassword, req.ip, ctx.now()))) {
        throw wrongPassword();
      }
      await setPassword(ctx.db, actor.id, body.newPassword, ctx.now());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  });

  r.add({
    method: 'POST',
    url: '/password-reset',
    tag: 'session',
    summary: 'Set a new password with a one-time reset token (from `masthead user reset-password`)',
    public: true,
    body: z.object({ token: singleLine().min(10).max(200), newPassword: passwordSchema }),
    status: 204,
    handler: async ({ body }) => {
      await completePasswordReset(ctx.db, body.token, body.newPassword, ctx.now());
    },
  });

  r.add({
    method: 'GET',
    url: '/tokens',
    tag: 'tokens',
    summary: 'Your personal API tokens (never the secrets)',
    handler: async ({ actor }) => ({ tokens: await listPersonalTokens(ctx.db, actor.id) }),
  });

  r.add({
    method: 'POST',
    url: '/tokens',
    tag: 'tokens',
    summary:
      'Create a personal API token (asks for your current password; optional expiry in days); the secret is shown in this answer only',
    body: z.object({
      name: singleLine().trim().min(1).max(100),
      currentPassword: singleLine().max(1000),
      expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
    }),
    status: 201,
    handler: async ({ actor, body, req }) => {
      if (!(await confirmPassword(ctx.db, actor.user, body.currentPassword, req.ip, ctx.now()))) {
        throw wrongPassword();
      }
      const { token, view } = await createPersonalToken(ctx.db, actor.id, body, ctx.now());
      return { ...view, token };
    },
  });

  r.add({
    method: 'DELETE',
    url: '/tokens/:id',
    tag: 'tokens',
    summary: 'Revoke one of your tokens',
    params: idParams,
    status: 204,
    handler: async ({ actor, params }) => {
      if (!(await revokePersonalToken(ctx.db, actor.id, params.id, ctx.now()))) {
        throw notFound(`token ${params.id} not found`);
      }
    },
  });
}

function wrongPassword(): DomainError {
  return new DomainError(400, 'wrong_password', 'currentPassword: is not your current password', {
    details: [{ field: 'body.currentPassword', message: 'is not your current password' }],
  });
}
