/** Notices readers see with a story (corrections, clarifications, updates, editor's notes); keys and hooks. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { revisionKeys } from './revisions.js';

import type { NoticeKind } from '@shared/inputs.js';

export type { NoticeKind };

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
  createdAt: string;
  createdByName: string | null;
  removedAt: string | null;
}

export const listNotices = (articleId: number) =>
  api<{ notices: Notice[]; allowed: { add: boolean; edit: boolean } }>(
    'GET',
    `/articles/${articleId}/notices`,
  );

export const addNotice = (articleId: number, kind: NoticeKind, text: string) =>
  api('POST', `/articles/${articleId}/notices`, { kind, text });

export const removeNotice = (articleId: number, id: number) =>
  api('DELETE', `/articles/${articleId}/notices/${id}`);

export const noticeKeys = {
  all: ['notices'] as const,
  story: (articleId: number) => [...noticeKeys.all, articleId] as const,
};

export const useNotices = (articleId: number) =>
  useQuery({ queryKey: noticeKeys.story(articleId), queryFn: () => listNotices(articleId) });

/** Notices are events in the story's history too: both are asked again after a change. */
function useNoticeWrite<V>(articleId: number, write: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: noticeKeys.story(articleId) }),
        qc.invalidateQueries({ queryKey: revisionKeys.history(articleId) }),
      ]),
  });
}

export const useAddNotice = (articleId: number) =>
  useNoticeWrite(articleId, (v: { kind: NoticeKind; text: string }) => addNotice(articleId, v.kind, v.text));
export const useRemoveNotice = (articleId: number) =>
  useNoticeWrite(articleId, (id: number) => removeNotice(articleId, id));
