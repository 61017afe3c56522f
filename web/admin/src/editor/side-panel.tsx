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
      <legend className="visually-hidden">Story details</legend>
      <label htmlFor={`${id}-slug`}>Slug</label>
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
        {published
          ? 'Published: changing the slug moves the story (the old address redirects).'
          : 'Follows the headline until you edit it.'}
      </p>

      <label htmlFor={`${id}-section`}>Section</label>
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
        <summary>Lead image</summary>
        {fields.leadMediaId !== null && (
          <img className="lead-thumb" src={`/media/${fields.leadMediaId}/320.jpg`} alt="Current lead" />
        )}
        <div className="buttons">
          <button type="button" onClick={() => setPickingLead(true)}>
            Choose from the library…
          </button>
          {fields.leadMediaId !== null && (
            <button type="button" onClick={() => change({ leadMediaId: null })}>
              Remove
            </button>
          )}
        </div>
        {pickingLead && (
          <MediaPicker
            title="Choose the lead image"
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
        <label htmlFor={`${id}-lead`}>Media id</label>
        <input
          id={`${id}-lead`}
          type="number"
          min={1}
          value={fields.leadMediaId ?? ''}
          onChange={(e) => change({ leadMediaId: e.target.value ? Number(e.target.value) : null })}
        />
        <label htmlFor={`${id}-lead-caption`}>Caption</label>
        <input
          id={`${id}-lead-caption`}
          value={fields.leadCaption}
          maxLength={1000}
          onChange={(e) => change({ leadCaption: e.target.value })}
        />
        <label htmlFor={`${id}-lead-credit`}>Credit</label>
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
          File photo (not taken for this story)
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

      <label htmlFor={`${id}-dateline`}>Dateline</label>
      <input
        id={`${id}-dateline`}
        value={fields.dateline ?? ''}
        maxLength={100}
        placeholder="PRAGUE"
        onChange={(e) => change({ dateline: e.target.value || null })}
      />

      <details>
        <summary>Search engines</summary>
        <label htmlFor={`${id}-seo-title`}>SEO title</label>
        <input
          id={`${id}-seo-title`}
          value={fields.seoTitle ?? ''}
          maxLength={300}
          placeholder={fields.headline}
          onChange={(e) => change({ seoTitle: e.target.value || null })}
        />
        <label htmlFor={`${id}-seo-desc`}>SEO description</label>
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

      <label htmlFor={`${id}-embargo`}>Embargo until ({newsroomZone()})</label>
      <input
        id={`${id}-embargo`}
        type="datetime-local"
        value={isoToZoned(fields.embargoUntil)}
        onChange={(e) => change({ embargoUntil: e.target.value ? zonedToIso(e.target.value) : null })}
      />
      <p className="hint">Nothing can publish the story before the embargo ends.</p>
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
    <section className="serp" aria-label="Search result preview">
      <div className="serp-url">{url}</div>
      <div className="serp-title">{cut(title, 60)}</div>
      <div className="serp-desc">{cut(description || 'No description yet.', 160)}</div>
      {title.length > 60 && <p className="hint warn">The title is cut after about 60 characters.</p>}
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
    if (name && !tags.some((t) => t.toLowerCase() === name.toLowerCase())) change({ tags: [...tags, name] });
    setText('');
  }

  return (
    <div className="tags">
      <label htmlFor={`${id}-tag`}>Tags</label>
      <ul className="chips" aria-label="Tags of this story">
        {tags.map((t) => (
          <li key={t}>
            {t}
            <button
              type="button"
              aria-label={`Remove tag ${t}`}
              onClick={() => change({ tags: tags.filter((x) => x !== t) })}
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
          placeholder="Add a tag (new names are created)"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add}>
          Add
        </button>
      </div>
      <datalist id={`${id}-tag-list`}>
        {suggestions.map((t) => (
          <option key={t.id} value={t.name} />
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
  const name = (a: number) => authors.find((x) => x.id === a)?.name ?? `Author ${a}`;
  const move = (i: number, by: -1 | 1) => {
    const next = [...authorIds];
    const [item] = next.splice(i, 1);
    if (item === undefined) return;
    next.splice(i + by, 0, item);
    change({ authorIds: next });
  };
  return (
    <div className="bylines">
      <label htmlFor={`${id}-author`}>Bylines (in order)</label>
      <ol>
        {authorIds.map((a, i) => (
          <li key={a}>
            {name(a)}
            <span className="row-actions">
              <button
                type="button"
                aria-label={`Move ${name(a)} up`}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move ${name(a)} down`}
                disabled={i === authorIds.length - 1}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={`Remove ${name(a)}`}
                disabled={!settable(a)}
                title={settable(a) ? undefined : 'Only an editor changes this byline'}
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
        <option value="">Add a byline…</option>
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
            setSaid('Saved to the library: stories that pick this image next start from it.');
          } catch (err) {
            setSaid(`Not saved to the library: ${messageOf(err)}`);
          }
        }}
      >
        Save caption and credit to the library
      </button>
      <p role="status" className="hint">
        {said}
      </p>
    </div>
  );
}
