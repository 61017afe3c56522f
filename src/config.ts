import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { type AddressSettings, checkAlternate, checkAppUrl } from './lib/address-rules.js';
import type { OutboundPolicy } from './net/index.js';

/**
 * Everything an operator can set, read once from the environment and validated, so a typo
 * fails at start with a clear message instead of at 3 a.m. on the first request that needs it.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(10_000),
  MASTHEAD_DATA_DIR: z.string().min(1).default('data'),
  SITE_NAME: z.string().min(1).default('Masthead News'),
  /** Unset: the address the process serves, http://localhost:PORT (loadConfig). */
  SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SITE_DESCRIPTION: z.string().default('Independent news, analysis and video from the Masthead newsroom.'),
  SITE_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .default('en'),
  SITE_TIMEZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Prague')
    .default('Europe/Prague'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SLOW_REQUEST_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
  HSTS_MAX_AGE: z.coerce.number().int().min(0).max(63_072_000).default(15_552_000),
  MASTHEAD_SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  CONTENT_API_PUBLIC: z.enum(['true', 'false']).default('true'),
  CONTENT_API_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(60),
  OUTBOUND_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  OUTBOUND_ALLOWED_HOSTS: z.string().default(''),
  // The older names, from when only webhooks were guarded: still read, added to the above.
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  WEBHOOK_ALLOWED_HOSTS: z.string().default(''),
  SITE_ALTERNATE_URLS: z.string().default(''),
  SITE_APP_LINKS: z.string().default(''),
  TRUSTED_PROXIES: z.string().default(''),
  MIRROR_CHECK_MINUTES: z.coerce.number().int().min(0).max(10_080).default(15),
  PAGE_CACHE_MB: z.coerce.number().min(0).max(65_536).default(128),
  PAGE_CACHE_TTL: z.coerce.number().int().min(1).max(86_400).default(600),
  RENDER_CONCURRENCY: z.coerce.number().int().min(0).max(1_000).default(4),
  RENDER_QUEUE_MAX: z.coerce.number().int().min(0).max(1_000_000).default(1_000),
  LIVE_MAX_READERS: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  LIVE_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
  CDN_MAX_AGE: z.coerce.number().int().min(0).max(31_536_000).optional(),
  CDN_PURGE_URL: z.url({ protocol: /^https?$/ }).optional(),
  CDN_PURGE_TOKEN: z.string().optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  ORIGIN_CACHE_DIR: z.string().min(1).optional(),
  ORIGIN_TAGS_DIR: z.string().min(1).optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .default('masthead:'),
  MEDIA_MAX_UPLOAD_MB: z.coerce.number().positive().max(2048).default(25),
  MEDIA_MAX_MEGAPIXELS: z.coerce.number().positive().max(250).default(80),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3_600).default(10),
});

