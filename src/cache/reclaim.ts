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
 * set; the process's global stays as it was. At most every 30 s the collection also compacts
 * the heap (`compactionSchedule`). Once it is done, what glibc keeps of the freed memory is handed
 * back (`freedMemoryReturner`).
 */
export function majorCollector(): (() => void) | null {
  if (collector === undefined) collector = reachCollector();
  return collector;
}

let collector: (() => void) | null | undefined;

function reachCollector(): (() => void) | null {
  if (!reachGc()) return null;
  const trim = freedMemoryReturner();
  const compactNow = compactionSchedule(COMPACT_EVERY_MS, () => performance.now());
  return () => {
    const done = collectGarbage(compactNow());
    if (trim) done?.then(trim, () => {});
  };
}

type Gc = (options: {
  type: 'major';
  execution: 'async';
  flavor?: 'regular' | 'last-resort';
}) => Promise<void>;
let gcFn: Gc | null | undefined;

function reachGc(): Gc | null {
  if (gcFn !== undefined) return gcFn;
  gcFn = null;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    if (typeof gc === 'function') gcFn = gc as Gc;
  } catch {
    // A runtime without V8's gc extension: nothing is collected early.
  }
  return gcFn;
}

/**
 * One major collection, run as a task of its own once the current one ends, that also compacts
 * the heap when asked (`compactionSchedule`); resolves once it is done. Null without the collector.
 *
 * How it compacts depends on V8. From V8 12 (Node 22) on, freed pages go to a pool that V8 keeps
 * resident for reuse: under the soak on Node 24, ~55 MB of anonymous memory beyond V8's heap that
 * neither a regular nor a compacting collection returned. The `last-resort` flavour of the
 * collection (V8's `CollectAllAvailableGarbage`: full collections that reduce the footprint,
 * compacting, until nothing more is freed) also gives the pool back: RSS under the soak 290–309 →
 * 235–287 MB, median 254 (docs/benchmarks.md, "2026-12-07, night"). Node 20's V8 11 ignores
 * the flavour and has no pool, so there the collection compacts through the flag instead, set for
 * this collection and cleared when it is done (Node 20 has no per-collection switch it honours;
 * docs/decisions.md). Each is one pause of about the same length: 270–380 ms for a 90 MB heap of
 * small objects on this 2-core machine, against 100–170 ms for a regular collection.
 */
export function collectGarbage(compact: boolean): Promise<void> | null {
  const gc = reachGc();
  if (!gc) return null;
  if (!compact) return gc({ type: 'major', execution: 'async' });
  if (V8_POOLS_PAGES) return gc({ type: 'major', execution: 'async', flavor: 'last-resort' });
  v8.setFlagsFromString('--compact-on-every-full-gc');
  return gc({ type: 'major', execution: 'async' }).finally(() =>
    v8.setFlagsFromString('--no-compact-on-every-full-gc'),
  );
}

/** V8 12 and later (Node 22, 24): pooled pages, and the gc extension's `flavor` option. */
const V8_POOLS_PAGES = Number(process.versions.v8.split('.')[0]) >= 12;

const COMPACT_EVERY_MS = 30_000;

/**
 * Which collections also compact V8's heap: at most one in `everyMs`. A collection frees the dead
 * objects but leaves the pages they were on in place, partly empty: under the soak V8 kept
 * 92–108 MB of pages for 63–73 MB of live objects. Compacting moves the live objects together and
 * gives the emptied pages back (73–82 MB kept), but it copies every live object, so it is also the
 * slower collection and needs room for the copies while it runs: done at every collection of a
 * crawl (one every second or two) it cost 10–20% of the pages served and 25–35 MB more at the
 * peak (docs/benchmarks.md, "2026-12-07, evening"). Once in 30 s cost nothing measurable in the
 * fairness crawl, and a node whose pages are mostly cached (where these collections are rare)
 * still compacts at each.
 */
export function compactionSchedule(everyMs: number, now: () => number): () => boolean {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const t = now();
    if (t - last < everyMs) return false;
    last = t;
    return true;
  };
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
