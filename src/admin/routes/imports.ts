import type { Context } from '../../context.js';
import { notFound } from '../../errors.js';
import { importRun, listImportRuns } from '../../import/index.js';
import { authorize, idParams, type Router } from '../http.js';

/**
 * Archive import runs (`masthead import wordpress|ghost`), read-only: what each run brought in
 * and what it could not. Imports are an administrator's job (`settings.manage`).
 */
export function importRoutes(r: Router, ctx: Context): void {
  r.add({
    method: 'GET',
    url: '/imports',
    tag: 'imports',
    summary: 'Archive import runs, newest first, with their counts',
    handler: async ({ actor }) => {
      authorize(actor, 'settings.manage');
      return { runs: await listImportRuns(ctx.db) };
    },
  });

  r.add({
    method: 'GET',
    url: '/imports/:id',
    tag: 'imports',
    summary: 'One import run with its report: the items with problems and the missing files',
    params: idParams,
    handler: async ({ params, actor }) => {
      authorize(actor, 'settings.manage');
      const run = await importRun(ctx.db, params.id);
      if (!run) throw notFound('No such import run');
      return run;
    },
  });
}
