import { describe, expect, it } from 'vitest';
import { collectEvery, majorCollector, trimFreedMemory } from './reclaim.js';

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

  it.runIf(glibc)('hands glibc’s freed memory back through malloc_trim on this machine', async () => {
    // koffi's binary for this platform and glibc's malloc_trim are both there: a production
    // node trims after its collections (docs/benchmarks.md has what it gives back).
    await expect(trimFreedMemory()).resolves.toBe(true);
  });
});
