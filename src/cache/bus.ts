import { randomUUID } from 'node:crypto';

/**
 * Invalidations shared between app nodes over Redis pub/sub. Each node publishes the tags its
 * own writes touched and applies what the others publish. Pub/sub keeps nothing for a node that
 * was away, so a node whose subscription dropped cannot know what it missed: it reports
 * `down`/`up`, and the cache layer empties itself when the channel comes back.
 */
export interface InvalidationBus {
  publish(tags: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface BusEvents {
  onInvalidate(tags: string[]): void;
  /** The subscription is live again after a gap (not called for the first connection). */
  onReconnect(): void;
  /** The subscription dropped: invalidations from other nodes may be missed until onReconnect. */
  onDown(): void;
  onError(err: Error): void;
}

export async function redisBus(url: string, prefix: string, events: BusEvents): Promise<InvalidationBus> {
  const node = randomUUID();
  const channel = `${prefix}invalidate`;
  const options = {
    // Commands wait for a reconnect instead of piling up forever: a publish that cannot reach
    // Redis within a few seconds fails and is logged; the TTL is the safety net behind it.
    maxRetriesPerRequest: 2,
    retryStrategy: (times: number) => Math.min(times * 100, 2000),
    lazyConnect: true,
  };
  // Loaded only by a node that shares its cache: a single node never holds the client's code.
  const { Redis } = await import('ioredis');
  const pub = new Redis(url, options);
  const sub = new Redis(url, options);
  let connectedOnce = false;
  let down = false;
  pub.on('error', (err: Error) => events.onError(err));
  sub.on('error', (err: Error) => events.onError(err));
  sub.on('close', () => {
    if (connectedOnce && !down) {
      down = true;
      events.onDown();
    }
  });
  sub.on('ready', () => {
    if (connectedOnce && down) {
      down = false;
      events.onReconnect();
    }
    connectedOnce = true;
  });
  sub.on('message', (ch: string, raw: string) => {
    if (ch !== channel) return;
    try {
      const msg = JSON.parse(raw) as { from?: unknown; tags?: unknown };
      if (msg.from === node || !Array.isArray(msg.tags)) return;
      events.onInvalidate(msg.tags.filter((t): t is string => typeof t === 'string'));
    } catch {
      // A message that is not ours (or garbled) changes nothing.
    }
  });
  await Promise.all([pub.connect(), sub.connect()]);
  await sub.subscribe(channel);
  return {
    async publish(tags) {
      if (tags.length) await pub.publish(channel, JSON.stringify({ from: node, tags }));
    },
    async close() {
      sub.disconnect();
      await pub.quit().catch(() => pub.disconnect());
    },
  };
}
