/**
 * What the revision comparison shows, without React: two snapshots as rows of fields in a fixed
 * order (names for section and byline ids), the body as plain text, each row with its word diff.
 * editor/revision-diff.tsx draws the rows; revision-compare.test.ts checks them.
 */
import { renderText, validateDocument } from '@shared/document/index.js';
import { fieldLabel as F } from '@shared/history-labels.js';
import { formatNewsroomTime } from '../time.js';
import { diffWords, type Part } from './word-diff.js';

export type Snapshot = Record<string, unknown>;

/** Names for the ids a snapshot holds; an id without a name is shown as the id. */
export interface Names {
  sections: Map<number, string>;
  authors: Map<number, string>;
}

export interface CompareRow {
  label: string;
  before: string;
  after: string;
  changed: boolean;
  parts: Part[];
}

/** Old snapshots were written with the row's column names; newer ones with the API's. */
const pick = (s: Snapshot, camel: string, snake?: string): unknown =>
  s[camel] ?? (snake ? s[snake] : undefined);
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The body as plain text (old snapshots keep it as a JSON string). */
export function bodyText(body: unknown): string {
  try {
    return renderText(validateDocument(typeof body === 'string' ? JSON.parse(body) : body));
  } catch {
    return '(text that could not be read)';
  }
}

/** The fields a person compares, as text, in a fixed order. */
export function snapshotFields(s: Snapshot, names: Names): [string, string][] {
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  return [
    [F('headline'), str(s.headline)],
    [F('dek'), str(s.dek)],
    [F('slug'), str(s.slug)],
    [
      F('sectionId'),
      names.sections.get(Number(pick(s, 'sectionId', 'section_id'))) ??
        str(pick(s, 'sectionId', 'section_id')),
    ],
    [
      F('authorIds'),
      list(s.authorIds)
        .map((id) => names.authors.get(Number(id)) ?? `#${id}`)
        .join(', '),
    ],
    [F('tags'), list(s.tags).join(', ')],
    [F('dateline'), str(s.dateline)],
    [F('seoTitle'), str(pick(s, 'seoTitle', 'seo_title'))],
    [F('seoDescription'), str(pick(s, 'seoDescription', 'seo_description'))],
    [F('leadMediaId'), str(pick(s, 'leadMediaId', 'lead_media_id'))],
    [F('leadCaption'), str(pick(s, 'leadCaption', 'lead_caption'))],
    [F('leadCredit'), str(pick(s, 'leadCredit', 'lead_credit'))],
    [F('embargoUntil'), formatNewsroomTime(str(pick(s, 'embargoUntil', 'embargo_until')) || null)],
  ];
}

function row(label: string, before: string, after: string): CompareRow {
  return { label, before, after, changed: before !== after, parts: diffWords(before, after) };
}

/** Two revisions in any order: the older first (by version). */
export function inOrder<R extends { version: number }>(a: R, b: R): [R, R] {
  return a.version <= b.version ? [a, b] : [b, a];
}

/**
 * The comparison's rows, older snapshot against newer: every field in order, except those empty
 * in both (they say nothing and only push the text down), then the text, always.
 */
export function compareSnapshots(older: Snapshot, newer: Snapshot, names: Names): CompareRow[] {
  const a = snapshotFields(older, names);
  const b = snapshotFields(newer, names);
  const rows = a.flatMap(([label, before], i) => {
    const after = b[i]?.[1] ?? '';
    return before || after ? [row(label, before, after)] : [];
  });
  rows.push(row('Text', bodyText(older.body), bodyText(newer.body)));
  return rows;
}
