import path from 'node:path';
import { z } from 'zod';

/**
 * Everything an operator can set, read once from the environment and validated, so a typo
 * fails at start with a clear message instead of at 3 a.m. on the first request that needs it.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  MASTHEAD_DATA_DIR: z.string().min(1).default('data'),
  SITE_NAME: z.string().min(1).default('Masthead News'),
  SITE_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
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
  MASTHEAD_SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
});

export interface Config {
  port: number;
  host: string;
  /** `sqlite:<file>` resolved from the data dir, or a postgres:// URL. */
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  dataDir: string;
  mediaDir: string;
  site: {
    name: string;
    /** Primary URL, no trailing slash. Canonical links and structured data use it. */
    url: string;
    description: string;
    language: string;
    timeZone: string;
  };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  seedDemo: boolean;
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
    database: parseDatabaseUrl(e.DATABASE_URL, dataDir),
    dataDir,
    mediaDir: path.join(dataDir, 'media'),
    site: {
      name: e.SITE_NAME,
      url: e.SITE_URL.replace(/\/+$/, ''),
      description: e.SITE_DESCRIPTION,
      language: e.SITE_LANGUAGE,
      timeZone: e.SITE_TIMEZONE,
    },
    logLevel: e.LOG_LEVEL,
    seedDemo: e.MASTHEAD_SEED_DEMO === 'auto',
  };
}

function parseDatabaseUrl(url: string | undefined, dataDir: string): Config['database'] {
  if (!url) return { kind: 'sqlite', file: path.join(dataDir, 'masthead.db') };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  throw new ConfigError('DATABASE_URL must start with postgres://, postgresql:// or sqlite:');
}
