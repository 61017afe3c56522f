import { useEffect, useId, useState } from 'react';
import type { Article, ArticleFields } from '../api/articles.js';
import { useAuthors } from '../api/authors.js';
import { siteSetting } from '../api/client.js';
import { useSaveMedia } from '../api/media.js';
import { messageOf } from '../api/query.js';
import { sectionLabel, useSections } from '../api/sections.js';
import type { User } from '../api/session.js';
import { useTagSuggestions } from '../api/tags.js';
import { MediaPicker } from '../media/picker.js';
import { canSetByline } from '../permissions.js';
import { isoToZoned, newsroomZone, zonedToIso } from '../time.js';
import './side-panel.css';
import { t } from '../i18n/index.js';

type Change = (patch: Partial<ArticleFields>) => void;

/** Slug, section, tags, bylines, lead image, dateline, SEO and embargo. */
export function SidePanel({
  user,
  fields,
  meta,
  change,
  onSlugEdited,
}: {
  user?: User;
  fields: ArticleFields;
  meta: Article;
  change: Change;
  onSlugEdited: () => void;
}) {
  const sections = useSections();
  const id = useId();
  const locked = !meta.allowed.update;
  const published = meta.firstPublishedAt !== null;
  const [pickingLead, setPickingLead] = useState(false);

  return (
    <fieldset className="side-panel" disabled={locked}>
      <legend className="visually-hidden">{t('side.details')}</legend>
      <label htmlFor={`${id}-slug`}>{t('manage.slug')}</label>
      <input
        id={`${id}-slug`}
        value={fields.slug}
        maxLength={120}
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        onChange={(e) => {
          onSlugEdited();
          change({ slug: e.target.value.toLowerCase().replace(/[^a-z0-9-]/g, '-') });
        }}
        aria-describedby={`${id}-slug-hint`}
      />
      <p id={`${id}-slug-hint`} className="hint">
        {published ? t('side.slug.published') : t('side.slug.follows')}
      </p>

      <label htmlFor={`${id}-section`}>{t('newStory.section')}</label>
      <select
        id={`${id}-section`}
        value={fields.sectionId}
        onChange={(e) => change({ sectionId: Number(e.target.value) })}
      >
        {sections.map((s) => (
          <option key={s.id} value={s.id}>
            {sectionLabel(s)}
          </option>
        ))}
      </select>

      <Tags tags={fields.tags} change={change} />
      <Bylines authorIds={fields.authorIds} change={change} user={user} />

      <details>
        <summary>{t('side.lead')}</summary>
        {fields.leadMediaId !== null && (
          <img
            className="lead-thumb"
            src={`/media/${fields.leadMediaId}/320.jpg`}
            alt={t('side.lead.current')}
          />
        )}
        <div className="buttons">
          <button type="button" onClick={() => setPickingLead(true)}>
            {t('side.lead.choose')}
          </button>
          {fields.leadMediaId !== null && (
            <button type="button" onClick={() => change({ leadMediaId: null })}>
              {t('side.remove')}
            </button>
          )}
        </div>
        {pickingLead && (
          <MediaPicker
            title={t('side.lead.picker')}
            user={user ?? null}
            onPick={(m) =>
              // The story's caption and credit win; empty ones start from the library's.
              change({
                leadMediaId: m.id,
                leadCaption: fields.leadCaption || m.caption,
                leadCredit: fields.leadCredit || m.credit,
                leadFilePhoto: fields.leadFilePhoto || m.filePhoto,
              })
            }
            onClose={() => setPickingLead(false)}
          />
        )}
        <label htmlFor={`${id}-lead`}>{t('side.lead.id')}</label>
        <input
          id={`${id}-lead`}
          type="number"
          min={1}
          value={fields.leadMediaId ?? ''}
          onChange={(e) => change({ leadMediaId: e.target.value ? Number(e.target.value) : null })}
        />
        <label htmlFor={`${id}-lead-caption`}>{t('editor.image.caption')}</label>
        <input
          id={`${id}-lead-caption`}
          value={fields.leadCaption}
          maxLength={1000}
          onChange={(e) => change({ leadCaption: e.target.value })}
        />
        <label htmlFor={`${id}-lead-credit`}>{t('editor.image.credit')}</label>
        <input
          id={`${id}-lead-credit`}
          value={fields.leadCredit}
          maxLength={300}
          onChange={(e) => change({ leadCredit: e.target.value })}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={fields.leadFilePhoto}
            onChange={(e) => change({ leadFilePhoto: e.target.checked })}
          />
          {t('side.lead.filePhoto')}
        </label>
        {fields.leadMediaId !== null && (
          <SaveLeadToLibrary
            key={fields.leadMediaId}
            mediaId={fields.leadMediaId}
            caption={fields.leadCaption}
            credit={fields.leadCredit}
            filePhoto={fields.leadFilePhoto}
          />
        )}
      </details>

      <label htmlFor={`${id}-dateline`}>{t('side.dateline')}</label>
      <input
        id={`${id}-dateline`}
        value={fields.dateline ?? ''}
        maxLength={100}
        placeholder={t('side.dateline.placeholder')}
        onChange={(e) => change({ dateline: e.target.value || null })}
      />

      <details>
        <summary>{t('side.seo')}</summary>
        <label htmlFor={`${id}-seo-title`}>{t('side.seo.title')}</label>
        <input
          id={`${id}-seo-title`}
          value={fields.seoTitle ?? ''}
          maxLength={300}
          placeholder={fields.headline}
          onChange={(e) => change({ seoTitle: e.target.value || null })}
        />
        <label htmlFor={`${id}-seo-desc`}>{t('side.seo.description')}</label>
        <textarea
          id={`${id}-seo-desc`}
          rows={3}
          maxLength={1000}
          value={fields.seoDescription ?? ''}
          placeholder={fields.dek}
          onChange={(e) => change({ seoDescription: e.target.value || null })}
        />
        <SearchPreview fields={fields} meta={meta} />
      </details>

      <label htmlFor={`${id}-embargo`}>{t('side.embargo', { zone: newsroomZone() })}</label>
      <input
        id={`${id}-embargo`}
        type="datetime-local"
        value={isoToZoned(fields.embargoUntil)}
        onChange={(e) => change({ embargoUntil: e.target.value ? zonedToIso(e.target.value) : null })}
      />
      <p className="hint">{t('side.embargo.hint')}</p>
    </fieldset>
  );
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** Roughly what a search engine shows: 60-character title, 160-character description. */
function SearchPreview({ fields, meta }: { fields: ArticleFields; meta: Article }) {
  const title = fields.seoTitle || fields.headline;
  const description = fields.seoDescription || fields.dek;
  const url = meta.url ?? `${siteSetting('site-url')}/…/${fields.slug}`;
  return (
    <section className="serp" aria-label={t('side.serp')}>
      <div className="serp-url">{url}</div>
      <div className="serp-title">{cut(title, 60)}</div>
      <div className="serp-desc">{cut(description || t('side.serp.noDescription'), 160)}</div>
      {title.length > 60 && <p className="hint warn">{t('side.serp.long')}</p>}
    </section>
  );
}

function Tags({ tags, change }: { tags: string[]; change: Change }) {
  const id = useId();
  const [text, setText] = useState('');
  // Asked once typing pauses for 200 ms; a failed lookup just offers nothing.
  const typed = useDebounced(text.trim(), 200);
  const suggestions = useTagSuggestions(text.trim() ? typed : '', 10).data ?? [];

  function add() {
    const name = text.trim();
    if (name && !tags.some((tag) => tag.toLowerCase() === name.toLowerCase()))
      change({ tags: [...tags, name] });
    setText('');
  }

  return (
    <div className="tags">
      <label htmlFor={`${id}-tag`}>{t('nav.tags')}</label>
      <ul className="chips" aria-label={t('side.tags.label')}>
        {tags.map((tag) => (
          <li key={tag}>
            {tag}
            <button
              type="button"
              aria-label={t('side.tags.remove', { tag })}
              onClick={() => change({ tags: tags.filter((x) => x !== tag) })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <input
          id={`${id}-tag`}
          list={`${id}-tag-list`}
          value={text}
          maxLength={100}
          placeholder={t('side.tags.add.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add}>
          {t('side.tags.add')}
        </button>
      </div>
      <datalist id={`${id}-tag-list`}>
        {suggestions.map((s) => (
          <option key={s.id} value={s.name} />
        ))}
      </datalist>
    </div>
  );
}

/** `value` once it has stopped changing for `ms` (a timer, not a fetch). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** Only the bylines the policy lets this user add or remove are offered (article.byline). */
function Bylines({ authorIds, change, user }: { authorIds: number[]; change: Change; user?: User }) {
  const id = useId();
  const authors = useAuthors();
  const settable = (a: number) => !user || canSetByline(user, a);
  const name = (a: number) => authors.find((x) => x.id === a)?.name ?? t('side.author', { id: String(a) });
  const move = (i: number, by: -1 | 1) => {
    const next = [...authorIds];
    const [item] = next.splice(i, 1);
    if (item === undefined) return;
    next.splice(i + by, 0, item);
    change({ authorIds: next });
  };
  return (
    <div className="bylines">
      <label htmlFor={`${id}-author`}>{t('side.bylines')}</label>
      <ol>
        {authorIds.map((a, i) => (
          <li key={a}>
            {name(a)}
            <span className="row-actions">
              <button
                type="button"
                aria-label={t('sections.up', { name: name(a) })}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={t('sections.down', { name: name(a) })}
                disabled={i === authorIds.length - 1}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={t('side.byline.remove', { name: name(a) })}
                disabled={!settable(a)}
                title={settable(a) ? undefined : t('side.byline.locked')}
                onClick={() => change({ authorIds: authorIds.filter((x) => x !== a) })}
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      <select
        id={`${id}-author`}
        value=""
        onChange={(e) => {
          const a = Number(e.target.value);
          if (a && !authorIds.includes(a)) change({ authorIds: [...authorIds, a] });
        }}
      >
        <option value="">{t('side.byline.add')}</option>
        {authors
          .filter((a) => !authorIds.includes(a.id) && settable(a.id))
          .map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
      </select>
    </div>
  );
}

/**
 * The caption, credit and file-photo flag typed for this story's lead image, saved as the
 * library's own, so the next story that picks the image starts from them. The story keeps its
 * own either way; the server decides who may (a contributor, only for their own uploads).
 */
function SaveLeadToLibrary(props: { mediaId: number; caption: string; credit: string; filePhoto: boolean }) {
  const save = useSaveMedia();
  const [said, setSaid] = useState('');
  const { mediaId, caption, credit, filePhoto } = props;
  return (
    <div className="buttons lead-to-library">
      <button
        type="button"
        disabled={save.isPending}
        onClick={async () => {
          setSaid('');
          try {
            await save.mutateAsync({ id: mediaId, patch: { caption, credit, filePhoto } });
            setSaid(t('side.library.saved'));
          } catch (err) {
            setSaid(t('side.library.failed', { reason: messageOf(err) }));
          }
        }}
      >
        {t('side.library.save')}
      </button>
      <p role="status" className="hint">
        {said}
      </p>
    </div>
  );
}
