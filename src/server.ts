import { buildApp } from './app.js';
import type { Config } from './config.js';
import { createContext } from './context.js';
import { seedDemoIfEmpty } from './demo/seed.js';

/** The process: context, demo seed on an empty database, listen, and a clean stop on signals. */
export async function serve(config: Config): Promise<void> {
  const ctx = await createContext(config);
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(ctx);
    if (seeded)
      console.log(`Loaded the demo newsroom: ${seeded.articles} stories in ${seeded.sections} sections.`);
  }
  const app = await buildApp(ctx, { logger: config.logLevel !== 'silent' });
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'stopping');
    await app.close();
    await ctx.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Masthead is serving ${config.site.name} at http://${shownHost}:${port}/`);
}
