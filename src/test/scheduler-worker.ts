/**
 * A stand-alone process that runs the scheduled-publishing job against a database, as an app
 * node would; scheduler tests start two of these on one database. Prints the ids it published.
 */
import { publishDueArticles } from '../content/workflow.js';
// Installs what every story write keeps in step (search index, webhook outbox), as on an app node.
import '../context.js';
import { openDatabase } from '../db/index.js';

const url = process.env.WORKER_DATABASE ?? '';
const runForMs = Number(process.env.WORKER_RUN_MS ?? 3000);
const everyMs = Number(process.env.WORKER_EVERY_MS ?? 1000);
const handle = openDatabase(
  url.startsWith('postgres') ? { kind: 'postgres', url } : { kind: 'sqlite', file: url },
);
const published: { id: number; at: string }[] = [];
// Tell the test we are polling, so it can set due times after start-up (as for a running server).
process.stderr.write('ready\n');
const end = Date.now() + runForMs;
while (Date.now() < end) {
  const now = new Date().toISOString();
  for (const row of await publishDueArticles(handle.db, now)) published.push({ id: row.id, at: now });
  await new Promise((r) => setTimeout(r, everyMs));
}
await handle.destroy();
process.stdout.write(JSON.stringify(published));
