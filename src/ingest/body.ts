import { convertPost } from '../import/index.js';
import { DocumentError, type Doc, validateDocument } from '../shared/document/index.js';
import { assertHarmless } from './hostile.js';
import { QuarantineError } from './item.js';

/**
 * Agency bodies → the typed document. HTML (ninjs body_html/body_xhtml, the XHTML of a G2
 * inlineXML) goes through the importer's converter (src/import/html.ts), after the hostile-markup
 * check; plain text becomes paragraphs at blank lines. Images are not fetched from agencies'
 * servers: the converter reports them, and the preview shows that report.
 */
export async function htmlBody(html: string): Promise<{ body: Doc; problems: string[] }> {
  assertHarmless(html);
  const { blocks, problems } = await convertPost(html, async () => null);
  return { body: checked({ type: 'doc', content: blocks }), problems };
}

export function textBody(text: string): Doc {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return checked({
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  });
}

function checked(doc: Doc): Doc {
  if (!doc.content.length) doc.content.push({ type: 'paragraph' });
  try {
    return validateDocument(doc);
  } catch (err) {
    if (err instanceof DocumentError) throw new QuarantineError(`body: ${err.message}`);
    throw err;
  }
}
