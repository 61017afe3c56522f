import type { CorrectionEntry } from '../../content/index.js';
import type { Head, Pagination, SiteView } from '../view.js';
import { msg } from '../i18n/index.js';
import { Pager, TimeTag } from './components.js';
import { Layout } from './layout.js';
import { noticeLabel } from './notices.js';

export interface CorrectionsModel {
  entries: CorrectionEntry[];
  pagination: Pagination;
}

const CORRECTIONS_STYLES = ['corrections', 'notices'] as const;

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
  const lang = view.site.language;
  return (
    <Layout view={view} head={head} styles={CORRECTIONS_STYLES}>
      <header class="list-header">
        <div>
          <p class="list-kind">{msg(lang, 'corrections.kind')}</p>
          <h1>{msg(lang, 'corrections.title')}</h1>
          <p class="list-intro">{msg(lang, 'corrections.intro')}</p>
        </div>
      </header>
      {model.entries.length ? (
        <ol class="corrections">
          {model.entries.map((e) => (
            <li key={e.notice.id} class={`notice notice-${e.notice.kind}`}>
              <p class="notice-head">
                <strong class="notice-kind">{noticeLabel(lang, e.notice.kind, e.notice.label)}</strong> ·{' '}
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
        <p class="empty">{msg(lang, 'corrections.empty')}</p>
      )}
      <Pager pagination={model.pagination} lang={lang} />
    </Layout>
  );
}
