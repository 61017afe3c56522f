import { parentPort, workerData } from 'node:worker_threads';
import type { WriteJob, WriteReply } from './page-output.js';
import { linkParts, PageRefs } from './paths.js';
import { contentHash, writeIfChanged } from './writer.js';

/**
 * The static export's write thread (page-output.ts): rewrites the links of the pages it is
 * sent and writes each file whose bytes changed, answering with their outcomes a batch at a
 * time (one message per page back cost the rendering thread more). It loads nothing but this
 * folder's path and file code.
 */
const port = parentPort;
if (!port) throw new Error('write-thread.ts runs as a worker thread');
const { outDir } = workerData as { outDir: string };
const BATCH = 32;
const refs = new PageRefs();
const madeDirs = new Set<string>();
let style = '';
type Answer = Extract<WriteReply, { kind: 'done' }>;
let outcomes: Answer['outcomes'] = [];
/** Sets of referenced files, numbered (see WriteReply), and those not yet sent. */
const refSets = new Map<string, number>();
let newSets: Answer['sets'] = {};

function refSet(files: string[]): number {
  // Keyed by a digest: a front page's list of files is some 10 kB, and there are thousands.
  const key = contentHash(files.join('\n'));
  let n = refSets.get(key);
  if (n === undefined) {
    n = refSets.size;
    refSets.set(key, n);
    newSets[n] = files;
  }
  return n;
}

const reply = (msg: WriteReply) => port.postMessage(msg);

port.on('message', (job: WriteJob) => {
  try {
    for (const page of job.pages) {
      style = page.style ?? style;
      const parts = linkParts([page.head, style, page.tail], refs);
      outcomes.push({
        ...writeIfChanged(outDir, page.rel, parts, page.before, madeDirs),
        refSet: refSet(refs.page),
      });
    }
    if (outcomes.length >= BATCH || (job.flush && outcomes.length)) {
      reply({ kind: 'done', outcomes, sets: newSets });
      outcomes = [];
      newSets = {};
    }
  } catch (err) {
    reply({ kind: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
