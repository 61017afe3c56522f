import { Fragment } from 'preact';
import { directionOf } from '../../editions/index.js';
import { formatDate, formatDateTime, isoInZone } from '../../lib/time.js';
import { around, formatNumber, listParts, msg } from '../i18n/index.js';
import { renderFragment } from '../render.js';
import type { Crumb, ImageView, Pagination, SiteView, StoryCard } from '../view.js';

/**
 * Formatted dates, remembered: Intl formatting costs microseconds a call, and a story's date is
 * shown on its page and on every list and "More in" card that names it (the static export
 * formats the same few thousand dates hundreds of thousands of times). Bounded: cleared when full.
 */
const shownDates = new Map<string, { machine: string; human: string }>();

function shownDate(iso: string, site: SiteView['site'], dateOnly: boolean) {
  const key = `${iso}|${site.timeZone}|${site.language}|${dateOnly ? 'd' : 'dt'}`;
  let out = shownDates.get(key);
  if (!out) {
    out = {
      machine: isoInZone(iso, site.timeZone),
      human: dateOnly
        ? formatDate(iso, site.timeZone, site.language)
        : formatDateTime(iso, site.timeZone, site.language),
    };
    if (shownDates.size >= 50_000) shownDates.clear();
    shownDates.set(key, out);
  }
  return out;
}

export function TimeTag({
  iso,
  site,
  dateOnly,
}: {
  iso: string;
  site: SiteView['site'];
  dateOnly?: boolean;
}) {
  const { machine, human } = shownDate(iso, site, dateOnly === true);
  return <time dateTime={machine}>{human}</time>;
}

/**
 * AVIF and WebP for browsers that take them, JPEG for the rest; width and height reserve the
 * space; object-position keeps the library's focal point in view wherever CSS crops.
 */
export function Picture({
  image,
  eager,
  className,
}: {
  image: ImageView;
  eager?: boolean;
  className?: string;
}) {
  return (
    <picture>
      {image.sources.map((s) => (
        <source key={s.type} type={s.type} srcset={s.srcset} sizes={image.sizes} />
      ))}
      <img
        class={className}
        src={image.src}
        srcset={image.srcset}
        sizes={image.sizes}
        width={image.width}
        height={image.height}
        alt={image.alt}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
        style={`object-position: ${image.position}`}
        {...(eager ? { fetchpriority: 'high' } : {})}
      />
    </picture>
  );
}

