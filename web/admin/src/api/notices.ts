/** Notices readers see with a story (corrections, clarifications, updates, editor's notes). */
import { api } from './client.js';

export type NoticeKind = 'correction' | 'clarification' | 'update' | 'editors_note';

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
