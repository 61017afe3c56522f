import type { Context } from '../../context.js';
import {
  flaggedStories,
  getItem,
  listQuarantine,
  listQueue,
  listSources,
  quarantineQuery,
  queueQuery,
  storyWireLink,
  useInput,
  useItem,
} from '../../ingest/index.js';
import { authorize, editorOf, idParams, type Router } from '../http.js';
import { readableStory } from './story-access.js';

/**
 * The ingest desk (src/ingest/desk.ts): the wire queue and its filters, one item, the
 * quarantine, "use" (a draft from an item), and which stories the agencies have since updated or
 * killed. Agency text is returned as data; the app shows it as text, never as markup.
 */
export function ingestRoutes(r: Router, ctx: Context): void {
  r.add({
    method: 'GET',
    url: '/ingest/items',
    tag: 'ingest',
    summary: 'The wire queue, newest first: filter by source, priority (at most), subject code, text',
    query: queueQuery,
    handler: async ({ query, actor }) => {
      authorize(actor, 'ingest.use');
      return listQueue(ctx.db, query);
    },
  });

  r.add({
    method: 'GET',
    url: '/ingest/items/:id',
    tag: 'ingest',
    summary: 'One queued item in full: body, rights, versions, the stories built from it',
    params: idParams,
    handler: async ({ params, actor }) => {
      authorize(actor, 'ingest.use');
      return getItem(ctx.db, params.id);
    },
  });

  r.add({
    method: 'POST',
    url: '/ingest/items/:id/use',
    tag: 'ingest',
    summary: 'Make a draft from the item (its byline, rights, embargo and a link back kept)',
    params: idParams,
    body: useInput,
    status: 201,
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'ingest.use');
      authorize(actor, 'article.create');
      return useItem(ctx.db, params.id, body, editorOf(ctx, actor));
    },
  });

  r.add({
    method: 'GET',
    url: '/ingest/quarantine',
    tag: 'ingest',
    summary: 'Refused arrivals, newest first, with the reason',
    query: quarantineQuery,
    handler: async ({ query, actor }) => {
      authorize(actor, 'ingest.use');
      return listQuarantine(ctx.db, query);
    },
  });

  r.add({
    method: 'GET',
    url: '/ingest/flagged',
    tag: 'ingest',
    summary: 'Stories whose agency item has since been updated or killed',
    handler: async ({ actor }) => {
      authorize(actor, 'ingest.use');
      return { stories: await flaggedStories(ctx.db) };
    },
  });

  r.add({
    method: 'GET',
    url: '/ingest/sources',
    tag: 'ingest',
    summary: 'The agencies copy comes from (secrets masked)',
    handler: async ({ actor }) => {
      authorize(actor, 'ingest.use');
      return { sources: await listSources(ctx.db) };
    },
  });

  r.add({
    method: 'GET',
    url: '/articles/:id/wire',
    tag: 'ingest',
    summary:
      'The agency item a story was built from (null if none): source, rights, embargo, update/kill flag',
    params: idParams,
    handler: async ({ params, actor }) => {
      await readableStory(ctx.db, actor, params.id);
      return { wire: await storyWireLink(ctx.db, params.id) };
    },
  });
}
