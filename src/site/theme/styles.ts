import fs from 'node:fs';

/**
 * The house style, inlined into every page: one small stylesheet costs less than a second
 * round trip on a slow phone, and pages stay whole when saved or mirrored as single files.
 *
 * A page inlines only the rules for what it can show. The whole sheet grew to 17 kB, 60% of a
 * story page, of which a plain story uses about 9 kB; the rest was bytes every reader
 * downloaded and the page cache compressed twice on every fill (docs/decisions.md, "The
 * stylesheet is inlined"). The split is declared in the CSS itself, by `@pages` marker comments
 * (site.css's first comment), so rules keep their one place and their cascade order.
 */
export const STYLE_PARTS = [
  // Kinds of page: each page names one (a live update's own page is a story's).
  'home',
  'list',
  'story',
  'search',
  'error',
  'live',
  'corrections',
  // What some pages have: named by the pages that show it (a preview's band, by Layout).
  'live-coverage',
  'notices',
  'video',
  'preview',
] as const;

export type StylePart = (typeof STYLE_PARTS)[number];

const MARKER = /\/\* @pages ([a-z -]+) \*\//g;

/** A run of rules between markers, with the parts it is for (null: every page). */
interface Run {
  parts: ReadonlySet<string> | null;
  text: string;
}

function runsOf(css: string): Run[] {
  const out: Run[] = [];
  let parts: Set<string> | null = null;
  let from = 0;
  for (const m of css.matchAll(MARKER)) {
    out.push({ parts, text: css.slice(from, m.index) });
    const names = (m[1] as string).trim().split(/ +/);
    for (const name of names)
      if (name !== 'all' && !(STYLE_PARTS as readonly string[]).includes(name))
        throw new Error(`site stylesheet: unknown part "${name}" in a @pages marker`);
    parts = names.includes('all') ? null : new Set(names);
    from = m.index + m[0].length;
  }
  out.push({ parts, text: css.slice(from) });
  return out;
}

const minify = (css: string) =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*\n\s*/g, '\n')
    .trim();

const runs = ['./site.css', './live.css'].flatMap((file) =>
  runsOf(fs.readFileSync(new URL(file, import.meta.url), 'utf8')),
);

/** Every rule: for a page that names no parts (none does today) and for the tests. */
export const fullStylesheet = minify(runs.map((r) => r.text).join('\n'));

/** Sheets made so far, by the parts' names: a few dozen combinations at most. */
const sheets = new Map<string, string>();

/** The stylesheet a page with these parts inlines; the whole one without any. */
export function stylesheetFor(parts: readonly StylePart[] | undefined): string {
  if (!parts?.length) return fullStylesheet;
  const key = parts.join(' ');
  let sheet = sheets.get(key);
  if (sheet === undefined) {
    sheet = minify(
      runs
        .filter((r) => r.parts === null || parts.some((part) => r.parts?.has(part)))
        .map((r) => r.text)
        .join('\n'),
    );
    sheets.set(key, sheet);
  }
  return sheet;
}
