import { useStoryViews } from '../api/views.js';
import { t } from '../i18n/index.js';
import { formatNewsroomTime } from '../time.js';
import { ViewFigures, ViewsChart } from './views-chart.js';

/** A published story's readers: last hour, 24 hours, all time, and views per hour (editor side panel). */
export function StoryViews({ id, published }: { id: number; published: boolean }) {
  const q = useStoryViews(id, published);
  if (!published) return null;
  const v = q.data;
  return (
    <section className="story-views" aria-labelledby="story-views-title">
      <h2 id="story-views-title">{t('views.readers')}</h2>
      {v ? (
        <>
          <ViewFigures v={v} />
          <ViewsChart
            points={v.hourly.map((h) => ({ at: h.hour, views: h.views }))}
            label={t('audience.hourly')}
            unit={(at) => formatNewsroomTime(at)}
          />
        </>
      ) : (
        <p>{q.isError ? t('views.error') : t('views.loading')}</p>
      )}
    </section>
  );
}
