import { describe, expect, it } from 'vitest';
import type { Context } from '../context.js';
import { startJobs } from './runner.js';

const ctx = {} as Context;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('job runner', () => {
  it('runs each job on its interval without ever overlapping it, and stop waits for the run in progress', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let finished = 0;
    const stop = startJobs(ctx, [
      {
        name: 'slow',
        intervalMs: 5,
        run: async () => {
          running++;
          runs++;
          maxRunning = Math.max(maxRunning, running);
          await sleep(30);
          running--;
          finished++;
        },
      },
    ]);
    await sleep(100);
    await stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(maxRunning).toBe(1);
    expect(finished).toBe(runs);
    const after = runs;
    await sleep(30);
    expect(runs).toBe(after);
  });

  it('reports a failing run and keeps the job scheduled', async () => {
    const errors: string[] = [];
    let calls = 0;
    const stop = startJobs(
      ctx,
      [
        {
          name: 'flaky',
          intervalMs: 5,
          run: async () => {
            calls++;
            throw new Error(`boom ${calls}`);
          },
        },
      ],
      { onError: (job, err) => errors.push(`${job}: ${(err as Error).message}`) },
    );
    await sleep(60);
    await stop();
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toBe('flaky: boom 1');
  });
});
