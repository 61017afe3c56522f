import { createHash } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type MustRender, tagsFor } from './http.js';
import type { PageCache } from './page-cache.js';
import type { Banner } from './banner.js';
import { ALERTS, SITE } from './tags.js';

/**
 * nginx in front of the app keeps the public responses in its own cache directory and answers
 * them without the app, also while the app is down (docs/operations.md, "Production: nginx in
 * front"; the choice against plain files: docs/decisions.md). The app decides what nginx keeps
 * and for how long, and deletes nginx's file the moment the page cache invalidates it:
 *
 * - nginx names the cache key of a request it may keep in `X-Masthead-Origin-Key` (the
 *   encoding class, the path and `?page=N`: `src/cache/nginx.ts` writes that config);
 * - the app renders such a request (never from memory, so it passes these hooks), notes under
 *   every tag of the response which nginx file holds it, and then answers with
 *   `X-Accel-Expires` (nginx keeps it until deleted; nginx does not pass the header on);
 * - an invalidation (this node's writes, other nodes' over Redis) deletes the files listed under
 *   its tags. nginx finds the file gone and asks the app again.
 *
 * The tag index is a directory of empty files, `TAGS/<tag>/<md5 of the key>`, so every node
 * reads the same index on a shared disk and deletes what another node's render noted;
 * deleting a file that is already gone is no error, so several nodes hearing the same Redis
 * message agree.
 */
export const ORIGIN_KEY_HEADER = 'x-masthead-origin-key';

/** nginx keeps a copy until an invalidation deletes it: ten years stands for "until then". */
export const ORIGIN_KEEP_SECONDS = 315_360_000;

/**
 * When the render of a kept answer began (ms since 1970), stored with it in nginx's file and
 * not passed on to readers: a copy whose render began before an invalidation is old content.
 */
export const RENDERED_AT_HEADER = 'x-masthead-rendered-at';

// An answer that passed the epoch check may still reach nginx's disk just after an invalidation
// deleted its file (nginx writes it once the last byte arrived): this much later, the files
// found again are read, and those rendered before the invalidation deleted again.
const RECHECK_MS = 2000;

export interface OriginCache {
  /** nginx's file for a cache key (`proxy_cache_path … levels=1:2`). */
  fileOf(key: string): string;
  /** Notes which tags the response nginx keeps under `key` shows; before the answer is sent. */
  record(key: string, tags: readonly string[]): Promise<void>;
  /** Deletes nginx's files of every response showing one of the tags; returns how many were listed. */
  invalidate(tags: Iterable<string>): Promise<number>;
  /** Stops the delayed second deletions (tests, shutdown). */
  close(): void;
}

export function originCache(opts: {
  dir: string;
  tagsDir: string;
  recheckMs?: number;
  now?: () => number;
}): OriginCache {
  const recheckMs = opts.recheckMs ?? RECHECK_MS;
  const now = opts.now ?? Date.now;
  // Made once here: concurrent first notes would otherwise all create it at the same moment.
  fsSync.mkdirSync(opts.tagsDir, { recursive: true });
  const timers = new Set<NodeJS.Timeout>();
  const fileOfHash = (h: string) => path.join(opts.dir, h.slice(-1), h.slice(-3, -1), h);
  const tagDir = (tag: string) =>
    path.join(
      opts.tagsDir,
      /^[A-Za-z0-9_-][A-Za-z0-9:._-]{0,119}$/.test(tag)
        ? tag
        : `h-${createHash('sha1').update(tag).digest('hex')}`,
    );
  const unlinkAll = async (files: string[]) => {
    // In slices: an invalidation of `site` lists every file nginx keeps.
    for (let i = 0; i < files.length; i += 256) {
      await Promise.all(files.slice(i, i + 256).map((f) => fs.unlink(f).catch(ignoreMissing)));
    }
  };
  return {
    fileOf: (key) => fileOfHash(md5(key)),
    async record(key, tags) {
      const h = md5(key);
      const all = tags.includes(SITE) ? tags : [...tags, SITE];
      await Promise.all(
        all.map(async (tag) => {
          const marker = path.join(tagDir(tag), h);
          // The tag's folder may be new, or an invalidation (or its later recheck) may remove it
          // as empty between our mkdir and our write: make it and write again, a few times.
          for (let attempt = 1; ; attempt++) {
            try {
              await fs.writeFile(marker, '');
              return;
            } catch (err) {
              if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 5) throw err;
              await fs.mkdir(path.dirname(marker)).catch((e: NodeJS.ErrnoException) => {
                if (e.code !== 'EEXIST') throw e; // another note made it meanwhile
              });
            }
          }
        }),
      );
    },
    async invalidate(tags) {
      const at = now();
      const hashes = new Set<string>();
      const markers: string[] = [];
      for (const tag of new Set(tags)) {
        const dir = tagDir(tag);
        const names = await fs.readdir(dir).catch((err) => ignoreMissing(err) ?? []);
        for (const name of names) {
          if (!/^[0-9a-f]{32}$/.test(name)) continue;
          hashes.add(name);
          markers.push(path.join(dir, name));
        }
      }
      const files = [...hashes].map(fileOfHash);
      await unlinkAll(files);
      // Only the markers read: one a render notes meanwhile is for a copy made after this change.
      await unlinkAll(markers);
      for (const tag of new Set(tags)) await fs.rmdir(tagDir(tag)).catch(() => {});
      if (files.length > 0 && recheckMs > 0) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          void deleteRenderedBefore(files, at).catch(() => {});
        }, recheckMs);
        timer.unref();
        timers.add(timer);
      }
      return files.length;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

