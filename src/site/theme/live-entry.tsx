import type { Crumb, Head, SiteView } from '../view.js';
import { msg } from '../i18n/index.js';
import { Breadcrumbs } from './components.js';
import { Layout } from './layout.js';

export interface LiveEntryModel {
  crumbs: Crumb[];
  story: { headline: string; href: string };
  /** The entry's markup (site/live-coverage.tsx), the same as in the story's timeline. */
  entryHtml: string;
}

const LIVE_ENTRY_STYLES = ['story', 'live-coverage'] as const;

/** One update of a live story, on its own page: what a shared link opens. */
export function LiveEntryPage({ view, head, model }: { view: SiteView; head: Head; model: LiveEntryModel }) {
  const lang = view.site.language;
  return (
    <Layout view={view} head={head} styles={LIVE_ENTRY_STYLES}>
      <Breadcrumbs crumbs={model.crumbs} lang={lang} />
      <p class="list-kind">{msg(lang, 'live.coverage')}</p>
      <h1 class="headline">
        <a href={model.story.href}>{model.story.headline}</a>
      </h1>
      <div class="live-single" dangerouslySetInnerHTML={{ __html: model.entryHtml }} />
      <p class="live-back">
        <a href={`${model.story.href}#live`}>{msg(lang, 'live.allUpdates')}</a>
      </p>
    </Layout>
  );
}
