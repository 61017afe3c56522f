import type { ListVariant } from '../../shared/fronts.js';
import type { SiteView, StoryCard } from '../view.js';
import { msg } from '../i18n/index.js';
import { Card } from './components.js';

/**
 * A curated front's lists (src/fronts), each drawn by one of the theme's variants. No variant
 * leaves an empty column: the lead's side column takes at most what stands beside the lead and
 * the rest runs below it, a lead alone spans the width, grids size their columns to the cards
 * they have, and a list with no story is not drawn at all.
 */
export interface FrontListView {
  slug: string;
  title: string;
  href: string | null;
  variant: ListVariant;
  /** Most read: drawn as a numbered list of headlines, whatever the variant. */
  ranking: boolean;
  stories: StoryCard[];
}

/** Cards that stand beside the lead (more would run past its foot and leave a hole under it). */
const BESIDE_LEAD = 3;

export function FrontLists({ lists, site }: { lists: FrontListView[]; site: SiteView['site'] }) {
  let first = true;
  return (
    <>
      {lists
        .filter((l) => l.stories.length > 0)
        .map((l) => {
          const eager = first;
          first = false;
          return <FrontList key={l.slug} list={l} site={site} eager={eager} />;
        })}
    </>
  );
}

function FrontList({ list, site, eager }: { list: FrontListView; site: SiteView['site']; eager: boolean }) {
  const id = `list-${list.slug}`;
  const heading = list.title ? (
    <h2 class="block-title" id={id}>
      {list.href ? <a href={list.href}>{list.title}</a> : list.title}
    </h2>
  ) : null;
  const label = list.title
    ? { 'aria-labelledby': id }
    : { 'aria-label': msg(site.language, 'home.topStories') };
  if (list.ranking) {
    return (
      <section class="section-block front-list front-ranking" data-list={list.slug} {...label}>
        {heading}
        <ol class="ranking">
          {list.stories.map((s) => (
            <li key={s.id} class="rank">
              <a href={s.href}>{s.headline}</a>
              {s.section ? <span class="ranking-section">{s.section.name}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    );
  }
  if (list.variant === 'lead') {
    const [lead, ...rest] = list.stories;
    const beside = rest.slice(0, BESIDE_LEAD);
    const below = rest.slice(BESIDE_LEAD);
    return (
      <section
        class={`top-stories front-list${beside.length ? '' : ' lead-alone'}`}
        data-list={list.slug}
        {...label}
      >
        {heading}
        {lead ? <Card story={lead} site={site} size="lead" eager={eager} /> : null}
        {beside.length ? (
          <div class="top-rest">
            {beside.map((s) => (
              <Card key={s.id} story={s} site={site} />
            ))}
          </div>
        ) : null}
        {below.length ? (
          <div class="front-grid top-below">
            {below.map((s) => (
              <Card key={s.id} story={s} site={site} />
            ))}
          </div>
        ) : null}
      </section>
    );
  }
  if (list.variant === 'headlines') {
    return (
      <section class="section-block front-list front-variant-headlines" data-list={list.slug} {...label}>
        {heading}
        <div class="list">
          {list.stories.map((s, i) => (
            <Card key={s.id} story={s} site={site} eager={eager && i === 0} />
          ))}
        </div>
      </section>
    );
  }
  const size = list.variant === 'row' ? 'compact' : 'normal';
  return (
    <section
      class={`section-block front-list front-variant-${list.variant}`}
      data-list={list.slug}
      {...label}
    >
      {heading}
      <div class="grid front-grid">
        {list.stories.map((s, i) => (
          <Card key={s.id} story={s} site={site} size={size} eager={eager && i === 0} />
        ))}
      </div>
    </section>
  );
}
