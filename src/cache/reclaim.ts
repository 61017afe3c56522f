import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Gives the memory of dropped pages back sooner.
 *
 * A cached page's bytes are buffers outside the JS heap, held by an entry that has lived long
 * enough to sit in V8's old generation. When the LRU drops the entry, the bytes are only freed
 * when a major collection finds it dead, and V8 starts one for outside memory only after it has
 * grown by 64 MB since the last: under a crawl, where nearly every request evicts a page, that
 * kept ~50 MB of dead pages allocated, and glibc then kept the freed memory for reuse
 * (docs/benchmarks.md, "2026-12-07, later: memory under the soak").
 *
 * So after the cache has dropped a quarter of its budget, this asks V8 for a major collection,
 * run as a task of its own once the current one ends (`execution: 'async'`). It is a full
 * collection, a pause of tens of milliseconds (70–95 ms for a 100 MB heap of small objects on a
 * 2-core machine): under a crawl that evicts 10 MB a second, one every second or two. The
 * fairness crawl measured what that costs in CPU and p99 (same paragraph). Without `--expose-gc` the collector is reached through a fresh
 * context, which gets the `gc` function once the flag is set; the process's global stays as it
 * was.
 */
export function majorCollector(): (() => void) | null {
  if (collector === undefined) collector = reachCollector();
  return collector;
}

let collector: (() => void) | null | undefined;

function reachCollector(): (() => void) | null {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    if (typeof gc !== 'function') return null;
    return () => gc({ type: 'major', execution: 'async' });
  } catch {
    return null;
  }
}

/** Calls `collect` each time `bytes` more have been dropped; returns the counter to feed. */
export function collectEvery(bytes: number, collect: () => void): (dropped: number) => void {
  let since = 0;
  return (dropped) => {
    since += dropped;
    if (since < bytes) return;
    since = 0;
    collect();
  };
}
