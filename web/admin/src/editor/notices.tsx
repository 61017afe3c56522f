import { useId, useState } from 'react';
import {
  type NoticeKind as Kind,
  type Notice,
  useAddNotice,
  useNotices,
  useRemoveNotice,
} from '../api/notices.js';
import { messageOf } from '../api/query.js';
import { formatNewsroomTime } from '../time.js';
import './notices.css';
import { t } from '../i18n/index.js';

/**
 * "Corrections & updates": the notices readers see with the story (a box at its end, and on
 * /corrections for corrections and clarifications). Adding one to a live story shows at once
 * on the site, in feeds and the Content API; it is not part of the story's copy, so it does not
 * wait for a save or an update. Editing and removing are for editors (docs/permissions.md).
 */
export const NOTICE_LABELS: Record<Kind, string> = {
  correction: t('notices.correction'),
  clarification: t('notices.clarification'),
  update: t('checks.update'),
  editors_note: t('notices.editorsNote'),
};

const NOTHING_ALLOWED = { add: false, edit: false };

export function Notices({ articleId, live }: { articleId: number; live: boolean }) {
  const id = useId();
  const query = useNotices(articleId);
  const list = query.data?.notices ?? null;
  const allowed = query.data?.allowed ?? NOTHING_ALLOWED;
  const adding = useAddNotice(articleId);
  const removing = useRemoveNotice(articleId);
  const [kind, setKind] = useState<Kind>('correction');
  const [text, setText] = useState('');
  const [writeError, setWriteError] = useState('');
  const error = writeError || messageOf(query.error);
  const busy = adding.isPending;

  const add = async () => {
    setWriteError('');
    try {
      await adding.mutateAsync({ kind, text });
      setText('');
    } catch (err) {
      setWriteError((err as Error).message);
    }
  };
  const remove = async (n: Notice) => {
    if (!window.confirm(t('notices.remove.confirm', { kind: NOTICE_LABELS[n.kind].toLowerCase() }))) return;
    try {
      await removing.mutateAsync(n.id);
    } catch (err) {
      setWriteError((err as Error).message);
    }
  };

  const standing = (list ?? []).filter((n) => !n.removedAt);
  return (
    <section className="notices" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('notices.title')}</h2>
      {standing.length ? (
        <ul>
          {standing.map((n) => (
            <li key={n.id}>
              <strong>{NOTICE_LABELS[n.kind]}</strong> · {formatNewsroomTime(n.createdAt)}
              {n.createdByName ? ` · ${n.createdByName}` : ''}
              <p>{n.text}</p>
              {allowed.edit ? (
                <button type="button" className="link" onClick={() => remove(n)}>
                  {t('side.remove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{list ? t('notices.none') : t('common.loading')}</p>
      )}
      {allowed.add ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <label htmlFor={`${id}-kind`}>{t('live.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(Object.keys(NOTICE_LABELS) as Kind[]).map((k) => (
              <option key={k} value={k}>
                {NOTICE_LABELS[k]}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-text`}>{t('notices.text')}</label>
          <textarea
            id={`${id}-text`}
            rows={3}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <p className="hint">{live ? t('notices.live') : t('notices.later')}</p>
          <button type="submit" disabled={busy || !text.trim()}>
            {t('notices.add')}
          </button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
