import { createHash, hash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame } from '../site/index.js';

/**
 * Input fingerprints: a short digest of everything a page or feed is made from, so an
 * incremental export skips rendering what would come out the same. A page's fingerprint is the
 * site's (the code that renders, the site settings, navigation and section tree: what every
 * page shows) plus the rows and cards the page itself shows. Anything unknown changes the
 * site's fingerprint, and then every page is rendered again (and written only if its bytes
 * changed: the output hashes stay the final word).
 */

/**
 * Digest of some strings (sha1 is plenty for change detection; base64url keeps the state
 * small). One-shot `hash`: tens of thousands of small digests per export.
 */
export function digest(...parts: string[]): string {
  return hash('sha1', parts.join('\u0000'), 'base64url').slice(0, 22);
}

/** JSON of a value, as a digest (Dates and rows serialise deterministically). */
export const digestOf = (value: unknown): string => digest(JSON.stringify(value) ?? 'undefined');

/**
 * The site-wide part: code, dependencies, site settings, navigation, the section tree and the
 * breaking-news banner (every page shows it).
 */
export async function siteFingerprint(base: Frame, banner = ''): Promise<string> {
  const sections = [...base.tree.byId.values()].map(({ children, ...row }) => ({
    ...row,
    children: children.map((c) => c.id),
  }));
  return digest(await codeVersion(), JSON.stringify(base.view), JSON.stringify(sections), banner);
}

let code: Promise<string> | undefined;

/**
 * A digest of the running code (the built package, or the sources under tsx) and the lock file
 * naming the dependencies: a new theme or a new renderer version re-renders every page. Read
 * once per export, so its cost does not grow with the archive.
 */
export function codeVersion(): Promise<string> {
  code ??= (async () => {
    // This file is at {root}/export/: the root is dist/ built, src/ from source.
    const root = fileURLToPath(new URL('../', import.meta.url));
    const files = (await fs.readdir(root, { recursive: true, encoding: 'utf8' }))
      .filter((f) => /\.(?:[cm]?js|tsx?|css|json)$/.test(f) && !f.endsWith('.test.ts'))
      .sort();
    const h = createHash('sha1');
    for (const f of [...files, '../package-lock.json']) {
      h.update(f).update(await fs.readFile(path.join(root, f)).catch(() => Buffer.alloc(0)));
    }
    return h.digest('base64url');
  })();
  return code;
}
