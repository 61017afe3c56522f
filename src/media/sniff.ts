/** The image types the library keeps, by what file-type finds in the bytes. */
export const ACCEPTED = {
  jpg: { mime: 'image/jpeg', ext: 'jpg', name: 'JPEG' },
  png: { mime: 'image/png', ext: 'png', name: 'PNG' },
  webp: { mime: 'image/webp', ext: 'webp', name: 'WebP' },
  avif: { mime: 'image/avif', ext: 'avif', name: 'AVIF' },
  gif: { mime: 'image/gif', ext: 'gif', name: 'GIF' },
} as const;

export type AcceptedType = (typeof ACCEPTED)[keyof typeof ACCEPTED];

export const ACCEPTED_NAMES = Object.values(ACCEPTED)
  .map((t) => t.name)
  .join(', ');

/** How many leading bytes identify a type (file-type reads at most this many for ours). */
export const SNIFF_BYTES = 4100;

export type Sniffed = { ok: true; type: AcceptedType } | { ok: false; found: string };

/**
 * What the bytes are, whatever the file is called or the browser declared. SVG gets its own
 * answer: it is text that file-type sees as XML (or not at all), and it can carry scripts, so
 * it is refused by name rather than as "unknown".
 */
export async function sniffImage(head: Uint8Array): Promise<Sniffed> {
  // Loaded on the first upload: pages and exports never need it.
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(head);
  if (found && found.ext in ACCEPTED) return { ok: true, type: ACCEPTED[found.ext as keyof typeof ACCEPTED] };
  if (looksLikeSvg(head)) return { ok: false, found: 'SVG' };
  if (found) return { ok: false, found: `${found.ext.toUpperCase()} (${found.mime})` };
  return { ok: false, found: looksLikeText(head) ? 'text' : 'unrecognised data' };
}

function looksLikeSvg(head: Uint8Array): boolean {
  const text = Buffer.from(head.subarray(0, 1024)).toString('utf8').toLowerCase();
  return /<svg[\s>]/.test(text);
}

function looksLikeText(head: Uint8Array): boolean {
  const sample = head.subarray(0, 512);
  // Control bytes other than tab, newline and carriage return mean binary data.
  return sample.length > 0 && sample.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d);
}
