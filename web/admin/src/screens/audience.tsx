import { useState } from 'react';
import { messageOf } from '../api/query.js';
import { useSiteViews, type ViewWindow } from '../api/views.js';
import { Notices } from '../components/manage.js';
import { ViewFigures, ViewsChart } from '../components/views-chart.js';
import { type MessageKey, t } from '../i18n/index.js';
import { BASE, onLinkClick } from '../router.js';
import { formatNewsroomTime } from '../time.js';

const WINDOWS: { value: ViewWindow; label: MessageKey }[] = [
  { value: 'hour', label: 'audience.window.hour' },
  { value: 'day', label: 'audience.window.day' },
  { value: 'week', label: 'audience.window.week' },
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
      <h1>{t('nav.audience')}</h1>
      <Notices error={messageOf(q.error)} notice="" />
      {v && (
        <>
          <ViewFigures v={v} />
          <ViewsChart
            points={v.hourly.map((h) => ({ at: h.hour, views: h.views }))}
            label={t('audience.hourly')}
            unit={(at) => formatNewsroomTime(at)}
          />
          <ViewsChart
            points={v.daily.map((d) => ({ at: d.day, views: d.views }))}
            label={t('audience.daily')}
            unit={(at) => at}
          />
        </>
      )}
      <fieldset className="window-choice">
        <legend>{t('audience.stories')}</legend>
        {WINDOWS.map((w) => (
          <label key={w.value}>
            <input
              type="radio"
              name="window"
              value={w.value}
              checked={window === w.value}
              onChange={() => setWindow(w.value)}
            />
            {t(w.label)}
          </label>
        ))}
      </fieldset>
      {v && v.mostRead.length === 0 && <p>{t('audience.none')}</p>}
      {v && v.mostRead.length > 0 && (
        <ol className="most-read">
          {v.mostRead.map((s) => (
            <li key={s.id}>
              <a href={`${BASE}/stories/${s.id}`} onClick={onLinkClick}>
                {s.headline}
              </a>{' '}
              <span className="meta">
                {t('audience.meta', {
                  section: s.section?.name ?? '',
                  time: formatNewsroomTime(s.publishedAt),
                })}
              </span>{' '}
              <strong>{t('audience.views', { views: s.views.toLocaleString() })}</strong>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
