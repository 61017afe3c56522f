import fs from 'node:fs';

/**
 * The house style, inlined into every page: one small stylesheet costs less than a second
 * round trip on a slow phone, and pages stay whole when saved or mirrored as single files.
 */
export const stylesheet = fs
  .readFileSync(new URL('./site.css', import.meta.url), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s*\n\s*/g, '\n')
  .trim();
