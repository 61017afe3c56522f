import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded the first time it is needed rather than when the process starts: for code a
 * serving node reaches only on a rare write path (wire copy, imports, tag names in other
 * scripts). Each such package costs 0.5–4 MB of V8 heap once loaded, kept for the process's
 * life (docs/decisions.md, "Drivers loaded on first use"). Synchronous, so the callers stay so:
 * `require` of a CommonJS package, which every package loaded this way is.
 */
export function loadedOnFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(name) as T;
    return loaded;
  };
}
