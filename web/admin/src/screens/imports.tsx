import { useState } from 'react';
import { type ImportRun, useImport, useImports } from '../api/imports.js';
import { messageOf } from '../api/query.js';
import { Notices } from '../components/manage.js';
import { type MessageKey, t } from '../i18n/index.js';
import { BASE, onLinkClick } from '../router.js';
import { formatNewsroomTime } from '../time.js';

const KIND: Record<ImportRun['kind'], string> = { wordpress: 'WordPress', ghost: 'Ghost' };
const STATUS: Record<ImportRun['status'], MessageKey> = {
  running: 'imports.running',
  done: 'imports.done',
  failed: 'imports.failed',
};

/** The counts that say what a run did, in words (others are in the report). */
function summary(c: Record<string, number> | null): string {
  if (!c) return '';
  const parts = [
    [c.posts, 'imports.count.posts'],
    [c.pages, 'imports.count.pages'],
    [c.alreadyImported, 'imports.count.already'],
    [c.skipped, 'imports.count.skipped'],
    [c.failed, 'imports.count.failed'],
    [c.media, 'imports.count.images'],
    [c.redirects, 'imports.count.redirects'],
  ] as const;
  return parts
    .filter(([n]) => typeof n === 'number')
    .map(([n, what]) => t(what, { n: n as number }))
    .join(', ');
}

/**
 * Archive imports: every `masthead import` run, what it brought in, and per item what it could
 * not carry over (docs/operations.md, "Importing from WordPress", "Importing from Ghost").
 */
export function Imports() {
  const runs = useImports();
  const [open, setOpen] = useState<number | null>(null);
  const detail = useImport(open);
  const list = runs.data?.runs ?? [];
  return (
    <main className="manage imports">
      <h1>{t('nav.imports')}</h1>
      <Notices error={messageOf(runs.error) || messageOf(detail.error)} notice="" />
      <p>
        {t('imports.how.with')} <code>npx masthead import wordpress FILE.xml</code> {t('imports.how.or')}{' '}
        <code>npx masthead import ghost FILE.json</code> {t('imports.how.rest')}
      </p>
      {runs.data && list.length === 0 && <p>{t('imports.none')}</p>}
      {list.length > 0 && (
        <table className="manage-table">
          <caption className="visually-hidden">{t('imports.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('imports.col.started')}</th>
              <th scope="col">{t('imports.col.from')}</th>
              <th scope="col">{t('imports.col.file')}</th>
              <th scope="col">{t('imports.col.status')}</th>
              <th scope="col">{t('imports.col.result')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('imports.report')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.id}>
                <td>{formatNewsroomTime(r.startedAt)}</td>
                <td>{KIND[r.kind]}</td>
                <td>{r.file}</td>
                <td>{t(STATUS[r.status])}</td>
                <td>{r.status === 'failed' ? r.error : summary(r.counts)}</td>
                <td>
                  {r.status === 'done' && (
                    <button
                      type="button"
                      aria-pressed={open === r.id}
                      onClick={() => setOpen(open === r.id ? null : r.id)}
                    >
                      {open === r.id ? t('imports.report.hide') : t('imports.report')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open !== null && detail.data && (
        <section aria-labelledby="import-report-title">
          <h2 id="import-report-title">
            {t('imports.report.title', { file: detail.data.file, n: detail.data.itemCount })}
          </h2>
          {detail.data.itemCount > detail.data.items.length && (
            <p>{t('imports.report.first', { n: detail.data.items.length })}</p>
          )}
          {detail.data.missingMedia.length > 0 && (
            <details>
              <summary>{t('imports.missingMedia', { n: detail.data.missingMedia.length })}</summary>
              <ul>
                {detail.data.missingMedia.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </details>
          )}
          <ul className="import-items">
            {detail.data.items.map((item) => (
              <li key={`${item.type}-${item.id}`}>
                {item.articleId ? (
                  <a href={`${BASE}/stories/${item.articleId}`} onClick={onLinkClick}>
                    {item.title || t('imports.untitled')}
                  </a>
                ) : (
                  <strong>{item.title || t('imports.untitled')}</strong>
                )}{' '}
                <span className="meta">
                  {item.type} {item.id}
                  {item.articleId ? '' : t('imports.notImported')}
                </span>
                <ul>
                  {item.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