/** Deletes those of the files (nginx's) whose render began before `at`, or that say nothing. */
export async function deleteRenderedBefore(files: string[], at: number): Promise<void> {
  for (const file of files) {
    let head: string;
    try {
      const handle = await fs.open(file, 'r');
      try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0);
        head = buffer.subarray(0, bytesRead).toString('latin1');
      } finally {
        await handle.close();
      }
    } catch (err) {
      ignoreMissing(err);
      continue; // gone already: nothing to do
    }
    const m = new RegExp(`\\n${RENDERED_AT_HEADER}: (\\d+)\\r?\\n`, 'i').exec(head);
    if (!m || Number(m[1]) < at) await fs.unlink(file).catch(ignoreMissing);
  }
}

function md5(key: string): string {
  // nginx names a cache file by the MD5 of its key; nothing here depends on MD5 being strong.
  return createHash('md5').update(key).digest('hex');
}

function ignoreMissing(err: unknown): undefined {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  return undefined;
}

/**
 * Which requests come from nginx filling its cache: they carry the key header and come from a
 * peer allowed to send it (loopback, or TRUSTED_PROXIES). Anyone else's header is ignored: it
 * would make the app render every request and fill the tag index with keys of its choosing.
 */
export function originRequests(trusts: (peer: string | undefined) => boolean): MustRender {
  return (req: IncomingMessage) => req.headers[ORIGIN_KEY_HEADER] !== undefined && trusted(req, trusts);
}

function trusted(req: IncomingMessage, trusts: (peer: string | undefined) => boolean): boolean {
  const peer = req.socket.remoteAddress;
  return (
    peer === '::1' ||
    peer?.startsWith('127.') === true ||
    peer?.startsWith('::ffff:127.') === true ||
    trusts(peer)
  );
}

/**
 * Registers the hooks that tell nginx what to keep: before the routes, so their answers pass
 * them (an app-wide onSend runs before the page cache's own, which sends the stored copy).
 */
export function originHooks(
  app: FastifyInstance,
  opts: {
    origin: OriginCache;
    pages: PageCache;
    fromNginx: MustRender;
    log: { error(obj: object, msg: string): void };
    now?: () => number;
    /** The breaking-news banner the app puts into pages (cache/banner.ts). */
    banner?: Banner;
  },
): void {
  const jobs = new WeakMap<FastifyRequest, { key: string; epoch: number; at: number }>();
  const now = opts.now ?? Date.now;
  app.addHook('onRequest', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const key = req.headers[ORIGIN_KEY_HEADER];
    if (typeof key !== 'string' || key.length > 2100 || !opts.fromNginx(req.raw)) return;
    jobs.set(req, { key, epoch: opts.pages.begin(), at: now() });
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const job = jobs.get(req);
    const tags = tagsFor(req);
    if (!job || !tags || reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return payload;
    // A page nginx keeps has the banner in its bytes (the app's memory keeps it apart): it is
    // noted under `alerts` too, and kept no longer than the banner it shows.
    const page = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
    const kept = page ? [...tags, ALERTS] : tags;
    // Rendered across a change to what it shows: answered once, kept nowhere (as in memory).
    const all = [...kept, SITE];
    if (opts.pages.staleSince(all, job.epoch)) return payload;
    try {
      const untilChange = page && opts.banner ? await opts.banner.secondsLeft() : Infinity;
      await opts.origin.record(job.key, kept);
      // Asked again after the notes are on disk: a change meanwhile may have missed them.
      if (opts.pages.staleSince(all, job.epoch)) return payload;
      reply.header('x-accel-expires', String(Math.min(ORIGIN_KEEP_SECONDS, untilChange)));
      reply.header(RENDERED_AT_HEADER, String(job.at));
    } catch (err) {
      // Not noted, so not kept: nginx asks again next time rather than keep what it cannot delete.
      opts.log.error({ err }, 'could not note a response for nginx; it is not kept');
    }
    return payload;
  });
}
