import type { ServerResponse } from 'node:http';
import { SITE } from '../cache/index.js';
import { isPublicArticle, mediaByIds } from '../content/index.js';
import type { Context } from '../context.js';
import type { MediaRow } from '../db/index.js';
import { editionsOf } from '../editions/index.js';
import { coverageFor, type LiveEntry, listEntries } from '../live/index.js';
import { editionSite } from './common.js';
import { entryHtml, entryImages, keyPointsHtml, pinnedHtml } from './live-coverage.js';

/**
 * The live hub of one node: readers of live stories hold a server-sent events connection here,
 * and the hub keeps each story's timeline in memory. When a change is announced (this node's
 * writes and other nodes' over Redis, through the cache layer's `onDrop`), the hub reads the
 * story's timeline ONCE and writes the same few bytes to every connected reader: the database
 * sees one read per change per node, whatever the number of readers. The polling fallback is
 * answered from the same memory. Connections are bounded (LIVE_MAX_READERS: 503 beyond), kept
 * alive by one timer for all, and a reader that stops reading is dropped.
 */

/** What a reader is sent for a change, and what a poll answers. */
export interface LivePayload {
  state: 'live' | 'ended';
  /** The latest `updatedAt` this payload covers: the next poll's `since` (and the event id). */
  since: string;
  /** New or changed entries, with their markup (the page's own). */
  upserts: { id: number; createdAt: string; html: string }[];
  /** Entries taken off the timeline. */
  removed: number[];
  /** The key points box and the pinned box as they are now ('' when empty). */
  keyPoints: string;
  pinned: string;
}

interface Known {
  version: number;
  updatedAt: string;
  createdAt: string;
  deleted: boolean;
  html: string;
}

interface Channel {
  articleId: number;
  /** 'none': not covered live (or the story is not public): readers are told to stop. */
  state: 'live' | 'ended' | 'none';
  entries: Map<number, Known>;
  keyPoints: string;
  pinned: string;
  since: string;
  readers: Set<ServerResponse>;
  loaded: Promise<void> | null;
  refreshing: boolean;
  again: boolean;
}

/** A reader whose unsent bytes pass this is not reading: dropped rather than buffered forever. */
const MAX_BUFFERED = 1 << 20;

export interface LiveHubOptions {
  maxReaders: number;
  heartbeatMs: number;
  log: { error(obj: object, msg: string): void };
}

export class LiveHub {
  private readonly channels = new Map<number, Channel>();
  private readers = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  /** Database reads made for changes and first loads (the benchmark and tests read it). */
  reads = 0;

  constructor(
    private readonly ctx: Context,
    private readonly opts: LiveHubOptions,
  ) {
    this.unsubscribe = ctx.cache.onDrop((tags) => this.heard(tags));
    this.timer = setInterval(() => this.broadcastAll(': keep-alive\n\n'), opts.heartbeatMs);
    this.timer.unref();
  }

  /** How many readers are connected on this node. */
  get connected(): number {
    return this.readers;
  }

