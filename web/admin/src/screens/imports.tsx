import { useState } from 'react';
import { type ImportRun, useImport, useImports } from '../api/imports.js';
import { messageOf } from '../api/query.js';
import { Notices } from '../components/manage.js';
import { BASE, onLinkClick } from '../router.js';
import { formatNewsroomTime } from '../time.js';

const KIND: Record<ImportRun['kind'], string> = { wordpress: 'WordPress', ghost: 'Ghost' };
const STATUS: Record<ImportRun['status'], string> = { running: 'Running', done: 'Done', failed: 'Failed' };

/** The counts that say what a run did, in words (others are in the report). */
function summary(c: Record<string, number> | null): string {
  if (!c) return '';
  const parts = [
    [c.posts, 'posts'],
    [c.pages, 'pages'],
    [c.alreadyImported, 'already imported'],
    [c.skipped, 'skipped'],
    [c.failed, 'failed'],
    [c.media, 'images'],
    [c.redirects, 'redirects'],
  ] as const;
  return parts
    .filter(([n]) => typeof n === 'number')
    .map(([n, what]) => `${n} ${what}`)
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
      <h1>Imports</h1>
      <Notices error={messageOf(runs.error) || messageOf(detail.error)} notice="" />
      <p>
        Archives come in with <code>npx masthead import wordpress FILE.xml</code> or{' '}
        <code>npx masthead import ghost FILE.json</code> on the server; every run is listed here.
      </p>
      {runs.data && list.length === 0 && <p>No imports yet.</p>}
      {list.length > 0 && (
        <table className="manage-table">
          <caption className="visually-hidden">Import runs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">From</th>
              <th scope="col">File</th>
              <th scope="col">Status</th>
              <th scope="col">Result</th>
              <th scope="col">
                <span className="visually-hidden">Report</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.id}>
                <td>{formatNewsroomTime(r.startedAt)}</td>
                <td>{KIND[r.kind]}</td>
                <td>{r.file}</td>
                <td>{STATUS[r.status]}</td>
                <td>{r.status === 'failed' ? r.error : summary(r.counts)}</td>
                <td>
                  {r.status === 'done' && (
                    <button
                      type="button"
                      aria-pressed={open === r.id}
                      onClick={() => setOpen(open === r.id ? null : r.id)}
                    >
                      {open === r.id ? 'Hide report' : 'Report'}
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
            Report: {detail.data.file} ({detail.data.itemCount} items to check)
          </h2>
          {detail.data.itemCount > detail.data.items.length && (
            <p>
              The first {detail.data.items.length} are shown; the command's report file on the server has them
              all.
            </p>
          )}
          {detail.data.missingMedia.length > 0 && (
            <details>
              <summary>{detail.data.missingMedia.length} image files missing from the media folder</summary>
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
                    {item.title || '(untitled)'}
                  </a>
                ) : (
                  <strong>{item.title || '(untitled)'}</strong>
                )}{' '}
                <span className="meta">
                  {item.type} {item.id}
                  {item.articleId ? '' : ' · not imported'}
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
