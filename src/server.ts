import { ensureFirstOwner } from './accounts/index.js';
import { buildApp } from './app.js';
import { type Config, siteUrlAtListen } from './config.js';
import { createContext } from './context.js';
import { neverHeldContent } from './demo/marker.js';
import { defaultJobs, startJobs } from './jobs/index.js';
import { shutDown } from './shutdown.js';

/** The process: context, demo seed on an empty database, listen, and a clean stop on signals. */
export async function serve(config: Config): Promise<void> {
  const ctx = await createContext(config);
  if (config.seedDemo && (await neverHeldContent(ctx.db))) {
    const { seedDemoIfEmpty } = await import('./demo/seed.js');
    const seeded = await seedDemoIfEmpty(ctx);
    if (seeded)
      console.log(`Loaded the demo newsroom: ${seeded.articles} stories in ${seeded.sections} sections.`);
  }
  const owner = await ensureFirstOwner(ctx.db, ctx.now().toISOString());
  const app = await buildApp(ctx, { logger: config.logLevel !== 'silent' });
  // Background work (webhook delivery, …) runs in this process; it stops before the database closes.
  const stopJobs = startJobs(ctx, defaultJobs, {
    onError: (job, err) => app.log.error({ err, job }, 'background job failed'),
  });
  const stop = async (signal: string) => {
    const graceMs = config.shutdownGraceSeconds * 1000;
    app.log.info({ signal, graceMs }, 'stopping');
    try {
      const outcome = await shutDown(
        { app, stopJobs, closeContext: () => ctx.close(), log: app.log },
        graceMs,
      );
      process.exit(outcome === 'clean' ? 0 : 1);
    } catch (err) {
      app.log.error({ err }, 'stop failed');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `http://${shownHost}:${port}`;
  console.log(`Masthead is serving ${config.site.name} at ${base}/`);
  // ctx.config is this object: links made from now on ("View on the site", previews, the mirror
  // check) use the address really served. Nothing has been asked of the site before listen.
  const site = siteUrlAtListen(config, port);
  config.site.url = site.url;
  if (site.warning) app.log.warn({ siteUrl: site.url, host: config.host, port }, site.warning);
  if (owner) {
    console.log('');
    console.log('Created the newsroom owner account (the password is shown only this once):');
    console.log(`  email:    ${owner.email}`);
    console.log(`  password: ${owner.password}`);
    console.log(`Sign in at ${base}/admin (newsroom API: POST ${base}/api/admin/session).`);
    console.log('Lost it? npx masthead user reset-password --email owner@example.com');
  }
}