export function Breadcrumbs({ crumbs, lang = 'en' }: { crumbs: Crumb[]; lang?: string }) {
  if (!crumbs.length) return null;
  return (
    <nav class="breadcrumbs" aria-label={msg(lang, 'layout.breadcrumb')}>
      <ol>
        {crumbs.map((c, i) => (
          <li key={c.href}>
            <a href={c.href} aria-current={i === crumbs.length - 1 ? 'page' : undefined}>
              {c.name}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function Bylines({ bylines, lang = 'en' }: { bylines: StoryCard['bylines']; lang?: string }) {
  if (!bylines.length) return null;
  if (lang === 'en') {
    // English as it always was ("By A, B and C", no serial comma).
    return (
      <span class="byline">
        By{' '}
        {bylines.map((b, i) => (
          <>
            {i > 0 ? (i === bylines.length - 1 ? ' and ' : ', ') : null}
            <a href={b.href} rel="author">
              {b.name}
            </a>
          </>
        ))}
      </span>
    );
  }
  // The language's own "By …" and list joining; each name isolated (a Latin name in Arabic).
  const [before, after] = around(lang, 'byline', 'authors');
  return (
    <span class="byline">
      {before}
      {listParts(lang, bylines.length).map((p, i) => {
        const b = p.index === null ? undefined : bylines[p.index];
        return b ? (
          <bdi key={b.href}>
            <a href={b.href} rel="author">
              {b.name}
            </a>
          </bdi>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the separators of a fixed list
          <Fragment key={i}>{p.text}</Fragment>
        );
      })}
      {after}
    </span>
  );
}

type CardProps = {
  story: StoryCard;
  site: SiteView['site'];
  size?: 'lead' | 'normal' | 'compact';
  eager?: boolean;
};

/**
 * Markup of cards that appear on many pages of one run, made once per size. The static export
 * shows each story's card on some ten pages (its sections' fronts, its tags and bylines, its
 * neighbours' "More in" lists) and keeps its card objects for the whole run: made once, a front
 * page renders in 80 µs instead of 190. Live pages ask for it for the cards they keep between
 * renders (cache/memo.ts: a list's first pages, a section's newest, a front's): those objects
 * are dropped and loaded anew at the change of anything they show, and their markup with them.
 * Cards made per request never ask, and render as they always did. Kept by card object.
 */
const keptCards = new WeakMap<StoryCard, Map<string, string>>();

/** Keep `story`'s card markup from its first rendering on. */
export function keepCardMarkup(story: StoryCard): void {
  if (!keptCards.has(story)) keptCards.set(story, new Map());
}

/** `cards`, each keeping its markup (keepCardMarkup): for cards kept between renders. */
export function keepingMarkup<T extends readonly StoryCard[]>(cards: T): T {
  for (const card of cards) keepCardMarkup(card);
  return cards;
}

export function Card(props: CardProps) {
  const size = props.size ?? 'normal';
  const kept = keptCards.get(props.story);
  if (!kept) return <article class={`card card-${size}`}>{cardText(props)}</article>;
  const { timeZone, language } = props.site;
  const key = `${size}|${props.eager === true}|${timeZone}|${language}`;
  let html = kept.get(key);
  if (html === undefined) {
    html = renderFragment(cardText(props));
    kept.set(key, html);
  }
  return <article class={`card card-${size}`} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** What a card's <article> holds. */
function cardText({ story, site, size = 'normal', eager }: CardProps) {
  const Heading = size === 'lead' ? 'h2' : 'h3';
  return (
    <>
      {story.image && size !== 'compact' ? (
        <div class="card-image">
          <Picture image={story.image} eager={eager} />
        </div>
      ) : null}
      <div class="card-text">
        {story.section ? (
          <a class="kicker" href={story.section.href}>
            {story.section.name}
          </a>
        ) : null}
        <Heading class="card-headline">
          <a href={story.href}>{isolated(story.headline, site)}</a>
        </Heading>
        {size !== 'compact' && story.dek ? <p class="card-dek">{story.dek}</p> : null}
        <p class="card-meta">
          <TimeTag iso={story.published} site={site} dateOnly={size === 'compact'} />
        </p>
      </div>
    </>
  );
}

export function Pager({ pagination, lang = 'en' }: { pagination: Pagination; lang?: string }) {
  const { page, pages, hrefOf } = pagination;
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={msg(lang, 'pager.label')}>
      {page > 1 ? (
        <a rel="prev" href={hrefOf(page - 1)}>
          {msg(lang, 'pager.newer')}
        </a>
      ) : (
        <span />
      )}
      <span class="pager-status">
        {msg(lang, 'pager.status', { page: pageNumber(lang, page), pages: pageNumber(lang, pages) })}
      </span>
      {page < pages ? (
        <a rel="next" href={hrefOf(page + 1)}>
          {msg(lang, 'pager.older')}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/**
 * A headline in a list, isolated from the text around it in a right-to-left edition (a Latin
 * headline inside Arabic, or the reverse, keeps its own order). Left as it was elsewhere.
 */
export function isolated(text: string, site: SiteView['site']) {
  return directionOf(site.language) === 'rtl' ? <bdi>{text}</bdi> : text;
}

/** A page number: as it always was in English, the locale's digits elsewhere (١٢ in Arabic). */
export function pageNumber(lang: string, n: number): string {
  return lang === 'en' ? String(n) : formatNumber(lang, n);
}
