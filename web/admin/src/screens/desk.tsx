import { useMemo } from 'react';
import { type ArticleSummary, useArticleLists } from '../api/articles.js';
import { messageOf } from '../api/query.js';
import type { User } from '../api/session.js';
import { StoryList } from '../components/story-list.js';
import './desk.css';
import { t } from '../i18n/index.js';

type Lists = Record<'drafts' | 'review' | 'scheduled' | 'published' | 'pending', ArticleSummary[]>;

/** The desk's lists, in the order unpacked below: each a cached query of its own. */
const QUERIES = [
  'status=draft&limit=100',
  'status=in_review&limit=50',
  'status=scheduled&limit=50',
  // Sorted by publication time, the time the list shows (updated order read out of order).
  'status=published&sort=published&limit=10',
  'pending=true&limit=50',
];

/** The desk: my drafts, waiting for review, scheduled (with times), recently published. */
export function Desk({ user }: { user: User }) {
  const got = useArticleLists(QUERIES);
  const error = messageOf(got.error);
  const lists = useMemo((): Lists | null => {
    if (!got.lists) return null;
    const [drafts = [], review = [], scheduled = [], published = [], pending = []] = got.lists;
    return {
      drafts: drafts.filter((a) => a.createdBy === user.id),
      review,
      scheduled: [...scheduled].sort((a, b) => (a.publishAt ?? '').localeCompare(b.publishAt ?? '')),
      published,
      // Copies sent for review come first: they wait on an editor.
      pending: [...pending].sort(
        (a, b) =>
          Number(b.pendingChanges?.reviewState === 'in_review') -
          Number(a.pendingChanges?.reviewState === 'in_review'),
      ),
    };
  }, [got.lists, user.id]);

  return (
    <main className="desk">
      <h1>{t('nav.desk')}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!lists && !error && <p className="muted">{t('common.loading')}</p>}
      {lists && (
        <div className="desk-grid">
          <section aria-labelledby="desk-drafts">
            <h2 id="desk-drafts">{t('desk.drafts')}</h2>
            <StoryList stories={lists.drafts} empty={t('desk.drafts.empty')} notes />
          </section>
          <section aria-labelledby="desk-review">
            <h2 id="desk-review">{t('desk.review')}</h2>
            <StoryList stories={lists.review} empty={t('desk.review.empty')} notes />
          </section>
          <section aria-labelledby="desk-pending">
            <h2 id="desk-pending">{t('desk.pending')}</h2>
            <StoryList stories={lists.pending} empty={t('desk.pending.empty')} notes />
          </section>
          <section aria-labelledby="desk-scheduled">
            <h2 id="desk-scheduled">{t('desk.scheduled')}</h2>
            <StoryList stories={lists.scheduled} empty={t('desk.scheduled.empty')} time="publishAt" />
          </section>
          <section aria-labelledby="desk-published">
            <h2 id="desk-published">{t('desk.published')}</h2>
            <StoryList stories={lists.published} empty={t('desk.published.empty')} time="published" byline />
          </section>
        </div>
      )}
    </main>
  );
}
