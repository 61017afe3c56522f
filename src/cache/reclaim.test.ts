import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  collectEvery,
  collectGarbage,
  compactionSchedule,
  majorCollector,
  trimFreedMemory,
} from './reclaim.js';

const report = process.report.getReport() as { header?: { glibcVersionRuntime?: string } };
const glibc = process.platform === 'linux' && typeof report.header?.glibcVersionRuntime === 'string';

describe('giving dropped pages’ memory back', () => {
  it('asks for a collection each time a quarter of the budget has been dropped', () => {
    let collections = 0;
    const dropped = collectEvery(100, () => collections++);
    dropped(60);
    expect(collections).toBe(0);
    dropped(40);
    expect(collections).toBe(1);
    dropped(99);
    expect(collections).toBe(1);
    dropped(250);
    expect(collections).toBe(2);
  });

  it('reaches V8’s collector without a global gc', async () => {
    const collect = majorCollector();
    expect(collect).toBeTypeOf('function');
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    collect?.();
  });

  it('compacts at most once in the interval', () => {
    let t = 0;
    const compactNow = compactionSchedule(30_000, () => t);
    expect(compactNow()).toBe(true);
    t = 10_000;
    expect(compactNow()).toBe(false);
    t = 30_000;
    expect(compactNow()).toBe(true);
    t = 59_999;
    expect(compactNow()).toBe(false);
  });

  it('gives back the pages a collection leaves half full when it compacts', async () => {
    // Objects allocated one after another share pages; keeping every other one leaves every
    // page half full. A plain collection keeps such pages (V8 moves objects only off pages that
    // are nearly empty); a compacting one moves the survivors together and releases the rest.
    let kept = Array.from({ length: 600_000 }, (_, i) => ({ i, list: [i] }));
    await collectGarbage(false);
    kept = kept.filter((_, i) => i % 2 === 0);
    await collectGarbage(false);
    await collectGarbage(false);
    const halfFull = v8.getHeapStatistics().total_heap_size;
    await collectGarbage(true);
    const compacted = v8.getHeapStatistics().total_heap_size;
    expect(kept).toHaveLength(300_000);
    expect(halfFull - compacted).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('hands the pages of an emptied heap back to the system when it compacts', async () => {
    // From V8 12 (Node 22) on, pages freed by a regular collection go to a pool and stay
    // resident; the compacting collection must give them back there as Node 20 does anyway
    // (measured: 100 MB of objects dropped, RSS 174–177 MB after regular and flag-compacting
    // collections on Node 22 and 24, 56–59 MB after this one; 82 MB on Node 20).
    let garbage: unknown[] | null = Array.from({ length: 1_000_000 }, (_, i) => ({ i, list: [i] }));
    await collectGarbage(false);
    const full = process.memoryUsage.rss();
    expect(garbage).toHaveLength(1_000_000);
    garbage = null;
    await collectGarbage(false);
    await collectGarbage(true);
    expect(full - process.memoryUsage.rss()).toBeGreaterThan(60 * 1024 * 1024);
  });

  it.runIf(glibc)('hands glibc’s freed memory back through malloc_trim on this machine', async () => {
    // koffi's binary for this platform and glibc's malloc_trim are both there: a production
    // node trims after its collections (docs/benchmarks.md has what it gives back).
    await expect(trimFreedMemory()).resolves.toBe(true);
  });
});
