/**
 * Uploads a paste's images (paste.ts's placeholders) through the media library's upload, as the
 * toolbar's Image button does. `data:` URLs are decoded here; other addresses are fetched, which
 * works for same-origin ones only (the app's CSP allows `connect-src 'self'`); anything that
 * cannot be read or is refused by the server comes back null, and the notice counts it.
 */
import { uploadFile } from '../api/media.js';
import type { PastedImage } from './paste.js';

/** The media id of each image, in order, or null where it could not be uploaded. */
export function uploadPastedImages(images: readonly PastedImage[]): Promise<(number | null)[]> {
  return Promise.all(
    images.map(async (img, i) => {
      try {
        const blob = await read(img.src);
        if (!blob?.size || !blob.type.startsWith('image/')) return null;
        return (await uploadFile(new File([blob], fileName(img.src, blob.type, i)), () => undefined)).id;
      } catch {
        return null;
      }
    }),
  );
}

async function read(src: string): Promise<Blob | null> {
  const data = /^data:([^;,]+)((?:;[^;,]*)*),(.*)$/s.exec(src);
  if (data) {
    const [, type = '', params = '', payload = ''] = data;
    if (!/;base64$/i.test(params)) return new Blob([decodeURIComponent(payload)], { type });
    const bytes = Uint8Array.from(atob(payload.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    return new Blob([bytes], { type });
  }
  const res = await fetch(src, { credentials: 'same-origin' });
  return res.ok ? res.blob() : null;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/gif': 'gif',
};

/** The address's file name when it has one, else "pasted-image-1.png". */
function fileName(src: string, type: string, i: number): string {
  if (/^https?:/i.test(src)) {
    const last = decodeURIComponent(new URL(src).pathname.split('/').pop() ?? '');
    if (/^[^/\\]{1,200}\.[a-z0-9]{2,5}$/i.test(last)) return last;
  }
  return `pasted-image-${i + 1}.${EXTENSIONS[type] ?? 'img'}`;
}
