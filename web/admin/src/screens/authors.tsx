import { useCallback, useEffect, useState } from 'react';
import { slugify } from '../../../../src/lib/slug.js';
import { api } from '../api.js';
import { forgetReferenceData } from '../data.js';
import { Notices, useAction } from './manage.js';
import './authors.css';

interface Byline {
  id: number;
  slug: string;
  name: string;
  bio: string;
}

/** Bylines: the names on stories and their author pages (name, address, short biography). */
export function Authors() {
  const [authors, setAuthors] = useState<Byline[] | null>(null);
  const [loadError, setLoadError] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const reload = useCallback(async () => {
    forgetReferenceData();
    try {
      setAuthors((await api<{ authors: Byline[] }>('GET', '/authors')).authors);
    } catch (err) {
      setLoadError((err as Error).message);
    }
  }, []);
  useEffect(() => void reload(), [reload]);
  const action = useAction(reload);

  return (
    <main className="manage">
      <h1>Authors</h1>
      <Notices error={action.error || loadError} notice={action.notice} />
      <AuthorForm
        title="Add an author"
        submit="Add author"
        busy={action.busy}
        onSave={(v) => action.run(() => api('POST', '/authors', v), `Added “${v.name}”.`)}
      />
      <ul className="manage-list">
        {authors?.map((a) => (
          <li key={a.id}>
            <div className="tree-row">
              <span className="tree-name">{a.name}</span>
              <code>/author/{a.slug}</code>
              <button
                type="button"
                aria-label={`Edit ${a.name}`}
                onClick={() => setEditing(editing === a.id ? null : a.id)}
              >
                Edit
              </button>
            </div>
            {a.bio && editing !== a.id && <p className="muted bio">{a.bio}</p>}
            {editing === a.id && (
              <AuthorForm
                title={`Edit ${a.name}`}
                submit="Save"
                initial={a}
                busy={action.busy}
                onCancel={() => setEditing(null)}
                onSave={async (v) => {
                  const ok = await action.run(
                    () => api('PATCH', `/authors/${a.id}`, v),
                    `Saved “${v.name}”.`,
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
  const blank = { name: '', slug: '', bio: '' };
  const [v, setV] = useState<Values>(
    initial ? { name: initial.name, slug: initial.slug, bio: initial.bio } : blank,
  );
  // A new byline's slug follows the name until someone types one; an existing slug stays put.
  const [slugEdited, setSlugEdited] = useState(initial !== undefined);
  return (
    <form
      className="inline-form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(v).then((ok) => {
          if (ok && !initial) {
            setV(blank);
            setSlugEdited(false);
          }
        });
      }}
    >
      <h2>{title}</h2>
      <label>
        Name
        <input
          required
          maxLength={200}
          value={v.name}
          onChange={(e) => {
            const name = e.target.value;
            setV((x) => ({ ...x, name, slug: slugEdited ? x.slug : slugify(name) }));
          }}
        />
      </label>
      <label>
        Slug (address of the author page)
        <input
          required
          pattern="[a-z][a-z0-9\-]*"
          title="lowercase letters, digits and hyphens, starting with a letter"
          value={v.slug}
          onChange={(e) => {
            setSlugEdited(true);
            setV((x) => ({ ...x, slug: e.target.value }));
          }}
        />
      </label>
      <label>
        Biography
        <textarea
          rows={3}
          maxLength={5000}
          value={v.bio}
          onChange={(e) => setV((x) => ({ ...x, bio: e.target.value }))}
        />
      </label>
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {submit}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
