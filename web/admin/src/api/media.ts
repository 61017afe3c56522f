/**
 * The media library as the app uses it: list/search, edit, and uploads with progress, with the
 * searches' query keys and hooks (a search and its "load more" pages are one cached query). Uploads
 * go through XMLHttpRequest because fetch() reports no upload progress; they send the same
 * cookie and X-CSRF-Token header as every other write (see client.ts).
 */
import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { useMemo } from 'react';
import { t } from '../i18n/index.js';
import { ApiError, api, currentCsrfToken } from './client.js';
import { messageOf } from './query.js';

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
  /** The file's name when uploaded ('' for older images). */
  originalName: string;
  /** Set: taken down, readers never get it and pages render without it. */
  takenDownAt: string | null;
  /** Who uploaded it (a user id); null when the system added it (demo, imports). */
  uploadedBy: number | null;
  /** The stories showing it (lead image or body); absent on a fresh upload's answer only. */
  usedIn?: MediaUse[];
}

/** A story that shows an image, as its lead image, in its body, or both. */
export interface MediaUse {
  id: number;
  headline: string;
  status: string;
  lead: boolean;
  body: boolean;
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

/** Deletes an image nothing uses (the server refuses a used one with 409). */
export const deleteMediaItem = (id: number) => api('DELETE', `/media/${id}`);

/** Takes an image down from every public page (`down`), or puts it back. */
export const takeDownMedia = (id: number, down: boolean) =>
  api<MediaItem>('POST', `/media/${id}/take-down`, { down });

const PAGE = 48;

/** One page of a search: `before` is the id of the last item shown ("load more"). */
export function searchMedia(q: string, before?: number): Promise<MediaItem[]> {
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (q.trim()) params.set('q', q.trim());
  if (before) params.set('before', String(before));
  return api<{ media: MediaItem[] }>('GET', `/media?${params}`).then((r) => r.media);
}

export const mediaKeys = {
  all: ['media'] as const,
  searches: () => [...mediaKeys.all, 'search'] as const,
  search: (q: string) => [...mediaKeys.searches(), q.trim()] as const,
};

type Pages = InfiniteData<MediaItem[], number | undefined>;

/** Puts a new or edited item in place in every cached search, without asking the server again. */
export function upsertMedia(qc: QueryClient, m: MediaItem, into?: readonly unknown[]): void {
  qc.setQueriesData<Pages>({ queryKey: into ?? mediaKeys.searches() }, (data) => {
    if (!data) return data;
    const has = data.pages.some((p) => p.some((x) => x.id === m.id));
    if (has) return { ...data, pages: data.pages.map((p) => p.map((x) => (x.id === m.id ? m : x))) };
    // A new upload goes first in the search it was made from only (`into`), as the grid shows it.
    if (!into) return data;
    const [first = [], ...rest] = data.pages;
    return { ...data, pages: [[m, ...first], ...rest] };
  });
}

/** One search's results, newest first, with "load more" by id. */
export function useMediaSearch(q: string) {
  const qc = useQueryClient();
  const key = mediaKeys.search(q);
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => searchMedia(q, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1]?.id : undefined),
  });
  const items = useMemo(() => query.data?.pages.flat() ?? [], [query.data]);
  return {
    items,
    loading: query.isFetching,
    error: query.error ? messageOf(query.error) : null,
    more: query.hasNextPage,
    loadMore: () => void query.fetchNextPage(),
    reload: () => void query.refetch(),
    /** Put a new upload first in this search, or an edited item in place in every search. */
    upsert: (m: MediaItem) => upsertMedia(qc, m, key),
  };
}

/** Saves an image's description; the answer replaces it in every cached search. */
export function useSaveMedia() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; patch: MediaPatch }) => patchMedia(v.id, v.patch),
    onSuccess: (m) => upsertMedia(qc, m),
  });
}

/** Takes an image down or puts it back; the answer replaces it in every cached search. */
export function useTakeDownMedia() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; down: boolean }) => takeDownMedia(v.id, v.down),
    onSuccess: (m) => upsertMedia(qc, m),
  });
}

/** Deletes an unused image and drops it from every cached search. */
export function useDeleteMedia() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => deleteMediaItem(id),
    onSuccess: (_done, id) =>
      qc.setQueriesData<Pages>({ queryKey: mediaKeys.searches() }, (data) =>
        data ? { ...data, pages: data.pages.map((p) => p.filter((x) => x.id !== id)) } : data,
      ),
  });
}

/** "used in 3 stories", "used in 1 story", "not used" (unknown for a fresh upload: not used). */
export function usageLabel(m: Pick<MediaItem, 'usedIn'>): string {
  const n = m.usedIn?.length ?? 0;
  if (!n) return 'not used';
  return `used in ${n} ${n === 1 ? 'story' : 'stories'}`;
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
      const message = body?.error?.message ?? t('api.status', { status: String(xhr.status) });
      reject(new ApiError(xhr.status, body?.error?.code ?? `http_${xhr.status}`, message));
    };
    xhr.onerror = () => reject(new ApiError(0, 'offline', t('api.offline')));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
