/** The revision comparison's rows, without a browser: fields in order, names for ids, the text. */
import { beforeAll, describe, expect, it } from 'vitest';
import { installBrowserGlobals } from '../test/browser-globals.js';
import type { Part } from './word-diff.js';

let compare: typeof import('./revision-compare.js');
beforeAll(async () => {
  installBrowserGlobals();
  compare = await import('./revision-compare.js');
});

const names = {
  sections: new Map([
    [1, 'City'],
    [2, 'Politics'],
  ]),
  authors: new Map([
    [10, 'Ana Lopes'],
    [11, 'Ben Okafor'],
  ]),
};

const paragraph = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

const side = (parts: Part[], keep: Part['kind']) =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === keep)
    .map((p) => p.text)
    .join('');

describe('comparing two revisions', () => {
  it('lists the fields in a fixed order, names sections and bylines, and ends with the text', () => {
    const older = {
      headline: 'Council delays the bridge vote',
      dek: '',
      slug: 'council-delays-bridge',
      sectionId: 1,
      authorIds: [10],
      tags: ['Bridge'],
      body: paragraph('The vote moves to Monday.'),
    };
    const newer = {
      ...older,
      headline: 'Council approves the bridge',
      sectionId: 2,
      authorIds: [10, 11],
      tags: ['Bridge', 'Budget'],
      body: paragraph('The vote was 31 to 12 on Monday.'),
    };
    const rows = compare.compareSnapshots(older, newer, names);
    // Empty in both (dek, dateline, SEO, lead image, embargo): left out.
    expect(rows.map((r) => r.label)).toEqual(['Headline', 'Slug', 'Section', 'Bylines', 'Tags', 'Text']);
    const by = Object.fromEntries(rows.map((r) => [r.label, r]));
    expect(by.Section).toMatchObject({ before: 'City', after: 'Politics', changed: true });
    expect(by.Bylines).toMatchObject({ before: 'Ana Lopes', after: 'Ana Lopes, Ben Okafor', changed: true });
    expect(by.Tags).toMatchObject({ before: 'Bridge', after: 'Bridge, Budget' });
    expect(by.Slug).toMatchObject({ changed: false });
    // Each row's diff reads back as the two sides.
    for (const r of rows) {
      expect(side(r.parts, 'removed')).toBe(r.before);
      expect(side(r.parts, 'added')).toBe(r.after);
    }
    expect(by.Text?.before).toBe('The vote moves to Monday.');
    expect(by.Text?.after).toBe('The vote was 31 to 12 on Monday.');
    expect(by.Headline?.parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toContain(
      'approves',
    );
  });

  it('reads old snapshots (column names, the body as a JSON string) like new ones', () => {
    const old = {
      headline: 'Storm closes the port',
      section_id: 2,
      seo_title: 'Port closed',
      lead_media_id: 42,
      body: JSON.stringify(paragraph('Ships wait offshore.')),
    };
    const fields = Object.fromEntries(compare.snapshotFields(old, names));
    expect(fields).toMatchObject({
      Section: 'Politics',
      'SEO title': 'Port closed',
      'Lead photo': '42',
    });
    expect(compare.bodyText(old.body)).toBe('Ships wait offshore.');
  });

  it('shows ids it has no name for, and says when a body cannot be read', () => {
    const fields = Object.fromEntries(compare.snapshotFields({ sectionId: 9, authorIds: [10, 99] }, names));
    expect(fields.Section).toBe('9');
    expect(fields.Bylines).toBe('Ana Lopes, #99');
    expect(compare.bodyText({ type: 'doc', content: [{ type: 'marquee' }] })).toBe(
      '(text that could not be read)',
    );
    expect(compare.bodyText('{not json')).toBe('(text that could not be read)');
  });

  it('puts the older revision first whichever was ticked first', () => {
    const a = { version: 7 };
    const b = { version: 3 };
    expect(compare.inOrder(a, b)).toEqual([b, a]);
    expect(compare.inOrder(b, a)).toEqual([b, a]);
  });

  it('keeps a field that was emptied, so a removal shows', () => {
    const rows = compare.compareSnapshots(
      { headline: 'A', dateline: 'PRAGUE', body: paragraph('x') },
      { headline: 'A', dateline: '', body: paragraph('x') },
      names,
    );
    expect(rows.find((r) => r.label === 'Dateline')).toMatchObject({
      before: 'PRAGUE',
      after: '',
      changed: true,
    });
    expect(rows.at(-1)).toMatchObject({ label: 'Text', changed: false });
  });
});
