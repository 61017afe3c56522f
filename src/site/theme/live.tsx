import type { Head, SiteView } from '../view.js';
import { Layout } from './layout.js';
import { HlsScripts, type PlayerView, VideoPlayer } from './video.js';

/** `/live`: every active live stream with a player. */
export interface LiveModel {
  streams: { slug: string; title: string; description: string; player: PlayerView }[];
}

export function LivePage({ view, head, model }: { view: SiteView; head: Head; model: LiveModel }) {
  return (
    <Layout view={view} head={head}>
      <header class="list-header">
        <div>
          <p class="list-kind">Watch</p>
          <h1>Live</h1>
        </div>
      </header>
      {model.streams.length ? (
        model.streams.map((s, i) => (
          <section key={s.slug} id={s.slug} class="live-stream" aria-labelledby={`live-${s.slug}`}>
            <h2 id={`live-${s.slug}`}>
              <span class="live-badge">LIVE</span>
              {s.title}
            </h2>
            <VideoPlayer video={s.player} eager={i === 0} />
            {s.description ? <p>{s.description}</p> : null}
          </section>
        ))
      ) : (
        <p class="empty">Nothing is live right now. Try our video stories in the sections above.</p>
      )}
      {model.streams.length ? <HlsScripts /> : null}
    </Layout>
  );
}
