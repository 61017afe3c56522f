import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QuarantineError } from './item.js';
import { parseArrival } from './parse.js';

const fixture = (name: string) => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const json = (name: string) => JSON.parse(fixture(name).toString('utf8'));
const bytes = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

async function refusal(input: Buffer): Promise<string> {
  try {
    await parseArrival(input);
  } catch (err) {
    if (err instanceof QuarantineError) return err.message;
    throw err;
  }
  throw new Error('the item was accepted');
}

const texts = (doc: { content: { content?: { text?: string }[] }[] }) =>
  doc.content.map((b) => (b.content ?? []).map((i) => i.text ?? '').join(''));

describe('wire formats → one ingest item', () => {
  it('reads ninjs 1.x: single headline, body_html, subject scheme+code, rights', async () => {
    const [item] = await parseArrival(fixture('ninjs1.json'));
    expect(item).toMatchObject({
      format: 'ninjs1',
      guid: 'urn:example:tna:2026-12-06:budget-vote',
      version: 1,
      pubStatus: 'usable',
      headline: 'Assembly rejects the budget after an all-night session',
      dek: 'The vote fell 12 short; the finance minister says a new draft comes next week.',
      byline: 'Jana Nováková',
      provider: 'The News Agency',
      rights: 'No use in print before 08:00 CET. Online use allowed. — © 2026 The News Agency',
      priority: 3,
      language: 'en',
      embargoUntil: null,
      versionCreated: '2026-12-06T06:40:00.000Z',
    });
    expect(item?.subjects.map((s) => s.code)).toEqual(['medtop:20000106', 'subj:11000000']);
    expect(texts(item?.body as never)[0]).toBe(
      'PRAGUE — The assembly rejected the budget early on Sunday after an all-night session.',
    );
    expect(JSON.stringify(item?.body)).toContain('"href":"https://example.org/vote"');
  });

  it('reads ninjs 2.x: headlines/bodies arrays (HTML preferred), embargo, infosource', async () => {
    const [item] = await parseArrival(fixture('ninjs2.json'));
    expect(item).toMatchObject({
      format: 'ninjs2',
      version: 2,
      headline: 'Povodňová výstraha pro Vltavu',
      dek: 'Hladina stoupá; úřady varují obyvatele.',
      byline: 'Petr Svoboda',
      provider: 'ČTK',
      priority: 2,
      language: 'cs',
      embargoUntil: '2026-12-06T12:00:00.000Z',
      firstCreated: '2026-12-06T05:30:00.000Z',
    });
    expect(item?.body.content.map((b) => b.type)).toEqual(['paragraph', 'heading', 'bulletList']);
    expect(item?.subjects).toEqual([{ code: 'medtop:20000151', name: 'flood' }]);
  });

  it('reads ninjs 3.x: camelCase names, rightsInfo, plain-text body split into paragraphs', async () => {
    const [item] = await parseArrival(fixture('ninjs3.json'));
    expect(item).toMatchObject({
      format: 'ninjs3',
      guid: 'https://wire.example.net/ninjs/3/item-77',
      version: 5,
      byline: 'Sam Okafor and Lee Chen',
      provider: 'Example Wire',
      rights: 'Editorial use only. — © 2026 Example Wire',
      priority: 5,
      versionCreated: '2026-12-06T07:05:00.000Z',
    });
    expect(texts(item?.body as never)).toEqual([
      'BRNO (Wire) — The plant opened on Saturday.',
      'It employs 2,000 people.',
    ]);
    expect(item?.subjects.map((s) => s.code)).toEqual(['medtop:04000000', 'geo:brno']);
  });

  it('reads a NewsML-G2 newsItem with an XHTML body', async () => {
    const [item] = await parseArrival(fixture('newsml.xml'));
    expect(item).toMatchObject({
      format: 'newsml-g2',
      guid: 'urn:newsml:agency.example.com:20261206:rail-strike',
      version: 3,
      pubStatus: 'usable',
      headline: 'Rail workers strike & trains stop across the country',
      dek: 'No trains ran on Sunday morning.',
      byline: 'By Ana Ruiz',
      provider: 'Agency Example',
      rights: 'Not for use in Germany. — Copyright 2026 Agency Example',
      priority: 4,
      language: 'en',
    });
    expect(item?.subjects.map((s) => s.code)).toEqual(['medtop:20000523', 'subj:09000000']);
    expect(item?.body.content.map((b) => b.type)).toEqual(['paragraph', 'blockquote', 'paragraph']);
    expect(texts(item?.body as never)[0]).toBe('MADRID — Rail workers walked out at midnight.');
  });

  it('reads a kill: pubStatus canceled in G2 and ninjs, or a kill signal', async () => {
    const g2 = fixture('newsml.xml').toString('utf8').replace('stat:usable', 'stat:canceled');
    expect((await parseArrival(bytes(g2)))[0]?.pubStatus).toBe('canceled');
    const signal = fixture('newsml.xml')
      .toString('utf8')
      .replace(
        '<pubStatus qcode="stat:usable"/>',
        '<pubStatus qcode="stat:usable"/><signal qcode="sig:kill"/>',
      );
    expect((await parseArrival(bytes(signal)))[0]?.pubStatus).toBe('canceled');
    expect((await parseArrival(bytes({ ...json('ninjs3.json'), pubStatus: 'canceled' })))[0]?.pubStatus).toBe(
      'canceled',
    );
  });

  it('reads every item of a newsMessage', async () => {
    const item = fixture('newsml.xml')
      .toString('utf8')
      .replace(/^<\?xml[^>]*>/, '');
    const two = item.replace('rail-strike', 'rail-strike-2');
    const msg = `<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header/><itemSet>${item}${two}</itemSet></newsMessage>`;
    expect((await parseArrival(bytes(msg))).map((i) => i.guid)).toEqual([
      'urn:newsml:agency.example.com:20261206:rail-strike',
      'urn:newsml:agency.example.com:20261206:rail-strike-2',
    ]);
  });

  it('quarantines what is not valid, with the reason', async () => {
    expect(await refusal(bytes('{"uri": "x", '))).toMatch(/^invalid JSON/);
    expect(await refusal(bytes('<newsItem guid="a"><itemMeta></newsItem>'))).toMatch(/^invalid XML/);
    expect(await refusal(bytes('hello'))).toMatch(/neither JSON/);
    expect(await refusal(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toBe('not UTF-8 text');
    // Wrong schema, per version.
    expect(await refusal(bytes({ headline: 'no uri' }))).toMatch(
      /ninjs 1\.x schema: \/: must have required property 'uri'/,
    );
    expect(await refusal(bytes({ ...json('ninjs2.json'), urgency: 12 }))).toMatch(
      /ninjs 2\.x schema: \/urgency/,
    );
    expect(await refusal(bytes({ ...json('ninjs2.json'), headlines: [{ role: 'main' }] }))).toMatch(
      /\/headlines\/0: must have required property 'value'/,
    );
    expect(await refusal(bytes({ ...json('ninjs3.json'), pubstatus: 'usable' }))).toMatch(
      /ninjs 3\.x schema: \/: unknown property "pubstatus"/,
    );
    expect(await refusal(bytes({ ...json('ninjs3.json'), versionCreated: 'yesterday' }))).toMatch(
      /versionCreated/,
    );
    expect(await refusal(bytes('<rss version="2.0"/>'))).toMatch(/root element is <rss>/);
  });

  it('quarantines oversized items', async () => {
    const big = { ...json('ninjs1.json'), body_text: 'x'.repeat(1024 * 1024) };
    expect(await refusal(bytes(big))).toMatch(/^oversized: \d+ bytes/);
  });

  it('quarantines hostile markup in ninjs and G2 bodies', async () => {
    const ninjs = (html: string) => bytes({ ...json('ninjs1.json'), body_html: html });
    expect(await refusal(ninjs('<p>hi</p><script>alert(1)</script>'))).toBe(
      'hostile markup: <script> element in the body',
    );
    expect(await refusal(ninjs('<iframe src="https://evil.example"></iframe>'))).toMatch(/<iframe>/);
    expect(await refusal(ninjs('<a href=" java\tscript:alert(1)">x</a>'))).toMatch(
      /javascript: link in href/,
    );
    expect(await refusal(ninjs('<img src="x" onerror="alert(1)">'))).toMatch(/onerror attribute/);
    const g2 = fixture('newsml.xml')
      .toString('utf8')
      .replace('<em>midnight</em>', '<a href="javascript:alert(1)">midnight</a>');
    expect(await refusal(bytes(g2))).toMatch(/javascript: link/);
  });

  it('refuses a DOCTYPE and entity tricks (XXE, billion laughs) in XML', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><newsItem guid="a"><itemMeta/><contentMeta><headline>&xxe;</headline></contentMeta></newsItem>`;
    expect(await refusal(bytes(xxe))).toMatch(/^invalid XML: .*DOCTYPE/);
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><newsItem guid="a">&lol2;</newsItem>`;
    expect(await refusal(bytes(laughs))).toMatch(/^invalid XML/);
    // Without a DOCTYPE an undeclared entity is simply an error.
    expect(await refusal(bytes('<newsItem guid="a">&xxe;</newsItem>'))).toMatch(/^invalid XML/);
  });
});
