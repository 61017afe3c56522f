import { escapeHtml } from '../../shared/document/index.js';

/**
 * The one escaping rule for text in every feed (RSS, Atom, JSON Feed, Media RSS). Each field is
 * plain text or HTML, as its format defines it, and the newsroom's text goes into it so:
 *
 * - a plain-text field (titles in RSS and JSON Feed, names, categories, Atom's feed title and
 *   subtitle, `media:*` with `type="plain"`, JSON Feed `summary`): the text itself, which the XML
 *   writer escapes once;
 * - an HTML field (RSS `<description>`, of the channel as of an item; Atom `type="html"`;
 *   `content:encoded`; JSON Feed `content_html`): `htmlField(text)`, escaped as HTML here and
 *   again as XML by the writer, because readers decode the XML and then render the HTML.
 *   Escaped once, a `<script>` in a dek reaches the reader as markup.
 *
 * Body HTML is made by the document renderer, which escapes every text node itself.
 * escaping.test.ts sends a hostile corpus through every feed to hold each field to this.
 */
export function htmlField(text: string): string {
  return escapeHtml(text);
}