export interface Config {
  port: number;
  host: string;
  /**
   * `sqlite:<file>` resolved from the data dir, or a postgres:// URL with how long to wait for a
   * connection and for one statement (0: no limit), so a frozen server fails requests in seconds.
   */
  database:
    | { kind: 'sqlite'; file: string }
    | { kind: 'postgres'; url: string; connectTimeoutMs?: number; statementTimeoutMs?: number };
  dataDir: string;
  mediaDir: string;
  site: {
    name: string;
    /** Primary URL, no trailing slash. Canonical links and structured data use it. */
    url: string;
    /**
     * SITE_URL was not set: `url` is the address this process listens on, made final after
     * listen (PORT=0 has no port before it). See siteUrlAtListen.
     */
    urlFromListen?: boolean;
    description: string;
    language: string;
    timeZone: string;
  };
  /**
   * The environment's alternate addresses and app links: the default until the newsroom saves
   * its own in the admin. What is in effect is `ctx.addresses.current()`, never this.
   */
  addresses: AddressSettings;
  /** How often one server checks every address (0: only on demand and from cron). */
  mirrorCheckMinutes: number;
  /** Peers (IPs or CIDRs) whose X-Forwarded-Host/-Proto are believed. */
  trustedProxies: string[];
  /**
   * Requests the server makes on its own (webhooks, mirror checks, CDN purges) to private,
   * loopback or link-local addresses are refused unless allowed here.
   */
  outbound: OutboundPolicy;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Requests slower than this are logged at warn (0: every request's time is logged). */
  slowRequestMs: number;
  /** Strict-Transport-Security max-age for answers over HTTPS (0: not sent). */
  hstsMaxAge: number;
  seedDemo: boolean;
  /** Content API: whether requests without a key are served, and their per-IP limit per minute. */
  contentApi: { public: boolean; anonymousRateLimit: number };
  cache: {
    /** In-memory page cache budget in bytes; 0 turns it off. */
    maxBytes: number;
    /** Longest a cached page is served without a re-render (a safety net behind invalidation). */
    ttlSeconds: number;
    /** `s-maxage` for CDNs: long when purges reach the CDN, short when they cannot. */
    cdnMaxAge: number;
    purge: { url: string; token?: string } | null;
    /** Invalidations shared between app nodes. */
    redis: { url: string; prefix: string } | null;
    /**
     * nginx in front (docs/operations.md, "Production: nginx in front"): its `proxy_cache_path`
     * (`dir`), where this app deletes what an invalidation makes stale, and the tag index
     * (`tagsDir`: which of nginx's files shows what). Null: the app serves everything itself.
     */
    origin: { dir: string; tagsDir: string } | null;
  };
  /**
   * Public pages rendered at once (0: no bound), and how many more may wait in line before the
   * next is answered 503 (src/http/render-queue.ts).
   */
  renders: { concurrency: number; maxWaiting: number };
  /** Upload limits: bytes per file, and pixels per image (a guard against decompression bombs). */
  media: { maxUploadBytes: number; maxPixels: number };
  /** On SIGTERM, how long requests and job runs in progress may take before they are cut. */
  shutdownGraceSeconds: number;
  /**
   * Live coverage (site/live-hub.ts): readers connected for updates at once on this node (beyond
   * it 503, and the page's script polls instead), and the seconds between keep-alive comments.
   */
  live: { maxReaders: number; heartbeatSeconds: number };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {}

/** Host names that mean "this machine" in a URL, and the listen hosts that answer on all of them. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);
const ANY_ADDRESS = new Set(['0.0.0.0', '::']);

/** The address the process answers on, as a URL: localhost for loopback and any-address hosts. */
export function servedUrl(listen: { host: string; port: number }): string {
  const host = listen.host.toLowerCase();
  if (LOOPBACK_NAMES.has(host) || ANY_ADDRESS.has(host)) return `http://localhost:${listen.port}`;
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${listen.port}`;
}

/**
 * Why SITE_URL and the listen address disagree, or null: "View on the site", preview links and
 * the mirror check follow SITE_URL, so one pointing at this machine on another port (or at a
 * host the process does not listen on) sends them elsewhere. A public name is expected to
 * differ (a proxy sits in front), so only a SITE_URL naming this machine is compared.
 */
export function siteUrlMismatch(siteUrl: string, listen: { host: string; port: number }): string | null {
  const url = new URL(siteUrl);
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const listenHost = listen.host.toLowerCase();
  if (!LOOPBACK_NAMES.has(host) && !ANY_ADDRESS.has(host) && host !== listenHost) return null;
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const hostServed =
    ANY_ADDRESS.has(listenHost) ||
    host === listenHost ||
    (LOOPBACK_NAMES.has(listenHost) && LOOPBACK_NAMES.has(host));
  if (port === listen.port && hostServed) return null;
  return `SITE_URL ${siteUrl} is not the address this process listens on (${servedUrl(listen)}): links to the site, preview links and the mirror check will point elsewhere. Set SITE_URL to the public address, or leave it unset.`;
}

/**
 * The site's URL once the process listens on `port`, and the warning to log, if any. Unset,
 * SITE_URL is where this process answers (the port actually bound: PORT=0 picks one only at
 * listen); set, it is kept, with a warning when it names this machine elsewhere.
 */
export function siteUrlAtListen(
  config: Pick<Config, 'host' | 'site'>,
  port: number,
): { url: string; warning: string | null } {
  if (config.site.urlFromListen) return { url: servedUrl({ host: config.host, port }), warning: null };
  return { url: config.site.url, warning: siteUrlMismatch(config.site.url, { host: config.host, port }) };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.MASTHEAD_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    database: parseDatabaseUrl(e.DATABASE_URL, dataDir, {
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    }),
    dataDir,
    mediaDir: path.join(dataDir, 'media'),
    site: {
      name: e.SITE_NAME,
      // Unset, the site's links point where this process actually answers, not at a fixed port.
      url: (e.SITE_URL ?? servedUrl({ host: e.HOST, port: e.PORT })).replace(/\/+$/, ''),
      urlFromListen: e.SITE_URL === undefined,
      description: e.SITE_DESCRIPTION,
      language: e.SITE_LANGUAGE,
      timeZone: e.SITE_TIMEZONE,
    },
    addresses: { alternates: parseAlternates(e.SITE_ALTERNATE_URLS), apps: parseAppLinks(e.SITE_APP_LINKS) },
    mirrorCheckMinutes: e.MIRROR_CHECK_MINUTES,
    trustedProxies: parseProxies(e.TRUSTED_PROXIES),
    logLevel: e.LOG_LEVEL,
    slowRequestMs: e.SLOW_REQUEST_MS,
    hstsMaxAge: e.HSTS_MAX_AGE,
    seedDemo: e.MASTHEAD_SEED_DEMO === 'auto',
    contentApi: { public: e.CONTENT_API_PUBLIC === 'true', anonymousRateLimit: e.CONTENT_API_RATE_LIMIT },
    live: { maxReaders: e.LIVE_MAX_READERS, heartbeatSeconds: e.LIVE_HEARTBEAT_SECONDS },
    cache: {
      maxBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024),
      ttlSeconds: e.PAGE_CACHE_TTL,
      cdnMaxAge: e.CDN_MAX_AGE ?? (e.CDN_PURGE_URL ? 86_400 : 60),
      purge: e.CDN_PURGE_URL ? { url: e.CDN_PURGE_URL, token: e.CDN_PURGE_TOKEN } : null,
      redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : null,
      origin: e.ORIGIN_CACHE_DIR
        ? {
            dir: path.resolve(e.ORIGIN_CACHE_DIR),
            tagsDir: path.resolve(e.ORIGIN_TAGS_DIR ?? `${e.ORIGIN_CACHE_DIR.replace(/\/+$/, '')}-tags`),
          }
        : null,
    },
    renders: { concurrency: e.RENDER_CONCURRENCY, maxWaiting: e.RENDER_QUEUE_MAX },
    media: {
      maxUploadBytes: Math.floor(e.MEDIA_MAX_UPLOAD_MB * 1024 * 1024),
      maxPixels: Math.floor(e.MEDIA_MAX_MEGAPIXELS * 1_000_000),
    },
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    outbound: {
      allowPrivate: e.OUTBOUND_ALLOW_PRIVATE === 'true' || e.WEBHOOK_ALLOW_PRIVATE === 'true',
      allowedHosts: [
        ...new Set(list(`${e.OUTBOUND_ALLOWED_HOSTS},${e.WEBHOOK_ALLOWED_HOSTS}`.toLowerCase())),
      ],
    },
  };
}

function parseDatabaseUrl(
  url: string | undefined,
  dataDir: string,
  timeouts: { connectTimeoutMs: number; statementTimeoutMs: number },
): Config['database'] {
  if (!url) return { kind: 'sqlite', file: path.join(dataDir, 'masthead.db') };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url, ...timeouts };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  throw new ConfigError('DATABASE_URL must start with postgres://, postgresql:// or sqlite:');
}

const list = (raw: string) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `https://a.example,http://xyz.onion`: origins only (rules shared with the admin's list). */
function parseAlternates(raw: string): string[] {
  return list(raw).map((item) => {
    const r = checkAlternate(item);
    if ('problem' in r) throw new ConfigError(`SITE_ALTERNATE_URLS: "${item}" ${r.problem}`);
    return r.value;
  });
}

/** `TV app|https://tv.example/app,Android|https://play.google.com/…`. */
function parseAppLinks(raw: string): { label: string; url: string }[] {
  return list(raw).map((item) => {
    const [label, href, ...rest] = item.split('|').map((s) => s.trim());
    const r = href ? checkAppUrl(href) : null;
    if (!label || !r || 'problem' in r || rest.length)
      throw new ConfigError(`SITE_APP_LINKS: "${item}" must be "Label|https://address"`);
    return { label, url: r.value };
  });
}

/** `10.0.0.1,192.168.0.0/16,::1`. */
function parseProxies(raw: string): string[] {
  return list(raw).map((item) => {
    const [ip, bits, ...rest] = item.split('/');
    const family = ip ? isIP(ip) : 0;
    const max = family === 6 ? 128 : 32;
    if (!family || rest.length || (bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= max)))
      throw new ConfigError(`TRUSTED_PROXIES: "${item}" is not an IP address or CIDR range`);
    return item;
  });
}
