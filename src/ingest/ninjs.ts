import fs from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import type { Doc } from '../shared/document/index.js';
import { htmlBody, textBody } from './body.js';
import {
  clean,
  FIELD_LIMITS,
  isoTime,
  type PubStatus,
  QuarantineError,
  qcodeOf,
  type WireFormat,
  type WireItem,
} from './item.js';

/**
 * IPTC ninjs (News in JSON) 1.x, 2.x and 3.x → a WireItem. The version is read from
 * `standard.version` when the item names it, else from the shape: 3.x writes its property names
 * in camelCase (versionCreated, pubStatus), 2.x has headlines/bodies arrays, 1.x single
 * headline/body_* properties. Each is validated against its schema (schemas/, written from the
 * spec; each file says what it checks) before a field is read, so a wrong shape is quarantined
 * with the schema's complaint.
 */
type Json = Record<string, unknown>;

const ajv = new Ajv({ allErrors: false, strict: false });
// ajv-formats is CommonJS: under NodeNext its callable is the default export's default.
(formats as unknown as { default: (a: Ajv) => void }).default(ajv);

const validators = new Map<1 | 2 | 3, ValidateFunction>();
function validatorFor(major: 1 | 2 | 3): ValidateFunction {
  let v = validators.get(major);
  if (!v) {
    const file = new URL(`./schemas/ninjs-${major}.schema.json`, import.meta.url);
    v = ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')));
    validators.set(major, v);
  }
  return v;
}

function describe(e: ErrorObject | undefined): string {
  if (!e) return 'does not match the schema';
  const where = e.instancePath || '/';
  if (e.keyword === 'additionalProperties')
    return `${where}: unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  return `${where}: ${e.message ?? 'is invalid'}`;
}

/** Which major version of ninjs `doc` is. */
export function ninjsMajor(doc: Json): 1 | 2 | 3 {
  const standard = doc.standard as { version?: unknown } | undefined;
  const named = typeof standard?.version === 'string' ? standard.version.trim().charAt(0) : '';
  if (named === '1' || named === '2' || named === '3') return Number(named) as 1 | 2 | 3;
  const keys = Object.keys(doc);
  if (keys.some((k) => /^[a-z]+[A-Z]/.test(k))) return 3;
  if (['headlines', 'bodies', 'descriptions', 'subjects', 'by', 'infosources'].some((k) => k in doc))
    return 2;
  return 1;
}

/** A ninjs document (already JSON-parsed) → a WireItem; throws QuarantineError when it is not valid. */
export async function parseNinjs(doc: unknown): Promise<WireItem> {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new QuarantineError('ninjs: the document is not a JSON object');
  const major = ninjsMajor(doc as Json);
  const validate = validatorFor(major);
  if (!validate(doc)) throw new QuarantineError(`ninjs ${major}.x schema: ${describe(validate.errors?.[0])}`);
  const d = doc as Json;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  // 3.x renamed every property to camelCase; read through one helper with both spellings.
  const get = (lower: string, camel = lower) => str(major === 3 ? camel : lower);
  const format: WireFormat = `ninjs${major}`;

  const version = get('version') ? Number(get('version')) : 1;
  const pubStatus = (get('pubstatus', 'pubStatus') || 'usable') as PubStatus;
  let headline = '';
  let dek = '';
  let body: Doc;
  let problems: string[] = [];
  let subjects: { code: string; name: string }[];
  let provider = '';
  if (major === 1) {
    headline = str('headline');
    dek = str('description_text') || stripTags(str('description_html'));
    const html = str('body_html') || str('body_xhtml');
    if (html) ({ body, problems } = await htmlBody(html));
    else body = textBody(str('body_text'));
    subjects = ((d.subject as { code?: string; scheme?: string; name?: string; uri?: string }[]) ?? []).map(
      (s) => ({
        code: qcodeOf(s.uri ?? (s.scheme && s.code ? `${s.scheme}${s.code}` : (s.code ?? ''))),
        name: s.name ?? '',
      }),
    );
    provider = str('copyrightholder');
  } else {
    type Role = { role?: string; value: string; contenttype?: string; contentType?: string };
    const pick = (list: unknown, prefer: string) => {
      const items = (list as Role[] | undefined) ?? [];
      return items.find((x) => x.role === prefer) ?? items[0];
    };
    headline = pick(d.headlines, 'main')?.value ?? '';
    const desc = pick(d.descriptions, 'summary');
    dek = desc ? (isHtml(desc) ? stripTags(desc.value) : desc.value) : '';
    const bodies = (d.bodies as Role[] | undefined) ?? [];
    const html = bodies.find(isHtml);
    if (html) ({ body, problems } = await htmlBody(html.value));
    else body = textBody(bodies[0]?.value ?? '');
    subjects = ((d.subjects as { uri?: string; literal?: string; name?: string }[]) ?? []).map((s) => ({
      code: qcodeOf(s.uri ?? s.literal ?? ''),
      name: s.name ?? '',
    }));
    const sources = (d[major === 3 ? 'infoSources' : 'infosources'] as { name?: string }[] | undefined) ?? [];
    provider = sources[0]?.name ?? '';
  }
  if (!provider) {
    const holder = d[major === 3 ? 'copyrightHolder' : 'copyrightholder'];
    provider = typeof holder === 'string' ? holder : ((holder as { name?: string } | undefined)?.name ?? '');
  }
  const rights = rightsOf(d, major);
  const priority = (d.priority ?? d.urgency) as number | undefined;
  return {
    format,
    guid: clean(str('uri'), 500),
    version,
    pubStatus,
    headline: clean(headline, FIELD_LIMITS.headline),
    dek: clean(dek, FIELD_LIMITS.dek),
    body,
    byline: clean(major === 1 ? str('byline') : str('by'), FIELD_LIMITS.byline),
    provider: clean(provider, FIELD_LIMITS.provider),
    rights: clean(rights, FIELD_LIMITS.rights),
    priority: priority ?? null,
    subjects: subjects
      .filter((s) => s.code)
      .map((s) => ({ code: clean(s.code, 200), name: clean(s.name, 200) })),
    language: clean(str('language'), 35) || null,
    embargoUntil: isoTime(str('embargoed'), 'embargoed'),
    firstCreated: isoTime(get('firstcreated', 'firstCreated'), 'firstcreated'),
    versionCreated: isoTime(get('versioncreated', 'versionCreated'), 'versioncreated'),
    problems,
  };
}

function isHtml(x: { contenttype?: string; contentType?: string }): boolean {
  const t = (x.contenttype ?? x.contentType ?? '').toLowerCase();
  return t.includes('html') || t === 'body_xhtml';
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, ' ');
}

/** Usage terms first (what an editor must obey), then the copyright notice. */
function rightsOf(d: Json, major: 1 | 2 | 3): string {
  const parts: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.trim() && !parts.includes(v.trim())) parts.push(v.trim());
  };
  if (major === 3) {
    add(d.usageTerms);
    for (const r of (d.rightsInfo as Json[] | undefined) ?? []) add(r.usageTerms);
    add(d.copyrightNotice);
    for (const r of (d.rightsInfo as Json[] | undefined) ?? []) add(r.copyrightNotice);
  } else {
    add(d.usageterms);
    add(d.copyrightnotice);
  }
  return parts.join(' — ');
}
