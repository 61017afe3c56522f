import type { AuthorRow, TagRow } from '../../db/index.js';
import type { Crumb, Head, ImageView, Pagination, SiteView, StoryCard } from '../view.js';
import { around, msg } from '../i18n/index.js';
import { Breadcrumbs, Bylines, Card, Pager, Picture, TimeTag } from './components.js';
import { type FrontListView, FrontLists } from './fronts.js';
import { Layout } from './layout.js';
import type { StylePart } from './styles.js';
import { NoticeBox, NoticeFlag, type NoticeView } from './notices.js';
import { HlsScripts, type PlayerView, VideoPlayer } from './video.js';

export interface HomeModel {
  lists: FrontListView[];
}

const HOME_STYLES = ['home'] as const;
const LIST_STYLES = ['list'] as const;
const ERROR_STYLES = ['error'] as const;

export function HomePage({ view, head, model }: { view: SiteView; head: Head; model: HomeModel }) {
  const shown = model.lists.some((l) => l.stories.length > 0);
  return (
    <Layout view={view} head={head} styles={HOME_STYLES}>
      <h1 class="visually-hidden">{view.site.name}</h1>
      {shown ? (
        <FrontLists lists={model.lists} site={view.site} />
      ) : (
        <p>{msg(view.site.language, 'home.empty')}</p>
      )}
    </Layout>
  );
}

export interface ListModel {
  title: string;
  intro?: string;
  crumbs: Crumb[];
  stories: StoryCard[];
  pagination: Pagination;
  kind: 'section' | 'tag' | 'author' | 'topic';
  /** A topic page's kind of entity ("Person", "Place" …), said above its name. */
  label?: string;
  /** A topic page's related topics. */
  related?: { name: string; href: string }[];
  author?: AuthorRow & { avatar: ImageView | null };
  subsections?: { name: string; href: string }[];
  /** A curated section front's lists (page 1), drawn instead of the plain list. */
  front?: FrontListView[];
}

