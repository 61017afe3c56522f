import './views.css';
import { t } from '../i18n/index.js';
/**
 * A small bar chart of views over time, drawn as SVG by the app (no chart library for a row of
 * bars). It is an image with a text alternative: the total and the busiest period in words, and
 * every bar has a tooltip, so the figures are there for screen readers and keyboards too.
 */
export function ViewsChart({
  points,
  label,
  unit,
}: {
  points: { at: string; views: number }[];
  /** What the chart shows ("Views per hour, last 48 hours"). */
  label: string;
  /** How to name one bar's period for the tooltip. */
  unit: (at: string) => string;
}) {
  const max = Math.max(1, ...points.map((p) => p.views));
  const busiest = points.reduce((a, b) => (b.views > a.views ? b : a), points[0] ?? { at: '', views: 0 });
  const total = points.reduce((n, p) => n + p.views, 0);
  const w = 4;
  const gap = 1;
  const h = 48;
  const summary = busiest.views
    ? t('views.summary.most', {
        label,
        total: total.toLocaleString(),
        most: busiest.views.toLocaleString(),
        when: unit(busiest.at),
      })
    : t('views.summary', { label, total: total.toLocaleString() });
  return (
    <figure className="views-chart">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${points.length * (w + gap)} ${h}`}
        preserveAspectRatio="none"
        width="100%"
        height={h}
      >
        {points.map((p, i) => {
          const bar = Math.round((p.views / max) * (h - 2));
          return (
            <rect key={p.at} x={i * (w + gap)} y={h - bar} width={w} height={Math.max(bar, p.views ? 1 : 0)}>
              <title>{`${unit(p.at)}: ${p.views.toLocaleString()}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}

/** Last hour, 24 hours, all time: a story's or the site's readers in three figures. */
export function ViewFigures({ v }: { v: { lastHour: number; last24h: number; total: number } }) {
  return (
    <dl className="view-figures">
      <div>
        <dt>{t('audience.window.hour')}</dt>
        <dd>{v.lastHour.toLocaleString()}</dd>
      </div>
      <div>
        <dt>{t('views.day')}</dt>
        <dd>{v.last24h.toLocaleString()}</dd>
      </div>
      <div>
        <dt>{t('views.allTime')}</dt>
        <dd>{v.total.toLocaleString()}</dd>
      </div>
    </dl>
  );
}
