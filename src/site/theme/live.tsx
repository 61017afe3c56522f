import { msg } from '../i18n/index.js';
import type { Head, SiteView } from '../view.js';
import { Layout } from './layout.js';
import { HlsScripts, type PlayerView, VideoPlayer } from './video.js';

/** `/live`: every active live stream with a player. */
export interface LiveModel {
  streams: { slug: string; title: string; description: string; player: PlayerView }[];
}

const LIVE_STYLES = ['live', 'video'] as const;

export function LivePage({ view, head, model }: { view: SiteView; head: Head; model: LiveModel }) {
  const lang = view.site.language;
  return (
    <Layout view={view} head={head} styles={LIVE_STYLES}>
      <header class="list-header">
        <div>
          <p class="list-kind">{msg(lang, 'livePage.kind')}</p>
          <h1>{msg(lang, 'livePage.title')}</h1>
        </div>
      </header>
      {model.streams.length ? (
        model.streams.map((s, i) => (
          <section key={s.slug} id={s.slug} class="live-stream" aria-labelledby={`live-${s.slug}`}>
            <h2 id={`live-${s.slug}`}>
              <span class="live-badge">{msg(lang, 'livePage.badge')}</span>
              {s.title}
            </h2>
            <VideoPlayer video={s.player} eager={i === 0} lang={lang} />
            {s.description ? <p>{s.description}</p> : null}
          </section>
        ))
      ) : (
        <p class="empty">{msg(lang, 'livePage.empty')}</p>
      )}
      {model.streams.length ? <HlsScripts /> : null}
    </Layout>
  );
}
