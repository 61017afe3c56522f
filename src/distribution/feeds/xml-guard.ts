/**
 * Guards for strings handed to the `feed` package. It writes XML through xml-js, which has three
 * quirks that would corrupt or break a feed: it replaces only the first `]]>` inside CDATA, it
 * turns a literal `&amp;` in text into `&` before escaping, and it escapes nothing but `"` in
 * attribute values. Characters XML 1.0 forbids (most control characters, lone surrogates) cannot
 * be written at all, escaped or not. feeds.test.ts pins each of these, so a library upgrade that
 * changes behaviour fails loudly.
 */

const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Drops characters that no XML 1.0 document may contain. */
export function xmlChars(value: string): string {
  return value.replace(NOT_XML, '');
}

/**
 * For a value the library wraps in CDATA. xml-js splits the first `]]>` itself; every later one
 * is split here the same way (`]]` ends one section, `>` starts the next).
 */
export function cdata(value: string): string {
  const parts = xmlChars(value).split(']]>');
  if (parts.length <= 2) return parts.join(']]>');
  return `${parts[0]}]]>${parts.slice(1).join(']]]]><![CDATA[>')}`;
}

/** For a value the library writes as element text. */
export function text(value: string): string {
  return xmlChars(value).replace(/&amp;/g, '&amp;amp;');
}

/**
 * For a value the library writes into an attribute after escaping only `&`: a `<` cannot be
 * written safely there, so such a value is left out (`undefined`) rather than break the feed.
 */
export function attr(value: string): string | undefined {
  const clean = xmlChars(value);
  return clean.includes('<') ? undefined : clean;
}
