import { can } from '../../accounts/index.js';
import { type Alert, alertInput, listAlerts, raiseAlert, withdrawAlert } from '../../content/index.js';
import type { Context } from '../../context.js';
import { authorize, editorOf, idParams, type Router } from '../http.js';

/**
 * Breaking-news alerts: list, raise, withdraw. Raising puts a banner on every public page at
 * once, so it is the desk's call (`alert.raise` in docs/permissions.md); everyone in the
 * newsroom may see the list. Every change is in the audit log.
 */
export function alertRoutes(r: Router, ctx: Context): void {
  const present = (a: Alert, now: string) => ({
    ...a,
    current: a.withdrawnAt === null && a.expiresAt > now && a.raisedAt <= now,
  });

  r.add({
    method: 'GET',
    url: '/alerts',
    tag: 'alerts',
    summary: 'Breaking-news alerts, newest first (withdrawn and expired ones too)',
    handler: async ({ actor }) => {
      const now = ctx.now().toISOString();
      return {
        alerts: (await listAlerts(ctx.db)).map((a) => present(a, now)),
        allowed: { raise: can(actor, 'alert.raise') },
      };
    },
  });

  r.add({
    method: 'POST',
    url: '/alerts',
    tag: 'alerts',
    summary: 'Raise an alert: a banner on every public page until it expires (at most 48 hours)',
    body: alertInput,
    status: 201,
    handler: async ({ body, actor }) => {
      authorize(actor, 'alert.raise');
      const editor = editorOf(ctx, actor);
      return present(await raiseAlert(ctx.db, body, editor), editor.now);
    },
  });

  r.add({
    method: 'POST',
    url: '/alerts/:id/withdraw',
    tag: 'alerts',
    summary: 'Take an alert down before it expires (kept on record)',
    params: idParams,
    handler: async ({ params, actor }) => {
      authorize(actor, 'alert.raise');
      const editor = editorOf(ctx, actor);
      return present(await withdrawAlert(ctx.db, params.id, editor), editor.now);
    },
  });
}
