import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Context } from '../context.js';
import { startJobs } from './runner.js';

const ctx = {} as Context;

// The runner's intervals run on vitest's fake timers: time moves only when the test says so, and a
// job's own "work" is a timer too, so each assertion sees an exact state instead of a guess.
describe('job runner', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs each job on its interval without ever overlapping it, and stop waits for the run in progress', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let finished = 0;
    // Each run holds until the test lets it finish.
    const holds: (() => void)[] = [];
    const stop = startJobs(ctx, [
      {
        name: 'slow',
        intervalMs: 5,
        run: async () => {
          running++;
          runs++;
          maxRunning = Math.max(maxRunning, running);
          await new Promise<void>((done) => holds.push(done));
          running--;
          finished++;
        },
      },
    ]);
    // While a run is busy, ticks are skipped: a long stretch starts no second run.
    await vi.advanceTimersByTimeAsync(100);
    expect([runs, running]).toEqual([1, 1]);
    holds.shift()?.();
    await vi.advanceTimersByTimeAsync(5);
    expect([runs, running]).toEqual([2, 1]);
    // stop waits for the run in progress.
    let stopped = false;
    const stopping = stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(5);
    expect(stopped).toBe(false);
    holds.shift()?.();
    await stopping;
    expect(maxRunning).toBe(1);
    expect(finished).toBe(runs);
    const after = runs;
    await vi.advanceTimersByTimeAsync(100);
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
    await vi.advanceTimersByTimeAsync(60);
    await stop();
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toBe('flaky: boom 1');
  });
});
