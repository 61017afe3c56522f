import type { ComponentChildren } from 'preact';
import { bannerSlot } from '../../cache/index.js';
import { jsonForScript, renderFragment } from '../render.js';
import { msg } from '../i18n/index.js';
import type { Head, SiteView } from '../view.js';
import { type StylePart, stylesheetFor } from './styles.js';

export function Layout({
  view,
  head,
  styles,
  children,
}: {
  view: SiteView;
  head: Head;
  /**
   * What the page shows, for the rules of the house style it inlines (styles.ts), a preview's band
   * added on previews; none: all of them.
   */
  styles?: readonly StylePart[];
  children: ComponentChildren;
}) {
  const { site } = view;
  const chrome = chromeOf(view);
  const lang = site.language;
  return (
    <html lang={lang} {...(view.edition ? { dir: view.edition.dir } : {})}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{head.title}</title>
        <meta name="description" content={head.description} />
        <link rel="canonical" href={head.canonical} />
        {head.alternates?.map((a) => (
          <link key={a.hreflang} rel="alternate" hreflang={a.hreflang} href={a.href} />
        ))}
        {head.feeds?.map((f) => (
          <link key={f.href} rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
        {head.noindex || head.preview ? (
          <meta name="robots" content={head.preview ? 'noindex, nofollow' : 'noindex'} />
        ) : null}
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href="/assets/logo.png" type="image/png" />
        <meta property="og:site_name" content={site.name} />
        <meta property="og:type" content={head.type} />
        <meta property="og:title" content={head.title} />
        <meta property="og:description" content={head.description} />
        <meta property="og:url" content={head.canonical} />
        <meta property="og:locale" content={site.language} />
        {head.image ? (
          <>
            <meta property="og:image" content={head.image.url} />
            <meta property="og:image:width" content={String(head.image.width)} />
            <meta property="og:image:height" content={String(head.image.height)} />
            <meta property="og:image:alt" content={head.image.alt} />
          </>
        ) : null}
        {head.article ? (
          <>
            <meta property="article:published_time" content={head.article.published} />
            <meta property="article:modified_time" content={head.article.modified} />
            <meta property="article:section" content={head.article.section} />
            {head.article.tags.map((t) => (
              <meta key={t} property="article:tag" content={t} />
            ))}
          </>
        ) : null}
        <meta name="twitter:card" content={head.image ? 'summary_large_image' : 'summary'} />
        <meta name="twitter:title" content={head.title} />
        <meta name="twitter:description" content={head.description} />
        {head.image ? <meta name="twitter:image" content={head.image.url} /> : null}
        {head.jsonLd.map((data, i) => (
          <script
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
            key={i}
            type="application/ld+json"
            dangerouslySetInnerHTML={{ __html: jsonForScript(data) }}
          />
        ))}
        <style
          dangerouslySetInnerHTML={{
            __html: stylesheetFor(head.preview && styles ? [...styles, 'preview'] : styles),
          }}
        />
        {/* Suggestions as you type in the search box: an enhancement, the form works without it. */}
        <script src="/assets/search.js" defer />
      </head>
      <body>
        {head.preview ? (
          <p class="preview-band" role="note">
            {head.preview}
          </p>
        ) : null}
        <a class="skip" href="#main">
          {msg(lang, 'layout.skip')}
        </a>
        <header class="site-header" dangerouslySetInnerHTML={{ __html: chrome.header }} />
        {/* Breaking news: filled as the page is served, never stored in it (cache/banner.ts); an
            edition's pages name it, for its own alerts in its words. */}
        <div
          class="alert-slot"
          dangerouslySetInnerHTML={{
            __html: bannerSlot(
              view.edition && view.edition.isDefault === false ? view.edition.code : undefined,
            ),
          }}
        />
        <main id="main" class="wrap">
          <LanguageSwitcher view={view} head={head} />
          {children}
        </main>
        <footer class="site-footer" dangerouslySetInnerHTML={{ __html: chrome.footer }} />
      </body>
    </html>
  );
}

/**
 * The header and footer, made once per variant: they are the same on every page but for the
 * section marked current, a dozen variants a site, yet were a fifth of a story page's
 * rendering. Keyed by everything they show; bounded, cleared when full (settings changed often).
 */
const chromes = new Map<string, { header: string; footer: string }>();

function chromeOf(view: SiteView): { header: string; footer: string } {
  const key = JSON.stringify([
    view.site.name,
    view.site.description,
    view.nav,
    view.addresses ?? null,
    view.edition ?? null,
  ]);
  let chrome = chromes.get(key);
  if (!chrome) {
    chrome = {
      header: renderFragment(<Header view={view} />),
      footer: renderFragment(<Footer view={view} />),
    };
    if (chromes.size >= 200) chromes.clear();
    chromes.set(key, chrome);
  }
  return chrome;
}

function Header({ view }: { view: SiteView }) {
  const { site } = view;
  const lang = site.language;
  return (
    <>
      <div class="wrap header-row">
        <a class="brand" href={view.edition?.home ?? '/'}>
          <img src="/assets/logo.png" width="36" height="36" alt="" />
          <span>{site.name}</span>
        </a>
        {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for older readers' browsers; the role says the same */}
        <form class="site-search" action={view.edition?.search ?? '/search'} method="get" role="search">
          <label for="site-search-q" class="visually-hidden">
            {msg(lang, 'layout.searchLabel')}
          </label>
          <input
            id="site-search-q"
            type="search"
            name="q"
            placeholder={msg(lang, 'layout.searchPlaceholder')}
            autocomplete="off"
          />
          <button type="submit">{msg(lang, 'layout.searchButton')}</button>
        </form>
      </div>
      <nav class="site-nav" aria-label={msg(lang, 'layout.sections')}>
        <ul class="wrap">
          {view.nav.map((n) => (
            <li key={n.href}>
              <a href={n.href} aria-current={n.current ? 'page' : undefined}>
                {n.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

function Footer({ view }: { view: SiteView }) {
  const { site } = view;
  const lang = site.language;
  return (
    <div class="wrap">
      <p class="footer-brand">{site.name}</p>
      <p>{site.description}</p>
      <ul class="footer-nav">
        {view.nav.map((n) => (
          <li key={n.href}>
            <a href={n.href}>{n.name}</a>
          </li>
        ))}
      </ul>
      <LinkLine
        class="footer-addresses"
        intro={msg(lang, 'footer.addresses')}
        links={view.addresses?.addresses}
      />
      <LinkLine class="footer-apps" intro={msg(lang, 'footer.apps')} links={view.addresses?.apps} />
      <p class="footer-small">{msg(lang, 'footer.poweredBy')}</p>
    </div>
  );
}

/** "Intro: a · b · c", or nothing without links. */
function LinkLine({
  class: className,
  intro,
  links,
}: {
  class: string;
  intro: string;
  links: { href: string; label: string }[] | undefined;
}) {
  if (!links?.length) return null;
  return (
    <p class={className}>
      {intro}{' '}
      {links.map((a, i) => (
        <>
          {i > 0 ? ' · ' : null}
          <a href={a.href}>{a.label}</a>
        </>
      ))}
    </p>
  );
}

/**
 * The page in the other languages it exists in (its translations, from `head.alternates`):
 * only existing translations are offered, each named in its own language and marked with it.
 */
function LanguageSwitcher({ view, head }: { view: SiteView; head: Head }) {
  const others = head.alternates?.filter((a) => !a.current && a.hreflang !== 'x-default') ?? [];
  if (!others.length) return null;
  return (
    <nav class="language-switcher" aria-label={msg(view.site.language, 'layout.languages')}>
      <ul>
        {others.map((a) => (
          <li key={a.hreflang}>
            {/* Root-relative on this address (the reader stays on it), absolute to another host. */}
            <a
              href={a.href.startsWith(`${view.site.url}/`) ? a.href.slice(view.site.url.length) : a.href}
              hreflang={a.hreflang}
              lang={a.hreflang}
            >
              {a.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
