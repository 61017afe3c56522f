import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Context } from '../context.js';
import { escapeHtml } from '../shared/document/index.js';

/**
 * The newsroom web app (web/admin, built by Vite) at /admin. The same relative path works from
 * src/admin (tsx, tests) and dist/admin (the build): both are two levels below the repository.
 */
export const ADMIN_APP_DIR = fileURLToPath(new URL('../../web/admin/dist/', import.meta.url));

/**
 * The app runs only our own bundled scripts. Styles allow inline because ProseMirror sets style
 * attributes on the editable area; images come from this site (media renditions) or are pasted
 * as data/blob URLs while editing; nobody may frame the newsroom (clickjacking).
 */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// Vite names assets `name-HASH.ext`; anything else under /admin/assets is not ours.
const ASSET_NAME = /^[A-Za-z0-9_.-]+\.[a-z0-9]+$/;

export interface AdminAppOptions {
  /** Where the built app lives (tests may point elsewhere). */
  dir?: string;
}

/** Serves the built single-page app: hashed assets for a year, index.html for every client route. */
export function adminAppRoutes(app: FastifyInstance, ctx: Context, opts: AdminAppOptions = {}): void {
  const dir = opts.dir ?? ADMIN_APP_DIR;

  const notBuilt = (reply: FastifyReply) =>
    reply
      .code(503)
      .header('cache-control', 'no-store')
      .header('retry-after', '30')
      .type('text/plain; charset=utf-8')
      .send(
        'The newsroom app is not built yet. Run `npm run build` (or `npm run build:admin`) and reload this page.\n',
      );

  // Settings the app reads from <meta> tags: no inline script is needed, so the CSP stays strict.
  // Made per page: the site's URL is final only once the process listens (siteUrlAtListen).
  const meta = () =>
    [
      ['masthead:site-name', ctx.config.site.name],
      ['masthead:site-url', ctx.config.site.url],
      ['masthead:time-zone', ctx.config.site.timeZone],
    ]
      .map(([name, content]) => `<meta name="${name}" content="${escapeHtml(content ?? '')}">`)
      .join('');

  async function index(reply: FastifyReply) {
    let html: string;
    try {
      html = await fs.readFile(path.join(dir, 'index.html'), 'utf8');
    } catch {
      return notBuilt(reply);
    }
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', ADMIN_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('x-frame-options', 'DENY')
      .send(html.replace('</head>', `${meta()}</head>`));
  }

  async function file(reply: FastifyReply, name: string, immutable: boolean) {
    const ext = path.extname(name);
    let body: Buffer;
    try {
      body = await fs.readFile(path.join(dir, immutable ? 'assets' : '', name));
    } catch {
      try {
        await fs.access(path.join(dir, 'index.html'));
      } catch {
        return notBuilt(reply);
      }
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
    }
    return reply
      .type(TYPES[ext] ?? 'application/octet-stream')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
      .send(body);
  }

  app.get('/admin', async (_req, reply) => index(reply));
  app.get<{ Params: { file: string } }>('/admin/assets/:file', async (req, reply) => {
    if (!ASSET_NAME.test(req.params.file)) return reply.code(404).type('text/plain').send('Not found\n');
    return file(reply, req.params.file, true);
  });
  app.get<{ Params: { '*': string } }>('/admin/*', async (req, reply) => {
    const rest = req.params['*'];
    // Odd names under assets/ (encoded dots, sub-folders) are never a client route.
    if (rest.startsWith('assets/')) return reply.code(404).type('text/plain').send('Not found\n');
    // Files at the top of the build (favicon); everything else is a client route.
    if (ASSET_NAME.test(rest) && TYPES[path.extname(rest)] && path.extname(rest) !== '.json') {
      return file(reply, rest, false);
    }
    return index(reply);
  });
}
