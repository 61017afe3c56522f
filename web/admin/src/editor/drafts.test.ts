/** The copy of unsaved work kept on this device: what is stored, found, parked and compared. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ArticleFields } from '../api/articles.js';
import { type BrowserGlobals, installBrowserGlobals } from '../test/browser-globals.js';
import { clearDraft, keepCopy, type LocalDraft, loadDraft, sameFields, storeDraft } from './drafts.js';

const fields: ArticleFields = {
  slug: 'budget',
  headline: 'Assembly rejects the budget',
  dek: '',
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Word.' }] }] },
  sectionId: 1,
  authorIds: [2],
  tags: ['politics'],
  leadMediaId: null,
  leadCaption: '',
  leadCredit: '',
  leadFilePhoto: false,
  seoTitle: null,
  seoDescription: null,
  dateline: null,
  embargoUntil: null,
};
const draft: LocalDraft = { articleId: 7, baseVersion: 3, fields, editedAt: 1000 };

let g: BrowserGlobals;
beforeEach(() => {
  g = installBrowserGlobals();
});

describe('drafts on this device', () => {
  it('keeps a draft under the story id and finds it again', () => {
    expect(storeDraft(draft)).toBe(true);
    expect(g.localStorage.keys()).toEqual(['masthead:draft:7']);
    expect(loadDraft(7)).toEqual(draft);
    expect(loadDraft(8)).toBeNull();
    clearDraft(7);
    expect(loadDraft(7)).toBeNull();
  });

  it('says so when the browser refuses to store, and ignores unreadable or foreign entries', () => {
    g.localStorage.refuse = true;
    expect(storeDraft(draft)).toBe(false);
    g.localStorage.refuse = false;
    g.localStorage.setItem('masthead:draft:7', '{not json');
    expect(loadDraft(7)).toBeNull();
    g.localStorage.setItem('masthead:draft:7', JSON.stringify({ ...draft, articleId: 9 }));
    expect(loadDraft(7)).toBeNull();
  });

  it('parks a version the user did not keep under its own key, never over the draft', () => {
    storeDraft(draft);
    const key = keepCopy({ ...draft, fields: { ...fields, headline: 'Mine' } });
    expect(key).toMatch(/^masthead:kept:7:\d+$/);
    expect(JSON.parse(g.localStorage.getItem(key) ?? 'null').fields.headline).toBe('Mine');
    expect(loadDraft(7)?.fields.headline).toBe(fields.headline);
  });

  it('compares fields whatever the key order of the JSON they came from', () => {
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(fields).reverse())));
    expect(sameFields(fields, reordered)).toBe(true);
    expect(sameFields(fields, { ...fields, tags: ['politics', 'budget'] })).toBe(false);
  });
});
