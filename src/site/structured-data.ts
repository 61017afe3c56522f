import type { Config } from '../config.js';
import type { EntityType } from '../db/index.js';
import type { Crumb } from './view.js';

/** schema.org JSON-LD, built from view data; URLs are absolute on the primary address. */
export function publisher(site: Config['site']) {
  return {
    '@type': 'NewsMediaOrganization',
    name: site.name,
    url: `${site.url}/`,
    logo: { '@type': 'ImageObject', url: `${site.url}/assets/logo.png`, width: 512, height: 512 },
  };
}

export function breadcrumbList(site: Config['site'], crumbs: Crumb[]) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: c.name,
      item: `${site.url}${c.href}`,
    })),
  };
}

const SCHEMA_TYPES: Record<EntityType, string> = {
  person: 'Person',
  organisation: 'Organization',
  place: 'Place',
  event: 'Event',
  topic: 'Thing',
};

/** A registry entity as schema.org sees it (topic pages; a story's `about` and `mentions`). */
export function entityThing(e: { type: EntityType; name: string; description: string; sameAs: string[] }) {
  return {
    '@type': SCHEMA_TYPES[e.type],
    name: e.name,
    ...(e.description ? { description: e.description } : {}),
    ...(e.sameAs.length ? { sameAs: e.sameAs } : {}),
  };
}

export interface NewsArticleData {
  url: string;
  headline: string;
  description: string;
  published: string;
  modified: string;
  authors: { name: string; href: string }[];
  images: string[];
  section: string;
  keywords: string[];
  dateline: string | null;
  /** Corrections and clarifications (schema.org CorrectionComment). */
  corrections?: { text: string; date: string }[];
  /** Confirmed entities the story is about, and the others it mentions (with their topic pages). */
  about?: EntityData[];
  mentions?: EntityData[];
}

type EntityData = Parameters<typeof entityThing>[0] & { url: string };

export function newsArticle(site: Config['site'], a: NewsArticleData) {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.headline.slice(0, 110),
    description: a.description,
    datePublished: a.published,
    dateModified: a.modified,
    author: a.authors.map((au) => ({ '@type': 'Person', name: au.name, url: `${site.url}${au.href}` })),
    image: a.images,
    publisher: publisher(site),
    articleSection: a.section,
    keywords: a.keywords,
    ...(a.dateline ? { dateline: a.dateline } : {}),
    ...(a.corrections?.length
      ? {
          correction: a.corrections.map((c) => ({
            '@type': 'CorrectionComment',
            text: c.text,
            datePublished: c.date,
          })),
        }
      : {}),
    ...(a.about?.length ? { about: a.about.map((e) => ({ ...entityThing(e), url: e.url })) } : {}),
    ...(a.mentions?.length ? { mentions: a.mentions.map((e) => ({ ...entityThing(e), url: e.url })) } : {}),
    inLanguage: site.language,
    mainEntityOfPage: { '@type': 'WebPage', '@id': a.url },
    url: a.url,
  };
}

export function website(site: Config['site']) {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: site.name,
    url: `${site.url}/`,
    publisher: publisher(site),
  };
}
