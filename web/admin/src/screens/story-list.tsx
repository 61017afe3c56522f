import { type ArticleSummary, STATUS_LABEL } from '../api.js';
import { BASE, onLinkClick } from '../router.js';
import { formatNewsroomTime } from '../time.js';

/** Stories as rows: headline (one click to the editor), state, and the time that matters. */
export function StoryList({
  stories,
  empty,
  time = 'updated',
}: {
  stories: ArticleSummary[];
  empty: string;
  time?: 'updated' | 'publishAt' | 'published';
}) {
  if (!stories.length) return <p className="muted">{empty}</p>;
  return (
    <ul className="story-list">
      {stories.map((s) => {
        const when =
          time === 'publishAt'
            ? s.publishAt
            : time === 'published'
              ? (s.publishAt ?? s.firstPublishedAt)
              : s.updatedAt;
        return (
          <li key={s.id}>
            <a href={`${BASE}/stories/${s.id}`} onClick={onLinkClick}>
              {s.headline || '(no headline)'}
            </a>
            <span className={`status status-${s.status}`}>{STATUS_LABEL[s.status]}</span>
            <time dateTime={when ?? undefined}>
              {time === 'publishAt' ? 'goes live ' : time === 'published' ? 'published ' : 'updated '}
              {formatNewsroomTime(when)}
            </time>
          </li>
        );
      })}
    </ul>
  );
}
