import type { FastifyInstance } from 'fastify';

export interface ShutdownParts {
  app: FastifyInstance;
  /** Stops the job runner; resolves when the runs in progress have finished. */
  stopJobs(): Promise<void>;
  /** Closes what the work above needed (the database, the cache channels). */
  closeContext(): Promise<void>;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/**
 * A stop with a deadline (SIGTERM, SIGINT). At once: no new connections, no new job runs, idle
 * keep-alive sockets closed, and every response from now on closes its connection. Requests and
 * the job runs in progress may finish within `graceMs`; then the context closes and the stop is
 * `clean`. Past the deadline every connection still open (a client trickling a body, a slow
 * download) is cut and the stop is `forced`: the caller exits without waiting any longer.
 */
export async function shutDown(parts: ShutdownParts, graceMs: number): Promise<'clean' | 'forced'> {
  const { app, log } = parts;
  // A keep-alive connection that finishes a request after the close would otherwise stay open
  // until its keep-alive timeout: ask every response started from now on to end its connection.
  // (Fastify does so for the requests it routes; cached pages are answered before it.)
  app.server.prependListener('request', (_req, res) => res.setHeader('connection', 'close'));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'forced'>((resolve) => {
    timer = setTimeout(() => resolve('forced'), graceMs);
  });
  // Stop listening now: app.close() does so only after its preClose and onClose hooks (the live
  // hub's, which ends its streams), and a connection arriving meanwhile would be taken, then
  // reset. Its own close of the server finds it closed and waits for the connections to drain.
  if (app.server.listening) app.server.close();
  // app.close() closes idle connections and waits for requests in progress.
  const work = Promise.all([app.close(), parts.stopJobs()]).then(() => 'clean' as const);
  const outcome = await Promise.race([work, deadline]);
  clearTimeout(timer);
  if (outcome === 'forced') {
    log.warn({ graceMs }, 'shutdown grace over: cutting the connections and work still open');
    app.server.closeAllConnections();
    return 'forced';
  }
  await parts.closeContext();
  log.info({}, 'stopped');
  return 'clean';
}
