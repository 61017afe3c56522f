import { CORRECTION_KINDS, type PublicNotice } from '../content/index.js';
import type { NoticeView } from './theme/notices.js';

/**
 * What an article page makes of its notices: the box's view, JSON-LD `correction` entries, and
 * the "Updated" time they imply. A notice is a change to the readers' copy in substance, so
 * "Updated" shows from the first one, even within the grace period after publication that
 * hides typo fixes (a notice added before publication does not count).
 */
export function noticeModel(notices: readonly PublicNotice[], published: string) {
  let newest: string | null = null;
  for (const n of notices) {
    const at = n.editedAt && n.editedAt > n.createdAt ? n.editedAt : n.createdAt;
    if (at > published && (newest === null || at > newest)) newest = at;
  }
  return {
    view: notices.map(
      (n): NoticeView => ({ id: n.id, kind: n.kind, label: n.label, text: n.text, createdAt: n.createdAt }),
    ),
    corrections: notices
      .filter((n) => CORRECTION_KINDS.includes(n.kind))
      .map((n) => ({ text: n.text, date: n.createdAt })),
    updated: newest,
  };
}
