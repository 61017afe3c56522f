import { audit } from '../../accounts/index.js';
import type { Context } from '../../context.js';
import {
  type AddressInput,
  addressInput,
  changeAddresses,
  checkMirrorsOnce,
  MAX_ALTERNATES,
  MAX_APPS,
  type MirrorStatusRow,
  mirrorStatus,
  type ResetInput,
  resetInput,
} from '../../mirrors/index.js';
import { type AuthedActor, authorize, type Router } from '../http.js';

/** Alternate addresses and app links (newsroom settings), and the health of every address. */
export function mirrorAdminRoutes(r: Router, ctx: Context): void {
  const who = (actor: AuthedActor) => ({ id: actor.id, label: actor.user.email });

  /** The addresses in effect, where they come from, and the environment's for comparison. */
  const view = () => {
    const now = ctx.addresses.current();
    return {
      primary: ctx.config.site.url,
      alternates: now.alternates,
      apps: now.apps,
      /** The alternates that are one edition's: address → edition id (docs/editions.md). */
      editions: now.editions,
      onion: now.onion,
      source: now.source,
      updatedAt: now.updatedAt,
      environment: ctx.config.addresses,
      limits: { alternates: MAX_ALTERNATES, apps: MAX_APPS },
    };
  };

  /** Saves (or resets); every node and the CDN show the new addresses (mirrors/address-changes.ts). */
  const save = async (actor: AuthedActor, input: AddressInput | ResetInput) => {
    authorize(actor, 'settings.manage');
    // An AddressError is a DomainError: it leaves as a 400/409 through the API's error handler.
    await changeAddresses(ctx, input, who(actor));
    return view();
  };

  r.add({
    method: 'GET',
    url: '/addresses',
    tag: 'distribution',
    summary:
      'Alternate addresses and app links in effect, whether they are the newsroom’s or the environment’s defaults',
    handler: async ({ actor }) => {
      authorize(actor, 'settings.manage');
      return view();
    },
  });
  r.add({
    method: 'PUT',
    url: '/addresses',
    tag: 'distribution',
    summary:
      'Replace the alternate addresses and app links; in effect on every node at once (409 when `basedOn` is not the latest save)',
    body: addressInput,
    handler: ({ actor, body }) => save(actor, body),
  });
  r.add({
    method: 'POST',
    url: '/addresses/reset',
    tag: 'distribution',
    summary:
      'Drop the newsroom’s list and go back to the environment’s (SITE_ALTERNATE_URLS, SITE_APP_LINKS)',
    body: resetInput.omit({ useEnvironment: true }),
    handler: ({ actor, body }) => save(actor, { ...body, useEnvironment: true }),
  });

  r.add({
    method: 'GET',
    url: '/mirrors',
    tag: 'distribution',
    summary: 'Alternate addresses and their last health check (reachable / stale / unreachable)',
    handler: async ({ actor }) => {
      authorize(actor, 'settings.manage');
      return {
        mirrors: await mirrorStatus(ctx.db, ctx.config.site.url, ctx.addresses.current().alternates),
        // The servers' own timed check (0: off; MIRROR_CHECK_MINUTES).
        checkEveryMinutes: ctx.config.mirrorCheckMinutes,
      };
    },
  });
  r.add({
    method: 'POST',
    url: '/mirrors/check',
    tag: 'distribution',
    summary:
      'Check every address now (joins a check already running) and answer the new rows, as GET /mirrors',
    handler: async ({ actor }) => {
      authorize(actor, 'settings.manage');
      const rows = await checkMirrorsOnce(ctx);
      const count = (status: MirrorStatusRow['status']) => rows.filter((m) => m.status === status).length;
      await audit(
        ctx.db,
        {
          actor: who(actor),
          action: 'mirrors.check',
          subject: { type: 'mirrors', id: ctx.config.site.url },
          details: {
            addresses: rows.length,
            reachable: count('reachable'),
            stale: count('stale'),
            unreachable: count('unreachable'),
            skipped: count('skipped'),
            unknown: count('unknown'),
          },
        },
        ctx.now().toISOString(),
      );
      return { mirrors: rows };
    },
  });
}
