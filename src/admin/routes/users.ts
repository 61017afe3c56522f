import { z } from 'zod';
import {
  audit,
  canAssignRole,
  createUser,
  listAudit,
  listUsers,
  newUserSchema,
  presentUser,
  roleSchema,
  updateUser,
  userById,
} from '../../accounts/index.js';
import type { Context } from '../../context.js';
import { forbidden, notFound } from '../../errors.js';
import { MAX_ROW_ID } from '../../lib/ids.js';
import { singleLine } from '../../lib/text.js';
import { authorize, idParams, type Router } from '../http.js';

/** Users (admins and owners) and the audit log. */
export function userRoutes(r: Router, ctx: Context): void {
  r.add({
    method: 'GET',
    url: '/users',
    tag: 'users',
    summary: 'Every user of the newsroom',
    handler: async ({ actor }) => {
      authorize(actor, 'user.manage');
      return { users: (await listUsers(ctx.db)).map(presentUser) };
    },
  });

  r.add({
    method: 'POST',
    url: '/users',
    tag: 'users',
    summary: 'Create a user with a role (only an owner creates owners)',
    body: newUserSchema,
    status: 201,
    handler: async ({ body, actor }) => {
      authorize(actor, 'user.manage');
      if (!canAssignRole(actor, body.role)) throw forbidden('only an owner can make owners');
      const user = await createUser(ctx.db, body, ctx.now().toISOString());
      await audit(
        ctx.db,
        {
          actor: { id: actor.id, label: actor.user.email },
          action: 'user.create',
          subject: { type: 'user', id: user.id },
          details: { email: user.email, role: user.role },
        },
        ctx.now().toISOString(),
      );
      return presentUser(user);
    },
  });

  r.add({
    method: 'PATCH',
    url: '/users/:id',
    tag: 'users',
    summary: "Change a user's name, role, byline or access; role and access changes end their sessions",
    params: idParams,
    body: z.object({
      name: singleLine().trim().min(1).max(200).optional(),
      role: roleSchema.optional(),
      active: z.boolean().optional(),
      authorId: z.number().int().positive().max(MAX_ROW_ID).nullable().optional(),
    }),
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'user.manage');
      const user = await userById(ctx.db, params.id);
      if (!user) throw notFound(`user ${params.id} not found`);
      // Admins manage everyone but owners; an owner's role and access are the owners' business.
      if (user.role === 'owner' && actor.role !== 'owner')
        throw forbidden('only an owner can change an owner');
      if (body.role && !canAssignRole(actor, body.role)) throw forbidden('only an owner can make owners');
      if (user.id === actor.id && (body.role || body.active === false)) {
        throw forbidden('you cannot change your own role or access; ask another admin');
      }
      const updated = await updateUser(
        ctx.db,
        user,
        body,
        { id: actor.id, label: actor.user.email },
        ctx.now(),
      );
      return presentUser(updated);
    },
  });

  r.add({
    method: 'GET',
    url: '/audit',
    tag: 'audit',
    summary: 'The audit log, newest first (admins)',
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      before: z.coerce.number().int().positive().max(MAX_ROW_ID).optional(),
    }),
    handler: async ({ query, actor }) => {
      authorize(actor, 'audit.read');
      return { entries: await listAudit(ctx.db, { limit: query.limit, beforeId: query.before }) };
    },
  });
}
