import fs from 'node:fs';

/**
 * The house style, inlined into every page: one small stylesheet costs less than a second
 * round trip on a slow phone, and pages stay whole when saved or mirrored as single files.
 */
export const stylesheet = ['./site.css', './live.css']
  .map((file) => fs.readFileSync(new URL(file, import.meta.url), 'utf8'))
  .join('\n')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s*\n\s*/g, '\n')
  .trim();
