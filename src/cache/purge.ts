import { BlockedTargetError, type OutboundPolicy, outboundRequest } from '../net/index.js';

/**
 * Tells the CDN to drop what a write changed, by the same tags the pages carry. One POST per
 * short batch of invalidations: JSON `{"tags": [...]}` (Cloudflare's purge-by-tag body) with the
 * tags also in a `Surrogate-Key` header (what Fastly-style purge endpoints read), and the
 * operator's token as a bearer credential. Failures are retried a few times, then logged: the
 * CDN's own `s-maxage` bounds how long a missed purge can leave a page stale.
 */
export interface PurgeOptions {
  url: string;
  /** The outbound guard's policy: a purge URL on a private address must be allowed. */
  policy: OutboundPolicy;
  token?: string;
  /** Batches invalidations that arrive within this many milliseconds into one request. */
  delayMs?: number;
  attempts?: number;
  onError(err: Error): void;
}

export interface Purger {
  purge(tags: readonly string[]): void;
  /** Sends what is waiting; resolves when the CDN has answered (for shutdown and tests). */
  flush(): Promise<void>;
}

// Providers cap tags per purge call (Cloudflare: 30 per request on some plans, 1,000 on others).
const TAGS_PER_CALL = 30;

export function cdnPurger(opts: PurgeOptions): Purger {
  let waiting = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let inflight: Promise<void> = Promise.resolve();

  async function send(tags: string[]): Promise<void> {
    const attempts = opts.attempts ?? 4;
    for (let i = 1; ; i++) {
      try {
        const res = await outboundRequest(opts.policy, opts.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'surrogate-key': tags.join(' '),
            ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          },
          body: JSON.stringify({ tags }),
          timeoutMs: 10_000,
          maxBytes: 64 * 1024,
        });
        if (res.status >= 200 && res.status < 300) return;
        throw new Error(`CDN purge answered ${res.status}`);
      } catch (err) {
        // A refused address stays refused: retrying it would only delay the log line.
        if (i >= attempts || err instanceof BlockedTargetError) {
          opts.onError(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        await new Promise((r) => setTimeout(r, 200 * 2 ** i));
      }
    }
  }

  function drain(): Promise<void> {
    timer = null;
    const tags = [...waiting];
    waiting = new Set();
    const calls: Promise<void>[] = [];
    for (let i = 0; i < tags.length; i += TAGS_PER_CALL) calls.push(send(tags.slice(i, i + TAGS_PER_CALL)));
    inflight = inflight.then(() => Promise.all(calls)).then(() => undefined);
    return inflight;
  }

  return {
    purge(tags) {
      for (const t of tags) waiting.add(t);
      timer ??= setTimeout(drain, opts.delayMs ?? 50);
    },
    async flush() {
      if (timer) {
        clearTimeout(timer);
        await drain();
      }
      await inflight;
    },
  };
}
