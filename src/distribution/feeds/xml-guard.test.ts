import { XMLParser } from 'fast-xml-parser';
import { Feed } from 'feed';
import { describe, expect, it } from 'vitest';
import { attr, cdata, text, xmlChars } from './xml-guard.js';

/** The guards against the real library: what goes in comes out of a real XML parser intact. */
function roundTrip(title: string, description: string) {
  const feed = new Feed({ title: text(description), id: 'https://x.example/', link: 'https://x.example/' });
  feed.addItem({ title: cdata(title), link: 'https://x.example/a', date: new Date(0) });
  const doc = new XMLParser({ processEntities: true, htmlEntities: false }).parse(feed.rss2());
  return { title: String(doc.rss.channel.item.title), channel: String(doc.rss.channel.title) };
}

describe('xml guards for the feed library', () => {
  it('keeps text with several CDATA terminators and literal entities intact', () => {
    const nasty = 'a ]]> b ]]> c ]]]]> d &amp; e & f < g "h" 😀';
    const out = roundTrip(nasty, 'Q&amp;A & more <x>');
    expect(out.title).toBe(nasty);
    expect(out.channel).toBe('Q&amp;A & more <x>');
  });

  it('drops characters XML cannot carry, keeps the rest', () => {
    expect(xmlChars('a\u0000b\u0008c\u000bd\te\nf\u{1F600}\ud800g')).toBe('abcd\te\nf\u{1F600}g');
    expect(roundTrip('bell\u0007 here', 'x').title).toBe('bell here');
  });

  it('leaves out attribute values it cannot write safely', () => {
    expect(attr('Budget & tax')).toBe('Budget & tax');
    expect(attr('a <b>')).toBeUndefined();
  });
});
