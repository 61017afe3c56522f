import { z } from 'zod';
import { audit } from '../../accounts/index.js';
import {
  createLiveStream,
  listLiveStreams,
  liveStreamInput,
  removeArticleVideo,
  removeLiveStream,
  setArticleVideo,
  updateLiveStream,
  videoInput,
  videoOf,
} from '../../content/index.js';
import type { Context } from '../../context.js';
import {
  addSubscription,
  createApiKey,
  deliveryAttempts,
  listApiKeys,
  listDeliveries,
  listSubscriptions,
  removeSubscription,
  resendDelivery,
  revokeApiKey,
  type SubscriptionInput,
  setSubscriptionActive,
} from '../../distribution/index.js';
import { notFound } from '../../errors.js';
import { MAX_ROW_ID } from '../../lib/ids.js';
import { singleLine } from '../../lib/text.js';
import { type AuthedActor, authorize, idParams, type Router } from '../http.js';
import { readableStory, storyFor } from './story-access.js';

/** Distribution settings (Content API keys, webhooks) for admins; video and live streams for editors. */
export function distributionAdminRoutes(r: Router, ctx: Context): void {
  const who = (actor: AuthedActor) => ({ id: actor.id, label: actor.user.email });
  r.add({
    method: 'GET',
    url: '/api-keys',
    tag: 'distribution',
    summary: 'Content API keys (never the secrets)',
    handler: async ({ actor }) => {
      authorize(actor, 'settings.manage');
      return { keys: await listApiKeys(ctx.db) };
    },
  });
  r.add({
    method: 'POST',
    url: '/api-keys',
    tag: 'distribution',
    summary: 'Create a Content API key; the key is shown in this answer only',
    body: z.object({
      name: singleLine().trim().min(1).max(200),
      rateLimit: z.number().int().min(1).max(1_000_000).optional(),
    }),
    status: 201,
    handler: async ({ actor, body }) => {
      authorize(actor, 'settings.manage');
      const { key, info } = await createApiKey(ctx.db, body, ctx.now());
      await audit(
        ctx.db,
        {
          actor: who(actor),
          action: 'apikey.create',
          subject: { type: 'api_key', id: info.id },
          details: { name: body.name },
        },
        ctx.now().toISOString(),
      );
      return { ...info, key };
    },
  });
  r.add({
    method: 'DELETE',
    url: '/api-keys/:id',
    tag: 'distribution',
    summary: 'Revoke a Content API key',
    params: idParams,
    status: 204,
    handler: async ({ actor, params }) => {
      authorize(actor, 'settings.manage');
      if (!(await revokeApiKey(ctx.db, params.id, ctx.now()))) throw notFound(`key ${params.id} not found`);
      await audit(
        ctx.db,
        {
          actor: who(actor),
          action: 'apikey.revoke',
          subject: { type: 'api_key', id: params.id },
        },
        ctx.now().toISOString(),
      );
    },
  });

  r.add({
    method: 'GET',
    url: '/webhooks',
    tag: 'distribution',
    summary: 'Webhook subscriptions',
    handler: async ({ actor }) => {
      authorize(actor, 'settings.manage');
      return { subscriptions: await listSubscriptions(ctx.db) };
    },
  });
  r.add({
    method: 'POST',
    url: '/webhooks',
    tag: 'distribution',
    summary: 'Subscribe a URL to events; the signing secret is shown in this answer only',
    body: z.object({
      url: singleLine().max(2048),
      events: z.array(singleLine().max(50)).min(1).max(10),
      description: singleLine().max(200).optional(),
    }),
    status: 201,
    handler: async ({ actor, body }) => {
      authorize(actor, 'settings.manage');
      const sub = await addSubscription(ctx, body as SubscriptionInput);
      await audit(
        ctx.db,
        {
          actor: who(actor),
          action: 'webhook.create',
          subject: { type: 'webhook', id: sub.id },
          details: { url: body.url },
        },
        ctx.now().toISOString(),
      );
      return sub;
    },
  });
  r.add({
    method: 'PATCH',
    url: '/webhooks/:id',
    tag: 'distribution',
    summary: 'Pause or resume a subscription',
    params: idParams,
    body: z.object({ active: z.boolean() }),
    handler: async ({ actor, params, body }) => {
      authorize(actor, 'settings.manage');
      return setSubscriptionActive(ctx.db, params.id, body.active, ctx.now());
    },
  });
  r.add({
    method: 'DELETE',
    url: '/webhooks/:id',
    tag: 'distribution',
    summary: 'Remove a subscription',
    params: idParams,
    status: 204,
    handler: async ({ actor, params }) => {
      authorize(actor, 'settings.manage');
      await removeSubscription(ctx.db, params.id);
      await audit(
        ctx.db,
        {
          actor: who(actor),
          action: 'webhook.remove',
          subject: { type: 'webhook', id: params.id },
        },
        ctx.now().toISOString(),
      );
    },
  });
  r.add({
    method: 'GET',
    url: '/webhooks/deliveries',
    tag: 'distribution',
    summary: 'Delivery log: status, attempts, last response code and time',
    query: z.object({
      status: z.enum(['pending', 'delivered', 'failed']).optional(),
      subscriptionId: z.coerce.number().int().positive().max(MAX_ROW_ID).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
    handler: async ({ actor, query }) => {
      authorize(actor, 'settings.manage');
      return { deliveries: await listDeliveries(ctx.db, query) };
    },
  });
  r.add({
    method: 'GET',
    url: '/webhooks/deliveries/:id/attempts',
    tag: 'distribution',
    summary: 'Every attempt of one delivery',
    params: idParams,
    handler: async ({ actor, params }) => {
      authorize(actor, 'settings.manage');
      return { attempts: await deliveryAttempts(ctx.db, params.id) };
    },
  });
  r.add({
    method: 'POST',
    url: '/webhooks/deliveries/:id/resend',
    tag: 'distribution',
    summary: 'Send a delivery again (same event id)',
    params: idParams,
    handler: async ({ actor, params }) => {
      authorize(actor, 'settings.manage');
      return resendDelivery(ctx, params.id);
    },
  });

  r.add({
    method: 'GET',
    url: '/articles/:id/video',
    tag: 'video',
    summary: "A story's video",
    params: idParams,
    handler: async ({ actor, params }) => {
      await readableStory(ctx.db, actor, params.id);
      const v = await videoOf(ctx.db, params.id);
      if (!v) throw notFound(`article ${params.id} has no video`);
      return v;
    },
  });
  r.add({
    method: 'PUT',
    url: '/articles/:id/video',
    tag: 'video',
    summary:
      'Attach or replace the video of a story (HLS or MP4 source, duration, poster, captions, quality)',
    params: idParams,
    body: videoInput,
    handler: async ({ actor, params, body }) => {
      // A story's video is part of the story: whoever may edit the story may change it.
      await storyFor(ctx.db, actor, params.id, 'article.update');
      return setArticleVideo(ctx.db, params.id, body, ctx.now().toISOString());
    },
  });
  r.add({
    method: 'DELETE',
    url: '/articles/:id/video',
    tag: 'video',
    summary: 'Remove the video of a story',
    params: idParams,
    status: 204,
    handler: async ({ actor, params }) => {
      // A story's video is part of the story: whoever may edit the story may change it.
      await storyFor(ctx.db, actor, params.id, 'article.update');
      await removeArticleVideo(ctx.db, params.id);
    },
  });
  r.add({
    method: 'GET',
    url: '/live-streams',
    tag: 'video',
    summary: 'Live streams',
    handler: async () => ({ streams: await listLiveStreams(ctx.db) }),
  });
  r.add({
    method: 'POST',
    url: '/live-streams',
    tag: 'video',
    summary: 'Add a live stream (title, HLS URL, poster, description)',
    body: liveStreamInput,
    status: 201,
    handler: async ({ actor, body }) => {
      authorize(actor, 'taxonomy.manage');
      return createLiveStream(ctx.db, body, ctx.now().toISOString());
    },
  });
  r.add({
    method: 'PUT',
    url: '/live-streams/:id',
    tag: 'video',
    summary: 'Replace a live stream',
    params: idParams,
    body: liveStreamInput,
    handler: async ({ actor, params, body }) => {
      authorize(actor, 'taxonomy.manage');
      return updateLiveStream(ctx.db, params.id, body, ctx.now().toISOString());
    },
  });
  r.add({
    method: 'DELETE',
    url: '/live-streams/:id',
    tag: 'video',
    summary: 'Remove a live stream',
    params: idParams,
    status: 204,
    handler: async ({ actor, params }) => {
      authorize(actor, 'taxonomy.manage');
      await removeLiveStream(ctx.db, params.id);
    },
  });
}
