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
  /**
   * The subscription is live after a gap: a dropped channel is back, or the channel joined late
   * because Redis was unreachable when this node started (not called for a join at first try).
   */
  onReconnect(): void;
  /**
   * Invalidations from other nodes may be missed until onReconnect: the subscription dropped,
   * or (`atStart`) Redis could not be reached at start; the clients keep trying meanwhile.
   */
  onDown(atStart: boolean): void;
  onError(err: Error): void;
}

/**
 * Resolves once the first attempt to join the channel has either succeeded or failed: a node
 * starts whether or not Redis is there, and keeps trying (with backoff) until it joins.
 */
export async function redisBus(url: string, prefix: string, events: BusEvents): Promise<InvalidationBus> {
  const node = randomUUID();
  const channel = `${prefix}invalidate`;
  const options = {
    // Commands wait for a reconnect instead of piling up forever: a publish that cannot reach
    // Redis within a few seconds fails and is logged; the TTL is the safety net behind it.
    maxRetriesPerRequest: 2,
    // Reconnects, from the first attempt on, never give up: 100 ms, 200 ms, … then every 2 s.
    retryStrategy: (times: number) => Math.min(times * 100, 2000),
    lazyConnect: true,
  };
  // Loaded only by a node that shares its cache: a single node never holds the client's code.
  const { Redis } = await import('ioredis');
  const pub = new Redis(url, options);
  // The subscription is renewed by us on every 'ready' (join, below), not by ioredis: its own
  // renewal leaves a promise nobody handles, which rejects ("Connection is closed") when the
  // connection drops again before Redis answers, and an unhandled rejection ends a Node process.
  const sub = new Redis(url, { ...options, autoResubscribe: false });
  let joined = false;
  let down = false;
  let closing = false;
  let firstOutcome: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    firstOutcome = resolve;
  });
  // While the channel is down each retry fails again; onDown has said so once, which is enough.
  const onError = (err: Error) => {
    if (!down) events.onError(err);
  };
  pub.on('error', onError);
  sub.on('error', onError);
  sub.on('close', () => {
    if (!down && !closing) {
      down = true;
      events.onDown(!joined);
    }
    firstOutcome();
  });
  // Made on every connection (the first, and each reconnect): a node that was cut off hears of
  // it (onReconnect) only once it listens again, so no invalidation falls between the two.
  const join = () =>
    sub.subscribe(channel).then(
      () => {
        const late = down;
        joined = true;
        down = false;
        if (late) events.onReconnect();
        firstOutcome();
      },
      // The connection dropped before the subscription took: the next 'ready' tries again.
      () => {},
    );
  sub.on('ready', () => {
    void join();
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
  // A failed first attempt is reported through 'close' above; the retries carry on from there.
  pub.connect().catch(() => {});
  sub.connect().catch(() => {});
  await started;
  return {
    async publish(tags) {
      if (tags.length) await pub.publish(channel, JSON.stringify({ from: node, tags }));
    },
    async close() {
      closing = true;
      sub.disconnect();
      if (pub.status === 'ready') await pub.quit().catch(() => pub.disconnect());
      else pub.disconnect();
    },
  };
}
