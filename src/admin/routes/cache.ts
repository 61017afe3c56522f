import { z } from 'zod';
import { announceChange, SITE } from '../../cache/index.js';
import type { Context } from '../../context.js';
import { authorize, type Router } from '../http.js';

// The cache tag vocabulary (cache/tags.ts): `article:12`, `list:section:3`, `site`, …
const tag = z.string().regex(/^[a-z]+(?::[a-z]+)?(?::\d{1,10})?$/, 'a cache tag such as article:12 or site');

/** Operators' view of this node's page cache, and a purge that reaches every node and the CDN. */
export function cacheAdminRoutes(r: Router, ctx: Context): void {
  r.add({
    method: 'GET',
    url: '/system/cache',
    tag: 'system',
    summary:
      "This node's page cache: budget, size, hits and misses, and whether other nodes' changes reach it",
    handler: async ({ actor }) => {
      authorize(actor, 'settings.manage');
      const pages = ctx.cache.pages;
      return {
        enabled: pages.enabled,
        budgetBytes: ctx.config.cache.maxBytes,
        ...pages.size,
        ...pages.stats,
        ttlSeconds: ctx.config.cache.ttlSeconds,
        redis: ctx.config.cache.redis
          ? ctx.cache.connected()
            ? 'connected'
            : 'disconnected'
          : 'not configured',
        cdnPurge: ctx.config.cache.purge !== null,
        // Where this process's memory goes, in bytes (cached pages are Buffers: `arrayBuffers`).
        memory: process.memoryUsage(),
      };
    },
  });
  r.add({
    method: 'POST',
    url: '/system/cache/purge',
    tag: 'system',
    summary: 'Drop cached pages by tag (or everything with `site`) on every node and at the CDN',
    body: z.object({ tags: z.array(tag).min(1).max(100).default([SITE]) }),
    handler: async ({ actor, body }) => {
      authorize(actor, 'settings.manage');
      announceChange(ctx.db, body.tags);
      return { purged: body.tags };
    },
  });
}
