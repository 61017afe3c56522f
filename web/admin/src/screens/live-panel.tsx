import { type Doc, EMBED_PROVIDER_NAMES, matchEmbed } from '@shared/document/index.js';
import { LIVE_ENTRY_KINDS, type LiveEntryKind } from '@shared/live.js';
import { useId, useState } from 'react';
import { ApiError } from '../api/client.js';
import {
  type LiveEntry,
  useDeleteEntry,
  useEditEntry,
  useEndLive,
  useLive,
  usePostEntry,
  useStartLive,
} from '../api/live.js';
import { thumbUrl } from '../api/media.js';
import { messageOf } from '../api/query.js';
import { MediaPicker } from '../media/picker.js';
import { formatNewsroomTime } from '../time.js';
import './live-panel.css';
import { t } from '../i18n/index.js';

/**
 * "Live coverage" on the editor screen: start and end it (editors), post timestamped entries
 * (text, quote, image from the library by number, video embed), and pin, mark as key point, edit
 * or delete them. Several reporters post at once; the list asks the server again every few
 * seconds, and an edit based on an entry someone else just changed is refused (409) and shown.
 */
const KIND_LABELS: Record<LiveEntryKind, string> = {
  text: t('live.kind.text'),
  quote: t('live.kind.quote'),
  image: t('live.kind.image'),
  video: t('live.kind.video'),
};

/** Paragraphs from text (a blank line starts a new one). */
function paragraphs(text: string) {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text: p }] }));
}

/** The entry's document from the form; a message instead when something is missing. */
function documentOf(kind: LiveEntryKind, text: string, extra: string): Doc | string {
  const paras = paragraphs(text);
  if (kind === 'quote') {
    if (!paras.length) return t('live.need.quote');
    return {
      type: 'doc',
      content: [
        {
          type: 'blockquote',
          ...(extra.trim() ? { attrs: { citation: extra.trim() } } : {}),
          content: paras,
        },
      ],
    } as Doc;
  }
  if (kind === 'image') {
    const mediaId = Number(extra);
    if (!Number.isInteger(mediaId) || mediaId <= 0) return t('live.need.image');
    return { type: 'doc', content: [{ type: 'image', attrs: { mediaId } }, ...paras] } as Doc;
  }
  if (kind === 'video') {
    for (const provider of EMBED_PROVIDER_NAMES) {
      const info = matchEmbed(provider, extra.trim());
      if (info)
        return {
          type: 'doc',
          content: [...paras, { type: 'embed', attrs: { provider, url: info.url } }],
        } as Doc;
    }
    return t('live.need.video');
  }
  return paras.length ? ({ type: 'doc', content: paras } as Doc) : t('live.need.text');
}

/** The text of an entry's paragraphs, to edit it again. */
function textOf(doc: Doc): string {
  const out: string[] = [];
  const walk = (nodes: readonly unknown[] | undefined) => {
    for (const node of nodes ?? []) {
      const n = node as { type: string; text?: string; content?: unknown[] };
      if (n.type === 'paragraph')
        out.push((n.content ?? []).map((c) => (c as { text?: string }).text ?? '').join(''));
      else walk(n.content);
    }
  };
  walk(doc.content);
  return out.join('\n\n');
}

