import type { Command } from 'commander';
import { nginxConfig } from '../cache/index.js';
import { type Config, ConfigError, loadConfig } from '../config.js';
import type { Context } from '../context.js';
import { editionsOf } from '../editions/index.js';
import { allowedHostNames } from '../http/index.js';

/**
 * `masthead nginx-config`: prints the nginx configuration for running the app behind nginx
 * (src/cache/nginx.ts writes it; docs/operations.md, "Production: nginx in front"). The host
 * names come from SITE_URL and the alternate addresses in effect, read from the database (`open`
 * is the composition root's createContext, handed over by cli/index.ts).
 */
export function nginxConfigCommand(program: Command, open: (config: Config) => Promise<Context>): void {
  program
    .command('nginx-config')
    .description(
      'print the nginx configuration that serves the public site from its cache in front of the app',
    )
    .option('--listen <address>', 'what nginx listens on', '80')
    .option('--upstream <host:port...>', 'app nodes (default: HOST:PORT of this configuration)')
    .option('--cache-dir <dir>', "nginx's cache directory (default: ORIGIN_CACHE_DIR)")
    .option('--max-size <size>', 'largest size of the cache directory', '10g')
    .action(async (opts: { listen: string; upstream?: string[]; cacheDir?: string; maxSize: string }) => {
      const config = loadConfig();
      const cacheDir = opts.cacheDir ?? config.cache.origin?.dir;
      if (!cacheDir)
        throw new ConfigError('set ORIGIN_CACHE_DIR (the app deletes from it) or pass --cache-dir');
      if (opts.cacheDir && config.cache.origin && config.cache.origin.dir !== opts.cacheDir)
        console.error(`note: ORIGIN_CACHE_DIR is ${config.cache.origin.dir}; the app deletes only there`);
      const ctx = await open(config);
      try {
        const addresses = ctx.addresses.current();
        // Editions on hosts of their own, and editions' own alternate addresses: served, and
        // kept apart from the site's pages (src/editions/hosts.ts does the same in the app).
        const editionHosts = (await editionsOf(ctx)).flatMap((e) =>
          e.isDefault
            ? []
            : [...(e.host ? [e.host] : []), ...(e.alternates ?? []).map((url) => new URL(url).hostname)].map(
                (host) => ({ host, code: e.code }),
              ),
        );
        // nginx matches onion and clear-web names alike; every name the app's host gate allows.
        const names = [
          ...new Set([
            ...allowedHostNames(config.site.url, addresses.alternates),
            ...editionHosts.map((e) => e.host),
          ]),
        ].map((n) => (n.includes(':') ? `[${n}]` : n));
        const host = config.host.includes(':') ? `[${config.host}]` : config.host;
        const text = nginxConfig({
          siteUrl: config.site.url,
          listen: opts.listen,
          upstreams: opts.upstream ?? [`${host === '0.0.0.0' ? '127.0.0.1' : host}:${config.port}`],
          cacheDir,
          serverNames: names,
          onion: addresses.onion,
          maxSize: opts.maxSize,
          editionHosts: editionHosts.filter((e) => !e.host.includes(':')),
        });
        process.stdout.write(text);
      } catch (err) {
        throw new ConfigError(err instanceof Error ? err.message : String(err));
      } finally {
        await ctx.close();
      }
    });
}
