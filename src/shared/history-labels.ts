/**
 * History in words: the one mapping from what revisions store (field keys, kinds, details) to
 * what a person reads ("Lead photo", "Restored from version 3"). The API sends these labels and
 * the newsroom app imports this module too, so the two never name a field differently. No
 * imports: it runs in the browser as it is.
 */

/** Field keys as revisions record them (src/content/articles.ts revisionContent), in app words. */
export const FIELD_LABELS: Record<string, string> = {
  headline: 'Headline',
  dek: 'Dek',
  body: 'Body',
  slug: 'Slug',
  sectionId: 'Section',
  authorIds: 'Bylines',
  tags: 'Tags',
  leadMediaId: 'Lead photo',
  leadCaption: 'Lead photo caption',
  leadCredit: 'Lead photo credit',
  leadFilePhoto: 'File photo',
  seoTitle: 'SEO title',
  seoDescription: 'SEO description',
  dateline: 'Dateline',
  embargoUntil: 'Embargo',
  status: 'State',
  publishAt: 'Publication time',
  video: 'Video',
};

/** "leadMediaId" → "Lead photo"; a key nobody named yet is shown split into words, not hidden. */
export function fieldLabel(key: string): string {
  const known = FIELD_LABELS[key];
  if (known) return known;
  const words = key
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Human names of the changed fields, each once, in the order of FIELD_LABELS (the form's order). */
export function fieldLabels(keys: readonly string[]): string[] {
  const order = Object.keys(FIELD_LABELS);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return [...new Set([...keys].sort((a, b) => rank(a) - rank(b)).map(fieldLabel))];
}

const KIND_LABELS: Record<string, string> = {
  save: 'Saved',
  autosave: 'Autosaved',
  restore: 'Restored',
  submit: 'Submitted for review',
  return: 'Returned to draft',
  publish: 'Published',
  schedule: 'Scheduled',
  unschedule: 'Unscheduled',
  unpublish: 'Unpublished',
  archive: 'Archived',
  update: 'Update applied',
  notice: 'Notice added',
};

const NOTICE_LABELS: Record<string, string> = {
  correction: 'Correction added',
  clarification: 'Clarification added',
  update: 'Update notice added',
  editors_note: "Editor's note added",
  "editor's note": "Editor's note added",
};

/** What happened, in words: "Restored from version 3", "Published (scheduled)", "Correction added". */
export function kindLabel(kind: string, detail: Record<string, unknown> | null = null): string {
  if (kind === 'restore' && typeof detail?.fromVersion === 'number')
    return `Restored from version ${detail.fromVersion}`;
  if (kind === 'notice' && typeof detail?.noticeKind === 'string')
    return NOTICE_LABELS[detail.noticeKind] ?? KIND_LABELS.notice ?? 'Notice added';
  if (kind === 'publish' && detail?.scheduled === true) return 'Published as scheduled';
  return KIND_LABELS[kind] ?? fieldLabel(kind);
}

/** Who, in words: a display name when we have one, otherwise what the revision stored. */
export function whoLabel(by: string | null, name: string | null): string {
  if (name) return name;
  if (!by) return 'Unknown';
  if (by === 'scheduler') return 'Scheduler';
  return by;
}
