import { MAX_ITEM_BYTES, QuarantineError, type WireItem } from './item.js';
import { parseNewsml } from './newsml.js';
import { parseNinjs } from './ninjs.js';

/**
 * What arrived (a push's body, a dropped file) → its items. The format is recognised from the
 * bytes, not from a file name or header an agency may get wrong: JSON is ninjs, XML is NewsML-G2.
 * Anything else, or anything too big, is refused with a QuarantineError saying why.
 */
export async function parseArrival(bytes: Buffer): Promise<WireItem[]> {
  if (bytes.length > MAX_ITEM_BYTES)
    throw new QuarantineError(`oversized: ${bytes.length} bytes (the limit is ${MAX_ITEM_BYTES})`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new QuarantineError('not UTF-8 text');
  }
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    let doc: unknown;
    try {
      doc = JSON.parse(start);
    } catch (err) {
      throw new QuarantineError(`invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    return [await parseNinjs(doc)];
  }
  if (start.startsWith('<')) return parseNewsml(start);
  throw new QuarantineError('neither JSON (ninjs) nor XML (NewsML-G2)');
}
