import { useState } from 'react';
import { useAddAuthor, useAuthorList, useEditAuthor } from '../api/authors.js';
import { messageOf } from '../api/query.js';
import { NamedForm, Notices, useAction } from '../components/manage.js';
import './authors.css';
import { t } from '../i18n/index.js';

/** Bylines: the names on stories and their author pages (name, address, short biography). */
export function Authors() {
  const query = useAuthorList({ fresh: true });
  const authors = query.data;
  const loadError = messageOf(query.error);
  const [editing, setEditing] = useState<number | null>(null);
  const add = useAddAuthor();
  const edit = useEditAuthor();
  const action = useAction();

  return (
    <main className="manage">
      <h1>{t('nav.authors')}</h1>
      <Notices error={action.error || loadError} notice={action.notice} />
      <AuthorForm
        title={t('authors.add.title')}
        submit={t('authors.add')}
        busy={action.busy}
        onSave={(v) => action.run(() => add.mutateAsync(v), t('manage.added', { name: v.name }))}
      />
      <ul className="manage-list">
        {authors?.map((a) => (
          <li key={a.id}>
            <div className="tree-row">
              <span className="tree-name">{a.name}</span>
              <code>/author/{a.slug}</code>
              <button
                type="button"
                aria-label={t('manage.edit.label', { name: a.name })}
                onClick={() => setEditing(editing === a.id ? null : a.id)}
              >
                {t('manage.edit')}
              </button>
            </div>
            {a.bio && editing !== a.id && <p className="muted bio">{a.bio}</p>}
            {editing === a.id && (
              <AuthorForm
                title={t('manage.edit.label', { name: a.name })}
                submit={t('manage.save')}
                initial={a}
                busy={action.busy}
                onCancel={() => setEditing(null)}
                onSave={async (v) => {
                  const ok = await action.run(
                    () => edit.mutateAsync({ id: a.id, values: v }),
                    t('manage.saved', { name: v.name }),
                  );
                  if (ok) setEditing(null);
                  return ok;
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}

interface Values {
  name: string;
  slug: string;
  bio: string;
}

function AuthorForm({
  title,
  submit,
  initial,
  busy,
  onSave,
  onCancel,
}: {
  title: string;
  submit: string;
  initial?: Values;
  busy: boolean;
  onSave: (v: Values) => Promise<boolean>;
  onCancel?: () => void;
}) {
  return (
    <NamedForm<Values>
      title={title}
      submit={submit}
      slugLabel={t('authors.slug')}
      initial={initial && { name: initial.name, slug: initial.slug, bio: initial.bio }}
      blank={{ name: '', slug: '', bio: '' }}
      busy={busy}
      onSave={onSave}
      onCancel={onCancel}
      fields={(v, change) => (
        <label>
          {t('authors.bio')}
          <textarea
            rows={3}
            maxLength={5000}
            value={v.bio}
            onChange={(e) => change({ bio: e.target.value })}
          />
        </label>
      )}
    />
  );
}
