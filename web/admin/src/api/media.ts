/**
 * The media library as the app uses it: list/search, edit, and uploads with progress. Uploads
 * go through XMLHttpRequest because fetch() reports no upload progress; they send the same
 * cookie and X-CSRF-Token header as every other write (see client.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, currentCsrfToken } from './client.js';

export interface MediaItem {
  id: number;
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  filePhoto: boolean;
  focalX: number;
  focalY: number;
  src: string;
  srcset: string;
  createdAt: string;
  updatedAt: string;
}

export type MediaPatch = Partial<
  Pick<MediaItem, 'alt' | 'caption' | 'credit' | 'filePhoto' | 'focalX' | 'focalY'>
>;

/** What the file picker offers; the server decides by content, this only filters the dialog. */
export const ACCEPT = 'image/jpeg,image/png,image/webp,image/avif,image/gif';

/** The smallest rendition: exists for every library image. */
export const thumbUrl = (m: Pick<MediaItem, 'id'>) => `/media/${m.id}/320.jpg`;

export function patchMedia(id: number, patch: MediaPatch): Promise<MediaItem> {
  return api<MediaItem>('PATCH', `/media/${id}`, patch);
}

const PAGE = 48;

/** One search's results, newest first, with "load more" by id. */
export function useMediaSearch(q: string) {
  const [items, setItems] = useState<MediaItem[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(
    async (before?: number) => {
      setLoading(true);
      try {
        const params = new URLSearchParams({ limit: String(PAGE) });
        if (q.trim()) params.set('q', q.trim());
        if (before) params.set('before', String(before));
        const { media } = await api<{ media: MediaItem[] }>('GET', `/media?${params}`);
        setItems((prev) => (before ? [...prev, ...media] : media));
        setMore(media.length === PAGE);
        setError(null);
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      } finally {
        setLoading(false);
      }
    },
    [q],
  );

  useEffect(() => {
    void load();
  }, [load]);

  return {
    items,
    loading,
    error,
    more,
    loadMore: () => void load(items[items.length - 1]?.id),
    reload: () => void load(),
    /** Put a new or edited item in place without asking the server again. */
    upsert: (m: MediaItem) =>
      setItems((prev) =>
        prev.some((p) => p.id === m.id) ? prev.map((p) => (p.id === m.id ? m : p)) : [m, ...prev],
      ),
  };
}

/** Uploads one file; `onProgress` gets 0..1 as bytes leave the browser. */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<MediaItem> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/admin/media');
    xhr.responseType = 'json';
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { media?: MediaItem[]; error?: { code: string; message: string } } | null;
      const item = body?.media?.[0];
      if (xhr.status === 201 && item) {
        onProgress(1);
        resolve(item);
        return;
      }
      const message = body?.error?.message ?? `The server answered ${xhr.status}`;
      reject(new ApiError(xhr.status, body?.error?.code ?? `http_${xhr.status}`, message));
    };
    xhr.onerror = () => reject(new ApiError(0, 'offline', 'No connection to the newsroom server'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