  /** Opens a reader's stream, or answers 503 (over the bound) or with `end` (not live). */
  async connect(articleId: number, since: string, res: ServerResponse): Promise<void> {
    if (this.readers >= this.opts.maxReaders) {
      res.writeHead(503, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
        'retry-after': '30',
      });
      res.end('Too many readers on this server: the page polls instead.');
      return;
    }
    this.readers++;
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      this.readers--;
      channel?.readers.delete(res);
    };
    res.on('close', release);
    // A reader gone mid-write (reset connection): forget it, never crash the node over it.
    res.on('error', release);
    let channel: Channel | undefined;
    try {
      channel = await this.channel(articleId);
    } catch (err) {
      release();
      this.opts.log.error({ err }, 'live: could not read the timeline');
      if (!res.headersSent) res.writeHead(503, { 'retry-after': '10', 'cache-control': 'no-store' });
      res.end();
      return;
    }
    if (res.destroyed || !counted) {
      release();
      return this.forget(channel);
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no', // nginx in front: pass events on at once
      // One long answer: when it ends (coverage over, node stopping) the connection goes too.
      connection: 'close',
    });
    res.write('retry: 3000\n\n');
    if (channel.state !== 'live') {
      res.end('event: end\ndata: {}\n\n');
      release();
      return this.forget(channel);
    }
    channel.readers.add(res);
    res.write(frame('update', this.payloadSince(channel, since)));
  }

  /** What a poll gets: the changes after `since`, from memory (one read the first time). */
  async poll(articleId: number, since: string): Promise<LivePayload | null> {
    const channel = await this.channel(articleId);
    const payload = channel.state === 'none' ? null : this.payloadSince(channel, since);
    this.forget(channel);
    return payload;
  }

  /**
   * Only stories being covered live are kept in memory: anyone may ask for any id, and a story
   * that is not live (or not there) must not hold memory or be read again on every change.
   */
  private forget(channel: Channel): void {
    if (channel.state !== 'live' && channel.readers.size === 0) this.channels.delete(channel.articleId);
  }

  /** Ends every stream (the app is closing). */
  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    for (const channel of this.channels.values()) {
      for (const res of channel.readers) res.end();
      channel.readers.clear();
    }
  }

  private heard(tags: readonly string[]): void {
    if (tags.includes(SITE)) {
      // After a gap in the Redis channel anything may have changed: read every story again.
      for (const channel of this.channels.values()) this.refresh(channel);
      return;
    }
    for (const tag of tags) {
      // `live:ID` for entries; `article:ID` too, for a story unpublished or deleted while live.
      const id = tag.startsWith('live:') ? tag.slice(5) : tag.startsWith('article:') ? tag.slice(8) : null;
      const channel = id === null ? undefined : this.channels.get(Number(id));
      if (channel) this.refresh(channel);
    }
  }

  private async channel(articleId: number): Promise<Channel> {
    let channel = this.channels.get(articleId);
    if (!channel) {
      channel = {
        articleId,
        state: 'none',
        entries: new Map(),
        keyPoints: '',
        pinned: '',
        since: '',
        readers: new Set(),
        loaded: null,
        refreshing: false,
        again: false,
      };
      this.channels.set(articleId, channel);
    }
    if (!channel.loaded) {
      const c = channel;
      c.loaded = this.load(c).then(
        () => undefined,
        (err: unknown) => {
          c.loaded = null; // the next reader tries again
          throw err;
        },
      );
    }
    await channel.loaded;
    return channel;
  }

  /** One change, one read: coalesced, so at most one read runs and one waits per story. */
  private refresh(channel: Channel): void {
    if (!channel.loaded) return; // never read: the first reader reads it
    if (channel.refreshing) {
      channel.again = true;
      return;
    }
    channel.refreshing = true;
    void (async () => {
      try {
        do {
          channel.again = false;
          const payload = await this.load(channel);
          if (
            payload &&
            (payload.upserts.length || payload.removed.length || payload.keyPoints !== undefined)
          )
            this.broadcast(channel, frame('update', payload));
          if (channel.state !== 'live') {
            this.broadcast(channel, 'event: end\ndata: {}\n\n');
            for (const res of channel.readers) res.end();
            channel.readers.clear();
            this.forget(channel);
          }
        } while (channel.again);
      } catch (err) {
        this.opts.log.error({ err }, 'live: could not read the timeline after a change');
      } finally {
        channel.refreshing = false;
      }
    })();
  }

  /** Reads the story's coverage and timeline; returns what changed (null when nothing did). */
  private async load(channel: Channel): Promise<LivePayload | null> {
    this.reads++;
    const { db } = this.ctx;
    const [article, coverage, entries] = await Promise.all([
      db
        .selectFrom('articles')
        .select(['path', 'status', 'first_published_at', 'deleted_at', 'edition_id'])
        .where('id', '=', channel.articleId)
        .executeTakeFirst(),
      coverageFor(db, channel.articleId),
      listEntries(db, channel.articleId, { includeDeleted: true }),
    ]);
    const now = this.ctx.now().toISOString();
    const open = article?.path && coverage && isPublicArticle(article, now);
    const wasLive = channel.state === 'live';
    channel.state = open ? coverage.state : 'none';
    if (!open || !article.path) return null;
    const path = article.path;
    // The story's edition speaks its own words (flags, times, key points) in what is pushed.
    const edition = (await editionsOf(this.ctx)).find((e) => e.id === article.edition_id);
    const site = edition ? editionSite(this.ctx.config.site, edition) : this.ctx.config.site;
    const changed = entries.filter((e) => channel.entries.get(e.id)?.version !== e.version);
    const media = changed.length ? await this.mediaOf(changed) : new Map<number, MediaRow>();
    const upserts: LivePayload['upserts'] = [];
    const removed: number[] = [];
    for (const e of changed) {
      const html = e.deletedAt ? '' : entryHtml(site, path, e, media);
      channel.entries.set(e.id, {
        version: e.version,
        updatedAt: e.updatedAt,
        createdAt: e.createdAt,
        deleted: e.deletedAt !== null,
        html,
      });
      if (e.deletedAt) removed.push(e.id);
      else upserts.push({ id: e.id, createdAt: e.createdAt, html });
      if (e.updatedAt > channel.since) channel.since = e.updatedAt;
    }
    const shown = entries.filter((e) => !e.deletedAt);
    const keyPoints = keyPointsHtml(path, shown, site.language);
    const pinned = pinnedHtml(site, path, {
      entries: shown,
      media: await this.mediaOf(shown.filter((e) => e.pinned)),
    });
    const boxes = keyPoints !== channel.keyPoints || pinned !== channel.pinned;
    channel.keyPoints = keyPoints;
    channel.pinned = pinned;
    if (!changed.length && !boxes && wasLive === (channel.state === 'live')) return null;
    return {
      state: coverage.state,
      since: channel.since,
      upserts,
      removed,
      keyPoints,
      pinned,
    };
  }

  private async mediaOf(entries: readonly LiveEntry[]): Promise<Map<number, MediaRow>> {
    const ids = entryImages(entries);
    return ids.length ? mediaByIds(this.ctx.db, ids) : new Map();
  }

  /** The changes after `since`, from memory (a reader's first event, a poll). */
  private payloadSince(channel: Channel, since: string): LivePayload {
    const upserts: LivePayload['upserts'] = [];
    const removed: number[] = [];
    for (const [id, k] of channel.entries) {
      if (since && k.updatedAt <= since) continue;
      if (k.deleted) removed.push(id);
      else upserts.push({ id, createdAt: k.createdAt, html: k.html });
    }
    upserts.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id));
    return {
      state: channel.state === 'ended' ? 'ended' : 'live',
      since: channel.since || since,
      upserts,
      removed,
      keyPoints: channel.keyPoints,
      pinned: channel.pinned,
    };
  }

  private broadcast(channel: Channel, bytes: string): void {
    for (const res of channel.readers) {
      if (res.writableLength > MAX_BUFFERED) {
        res.destroy();
        continue;
      }
      res.write(bytes);
    }
  }

  private broadcastAll(bytes: string): void {
    for (const channel of this.channels.values()) this.broadcast(channel, bytes);
  }
}

function frame(event: string, payload: LivePayload): string {
  return `id: ${payload.since}\nevent: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
}
