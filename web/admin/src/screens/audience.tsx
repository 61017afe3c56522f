import { useState } from 'react';
import { useSiteViews, type ViewWindow } from '../api/views.js';
import { messageOf } from '../api/query.js';
import { Notices } from '../components/manage.js';
import { ViewFigures, ViewsChart } from '../components/views-chart.js';
import { BASE, onLinkClick } from '../router.js';
import { formatNewsroomTime } from '../time.js';

const WINDOWS: { value: ViewWindow; label: string }[] = [
  { value: 'hour', label: 'Last hour' },
  { value: 'day', label: 'Last 24 hours' },
  { value: 'week', label: 'Last 7 days' },
];

/**
 * Most read: the site's views and its most read stories. Counted without cookies and without
 * keeping anything about readers (docs/admin.md, "Most read").
 */
export function Audience() {
  const [window, setWindow] = useState<ViewWindow>('hour');
  const q = useSiteViews(window);
  const v = q.data;
  return (
    <main className="manage audience">
      <h1>Most read</h1>
      <Notices error={messageOf(q.error)} notice="" />
      {v && (
        <>
          <ViewFigures v={v} />
          <ViewsChart
            points={v.hourly.map((h) => ({ at: h.hour, views: h.views }))}
            label="Views per hour, last 48 hours"
            unit={(at) => formatNewsroomTime(at)}
          />
          <ViewsChart
            points={v.daily.map((d) => ({ at: d.day, views: d.views }))}
            label="Views per day, last 30 days"
            unit={(at) => at}
          />
        </>
      )}
      <fieldset className="window-choice">
        <legend>Most read stories</legend>
        {WINDOWS.map((w) => (
          <label key={w.value}>
            <input
              type="radio"
              name="window"
              value={w.value}
              checked={window === w.value}
              onChange={() => setWindow(w.value)}
            />
            {w.label}
          </label>
        ))}
      </fieldset>
      {v && v.mostRead.length === 0 && <p>No views counted in this period yet.</p>}
      {v && v.mostRead.length > 0 && (
        <ol className="most-read">
          {v.mostRead.map((s) => (
            <li key={s.id}>
              <a href={`${BASE}/stories/${s.id}`} onClick={onLinkClick}>
                {s.headline}
              </a>{' '}
              <span className="meta">
                {s.section?.name ?? ''} · published {formatNewsroomTime(s.publishedAt)}
              </span>{' '}
              <strong>{s.views.toLocaleString()} views</strong>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
