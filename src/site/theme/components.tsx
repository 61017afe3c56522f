import { formatDate, formatDateTime, isoInZone } from '../../lib/time.js';
import type { Crumb, ImageView, Pagination, SiteView, StoryCard } from '../view.js';

export function TimeTag({
  iso,
  site,
  dateOnly,
}: {
  iso: string;
  site: SiteView['site'];
  dateOnly?: boolean;
}) {
  return (
    <time dateTime={isoInZone(iso, site.timeZone)}>
      {dateOnly
        ? formatDate(iso, site.timeZone, site.language)
        : formatDateTime(iso, site.timeZone, site.language)}
    </time>
  );
}

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
      {...(eager ? { fetchpriority: 'high' } : {})}
    />
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
