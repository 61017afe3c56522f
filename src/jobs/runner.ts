import type { Context } from '../context.js';

/**
 * A small in-process job runner: each job runs on its own interval, never overlapping itself
 * (a tick that finds the previous run still busy is skipped). Jobs must be safe with several
 * processes running them on one database; they coordinate through the database, not here.
 */
export interface Job {
  name: string;
  intervalMs: number;
  run(ctx: Context): Promise<unknown>;
}

export interface JobOptions {
  onError?: (job: string, err: unknown) => void;
}

/** Start every job; the returned function stops them and waits for runs in progress. */
export function startJobs(ctx: Context, jobs: readonly Job[], opts: JobOptions = {}): () => Promise<void> {
  const onError = opts.onError ?? ((job, err) => console.error(`job ${job} failed:`, err));
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  const tick = (job: Job) => {
    if (stopped || running.has(job.name)) return;
    const run = job
      .run(ctx)
      .then(() => undefined)
      .catch((err: unknown) => onError(job.name, err))
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
  };
  const timers = jobs.map((job) => {
    const timer = setInterval(() => tick(job), job.intervalMs);
    // Jobs never keep the process alive on their own.
    timer.unref();
    setImmediate(() => tick(job));
    return timer;
  });
  return async () => {
    stopped = true;
    for (const t of timers) clearInterval(t);
    await Promise.all(running.values());
  };
}
