import type { HostScopes } from '../cache/index.js';
import type { Context } from '../context.js';
import { type Edition, editionOfHost } from './model.js';
import { EDITIONS_MEMO, editionsOf } from './store.js';

/**
 * Which editions a host name is for, as the host gate and the page cache's key ask it: an
 * edition's own host and its own alternate addresses are served (no restart: the list is the
 * cached editions table, read again after any announced change), and their pages are cached
 * apart from the site's under the edition's code. Every address of one edition shares one
 * copy (links are root-relative). Other hosts, the primary and the site's alternates among
 * them, get the site's copies as before (scope '').
 */
export function editionHostScopes(ctx: Pick<Context, 'db' | 'config' | 'cache' | 'addresses'>): HostScopes {
  const scopeIn = (editions: readonly Edition[], host: string | null) => {
    const ed = host === null ? undefined : editionOfHost(editions, host);
    return ed ? `@${ed.code}` : '';
  };
  // The list last read, for a copy shown while the database is away (`last`).
  let last: readonly Edition[] = [];
  return {
    now(host) {
      const editions = ctx.cache.pages.peek<Edition[]>(EDITIONS_MEMO);
      if (editions) last = editions;
      return editions ? scopeIn(editions, host) : undefined;
    },
    async of(host) {
      last = await editionsOf(ctx);
      return scopeIn(last, host);
    },
    last: (host) => scopeIn(last, host),
  };
}
