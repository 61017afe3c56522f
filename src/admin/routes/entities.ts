import { z } from 'zod';
import type { Context } from '../../context.js';
import {
  createEntity,
  decideSuggestion,
  entityHistory,
  extractionPending,
  getEntity,
  linkSuggestion,
  listEntities,
  mergeEntities,
  reopenSuggestion,
  splitEntity,
  storyEntities,
  updateEntity,
} from '../../knowledge/index.js';
import { rowIdParam } from '../../lib/ids.js';
import { singleLine } from '../../lib/text.js';
import {
  ENTITY_TYPES,
  entityInput,
  entityMerge,
  entityPatch,
  entitySplit,
  suggestionLink,
} from '../../shared/entities.js';
import { type AuthedActor, authorize, idParams, type Router } from '../http.js';
import { readableStory, storyFor } from './story-access.js';

const linkParams = z.object({ id: rowIdParam, linkId: rowIdParam });

/**
 * The entity registry (editors and up manage it: `taxonomy.manage`, like tags) and a story's
 * suggestions (whoever may edit the story decides them: `article.update`). docs/knowledge.md.
 */
export function entityRoutes(r: Router, ctx: Context): void {
  const now = () => ctx.now().toISOString();
  const who = (actor: AuthedActor) => ({ id: actor.id, label: actor.user.email });

  r.add({
    method: 'GET',
    url: '/entities',
    tag: 'entities',
    summary: 'Entities of the registry by name; `q` matches the start of a name or alias, in any script',
    query: z.object({
      q: singleLine().trim().max(100).optional(),
      type: z.enum(ENTITY_TYPES).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).max(100_000).default(0),
    }),
    handler: async ({ query }) => ({ entities: await listEntities(ctx.db, query) }),
  });
  r.add({
    method: 'GET',
    url: '/entities/:id',
    tag: 'entities',
    summary: 'One entity with its aliases (a merged one names the entity it became in `mergedInto`)',
    params: idParams,
    handler: async ({ params }) => getEntity(ctx.db, params.id),
  });
  r.add({
    method: 'POST',
    url: '/entities',
    tag: 'entities',
    summary: 'Add an entity to the registry',
    body: entityInput,
    status: 201,
    handler: async ({ body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      return createEntity(ctx.db, body, now());
    },
  });
  r.add({
    method: 'PATCH',
    url: '/entities/:id',
    tag: 'entities',
    summary: 'Change an entity; `aliases`, when sent, replaces the list',
    params: idParams,
    body: entityPatch,
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      return updateEntity(ctx.db, params.id, body, now());
    },
  });
  r.add({
    method: 'POST',
    url: '/entities/:id/merge',
    tag: 'entities',
    summary: 'Merge this entity into another: aliases and story links move; this one stays as a pointer',
    params: idParams,
    body: entityMerge,
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      return mergeEntities(ctx.db, params.id, body.into, now(), who(actor));
    },
  });
  r.add({
    method: 'POST',
    url: '/entities/:id/split',
    tag: 'entities',
    summary:
      'Split off a new entity: the aliases and story links named move to it (the reverse of a merge, kept in both histories)',
    params: idParams,
    body: entitySplit,
    status: 201,
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      return splitEntity(ctx.db, params.id, body, now(), who(actor));
    },
  });
  r.add({
    method: 'GET',
    url: '/entities/:id/history',
    tag: 'entities',
    summary: 'An entity’s merges and splits, oldest first: who, when, what moved',
    params: idParams,
    handler: async ({ params }) => ({ history: await entityHistory(ctx.db, params.id) }),
  });

  r.add({
    method: 'GET',
    url: '/articles/:id/entities',
    tag: 'entities',
    summary:
      'A story’s confirmed and suggested entities; `rejected=true` adds the rejected ones; `extracting` while the story waits for extraction',
    params: idParams,
    query: z.object({ rejected: z.enum(['true', 'false']).default('false') }),
    handler: async ({ params, query, actor }) => {
      const story = await readableStory(ctx.db, actor, params.id);
      return {
        entities: await storyEntities(ctx.db, story.id, { rejected: query.rejected === 'true' }),
        extracting: await extractionPending(ctx.db, story.id),
      };
    },
  });
  for (const state of ['confirmed', 'rejected'] as const) {
    r.add({
      method: 'POST',
      url: `/articles/:id/entities/:linkId/${state === 'confirmed' ? 'confirm' : 'reject'}`,
      tag: 'entities',
      summary:
        state === 'confirmed'
          ? 'Confirm a suggestion (a name the registry does not know is added to it)'
          : 'Reject a suggestion: it stays rejected on this story, whatever later extractions find',
      params: linkParams,
      handler: async ({ params, actor }) => {
        await storyFor(ctx.db, actor, params.id, 'article.update');
        return decideSuggestion(ctx.db, params.id, params.linkId, { state, by: actor.label, now: now() });
      },
    });
  }
  r.add({
    method: 'POST',
    url: '/articles/:id/entities/:linkId/reopen',
    tag: 'entities',
    summary: 'Take a confirmation or rejection back: the link is a suggestion again',
    params: linkParams,
    handler: async ({ params, actor }) => {
      await storyFor(ctx.db, actor, params.id, 'article.update');
      return reopenSuggestion(ctx.db, params.id, params.linkId, now());
    },
  });
  r.add({
    method: 'POST',
    url: '/articles/:id/entities/:linkId/link',
    tag: 'entities',
    summary: 'Link a suggestion to an existing entity (confirmed; the name found becomes an alias)',
    params: linkParams,
    body: suggestionLink,
    handler: async ({ params, body, actor }) => {
      await storyFor(ctx.db, actor, params.id, 'article.update');
      return linkSuggestion(ctx.db, params.id, params.linkId, body.entityId, { by: actor.label, now: now() });
    },
  });
}
