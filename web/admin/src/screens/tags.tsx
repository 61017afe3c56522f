import { useEffect, useState } from 'react';
import { messageOf } from '../api/query.js';
import { type CountedTag, useCountedTags, useDeleteTag, useMergeTag, useRenameTag } from '../api/tags.js';
import { Notices, useAction } from '../components/manage.js';
import './tags.css';

const LIMIT = 500;

/** Tags with how many stories use them: rename, merge one into another, delete. */
export function Tags() {
  const [filter, setFilter] = useState('');
  const query = useCountedTags(filter.trim(), LIMIT);
  const tags = query.data ?? null;
  const loadError = messageOf(query.error);
  const action = useAction();

  return (
    <main className="manage">
      <h1>Tags</h1>
      <Notices error={action.error || loadError} notice={action.notice} />
      <label className="narrow-field">
        Find tags starting with
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {tags && tags.length === LIMIT && (
        <p className="hint">Showing the first {LIMIT} tags; narrow them down with the search above.</p>
      )}
      {tags && (
        <table className="manage-table">
          <caption className="visually-hidden">Tags and the number of stories using each</caption>
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Stories</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((t) => (
              <TagRow key={t.id} tag={t} all={tags} busy={action.busy} run={action.run} />
            ))}
          </tbody>
        </table>
      )}
      {tags?.length === 0 && <p className="muted">No tags.</p>}
    </main>
  );
}

function TagRow({
  tag,
  all,
  busy,
  run,
}: {
  tag: CountedTag;
  all: CountedTag[];
  busy: boolean;
  run: (work: () => Promise<unknown>, done: string) => Promise<boolean>;
}) {
  const [name, setName] = useState(tag.name);
  const [into, setInto] = useState('');
  const rename = useRenameTag();
  const merge = useMergeTag();
  const remove = useDeleteTag();
  useEffect(() => setName(tag.name), [tag.name]);
  return (
    <tr>
      <th scope="row">
        {tag.name} <small className="muted">/tag/{tag.slug}</small>
      </th>
      <td>{tag.stories}</td>
      <td>
        <form
          className="row"
          aria-label={`Rename ${tag.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => rename.mutateAsync({ id: tag.id, name }), `Renamed “${tag.name}” to “${name}”.`);
          }}
        >
          <input
            aria-label={`New name for ${tag.name}`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
          <button type="submit" disabled={busy || name.trim() === tag.name}>
            Rename
          </button>
        </form>
        <form
          className="row"
          aria-label={`Merge ${tag.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            const target = all.find((t) => String(t.id) === into);
            if (!target) return;
            if (
              !window.confirm(
                `Merge “${tag.name}” into “${target.name}”? Its ${tag.stories} stories get “${target.name}”, and “${tag.name}” is removed.`,
              )
            )
              return;
            void run(
              () => merge.mutateAsync({ id: tag.id, into: target.id }),
              `Merged “${tag.name}” into “${target.name}”.`,
            );
          }}
        >
          <select
            aria-label={`Merge ${tag.name} into`}
            value={into}
            onChange={(e) => setInto(e.target.value)}
          >
            <option value="">Merge into…</option>
            {all
              .filter((t) => t.id !== tag.id)
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
          </select>
          <button type="submit" disabled={busy || !into}>
            Merge
          </button>
        </form>
        <button
          type="button"
          aria-label={`Delete ${tag.name}`}
          disabled={busy}
          onClick={() => {
            if (window.confirm(`Delete the tag “${tag.name}”? ${tag.stories} stories lose it.`))
              void run(() => remove.mutateAsync(tag.id), `Deleted “${tag.name}”.`);
          }}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}
