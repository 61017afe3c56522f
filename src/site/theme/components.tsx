import { formatDate, formatDateTime, isoInZone } from '../../lib/time.js';
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

export function Breadcrumbs({ crumbs }: { crumbs: Crumb[] }) {
  if (!crumbs.length) return null;
  return (
    <nav class="breadcrumbs" aria-label="Breadcrumb">
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

export function Bylines({ bylines }: { bylines: StoryCard['bylines'] }) {
  if (!bylines.length) return null;
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

export function Card({
  story,
  site,
  size = 'normal',
  eager,
}: {
  story: StoryCard;
  site: SiteView['site'];
  size?: 'lead' | 'normal' | 'compact';
  eager?: boolean;
}) {
  const Heading = size === 'lead' ? 'h2' : 'h3';
  return (
    <article class={`card card-${size}`}>
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
          <a href={story.href}>{story.headline}</a>
        </Heading>
        {size !== 'compact' && story.dek ? <p class="card-dek">{story.dek}</p> : null}
        <p class="card-meta">
          <TimeTag iso={story.published} site={site} dateOnly={size === 'compact'} />
        </p>
      </div>
    </article>
  );
}

export function Pager({ pagination }: { pagination: Pagination }) {
  const { page, pages, hrefOf } = pagination;
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? (
        <a rel="prev" href={hrefOf(page - 1)}>
          ← Newer
        </a>
      ) : (
        <span />
      )}
      <span class="pager-status">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <a rel="next" href={hrefOf(page + 1)}>
          Older →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
