import { type ArticleSummary, STATUS_LABEL } from '../api/articles.js';
import { NoteLine } from '../editor/notes.js';
import { BASE, onLinkClick } from '../router.js';
import { formatNewsroomTime } from '../time.js';
import './story-list.css';
import { t } from '../i18n/index.js';

/** Checkboxes for bulk actions (the stories screen); the desk lists without them. */
export interface Selection {
  selected: ReadonlySet<number>;
  toggle(id: number, on: boolean): void;
}

/** Stories as rows: headline (one click to the editor), state, and the time that matters. */
export function StoryList({
  stories,
  empty,
  time = 'updated',
  selection,
  notes,
  byline,
}: {
  stories: ArticleSummary[];
  empty: string;
  time?: 'updated' | 'publishAt' | 'published';
  selection?: Selection;
  /** Show each story's latest note between writer and editor (the desk, for review and returns). */
  notes?: boolean;
  /** Show the bylines and the section (the desk's recently published). */
  byline?: boolean;
}) {
  if (!stories.length) return <p className="muted">{empty}</p>;
  return (
    <ul className={selection ? 'story-list selectable' : 'story-list'}>
      {stories.map((s) => {
        const when =
          time === 'publishAt' ? s.publishAt : time === 'published' ? s.firstPublishedAt : s.updatedAt;
        return (
          <li key={s.id}>
            {selection && (
              <input
                type="checkbox"
                aria-label={t('list.select', { headline: s.headline || t('ingest.noHeadline') })}
                checked={selection.selected.has(s.id)}
                onChange={(e) => selection.toggle(s.id, e.target.checked)}
              />
            )}
            <a href={`${BASE}/stories/${s.id}`} onClick={onLinkClick}>
              {s.headline || t('ingest.noHeadline')}
            </a>
            <span className={`status status-${s.status}`}>{STATUS_LABEL[s.status]}</span>
            {s.pendingChanges && (
              <span className="pending-changes" data-testid="pending-changes">
                {s.pendingChanges.reviewState === 'in_review'
                  ? t('list.changesInReview')
                  : t('list.unpublishedChanges')}
              </span>
            )}
            {byline && (
              <span className="story-byline" data-testid="story-byline">
                {s.authors?.length ? s.authors.map((a) => a.name).join(', ') : t('list.noByline')}
                {s.sectionName ? ` · ${s.sectionName}` : ''}
              </span>
            )}
            <time dateTime={when ?? undefined}>
              {time === 'publishAt'
                ? t('list.goesLive')
                : time === 'published'
                  ? t('list.published')
                  : t('list.updated')}{' '}
              {formatNewsroomTime(when)}
            </time>
            {s.snippetHtml && (
              <p
                className="story-snippet"
                data-testid="story-snippet"
                // Escaped by the server (search/snippet.ts): text, with the matching words in <mark>.
                dangerouslySetInnerHTML={{ __html: s.snippetHtml }}
              />
            )}
            {notes && s.latestNote && (
              <div className="latest-note" data-testid="latest-note">
                <NoteLine note={s.latestNote} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
