import type { Config } from '../../config.js';
import type { SectionTree } from '../../content/index.js';
import { ancestry, CORRECTION_KINDS } from '../../content/index.js';
import type { ArticleTopic } from '../../knowledge/index.js';
import { mediaUrl, widthsFor } from '../../media/index.js';
import type { PublicArticle, StoryRelations } from './queries.js';
import { articleUri, articleUrl, bodyHtml, bodyText, parseBody, summaryOf } from './story.js';

/**
 * A story as IPTC ninjs 2.1 (News in JSON), for agencies and partners whose systems speak it.
 * Validated in tests against ninjs-2.schema.json. The uri is the story's permanent API address;
 * the web permalink is a rendition.
 */
type Site = Config['site'];

export const NINJS_STANDARD = {
  name: 'ninjs',
  version: '2.1',
  schema: 'https://www.iptc.org/std/ninjs/ninjs-schema_2.1.json',
};

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Where each kind of entity goes in ninjs: people, organisations and places have their own lists. */
const ENTITY_LIST = {
  person: 'people',
  organisation: 'organisations',
  place: 'places',
  event: 'subjects',
  topic: 'subjects',
} as const;

/**
 * A confirmed entity as a ninjs concept: `uri` is its Wikidata entity (the concept URI, as IPTC
 * and Wikidata use it for identity) where the registry knows the QID, else its topic page here (a
 * public story confirmed about it makes that page exist); `literal` is the topic slug; `rel` says
 * whether the story is about it or merely mentions it (as in the page's JSON-LD).
 */
function entityConcept(site: Site, t: ArticleTopic) {
  return {
    name: t.name,
    rel: t.about ? 'about' : 'mentions',
    uri: t.wikidataQid ? `http://www.wikidata.org/entity/${t.wikidataQid}` : `${site.url}/topics/${t.slug}`,
    literal: t.slug,
  };
}

export function toNinjs(
  site: Site,
  tree: SectionTree,
  row: PublicArticle,
  rel: StoryRelations,
  topics: readonly ArticleTopic[] = [],
) {
  const doc = parseBody(row);
  const text = bodyText(doc);
  const authors = rel.bylines.get(row.id) ?? [];
  const tags = rel.tags.get(row.id) ?? [];
  const sections = ancestry(tree, row.section_id);
  const lead = row.lead_media_id === null ? undefined : rel.media.get(row.lead_media_id);
  const published = row.first_published_at ?? row.updated_at;
  const notices = rel.notices.get(row.id) ?? [];
  const corrected = notices.filter((n) => CORRECTION_KINDS.includes(n.kind));
  const out: Record<string, unknown> = {
    uri: articleUri(site, row.id),
    type: 'text',
    representationtype: 'full',
    profile: 'masthead-article',
    version: String(row.version),
    firstcreated: published,
    versioncreated: row.updated_at,
    pubstatus: 'usable',
    language: site.language,
    copyrightholder: site.name,
    copyrightnotice: `© ${site.name}`,
    headlines: [{ role: 'main', value: row.headline }, ...(row.dek ? [{ role: 'sub', value: row.dek }] : [])],
    descriptions: [
      { role: 'summary', contenttype: 'text/plain', value: summaryOf(row, doc) },
      // Notices readers see with the story, one description each, role = kind (docs/api.md).
      ...notices.map((n) => ({ role: n.kind, contenttype: 'text/plain', value: n.text })),
    ],
    bodies: [
      {
        role: 'main',
        contenttype: 'text/html',
        charcount: text.length,
        wordcount: words(text),
        value: bodyHtml(site, doc, rel.media),
      },
      {
        role: 'main',
        contenttype: 'text/plain',
        charcount: text.length,
        wordcount: words(text),
        value: text,
      },
    ],
    slugline: row.slug,
    subjects: [
      ...sections.map((s) => ({
        name: s.name,
        rel: 'section',
        uri: `${site.url}/${s.path}`,
        literal: s.path,
      })),
      ...tags.map((t) => ({ name: t.name, rel: 'tag', uri: `${site.url}/tag/${t.slug}`, literal: t.slug })),
    ],
    renditions: [{ name: 'web', href: articleUrl(site, row), contenttype: 'text/html', title: row.headline }],
    altids: [{ role: 'masthead-id', value: String(row.id) }],
    standard: NINJS_STANDARD,
  };
  for (const t of topics) {
    const list = ENTITY_LIST[t.type];
    out[list] = [...((out[list] as unknown[] | undefined) ?? []), entityConcept(site, t)];
  }
  if (authors.length) out.by = authors.map((a) => a.name).join(', ');
  if (row.dateline) out.located = row.dateline;
  // What a receiving desk must act on, as wire services write it: "Corrects …".
  if (corrected.length)
    out.ednote = corrected.map((n) => `${n.label} (${n.createdAt}): ${n.text}`).join('\n');
  if (lead) {
    const caption = row.lead_caption || lead.caption;
    const credit = row.lead_credit || lead.credit;
    out.associations = [
      {
        name: 'featureimage',
        uri: `${site.url}/media/${lead.id}`,
        type: 'picture',
        ...(caption
          ? { descriptions: [{ role: 'caption', contenttype: 'text/plain', value: caption }] }
          : {}),
        ...(lead.alt ? { headlines: [{ role: 'alt', value: lead.alt }] } : {}),
        ...(credit ? { by: credit } : {}),
        renditions: widthsFor(lead).map((w) => {
          const width = Math.min(w, lead.width);
          return {
            name: `w${w}`,
            href: `${site.url}${mediaUrl(lead.id, w, 'jpg')}`,
            contenttype: 'image/jpeg',
            width,
            height: Math.round((lead.height * width) / lead.width),
          };
        }),
      },
    ];
  }
  return out;
}
