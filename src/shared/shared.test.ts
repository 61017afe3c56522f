/**
 * src/shared is what the server and the newsroom app (web/admin) both run: it must load in a
 * browser as it is. So nothing in it imports Node (`node:…`) or reaches outside src/shared, and
 * the app reaches server code only through it (`@shared/…`), which is also why the browser tests
 * rebuild the app exactly when web/admin or src/shared changed (src/test/browser.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = path.join(ROOT, 'src/shared');
const APP = path.join(ROOT, 'web/admin/src');
/** Packages shared code may use: they run in both places. */
const PACKAGES = new Set(['zod']);

function sources(dir: string, withTests: boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p, withTests);
    if (!/\.tsx?$/.test(e.name) || (!withTests && /\.test\.tsx?$/.test(e.name))) return [];
    return [p];
  });
}

/** Every module specifier of a file: static and dynamic imports, re-exports. */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g);
  return [...found].map((m) => m[1] as string);
}

function inside(dir: string, from: string, spec: string): boolean {
  const target = path.resolve(path.dirname(from), spec);
  return target === dir || target.startsWith(dir + path.sep);
}

describe('src/shared', () => {
  const files = sources(SHARED, false);

  it('has modules to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('imports nothing from Node and nothing outside src/shared', () => {
    const bad: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(file)) {
        const ok = spec.startsWith('.') ? inside(SHARED, file, spec) : PACKAGES.has(spec);
        if (!ok) bad.push(`${path.relative(ROOT, file)}: ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('is the only server code the newsroom app imports', () => {
    const bad: string[] = [];
    for (const file of sources(APP, true)) {
      for (const spec of specifiers(file)) {
        if (spec.startsWith('.') && !inside(APP, file, spec))
          bad.push(`${path.relative(ROOT, file)}: ${spec}`);
        if (spec.startsWith('node:')) bad.push(`${path.relative(ROOT, file)}: ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
