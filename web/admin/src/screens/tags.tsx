import { useEffect, useState } from 'react';
import { messageOf } from '../api/query.js';
import { type CountedTag, useCountedTags, useDeleteTag, useMergeTag, useRenameTag } from '../api/tags.js';
import { Notices, useAction } from '../components/manage.js';
import './tags.css';
import { t } from '../i18n/index.js';

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
      <h1>{t('nav.tags')}</h1>
      <Notices error={action.error || loadError} notice={action.notice} />
      <label className="narrow-field">
        {t('tags.find')}
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {tags && tags.length === LIMIT && <p className="hint">{t('tags.limit', { n: LIMIT })}</p>}
      {tags && (
        <table className="manage-table">
          <caption className="visually-hidden">{t('tags.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tags.col.tag')}</th>
              <th scope="col">{t('tags.col.stories')}</th>
              <th scope="col">{t('alerts.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((g) => (
              <TagRow key={g.id} tag={g} all={tags} busy={action.busy} run={action.run} />
            ))}
          </tbody>
        </table>
      )}
      {tags?.length === 0 && <p className="muted">{t('tags.none')}</p>}
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
          aria-label={t('tags.rename.label', { name: tag.name })}
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => rename.mutateAsync({ id: tag.id, name }),
              t('tags.renamed', { from: tag.name, to: name }),
            );
          }}
        >
          <input
            aria-label={t('tags.newName', { name: tag.name })}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
          <button type="submit" disabled={busy || name.trim() === tag.name}>
            {t('tags.rename')}
          </button>
        </form>
        <form
          className="row"
          aria-label={t('tags.merge.label', { name: tag.name })}
          onSubmit={(e) => {
            e.preventDefault();
            const target = all.find((g) => String(g.id) === into);
            if (!target) return;
            if (
              !window.confirm(t('tags.merge.confirm', { name: tag.name, into: target.name, n: tag.stories }))
            )
              return;
            void run(
              () => merge.mutateAsync({ id: tag.id, into: target.id }),
              t('tags.merged', { name: tag.name, into: target.name }),
            );
          }}
        >
          <select
            aria-label={t('tags.mergeInto.label', { name: tag.name })}
            value={into}
            onChange={(e) => setInto(e.target.value)}
          >
            <option value="">{t('tags.mergeInto')}</option>
            {all
              .filter((g) => g.id !== tag.id)
              .map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
          </select>
          <button type="submit" disabled={busy || !into}>
            {t('tags.merge')}
          </button>
        </form>
        <button
          type="button"
          aria-label={t('manage.delete.label', { name: tag.name })}
          disabled={busy}
          onClick={() => {
            if (window.confirm(t('tags.delete.confirm', { name: tag.name, n: tag.stories })))
              void run(() => remove.mutateAsync(tag.id), t('manage.deleted', { name: tag.name }));
          }}
        >
          {t('manage.delete')}
        </button>
      </td>
    </tr>
  );
}