export function ListPage({ view, head, model }: { view: SiteView; head: Head; model: ListModel }) {
  const lang = view.site.language;
  return (
    <Layout view={view} head={head} styles={LIST_STYLES}>
      <Breadcrumbs crumbs={model.crumbs} lang={lang} />
      <header class={`list-header list-${model.kind}`}>
        {model.author?.avatar ? <Picture image={model.author.avatar} className="avatar" eager /> : null}
        <div>
          <p class="list-kind">
            {model.label ??
              msg(
                lang,
                model.kind === 'tag' ? 'list.tag' : model.kind === 'author' ? 'list.author' : 'list.section',
              )}
          </p>
          <h1>{model.title}</h1>
          {model.intro ? <p class="list-intro">{model.intro}</p> : null}
        </div>
      </header>
      {model.subsections?.length ? (
        <nav class="subsections" aria-label={msg(lang, 'list.within', { title: model.title })}>
          <ul>
            {model.subsections.map((s) => (
              <li key={s.href}>
                <a href={s.href}>{s.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {model.front ? (
        <FrontLists lists={model.front} site={view.site} />
      ) : model.stories.length ? (
        <div class="list">
          {model.stories.map((s, i) => (
            <Card key={s.id} story={s} site={view.site} eager={i === 0 && model.pagination.page === 1} />
          ))}
        </div>
      ) : (
        <p class="empty">{msg(lang, 'list.empty')}</p>
      )}
      <Pager pagination={model.pagination} lang={lang} />
      {model.related?.length ? (
        <nav class="story-tags related-topics" aria-labelledby="related-title">
          <h2 id="related-title" class="block-title">
            {msg(lang, 'list.relatedTopics')}
          </h2>
          <ul>
            {model.related.map((t) => (
              <li key={t.href}>
                <a href={t.href}>{t.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}

export interface ArticleModel {
  headline: string;
  dek: string;
  crumbs: Crumb[];
  bylines: StoryCard['bylines'];
  dateline: string | null;
  published: string;
  /** In a preview of a story readers cannot see: said instead of "Published …" ("Draft · not published"). */
  notPublished?: string | null;
  /** Shown only when the story changed after publication. */
  updated: string | null;
  lead: { image: ImageView; caption: string; credit: string; filePhoto: boolean } | null;
  bodyHtml: string;
  tags: { name: string; href: string }[];
  /** Who and what the story is about, from the entity registry (links to topic pages). */
  topics?: { name: string; href: string }[];
  /** Stories sharing its topics (drawn above "More in …"). */
  related?: StoryCard[];
  section: { name: string; href: string };
  more: StoryCard[];
  /** A video story shows its player in place of the lead image. */
  video?: PlayerView | null;
  /** Corrections, clarifications, updates, editor's notes, oldest first. */
  notices?: NoticeView[];
  /** The view-count beacon's address (src/audience); null in previews. */
  beacon?: string | null;
  /** Live coverage (site/live-coverage.tsx): badge and key points above the body, the timeline below. */
  live?: { live: boolean; topHtml: string; feedHtml: string } | null;
}

/** A story's parts of the house style: live coverage, notices and a video player only where it has them. */
function storyStyles(model: ArticleModel): readonly StylePart[] {
  const parts: StylePart[] = ['story'];
  if (model.live) parts.push('live-coverage');
  if (model.notices?.length) parts.push('notices');
  if (model.video) parts.push('video');
  return parts;
}

export function ArticlePage({ view, head, model }: { view: SiteView; head: Head; model: ArticleModel }) {
  const lang = view.site.language;
  const [publishedBefore, publishedAfter] = around(lang, 'article.published', 'time');
  const [updatedBefore, updatedAfter] = around(lang, 'article.updated', 'time');
  const [moreBefore, moreAfter] = around(lang, 'article.moreIn', 'section');
  return (
    <Layout view={view} head={head} styles={storyStyles(model)}>
      <article class="story">
        <header class="story-header">
          <Breadcrumbs crumbs={model.crumbs} lang={lang} />
          <h1 class="headline">{model.headline}</h1>
          {model.dek ? <p class="dek">{model.dek}</p> : null}
          <p class="story-meta">
            <Bylines bylines={model.bylines} lang={lang} />
            <span class="times">
              {model.notPublished ? (
                <span class="not-published">{model.notPublished}</span>
              ) : (
                <>
                  {publishedBefore}
                  <TimeTag iso={model.published} site={view.site} />
                  {publishedAfter}
                </>
              )}
              {model.updated && !model.notPublished ? (
                <>
                  {' · '}
                  {updatedBefore}
                  <TimeTag iso={model.updated} site={view.site} />
                  {updatedAfter}
                </>
              ) : null}
            </span>
          </p>
          <NoticeFlag notices={model.notices ?? []} site={view.site} />
        </header>
        {model.video ? (
          <>
            <VideoPlayer video={model.video} eager lang={lang} />
            {model.video.kind === 'hls' ? <HlsScripts /> : null}
          </>
        ) : model.lead ? (
          <figure class="lead-image">
            <Picture image={model.lead.image} eager />
            {model.lead.caption || model.lead.credit || model.lead.filePhoto ? (
              <figcaption>
                {model.lead.caption}
                {model.lead.filePhoto ? (
                  <span class="file-photo"> {msg(lang, 'article.filePhoto')}</span>
                ) : null}
                {model.lead.credit ? <span class="credit"> {model.lead.credit}</span> : null}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        {model.live ? (
          <div class="live-top" dangerouslySetInnerHTML={{ __html: model.live.topHtml }} />
        ) : null}
        <div class="story-body">
          {model.dateline ? <span class="dateline">{model.dateline} — </span> : null}
          <div dangerouslySetInnerHTML={{ __html: model.bodyHtml }} />
        </div>
        {model.live ? <div dangerouslySetInnerHTML={{ __html: model.live.feedHtml }} /> : null}
        {model.tags.length ? (
          <footer class="story-tags">
            <h2 class="visually-hidden">{msg(lang, 'article.tags')}</h2>
            <ul>
              {model.tags.map((t) => (
                <li key={t.href}>
                  <a href={t.href} rel="tag">
                    {t.name}
                  </a>
                </li>
              ))}
            </ul>
          </footer>
        ) : null}
        {model.topics?.length ? (
          <footer class="story-tags story-topics">
            <h2 class="topics-title">{msg(lang, 'article.topics')}</h2>
            <ul>
              {model.topics.map((t) => (
                <li key={t.href}>
                  <a href={t.href}>{t.name}</a>
                </li>
              ))}
            </ul>
          </footer>
        ) : null}
        <NoticeBox notices={model.notices ?? []} site={view.site} home={view.edition?.home} />
        {model.beacon ? (
          <img
            class="beacon"
            src={model.beacon}
            alt=""
            width={1}
            height={1}
            decoding="async"
            referrerpolicy="no-referrer"
          />
        ) : null}
      </article>
      {model.related?.length ? (
        <aside class="more related" aria-labelledby="related-title">
          <h2 id="related-title" class="block-title">
            {msg(lang, 'article.related')}
          </h2>
          <div class="grid">
            {model.related.map((s) => (
              <Card key={s.id} story={s} site={view.site} size="compact" />
            ))}
          </div>
        </aside>
      ) : null}
      {model.more.length ? (
        <aside class="more" aria-labelledby="more-title">
          <h2 id="more-title" class="block-title">
            {moreBefore}
            <a href={model.section.href}>{model.section.name}</a>
            {moreAfter}
          </h2>
          <div class="grid">
            {model.more.map((s) => (
              <Card key={s.id} story={s} site={view.site} size="compact" />
            ))}
          </div>
        </aside>
      ) : null}
    </Layout>
  );
}

export function ErrorPage({
  view,
  head,
  status,
  latest,
}: {
  view: SiteView;
  head: Head;
  status: 404 | 410;
  latest: StoryCard[];
}) {
  const lang = view.site.language;
  const removed = status === 410;
  const [tryBefore, tryAfter] = around(lang, 'error.try', 'frontPage');
  return (
    <Layout view={view} head={head} styles={ERROR_STYLES}>
      <section class="error-page">
        <p class="list-kind">{msg(lang, removed ? 'error.removed' : 'error.notFound')}</p>
        <h1>{msg(lang, removed ? 'error.removedTitle' : 'error.notFoundTitle')}</h1>
        <p>
          {msg(lang, removed ? 'error.removedText' : 'error.notFoundText')} {tryBefore}
          <a href={view.edition?.home ?? '/'}>{msg(lang, 'error.frontPage')}</a>
          {tryAfter}
        </p>
      </section>
      {latest.length ? (
        <section class="section-block" aria-labelledby="latest-title">
          <h2 id="latest-title" class="block-title">
            {msg(lang, 'error.latest')}
          </h2>
          <div class="grid">
            {latest.map((s) => (
              <Card key={s.id} story={s} site={view.site} size="compact" />
            ))}
          </div>
        </section>
      ) : null}
    </Layout>
  );
}

export type { TagRow };