export function LivePanel({ articleId }: { articleId: number }) {
  const id = useId();
  const query = useLive(articleId);
  const start = useStartLive(articleId);
  const end = useEndLive(articleId);
  const post = usePostEntry(articleId);
  const [kind, setKind] = useState<LiveEntryKind>('text');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [extra, setExtra] = useState('');
  const [keyPoint, setKeyPoint] = useState(false);
  const [pinned, setPinned] = useState(false);
  const [error, setError] = useState('');
  const [picking, setPicking] = useState(false);
  const state = query.data;
  if (!state) return query.error ? <p className="error">{messageOf(query.error)}</p> : null;
  const live = state.coverage?.state === 'live';

  const run = async (what: () => Promise<unknown>) => {
    setError('');
    try {
      await what();
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    }
  };
  const submit = async () => {
    const body = documentOf(kind, text, extra);
    if (typeof body === 'string') return setError(body);
    const ok = await run(() => post.mutateAsync({ kind, title, body, keyPoint, pinned }));
    if (ok) {
      setTitle('');
      setText('');
      setExtra('');
      setKeyPoint(false);
      setPinned(false);
    }
  };

  return (
    <section className="live-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t('live.title')} {live ? <span className="live-on">{t('live.on')}</span> : null}
      </h2>
      {state.coverage ? (
        <p className="hint">
          {live
            ? t('live.since', { time: formatNewsroomTime(state.coverage.startedAt) })
            : t('live.ended', { time: formatNewsroomTime(state.coverage.endedAt) })}
        </p>
      ) : (
        <p className="hint">{t('live.hint')}</p>
      )}
      {state.allowed.manage ? (
        live ? (
          <button
            type="button"
            onClick={() => {
              if (window.confirm(t('live.end.confirm'))) void run(() => end.mutateAsync(undefined));
            }}
          >
            {t('live.end')}
          </button>
        ) : (
          <button type="button" onClick={() => void run(() => start.mutateAsync(undefined))}>
            {state.coverage ? t('live.again') : t('live.start')}
          </button>
        )
      ) : null}
      {live && state.allowed.post ? (
        <form
          className="live-form"
          aria-label={t('live.new')}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor={`${id}-kind`}>{t('live.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as LiveEntryKind)}>
            {LIVE_ENTRY_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-title-input`}>{t('live.entryTitle')}</label>
          <input
            id={`${id}-title-input`}
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
          />
          {kind === 'image' ? (
            <>
              <label htmlFor={`${id}-extra`}>{t('live.imageNumber')}</label>
              <input
                id={`${id}-extra`}
                inputMode="numeric"
                value={extra}
                onChange={(e) => setExtra(e.target.value)}
              />
              {/^\d+$/.test(extra) ? (
                <img className="live-thumb" src={thumbUrl({ id: Number(extra) })} alt="" />
              ) : null}
              <button type="button" onClick={() => setPicking(true)}>
                {t('live.choose')}
              </button>
              {picking ? (
                <MediaPicker
                  title={t('live.choose.title')}
                  user={null}
                  onPick={(m) => setExtra(String(m.id))}
                  onClose={() => setPicking(false)}
                />
              ) : null}
            </>
          ) : kind === 'video' ? (
            <>
              <label htmlFor={`${id}-extra`}>{t('live.videoLink')}</label>
              <input id={`${id}-extra`} type="url" value={extra} onChange={(e) => setExtra(e.target.value)} />
            </>
          ) : kind === 'quote' ? (
            <>
              <label htmlFor={`${id}-extra`}>{t('live.who')}</label>
              <input id={`${id}-extra`} value={extra} onChange={(e) => setExtra(e.target.value)} />
            </>
          ) : null}
          <label htmlFor={`${id}-text`}>
            {kind === 'quote'
              ? t('live.kind.quote')
              : kind === 'text'
                ? t('live.update')
                : t('live.textOptional')}
          </label>
          <textarea id={`${id}-text`} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
          <label className="check">
            <input type="checkbox" checked={keyPoint} onChange={(e) => setKeyPoint(e.target.checked)} />
            {t('live.keyPoint')}
          </label>
          <label className="check">
            <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} />
            {t('live.pinned')}
          </label>
          <button type="submit" disabled={post.isPending}>
            {t('live.post')}
          </button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {state.entries.length ? (
        <ol className="live-entries" aria-label={t('live.entries')}>
          {state.entries
            .filter((e) => !e.deletedAt)
            .map((e) => (
              <EntryItem
                key={e.id}
                articleId={articleId}
                entry={e}
                canPost={state.allowed.post}
                onError={setError}
              />
            ))}
        </ol>
      ) : null}
    </section>
  );
}

function EntryItem({
  articleId,
  entry,
  canPost,
  onError,
}: {
  articleId: number;
  entry: LiveEntry;
  canPost: boolean;
  onError: (message: string) => void;
}) {
  const edit = useEditEntry(articleId);
  const remove = useDeleteEntry(articleId);
  const [editing, setEditing] = useState<string | null>(null);
  const write = async (what: () => Promise<unknown>) => {
    onError('');
    try {
      await what();
      return true;
    } catch (err) {
      const stale = err instanceof ApiError && err.status === 409;
      onError(stale ? t('live.stale', { reason: err.message }) : (err as Error).message);
      return false;
    }
  };
  const patch = (p: { keyPoint?: boolean; pinned?: boolean; body?: Doc }) =>
    write(() => edit.mutateAsync({ id: entry.id, patch: { version: entry.version, ...p } }));
  return (
    <li className="live-entry-item" data-entry={entry.id}>
      <p className="live-entry-meta">
        <strong>{formatNewsroomTime(entry.createdAt)}</strong> · {KIND_LABELS[entry.kind]}
        {entry.authorName ? ` · ${entry.authorName}` : ''}
        {entry.pinned ? ` · ${t('live.pinned')}` : ''}
        {entry.keyPoint ? ` · ${t('live.keyPoint')}` : ''}
      </p>
      {entry.title ? <p className="live-entry-title">{entry.title}</p> : null}
      {editing === null ? (
        <p className="live-entry-text">{textOf(entry.body) || t('live.noText')}</p>
      ) : (
        <textarea
          aria-label={t('live.edit.label')}
          rows={4}
          value={editing}
          onChange={(e) => setEditing(e.target.value)}
        />
      )}
      {canPost ? (
        <p className="live-entry-actions">
          {editing === null ? (
            <>
              {entry.kind === 'text' ? (
                <button type="button" className="link" onClick={() => setEditing(textOf(entry.body))}>
                  {t('manage.edit')}
                </button>
              ) : null}
              <button type="button" className="link" onClick={() => void patch({ pinned: !entry.pinned })}>
                {entry.pinned ? t('live.unpin') : t('live.pin')}
              </button>
              <button
                type="button"
                className="link"
                onClick={() => void patch({ keyPoint: !entry.keyPoint })}
              >
                {entry.keyPoint ? t('live.notKeyPoint') : t('live.keyPoint')}
              </button>
              <button
                type="button"
                className="link"
                onClick={() => {
                  if (window.confirm(t('live.delete.confirm')))
                    void write(() => remove.mutateAsync({ id: entry.id, version: entry.version }));
                }}
              >
                {t('manage.delete')}
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                onClick={async () => {
                  const paras = paragraphs(editing);
                  if (!paras.length) return onError(t('live.need.text'));
                  if (await patch({ body: { type: 'doc', content: paras } as Doc })) setEditing(null);
                }}
              >
                {t('manage.save')}
              </button>
              <button type="button" className="link" onClick={() => setEditing(null)}>
                {t('manage.cancel')}
              </button>
            </>
          )}
        </p>
      ) : null}
    </li>
  );
}
