import { escapeHtml } from '../shared/document/index.js';
import { htmlBody, textBody } from './body.js';
import {
  clean,
  FIELD_LIMITS,
  isoTime,
  type PubStatus,
  QuarantineError,
  qcodeOf,
  type WireItem,
} from './item.js';
import { loadedOnFirstUse } from '../lib/first-use.js';

// Loaded by the first document to read: a serving node that takes no XML never needs it.
const saxes = loadedOnFirstUse<typeof import('saxes')>('saxes');

/**
 * NewsML-G2 → WireItems: a `newsItem` document, or a `newsMessage` whose itemSet holds several.
 * The item is at most MAX_ITEM_BYTES, so it is read into a small tree (saxes, a strict,
 * non-validating parser) and walked. A DOCTYPE is refused outright: G2 never needs one, and
 * entity declarations are how XXE and "billion laughs" attacks arrive; saxes expands no external
 * entity and stops at an undeclared one, which quarantines the item as invalid XML.
 */
interface XmlEl {
  name: string;
  attrs: Record<string, string>;
  children: (XmlEl | string)[];
}

export function readXml(xml: string): XmlEl {
  const parser = new (saxes().SaxesParser)({ xmlns: false, position: true });
  const root: XmlEl = { name: '#root', attrs: {}, children: [] };
  const stack: XmlEl[] = [root];
  let failure: string | null = null;
  parser.on('error', (err) => {
    failure ??= err.message;
  });
  parser.on('doctype', () => {
    failure ??= 'a DOCTYPE is not accepted (entity declarations are refused)';
  });
  parser.on('opentag', (tag) => {
    const el: XmlEl = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [] };
    stack.at(-1)?.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (t: string) => stack.at(-1)?.children.push(t);
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(xml).close();
  } catch (err) {
    failure ??= err instanceof Error ? err.message : String(err);
  }
  if (failure) throw new QuarantineError(`invalid XML: ${clean(failure, 300)}`);
  const top = root.children.find((c): c is XmlEl => typeof c !== 'string');
  if (!top) throw new QuarantineError('invalid XML: no root element');
  return top;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const kids = (el: XmlEl | undefined, name: string): XmlEl[] =>
  (el?.children ?? []).filter((c): c is XmlEl => typeof c !== 'string' && local(c.name) === name);
const kid = (el: XmlEl | undefined, name: string): XmlEl | undefined => kids(el, name)[0];
const text = (el: XmlEl | undefined): string =>
  (el?.children ?? []).map((c) => (typeof c === 'string' ? c : text(c))).join('');
const attr = (el: XmlEl | undefined, name: string): string => {
  if (!el) return '';
  for (const [k, v] of Object.entries(el.attrs)) if (local(k) === name) return v;
  return '';
};

/** Every newsItem of a G2 document. */
export async function parseNewsml(xml: string): Promise<WireItem[]> {
  const root = readXml(xml);
  const name = local(root.name);
  let items: XmlEl[];
  if (name === 'newsItem') items = [root];
  else if (name === 'newsMessage') items = kids(kid(root, 'itemSet'), 'newsItem');
  else throw new QuarantineError(`NewsML-G2: the root element is <${name}>, not a newsItem or newsMessage`);
  if (!items.length) throw new QuarantineError('NewsML-G2: the newsMessage holds no newsItem');
  const out: WireItem[] = [];
  for (const item of items) out.push(await itemOf(item, attr(root, 'lang')));
  return out;
}

/** A name of a G2 concept: its <name> child, else its literal, else its QCode. */
function conceptName(el: XmlEl | undefined): string {
  return clean(text(kid(el, 'name')) || attr(el, 'literal') || attr(el, 'qcode'), 200);
}

async function itemOf(item: XmlEl, inheritedLang: string): Promise<WireItem> {
  const guid = attr(item, 'guid').trim();
  if (!guid) throw new QuarantineError('NewsML-G2: newsItem has no guid');
  const rawVersion = attr(item, 'version').trim() || '1';
  if (!/^\d{1,9}$/.test(rawVersion))
    throw new QuarantineError(`NewsML-G2: version "${clean(rawVersion, 20)}" is not a whole number`);
  const meta = kid(item, 'itemMeta');
  const content = kid(item, 'contentMeta');
  if (!meta) throw new QuarantineError('NewsML-G2: newsItem has no itemMeta');

  const status = attr(kid(meta, 'pubStatus'), 'qcode').replace(/^[^:]*:/, '') || 'usable';
  if (!['usable', 'withheld', 'canceled'].includes(status))
    throw new QuarantineError(`NewsML-G2: unknown pubStatus "${clean(status, 40)}"`);
  // Some agencies kill with a signal rather than a status.
  const killed = kids(meta, 'signal').some((s) => /:(kill|cancel(l?ed)?)$/i.test(attr(s, 'qcode')));

  const rights = kid(item, 'rightsInfo');
  const rightsText = [text(kid(rights, 'usageTerms')), text(kid(rights, 'copyrightNotice'))]
    .map((t) => t.trim())
    .filter(Boolean)
    .join(' — ');
  const urgency = text(kid(content, 'urgency')).trim();
  const priority = urgency ? Number(urgency) : null;
  if (priority !== null && !(Number.isInteger(priority) && priority >= 1 && priority <= 9))
    throw new QuarantineError(`NewsML-G2: urgency "${clean(urgency, 20)}" is not 1–9`);

  const headlines = kids(content, 'headline');
  const headline = text(
    headlines.find((h) => !attr(h, 'role') || /main/.test(attr(h, 'role'))) ?? headlines[0],
  );
  const descriptions = kids(content, 'description');
  const dek = text(descriptions.find((d) => /summary|abstract/.test(attr(d, 'role'))) ?? descriptions[0]);
  const byline = text(kid(content, 'by')) || kids(content, 'creator').map(conceptName).join(', ');

  const { body, problems } = await bodyOf(kid(item, 'contentSet'));
  return {
    format: 'newsml-g2',
    guid: clean(guid, 500),
    version: Number(rawVersion),
    pubStatus: killed ? 'canceled' : (status as PubStatus),
    headline: clean(headline, FIELD_LIMITS.headline),
    dek: clean(dek, FIELD_LIMITS.dek),
    body,
    byline: clean(byline, FIELD_LIMITS.byline),
    provider: clean(
      conceptName(kid(meta, 'provider')) || conceptName(kid(rights, 'copyrightHolder')),
      FIELD_LIMITS.provider,
    ),
    rights: clean(rightsText, FIELD_LIMITS.rights),
    priority,
    subjects: kids(content, 'subject')
      .map((s) => ({
        code: clean(qcodeOf(attr(s, 'qcode') || attr(s, 'uri') || attr(s, 'literal')), 200),
        name: conceptName(s),
      }))
      .filter((s) => s.code),
    language: clean(attr(kid(content, 'language'), 'tag') || attr(item, 'lang') || inheritedLang, 35) || null,
    embargoUntil: isoTime(text(kid(meta, 'embargoed')), 'embargoed'),
    firstCreated: isoTime(text(kid(meta, 'firstCreated')), 'firstCreated'),
    versionCreated: isoTime(text(kid(meta, 'versionCreated')), 'versionCreated'),
    problems,
  };
}

/** The text body: XHTML in inlineXML (its <body>), else plain text in inlineData. */
async function bodyOf(set: XmlEl | undefined) {
  const xml =
    kids(set, 'inlineXML').find((x) => /html/i.test(attr(x, 'contenttype'))) ?? kid(set, 'inlineXML');
  if (xml) {
    const html = kid(xml, 'html');
    const bodyEl = kid(html, 'body') ?? html ?? xml;
    return htmlBody(serialize(bodyEl.children));
  }
  return { body: textBody(text(kid(set, 'inlineData'))), problems: [] as string[] };
}

/** Back to HTML text for the converter: names without prefixes, every text and value escaped. */
function serialize(nodes: (XmlEl | string)[]): string {
  return nodes
    .map((n) => {
      if (typeof n === 'string') return escapeHtml(n);
      const name = local(n.name);
      const attrs = Object.entries(n.attrs)
        .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
        .map(([k, v]) => ` ${local(k)}="${escapeHtml(v)}"`)
        .join('');
      return `<${name}${attrs}>${serialize(n.children)}</${name}>`;
    })
    .join('');
}
