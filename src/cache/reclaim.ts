import { createRequire } from 'node:module';
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
 * fairness crawl measured what that costs in CPU and p99 (same paragraph). Without `--expose-gc`
 * the collector is reached through a fresh context, which gets the `gc` function once the flag is
 * set; the process's global stays as it was. Once the collection is done, what glibc keeps of the
 * freed memory is handed back (`freedMemoryReturner`).
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
    const trim = freedMemoryReturner();
    return () => {
      const done = gc({ type: 'major', execution: 'async' }) as Promise<void> | undefined;
      if (trim) done?.then(trim, () => {});
    };
  } catch {
    return null;
  }
}

/**
 * Hands back what glibc keeps of the freed memory, a while after each collection (once V8 has
 * released the dead buffers: it frees array buffers' memory after the pause, on its own thread),
 * never twice at once. Null where it cannot be done (`trimFreedMemory`).
 */
function freedMemoryReturner(): (() => void) | null {
  if (!trimmer()) return null;
  // From the moment a trim is asked for until it has finished: later asks are dropped.
  let busy = false;
  return () => {
    if (busy) return;
    busy = true;
    setTimeout(() => {
      void trimFreedMemory().finally(() => {
        busy = false;
      });
    }, TRIM_AFTER_MS).unref();
  };
}

const TRIM_AFTER_MS = 250;

/**
 * glibc keeps memory that was freed for later use, and `free()` hands back only what lies at the
 * top of its heap: after the collection freed the dropped pages, 24 MB (Node 20) to 53 MB
 * (Node 24) stayed resident that `malloc_trim(0)` gives back (docs/benchmarks.md, "memory under
 * the soak"). Node cannot call it, so it is called through koffi (an FFI with prebuilt binaries,
 * docs/decisions.md), on a pool thread: it walks the whole heap holding its lock, a few
 * milliseconds the event loop does not wait for. Resolves false where there is no glibc (musl
 * has no libc.so.6) or no koffi: nothing is trimmed then.
 */
export function trimFreedMemory(): Promise<boolean> {
  const trim = trimmer();
  if (!trim) return Promise.resolve(false);
  return new Promise((resolve) => trim.async(0, (err) => resolve(!err)));
}

type Trim = { async(pad: number, done: (err: unknown) => void): void };
let trimFn: Trim | null | undefined;

function trimmer(): Trim | null {
  if (trimFn !== undefined) return trimFn;
  trimFn = null;
  if (process.platform !== 'linux') return null;
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
    trimFn = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as Trim;
  } catch {
    // No glibc, or koffi has no binary for this machine.
  }
  return trimFn;
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
