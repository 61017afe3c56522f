import type { CorrectionEntry } from '../../content/index.js';
import type { Head, Pagination, SiteView } from '../view.js';
import { Pager, TimeTag } from './components.js';
import { Layout } from './layout.js';

export interface CorrectionsModel {
  entries: CorrectionEntry[];
  pagination: Pagination;
}

/** The public record of corrections; every text is rendered as text (escaped). */
export function CorrectionsPage({
  view,
  head,
  model,
}: {
  view: SiteView;
  head: Head;
  model: CorrectionsModel;
}) {
  return (
    <Layout view={view} head={head}>
      <header class="list-header">
        <div>
          <p class="list-kind">Standards</p>
          <h1>Corrections</h1>
          <p class="list-intro">
            Errors we corrected and points we clarified in our stories, newest first. Each story shows its
            corrections at its end.
          </p>
        </div>
      </header>
      {model.entries.length ? (
        <ol class="corrections">
          {model.entries.map((e) => (
            <li key={e.notice.id} class={`notice notice-${e.notice.kind}`}>
              <p class="notice-head">
                <strong class="notice-kind">{e.notice.label}</strong> ·{' '}
                <TimeTag iso={e.notice.createdAt} site={view.site} />
              </p>
              <h2 class="correction-story">
                <a href={e.article.path}>{e.article.headline}</a>
              </h2>
              <p class="notice-text">{e.notice.text}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p class="empty">No corrections have been published.</p>
      )}
      <Pager pagination={model.pagination} />
    </Layout>
  );
}
