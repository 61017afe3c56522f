import { type Doc, renderText } from '@shared/document/index.js';
import { useState } from 'react';
import {
  type QueueFilters,
  useFlagged,
  useItemDetail,
  useQuarantine,
  useQueue,
  useSources,
  useUseItem,
  type WireItem,
} from '../api/ingest.js';
import { messageOf } from '../api/query.js';
import { useSections } from '../api/sections.js';
import { Notices, useAction } from '../components/manage.js';
import { navigate } from '../router.js';
import { formatNewsroomTime } from '../time.js';
import './ingest.css';
import { t } from '../i18n/index.js';

const EMPTY: QueueFilters = { source: '', priority: '', subject: '', q: '' };
const STATUS: Record<string, string> = {
  usable: '',
  withheld: t('ingest.withheld'),
  canceled: t('ingest.killed'),
};

/**
 * The ingest desk: agencies' copy as it arrives (filters, preview, "use" to make a draft), the
 * stories whose agency item has since been updated or killed, and the quarantine with reasons.
 * Agency text is only ever shown as text.
 */
export function Ingest() {
  const [tab, setTab] = useState<'queue' | 'quarantine'>('queue');
  const flagged = useFlagged().data?.stories ?? [];
  return (
    <main className="manage ingest">
      <h1>{t('nav.wire')}</h1>
      {flagged.length > 0 && (
        <section aria-label={t('ingest.updates')} className="ingest-flagged">
          <h2>{t('ingest.updates.title')}</h2>
          <ul>
            {flagged.map((s) => (
              <li key={s.articleId}>
                <strong>{s.flag === 'kill' ? t('ingest.kill') : t('ingest.update')}</strong>{' '}
                {t('ingest.from', { source: s.source })}{' '}
                <a href={`/admin/stories/${s.articleId}`}>{s.headline}</a>{' '}
                {t('ingest.flagged.state', {
                  status: s.status.replace('_', ' '),
                  time: formatNewsroomTime(s.flaggedAt),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div role="tablist" aria-label={t('ingest.views')} className="ingest-tabs">
        <button type="button" role="tab" aria-selected={tab === 'queue'} onClick={() => setTab('queue')}>
          {t('ingest.queue')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'quarantine'}
          onClick={() => setTab('quarantine')}
        >
          {t('ingest.quarantine')}
        </button>
      </div>
      {tab === 'queue' ? <Queue /> : <QuarantineList />}
    </main>
  );
}

function Queue() {
  const [draft, setDraft] = useState<QueueFilters>(EMPTY);
  const [filters, setFilters] = useState<QueueFilters>(EMPTY);
  const [selected, setSelected] = useState<number | null>(null);
  const queue = useQueue(filters);
  const sources = useSources().data?.sources ?? [];
  const set = (k: keyof QueueFilters) => (e: { target: { value: string } }) => {
    const next = { ...draft, [k]: e.target.value };
    setDraft(next);
    // Choices apply at once; typed filters on submit (or Enter).
    if (k === 'source' || k === 'priority') setFilters(next);
  };
  const items = queue.data?.items ?? null;
  return (
    <>
      <form
        aria-label={t('ingest.filter.label')}
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <label>
          {t('ingest.source')}
          <select value={draft.source} onChange={set('source')}>
            <option value="">{t('ingest.allSources')}</option>
            {sources.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ingest.priority')}
          <select value={draft.priority} onChange={set('priority')}>
            <option value="">{t('stories.any')}</option>
            {[1, 2, 3, 4, 5, 6].map((p) => (
              <option key={p} value={String(p)}>
                {p === 1 ? t('ingest.flash') : t('ingest.upTo', { p })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ingest.subject')}
          <input value={draft.subject} placeholder="medtop:20000106" onChange={set('subject')} />
        </label>
        <label>
          {t('ingest.text')}
          <input type="search" value={draft.q} onChange={set('q')} />
        </label>
        <button type="submit">{t('ingest.filter')}</button>
      </form>
      <Notices error={messageOf(queue.error)} notice="" />
      <div className="ingest-panes">
        <ol className="ingest-list" aria-label={t('ingest.items')}>
          {items?.map((i) => (
            <li key={i.id} aria-current={selected === i.id ? 'true' : undefined}>
              <button type="button" onClick={() => setSelected(i.id)}>
                <ItemLine item={i} />
              </button>
            </li>
          ))}
          {items?.length === 0 && <li className="muted">{t('ingest.none')}</li>}
        </ol>
        {selected !== null && <Preview id={selected} />}
      </div>
    </>
  );
}

function ItemLine({ item }: { item: WireItem }) {
  return (
    <>
      <span className="ingest-headline">
        {item.priority !== null && (
          <span className={`ingest-priority p${item.priority}`}>{item.priority}</span>
        )}
        {STATUS[item.pubStatus] && <strong>{STATUS[item.pubStatus]} </strong>}
        {item.headline || t('ingest.noHeadline')}
      </span>
      <small className="muted">
        {item.source.name} · v{item.version} · {formatNewsroomTime(item.receivedAt)}
        {item.embargoUntil && t('ingest.embargoedUntil', { time: formatNewsroomTime(item.embargoUntil) })}
        {item.usedBy > 0 && t('ingest.usedBy', { n: item.usedBy })}
      </small>
    </>
  );
}

function Preview({ id }: { id: number }) {
  const detail = useItemDetail(id);
  const sections = useSections();
  const [sectionId, setSectionId] = useState('');
  const use = useUseItem();
  const action = useAction();
  const item = detail.data;
  if (!item)
    return <section className="ingest-preview">{messageOf(detail.error) || t('common.loading')}</section>;
  const usable = item.pubStatus === 'usable';
  return (
    <section className="ingest-preview" aria-label={t('ingest.preview')}>
      <h2>{item.headline || t('ingest.noHeadline')}</h2>
      {item.dek && <p className="ingest-dek">{item.dek}</p>}
      <dl>
        <dt>{t('ingest.source')}</dt>
        <dd>
          {item.source.name}
          {item.provider && item.provider !== item.source.name && ` (${item.provider})`}
          {t('ingest.formatVersion', { format: item.format, version: String(item.version) })}
        </dd>
        {item.byline && (
          <>
            <dt>{t('users.byline')}</dt>
            <dd>{item.byline}</dd>
          </>
        )}
        <dt>{t('ingest.rights')}</dt>
        <dd>{item.rights || t('ingest.noRights')}</dd>
        {item.embargoUntil && (
          <>
            <dt>{t('ingest.embargo')}</dt>
            <dd>{t('ingest.notBefore', { time: formatNewsroomTime(item.embargoUntil) })}</dd>
          </>
        )}
        {item.subjects.length > 0 && (
          <>
            <dt>{t('ingest.subjects')}</dt>
            <dd>{item.subjects.map((s) => (s.name ? `${s.name} (${s.code})` : s.code)).join(', ')}</dd>
          </>
        )}
      </dl>
      <div className="ingest-body">
        {renderText(item.body as Doc)
          .split('\n\n')
          .map((p, i) => (
            // The paragraphs of a text rendering have no identity of their own.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <p key={i}>{p}</p>
          ))}
      </div>
      {item.notes && <p className="muted">{item.notes}</p>}
      {item.stories.length > 0 && (
        <p>
          {t('ingest.usedIn')}{' '}
          {item.stories.map((s) => (
            <a key={s.articleId} href={`/admin/stories/${s.articleId}`}>
              {s.headline}
            </a>
          ))}
        </p>
      )}
      <Notices error={action.error} notice={action.notice} />
      {usable ? (
        <form
          aria-label={t('ingest.use.label')}
          className="row"
          onSubmit={async (e) => {
            e.preventDefault();
            let made: { articleId: number } | null = null;
            const ok = await action.run(async () => {
              made = await use.mutateAsync({ id: item.id, sectionId: Number(sectionId) });
            }, t('ingest.made'));
            if (ok && made) navigate(`/stories/${(made as { articleId: number }).articleId}`);
          }}
        >
          <label>
            {t('newStory.section')}
            <select required value={sectionId} onChange={(e) => setSectionId(e.target.value)}>
              <option value="">{t('ingest.choose')}</option>
              {sections.map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {'\u00a0'.repeat(s.depth * 2)}
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={action.busy}>
            {t('ingest.use')}
          </button>
        </form>
      ) : (
        <p className="error">
          {item.pubStatus === 'canceled' ? t('ingest.killedItem') : t('ingest.withheldItem')}
        </p>
      )}
    </section>
  );
}

function QuarantineList() {
  const q = useQuarantine(true);
  const items = q.data?.items ?? null;
  return (
    <>
      <Notices error={messageOf(q.error)} notice="" />
      <table className="manage-table">
        <caption className="visually-hidden">{t('ingest.quarantine.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ingest.col.reason')}</th>
            <th scope="col">{t('ingest.source')}</th>
            <th scope="col">{t('ingest.col.arrived')}</th>
            <th scope="col">{t('ingest.col.excerpt')}</th>
          </tr>
        </thead>
        <tbody>
          {items?.map((i) => (
            <tr key={i.id}>
              <th scope="row">{i.reason}</th>
              <td>
                {i.source.name} (
                {i.via === 'push' ? t('ingest.via.push') : t('ingest.via.file', { name: i.fileName ?? '' })})
              </td>
              <td>{formatNewsroomTime(i.receivedAt)}</td>
              <td>
                <code className="ingest-excerpt">{i.excerpt.slice(0, 300)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items?.length === 0 && <p className="muted">{t('ingest.quarantine.none')}</p>}
    </>
  );
}
