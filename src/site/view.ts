import type { Config } from '../config.js';
import type { ArticleSummary, SectionNode } from '../content/index.js';
import type { AuthorRow, MediaRow, TagRow } from '../db/index.js';
import type { ImageView } from '../media/index.js';
import type { FooterAddresses } from '../mirrors/index.js';

/**
 * View models: plain data the theme renders. Routes build them from the database; components
 * never query. Every URL here is root-relative, so a page works on any address it is served at.
 */
export interface SiteView {
  site: Config['site'];
  /** Top-level sections, for the header navigation. */
  nav: { name: string; href: string; current: boolean }[];
  /** Other addresses of the site and its apps, for the footer (absolute, from configuration). */
  addresses?: FooterAddresses;
  /** The edition the page is in (src/editions): its language, direction and home. */
  edition?: EditionView;
}

export interface EditionView {
  code: string;
  language: string;
  dir: 'ltr' | 'rtl';
  /** Root-relative: `/` or `/es`. */
  home: string;
  /** Root-relative: `/search` or `/es/search`. */
  search: string;
  /** The site's default edition: its pages keep the site's banner slot (cache/banner.ts). */
  isDefault?: boolean;
}

export interface Crumb {
  name: string;
  href: string;
}

export interface StoryCard {
  id: number;
  href: string;
  headline: string;
  dek: string;
  section: { name: string; href: string } | null;
  bylines: { name: string; href: string }[];
  published: string;
  image: ImageView | null;
  /** Cache tags of what the card shows (not rendered). */
  tags: string[];
}

export interface Head {
  title: string;
  description: string;
  /** Absolute URL on the primary address. */
  canonical: string;
  type: 'website' | 'article' | 'profile';
  image?: { url: string; width: number; height: number; alt: string };
  article?: { published: string; modified: string; section: string; tags: string[] };
  jsonLd: object[];
  noindex?: boolean;
  /** A private preview: this text as a band at the top of the page, and nofollow with noindex. */
  preview?: string;
  /** Feeds of what the page shows, for `<link rel="alternate">` autodiscovery (root-relative). */
  feeds?: { title: string; href: string; type: string }[];
  /**
   * The page in other languages (its translations), this page included, absolute; with
   * `x-default` (the default edition's, else the source's). Empty or absent: no alternates.
   */
  alternates?: { hreflang: string; href: string; label: string; current: boolean }[];
}

export interface Pagination {
  page: number;
  pages: number;
  /** href of a page number, page 1 without a query. */
  hrefOf(page: number): string;
}

export { authorHref, sectionHref, tagHref } from '../lib/public-paths.js';

export type { ArticleSummary, AuthorRow, ImageView, MediaRow, SectionNode, TagRow };
