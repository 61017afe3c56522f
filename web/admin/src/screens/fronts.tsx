import {
  LIST_VARIANTS,
  type ListSourceKind,
  MAX_LIST_LENGTH,
  MOST_READ_WINDOWS,
  type MostReadWindow,
} from '@shared/fronts.js';
import { createContext, useContext, useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import {
  type FrontList,
  type ListDefinition,
  type ListPin,
  type ListSource,
  type PreviewList,
  useCreateList,
  useDeleteList,
  useFront,
  useFrontPreview,
  useFronts,
  useListPreview,
  useReorderFront,
  useSaveList,
  useStoriesToPin,
} from '../api/fronts.js';
import { editionLabel } from '../api/editions.js';
import { messageOf } from '../api/query.js';
import { useAuthors } from '../api/authors.js';
import { sectionLabel, useSections } from '../api/sections.js';
import { useCountedTags } from '../api/tags.js';
import { Notices, useAction } from '../components/manage.js';
import { type MessageKey, t } from '../i18n/index.js';
import { formatNewsroomTime, isoToZoned, zonedToIso } from '../time.js';
import './fronts.css';

const SOURCE_LABELS: Record<ListSourceKind, MessageKey> = {
  manual: 'fronts.source.manual',
  latest: 'fronts.source.latest',
  section: 'fronts.source.section',
  tag: 'fronts.source.tag',
  author: 'fronts.source.author',
  video: 'fronts.source.video',
  most_read: 'fronts.source.mostRead',
};
const WINDOW_LABELS: Record<MostReadWindow, MessageKey> = {
  hour: 'fronts.window.hour',
  day: 'fronts.window.day',
  week: 'fronts.window.week',
};
const VARIANT_LABELS: Record<(typeof LIST_VARIANTS)[number], MessageKey> = {
  lead: 'fronts.variant.lead',
  grid: 'fronts.variant.grid',
  row: 'fronts.variant.row',
  headlines: 'fronts.variant.headlines',
  video: 'fronts.variant.video',
};

/**
 * The edition whose front is being edited: its headlines are shown in its language and
 * direction (an Arabic front's right to left) inside the app's own; its sections and stories are
 * the only ones a list may name (the server refuses others with a 400).
 */
interface EditionScope {
  id: number | null;
  lang: string | undefined;
  dir: 'ltr' | 'rtl' | undefined;
  /** The sections of the edition, null while unknown (every section is offered). */
  sections: Set<number> | null;
}
const Edition = createContext<EditionScope>({ id: null, lang: undefined, dir: undefined, sections: null });

/** `lang`/`dir` for an element showing the edition's words (headlines). */
function useScript(): { lang?: string; dir?: 'ltr' | 'rtl' } {
  const { lang, dir } = useContext(Edition);
  return lang && dir ? { lang, dir } : {};
}

/**
 * The front editor: pick an edition and a front, arrange its lists, pin stories (search, drag or move them up
 * and down, give a pin an end), see what a list will show before saving it, schedule a version,
 * and preview the whole front as of a later time. Saves carry the version they started from; a
 * list someone else saved meanwhile is refused and said so, with their version a click away.
 */
export function Fronts() {
  const fronts = useFronts();
  const [front, setFront] = useState('home');
  const query = useFront(front);
  const editions = fronts.data?.editions ?? [];
  const all = fronts.data?.fronts ?? [];
  const editionId = all.find((f) => f.key === front)?.editionId ?? editions.find((e) => e.isDefault)?.id;
  const edition = editions.find((e) => e.id === editionId);
  const mine = all.filter((f) => f.editionId === editionId);
  const scope: EditionScope = {
    id: edition?.id ?? null,
    lang: edition?.language,
    dir: edition?.direction,
    sections: fronts.data
      ? new Set(mine.flatMap((f) => (f.key.startsWith('section:') ? [Number(f.key.slice(8))] : [])))
      : null,
  };
  const pickEdition = (id: number) => {
    const home = all.find((f) => f.editionId === id && !f.key.startsWith('section:'));
    if (home) setFront(home.key);
  };
  const action = useAction();
  const create = useCreateList();
  const reorder = useReorderFront();
  const remove = useDeleteList();
  const lists = query.data?.lists ?? [];
  const mayEdit = query.data?.allowed.edit ?? false;
  const curated = lists.some((l) => l.stored);
  const current = fronts.data?.fronts.find((f) => f.key === front);

  const move = (from: number, to: number) => {
    const slugs = lists.map((l) => l.slug);
    const [slug] = slugs.splice(from, 1);
    if (slug === undefined || to < 0 || to > slugs.length) return;
    slugs.splice(to, 0, slug);
    void action.run(() => reorder.mutateAsync({ front, slugs }), t('fronts.reordered'));
  };

  return (
    <Edition.Provider value={scope}>
      <main className="manage fronts">
        <h1>{t('nav.fronts')}</h1>
        <Notices error={action.error || messageOf(query.error ?? fronts.error)} notice={action.notice} />
        {editions.length > 1 && <p className="muted">{t('fronts.edition.note')}</p>}
        <div className="row">
          {editions.length > 1 && (
            <label>
              {t('fronts.edition')}
              <select value={editionId ?? ''} onChange={(e) => pickEdition(Number(e.target.value))}>
                {editions.map((e) => (
                  <option key={e.id} value={e.id}>
                    {editionLabel(e)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('fronts.front')}
            <select value={front} onChange={(e) => setFront(e.target.value)}>
              {(mine.length ? mine : [{ key: 'home', name: t('fronts.homePage'), path: '/', lists: 0 }]).map(
                (f) => (
                  <option key={f.key} value={f.key}>
                    {t('fronts.option', { name: f.name, path: f.path, automatic: f.lists ? 'no' : 'yes' })}
                  </option>
                ),
              )}
            </select>
          </label>
          {current && (
            <a href={current.path} target="_blank" rel="noreferrer">
              {t('fronts.openPage')}
            </a>
          )}
        </div>
        {query.data && !curated && (
          <div className="front-default">
            <p>{t('fronts.automatic')}</p>
            {mayEdit && (
              <button
                type="button"
                disabled={action.busy}
                onClick={() =>
                  void action.run(async () => {
                    for (const l of lists) {
                      await create.mutateAsync({
                        slug: l.slug,
                        front,
                        title: l.title,
                        definition: l.definition,
                      });
                    }
                  }, t('fronts.curated'))
                }
              >
                {t('fronts.curate')}
              </button>
            )}
          </div>
        )}
        {lists.map((l, i) => (
          <ListEditor
            key={`${front}/${l.slug}`}
            list={l}
            front={front}
            mayEdit={mayEdit && l.stored}
            moves={
              mayEdit && l.stored
                ? {
                    up: i > 0 ? () => move(i, i - 1) : null,
                    down: i < lists.length - 1 ? () => move(i, i + 1) : null,
                    remove: () =>
                      void action.run(
                        () => remove.mutateAsync({ slug: l.slug, version: l.version }),
                        t('fronts.removed', { title: l.title || l.slug }),
                      ),
                  }
                : null
            }
          />
        ))}
        {mayEdit && (
          <NewList
            front={front}
            onCreate={(v) => action.run(() => create.mutateAsync(v), t('fronts.added'))}
          />
        )}
        <FrontPreview front={front} />
      </main>
    </Edition.Provider>
  );
}

interface Moves {
  up: (() => void) | null;
  down: (() => void) | null;
  remove: () => void;
}

/**
 * After a pin moves by keyboard, the focus stays on its arrows: on the same one, or on the other
 * when the move reached the end (a disabled button drops the focus to the page).
 */
function keepFocusOnPin(articleId: number, dir: 'up' | 'down') {
  requestAnimationFrame(() => {
    const button = (d: string) =>
      document.querySelector<HTMLButtonElement>(`button[data-pin="${articleId}"][data-move="${d}"]`);
    const same = button(dir);
    if (same && !same.disabled) same.focus();
    else button(dir === 'up' ? 'down' : 'up')?.focus();
  });
}

function ListEditor({
  list,
  front,
  mayEdit,
  moves,
}: {
  list: FrontList;
  front: string;
  mayEdit: boolean;
  moves: Moves | null;
}) {
  const [title, setTitle] = useState(list.title);
  const [def, setDef] = useState<ListDefinition>(list.definition);
  const [base, setBase] = useState(list.version);
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState<FrontList | null>(null);
  const [when, setWhen] = useState('');
  const [names, setNames] = useState<Record<number, string>>({});
  const action = useAction();
  const save = useSaveList();
  const preview = useListPreview(front, list.slug, def);
  const script = useScript();
  const titleId = `list-${list.slug}-title`;

  // The server's copy changed and nothing is being edited here: show it.
  useEffect(() => {
    if (!dirty && list.version !== base) {
      setTitle(list.title);
      setDef(list.definition);
      setBase(list.version);
    }
  }, [list, dirty, base]);

  const shown = preview.data?.list?.stories ?? [];
  const nameOf = (id: number) =>
    names[id] ?? shown.find((s) => s.id === id)?.headline ?? t('fronts.story.notPublic', { id });
  const edit = (next: Partial<ListDefinition>) => {
    setDef((d) => ({ ...d, ...next }));
    setDirty(true);
  };
  // A pin that keeps its place holds the slot it is shown in, wherever it is moved to.
  const setPins = (pins: ListPin[]) =>
    edit({ pins: pins.map((p, i) => (p.slot === null ? p : { ...p, slot: i + 1 })) });
  const movePin = (from: number, to: number) => {
    if (to < 0 || to >= def.pins.length) return;
    const pins = [...def.pins];
    const [pin] = pins.splice(from, 1);
    if (pin) pins.splice(to, 0, pin);
    setPins(pins);
  };

  const write = async (body: Parameters<typeof save.mutateAsync>[0]['body'], done: string) => {
    setConflict(null);
    const ok = await action.run(async () => {
      try {
        await save.mutateAsync({ slug: list.slug, body });
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) {
          setConflict((err.details as { current?: FrontList } | undefined)?.current ?? null);
          throw new Error(t('fronts.conflict'));
        }
        throw err;
      }
    }, done);
    if (ok) setDirty(false);
  };

  return (
    <section className="front-list-editor" aria-labelledby={titleId}>
      <header className="row">
        <h2 id={titleId}>
          {list.title || list.slug} <small className="muted">{list.slug}</small>
        </h2>
        {moves && (
          <span className="row-actions">
            <button type="button" disabled={!moves.up} onClick={() => moves.up?.()}>
              {t('fronts.list.up')}
            </button>
            <button type="button" disabled={!moves.down} onClick={() => moves.down?.()}>
              {t('fronts.list.down')}
            </button>
            <button type="button" onClick={moves.remove}>
              {t('fronts.list.remove')}
            </button>
          </span>
        )}
      </header>
      <Notices error={action.error} notice={action.notice} />
      {conflict && (
        <div className="conflict" role="alert">
          <p>
            {t('fronts.conflict.saved', {
              who: conflict.updatedBy ?? t('fronts.conflict.someone'),
              time: formatNewsroomTime(conflict.updatedAt),
              version: conflict.version,
              picks:
                conflict.definition.pins.map((p) => nameOf(p.articleId)).join(', ') ||
                t('fronts.conflict.none'),
            })}
          </p>
          <button
            type="button"
            onClick={() => {
              setTitle(conflict.title);
              setDef(conflict.definition);
              setBase(conflict.version);
              setDirty(false);
              setConflict(null);
              action.setError('');
            }}
          >
            {t('fronts.conflict.load')}
          </button>
        </div>
      )}
      {list.scheduled && (
        <p className="scheduled">
          {t('fronts.scheduled', {
            time: formatNewsroomTime(list.scheduled.at),
            picks: list.scheduled.definition.pins.length,
            source: t(SOURCE_LABELS[list.scheduled.definition.source.kind]),
          })}{' '}
          {mayEdit && (
            <button
              type="button"
              disabled={action.busy}
              onClick={() =>
                void write(
                  { version: base, title: list.title, definition: list.definition, scheduled: null },
                  t('fronts.scheduled.cancelled'),
                )
              }
            >
              {t('fronts.scheduled.cancel')}
            </button>
          )}
        </p>
      )}
      <fieldset disabled={!mayEdit} className="list-fields">
        <legend className="visually-hidden">
          {t('fronts.list.settings', { title: list.title || list.slug })}
        </legend>
        <div className="row">
          <label>
            {t('fronts.list.title')}
            <input
              value={title}
              onChange={(e) => {
                setTitle(e.target.value);
                setDirty(true);
              }}
            />
          </label>
          <label>
            {t('fronts.list.layout')}
            <select
              value={def.variant}
              onChange={(e) => edit({ variant: e.target.value as ListDefinition['variant'] })}
            >
              {LIST_VARIANTS.map((v) => (
                <option key={v} value={v}>
                  {t(VARIANT_LABELS[v])}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('fronts.list.length')}
            <input
              type="number"
              min={1}
              max={MAX_LIST_LENGTH}
              value={def.limit}
              onChange={(e) =>
                edit({ limit: Math.max(1, Math.min(MAX_LIST_LENGTH, Number(e.target.value) || 1)) })
              }
            />
          </label>
        </div>
        <SourceFields source={def.source} onChange={(source) => edit({ source })} />
        <h3>{t('fronts.pins')}</h3>
        {def.pins.length === 0 && <p className="muted">{t('fronts.pins.none')}</p>}
        <ol className="pins">
          {def.pins.map((p, i) => (
            <li
              key={p.articleId}
              draggable={mayEdit}
              onDragStart={(e) => e.dataTransfer.setData('text/plain', String(i))}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                movePin(Number(e.dataTransfer.getData('text/plain')), i);
              }}
            >
              <span className="pin-name" {...script}>
                {nameOf(p.articleId)}
              </span>
              <label>
                {t('fronts.pin.ends')}
                <input
                  type="datetime-local"
                  value={p.expiresAt ? isoToZoned(p.expiresAt) : ''}
                  aria-label={t('fronts.pin.endOf', { name: nameOf(p.articleId) })}
                  onChange={(e) =>
                    setPins(
                      def.pins.map((q, k) => (k === i ? { ...q, expiresAt: zonedToIso(e.target.value) } : q)),
                    )
                  }
                />
              </label>
              <label title={t('fronts.pin.keep.hint')}>
                <input
                  type="checkbox"
                  checked={p.slot !== null}
                  onChange={(e) =>
                    setPins(
                      def.pins.map((q, k) => (k === i ? { ...q, slot: e.target.checked ? i + 1 : null } : q)),
                    )
                  }
                />{' '}
                {t('fronts.pin.keep', { place: i + 1 })}
              </label>
              <span className="row-actions">
                <button
                  type="button"
                  aria-label={t('fronts.pin.up', { name: nameOf(p.articleId) })}
                  data-pin={p.articleId}
                  data-move="up"
                  onClick={() => {
                    movePin(i, i - 1);
                    keepFocusOnPin(p.articleId, 'up');
                  }}
                  disabled={i === 0}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={t('fronts.pin.down', { name: nameOf(p.articleId) })}
                  data-pin={p.articleId}
                  data-move="down"
                  onClick={() => {
                    movePin(i, i + 1);
                    keepFocusOnPin(p.articleId, 'down');
                  }}
                  disabled={i === def.pins.length - 1}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={t('fronts.pin.unpinOf', { name: nameOf(p.articleId) })}
                  onClick={() => setPins(def.pins.filter((_, k) => k !== i))}
                >
                  {t('fronts.pin.unpin')}
                </button>
              </span>
            </li>
          ))}
        </ol>
        {mayEdit && (
          <PinSearch
            pinned={def.pins.map((p) => p.articleId)}
            onPin={(id, headline) => {
              setNames((n) => ({ ...n, [id]: headline }));
              setPins([...def.pins, { articleId: id, slot: null, expiresAt: null }]);
            }}
          />
        )}
      </fieldset>
      <div className="list-preview" aria-live="polite">
        <h3>{t('fronts.list.preview', { dirty: dirty ? 'yes' : 'no' })}</h3>
        <PreviewStories list={preview.data?.list ?? null} />
      </div>
      {mayEdit && (
        <div className="row save-row">
          <button
            type="button"
            disabled={action.busy || !dirty}
            onClick={() =>
              void write(
                { version: base, title, definition: def, scheduled: list.scheduled },
                t('fronts.saved', { title: title || list.slug }),
              )
            }
          >
            {t('fronts.saveNow')}
          </button>
          <label>
            {t('fronts.orFrom')}
            <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
          </label>
          <button
            type="button"
            disabled={action.busy || !dirty || !when}
            onClick={() => {
              const at = zonedToIso(when);
              if (!at) return action.setError(t('fronts.schedule.pickTime'));
              void write(
                {
                  version: base,
                  title: list.title,
                  definition: list.definition,
                  scheduled: { at, definition: def },
                },
                t('fronts.schedule.done', { time: formatNewsroomTime(at) }),
              );
            }}
          >
            {t('fronts.schedule')}
          </button>
        </div>
      )}
    </section>
  );
}

function SourceFields({ source, onChange }: { source: ListSource; onChange: (s: ListSource) => void }) {
  const { sections: own } = useContext(Edition);
  const every = useSections();
  // A list names its own edition's sections only (the server refuses another's).
  const sections = own ? every.filter((s) => own.has(s.id)) : every;
  const authors = useAuthors();
  const tags = useCountedTags('', 500).data ?? [];
  const firstSection = sections[0]?.id ?? 1;
  const kindOf = (kind: ListSourceKind): ListSource => {
    switch (kind) {
      case 'section':
        return { kind, sectionId: firstSection };
      case 'video':
        return { kind, sectionId: null };
      case 'most_read':
        return { kind, window: 'day', sectionId: null };
      case 'tag':
        return { kind, tagId: tags[0]?.id ?? 1 };
      case 'author':
        return { kind, authorId: authors[0]?.id ?? 1 };
      default:
        return { kind };
    }
  };
  return (
    <div className="row">
      <label>
        {t('fronts.source')}
        <select value={source.kind} onChange={(e) => onChange(kindOf(e.target.value as ListSourceKind))}>
          {(Object.keys(SOURCE_LABELS) as ListSourceKind[]).map((k) => (
            <option key={k} value={k}>
              {t(SOURCE_LABELS[k])}
            </option>
          ))}
        </select>
      </label>
      {source.kind === 'most_read' && (
        <label>
          {t('fronts.window')}
          <select
            value={source.window}
            onChange={(e) => onChange({ ...source, window: e.target.value as MostReadWindow })}
          >
            {MOST_READ_WINDOWS.map((w) => (
              <option key={w} value={w}>
                {t(WINDOW_LABELS[w])}
              </option>
            ))}
          </select>
        </label>
      )}
      {(source.kind === 'section' || source.kind === 'video' || source.kind === 'most_read') && (
        <label>
          {t('fronts.section')}
          <select
            value={source.sectionId ?? ''}
            onChange={(e) => {
              const id = e.target.value ? Number(e.target.value) : null;
              if (source.kind === 'video') onChange({ kind: 'video', sectionId: id });
              else if (source.kind === 'most_read') onChange({ ...source, sectionId: id });
              else onChange({ kind: 'section', sectionId: id ?? firstSection });
            }}
          >
            {source.kind !== 'section' && <option value="">{t('fronts.section.every')}</option>}
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {sectionLabel(s)}
              </option>
            ))}
          </select>
        </label>
      )}
      {source.kind === 'tag' && (
        <label>
          {t('fronts.tag')}
          <select
            value={source.tagId}
            onChange={(e) => onChange({ kind: 'tag', tagId: Number(e.target.value) })}
          >
            {!tags.some((t) => t.id === source.tagId) && (
              <option value={source.tagId}>{t('fronts.tag.id', { id: source.tagId })}</option>
            )}
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {source.kind === 'author' && (
        <label>
          {t('fronts.author')}
          <select
            value={source.authorId}
            onChange={(e) => onChange({ kind: 'author', authorId: Number(e.target.value) })}
          >
            {!authors.some((a) => a.id === source.authorId) && (
              <option value={source.authorId}>{t('fronts.author.id', { id: source.authorId })}</option>
            )}
            {authors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

function PinSearch({ pinned, onPin }: { pinned: number[]; onPin: (id: number, headline: string) => void }) {
  const [q, setQ] = useState('');
  const found = useStoriesToPin(q);
  const { id: edition } = useContext(Edition);
  const script = useScript();
  // Only the front's edition's stories may be pinned on it.
  const rows = (found.data ?? []).filter(
    (a) => !pinned.includes(a.id) && (edition === null || (a.editionId ?? edition) === edition),
  );
  return (
    <div className="pin-search">
      <label>
        {t('fronts.pin.find')}
        <input
          type="search"
          value={q}
          placeholder={t('fronts.pin.find.placeholder')}
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      {q.trim().length >= 2 && (
        <ul aria-label={t('fronts.pin.found')}>
          {rows.map((a) => (
            <li key={a.id}>
              <span {...script}>{a.headline}</span>{' '}
              <button
                type="button"
                aria-label={t('fronts.pin.pinOf', { headline: a.headline })}
                onClick={() => onPin(a.id, a.headline)}
              >
                {t('fronts.pin.pin')}
              </button>
            </li>
          ))}
          {found.data && rows.length === 0 && (
            <li className="muted">
              {found.data.length ? t('fronts.pin.noneInEdition') : t('fronts.pin.none')}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

function PreviewStories({ list }: { list: PreviewList | null }) {
  const script = useScript();
  if (!list || list.stories.length === 0) return <p className="muted">{t('fronts.list.empty')}</p>;
  return (
    <ol className="preview-stories" {...script}>
      {list.stories.map((s) => (
        <li key={s.id}>
          {s.headline} {s.section && <small className="muted">{s.section}</small>}
        </li>
      ))}
    </ol>
  );
}

function FrontPreview({ front }: { front: string }) {
  const [local, setLocal] = useState('');
  const [at, setAt] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const preview = useFrontPreview(front, at, open);
  return (
    <section className="front-preview" aria-labelledby="front-preview-title">
      <h2 id="front-preview-title">{t('fronts.preview')}</h2>
      <div className="row">
        <label>
          {t('fronts.preview.at')}
          <input type="datetime-local" value={local} onChange={(e) => setLocal(e.target.value)} />
        </label>
        <button
          type="button"
          onClick={() => {
            setAt(local ? zonedToIso(local) : null);
            setOpen(true);
          }}
        >
          {t('fronts.preview.show')}
        </button>
      </div>
      {open && preview.data && (
        <div aria-live="polite">
          <p className="muted">{t('fronts.preview.asOf', { time: formatNewsroomTime(preview.data.at) })}</p>
          {preview.data.lists
            .filter((l) => l.stories.length > 0)
            .map((l) => (
              <div key={l.slug} className="preview-list">
                <h3>{l.title || l.slug}</h3>
                <PreviewStories list={l} />
              </div>
            ))}
        </div>
      )}
      {preview.error && <p className="error">{messageOf(preview.error)}</p>}
    </section>
  );
}

function NewList({
  front,
  onCreate,
}: {
  front: string;
  onCreate: (v: {
    slug: string;
    front: string;
    title: string;
    definition: ListDefinition;
  }) => Promise<boolean>;
}) {
  const [slug, setSlug] = useState('');
  const [title, setTitle] = useState('');
  const [source, setSource] = useState<ListSource>({ kind: 'manual' });
  const [variant, setVariant] = useState<ListDefinition['variant']>('grid');
  return (
    <form
      className="new-list"
      aria-label={t('fronts.new')}
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await onCreate({
          slug,
          front,
          title,
          definition: { source, pins: [], limit: 6, variant },
        });
        if (ok) {
          setSlug('');
          setTitle('');
        }
      }}
    >
      <h2>{t('fronts.new')}</h2>
      <div className="row">
        <label>
          {t('fronts.new.slug')}
          <input
            value={slug}
            required
            pattern="[a-z][a-z0-9]*(-[a-z0-9]+)*"
            onChange={(e) => setSlug(e.target.value)}
          />
        </label>
        <label>
          {t('fronts.list.title')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('fronts.list.layout')}
          <select value={variant} onChange={(e) => setVariant(e.target.value as ListDefinition['variant'])}>
            {LIST_VARIANTS.map((v) => (
              <option key={v} value={v}>
                {t(VARIANT_LABELS[v])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <SourceFields source={source} onChange={setSource} />
      <button type="submit">{t('fronts.new.add')}</button>
    </form>
  );
}
