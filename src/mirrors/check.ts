import { listPublished } from '../content/index.js';
import type { Context } from '../context.js';
import type { Db, MirrorStatus } from '../db/index.js';
import { isOnionOrigin } from '../lib/address-rules.js';
import {
  BlockedTargetError,
  type OutboundPolicy,
  OutboundTimeoutError,
  outboundRequest,
} from '../net/index.js';
import type { MirrorsDocument } from './addresses.js';

/**
 * Mirror health: is every address up, and does it serve the newest story? The newest story
 * comes from the database (what the primary publishes); each address is asked for it. A mirror
 * that answers but lacks it is stale (a static mirror not re-exported, a cache stuck in time).
 */
export interface MirrorStatusRow {
  url: string;
  primary: boolean;
  /** `unknown`: never checked (not a recorded result, so never stored). */
  status: MirrorStatus | 'unknown';
  latencyMs: number | null;
  newestPath: string | null;
  detail: string;
  checkedAt: string | null;
  lastSuccessAt: string | null;
}

export interface CheckOptions {
  timeoutMs?: number;
}

type Opts = Required<CheckOptions> & { policy: OutboundPolicy };

/** Addresses come from admins and from the primary's /mirrors.json: only through the guard. */
async function timed(url: string, opts: Opts): Promise<{ status: number; ms: number; body: string }> {
  const res = await outboundRequest(opts.policy, url, {
    timeoutMs: opts.timeoutMs,
    maxRedirects: 5,
    maxBytes: 2 * 1024 * 1024,
    userAgent: 'Masthead-MirrorCheck/1',
  });
  return { status: res.status, ms: res.ms, body: res.body };
}

/** The addresses to check: those in effect plus any the primary's /mirrors.json lists. */
async function addresses(
  primary: string,
  alternates: readonly string[],
  opts: Opts,
): Promise<{ urls: string[]; note: string }> {
  const urls = [primary, ...alternates];
  try {
    const r = await timed(`${primary}/mirrors.json`, opts);
    if (r.status !== 200) return { urls, note: `primary /mirrors.json answered ${r.status}` };
    const doc = JSON.parse(r.body) as Partial<MirrorsDocument>;
    for (const m of doc.mirrors ?? []) {
      const u = typeof m?.url === 'string' ? m.url.replace(/\/+$/, '') : '';
      if (/^https?:\/\/[^/]+$/.test(u) && !urls.includes(u)) urls.push(u);
    }
    return { urls, note: '' };
  } catch (err) {
    return { urls, note: `primary /mirrors.json: ${(err as Error).message}` };
  }
}

async function checkOne(url: string, newest: string | null, opts: Opts) {
  if (isOnionOrigin(url))
    return { status: 'skipped' as const, latencyMs: null, detail: 'onion address: check it over Tor' };
  try {
    const home = await timed(`${url}/`, opts);
    if (home.status !== 200)
      return {
        status: 'unreachable' as const,
        latencyMs: home.ms,
        detail: `home page answered ${home.status}`,
      };
    if (!newest) return { status: 'reachable' as const, latencyMs: home.ms, detail: 'no stories yet' };
    // A static mirror serves the story at its directory URL; try the permalink, then that.
    let story = await timed(`${url}${newest}`, opts);
    if (story.status === 404) story = await timed(`${url}${newest}/`, opts);
    if (story.status === 200) return { status: 'reachable' as const, latencyMs: home.ms, detail: '' };
    if (story.status === 404 || story.status === 410)
      return { status: 'stale' as const, latencyMs: home.ms, detail: 'newest story missing' };
    return {
      status: 'unreachable' as const,
      latencyMs: home.ms,
      detail: `newest story answered ${story.status}`,
    };
  } catch (err) {
    const e = err as Error & { code?: string };
    const detail =
      e instanceof OutboundTimeoutError
        ? `no answer in ${opts.timeoutMs} ms`
        : e instanceof BlockedTargetError
          ? e.message
          : (e.code ?? e.message);
    return { status: 'unreachable' as const, latencyMs: null, detail };
  }
}

/** Check every address, record the results, and return one row per address. */
export async function checkMirrors(ctx: Context, options: CheckOptions = {}): Promise<MirrorStatusRow[]> {
  const opts: Opts = { timeoutMs: options.timeoutMs ?? 10_000, policy: ctx.config.outbound };
  const now = ctx.now().toISOString();
  const [newest] = await listPublished(ctx.db, now, {}, { limit: 1, offset: 0 });
  const primary = ctx.config.site.url;
  const { alternates } = ctx.addresses.current();
  const { urls, note } = await addresses(primary, alternates, opts);
  const results = await Promise.all(urls.map((url) => checkOne(url, newest?.path ?? null, opts)));
  for (const [i, url] of urls.entries()) {
    const r = results[i]!;
    const ok = r.status === 'reachable';
    const detail = url === primary && note ? [r.detail, note].filter(Boolean).join('; ') : r.detail;
    await ctx.db
      .insertInto('mirror_checks')
      .values({
        url,
        status: r.status,
        latency_ms: r.latencyMs,
        newest_path: newest?.path ?? null,
        detail,
        checked_at: now,
        last_success_at: ok ? now : null,
      })
      .onConflict((oc) =>
        oc.column('url').doUpdateSet({
          status: r.status,
          latency_ms: r.latencyMs,
          newest_path: newest?.path ?? null,
          detail,
          checked_at: now,
          ...(ok ? { last_success_at: now } : {}),
        }),
      )
      .execute();
  }
  return mirrorStatus(ctx.db, primary, alternates, urls);
}

/** The last recorded status of every address, for the CLI table and the admin API. */
export async function mirrorStatus(
  db: Db,
  primary: string,
  alternates: readonly string[],
  extra: string[] = [],
): Promise<MirrorStatusRow[]> {
  const urls = [...new Set([primary, ...alternates, ...extra])];
  const rows = await db.selectFrom('mirror_checks').selectAll().where('url', 'in', urls).execute();
  const byUrl = new Map(rows.map((r) => [r.url, r]));
  return urls.map((url) => {
    const r = byUrl.get(url);
    return {
      url,
      primary: url === primary,
      status: r?.status ?? 'unknown',
      latencyMs: r?.latency_ms ?? null,
      newestPath: r?.newest_path ?? null,
      detail: r ? r.detail : 'never checked',
      checkedAt: r?.checked_at ?? null,
      lastSuccessAt: r?.last_success_at ?? null,
    };
  });
}

/** Plain-text table for the terminal. */
export function statusTable(rows: MirrorStatusRow[]): string {
  const head = ['address', 'status', 'latency', 'last success', 'detail'];
  const body = rows.map((r) => [
    r.primary ? `${r.url} (primary)` : r.url,
    r.status,
    r.latencyMs === null ? '—' : `${r.latencyMs} ms`,
    r.lastSuccessAt ?? 'never',
    r.detail,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export const isDown = (rows: MirrorStatusRow[]) => rows.some((r) => r.status === 'unreachable');
