/** Small shared parts of the management screens (sections, tags, authors, users). */

import { slugify } from '@shared/slug.js';
import { type ReactNode, useCallback, useState } from 'react';
import { t } from '../i18n/index.js';

/**
 * Runs one change at a time, says what happened, and reports the server's reason on failure.
 * The work is a mutation from api/ (mutateAsync): it invalidates what it changed, so the screen's
 * queries show the result without a reload here.
 */
export function useAction() {
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(true);
    setError('');
    setNotice('');
    try {
      await work();
      setNotice(done);
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, notice, busy, run, setError };
}

export function Notices({ error, notice }: { error: string; notice: string }) {
  return (
    <>
      <div role="alert">{error && <p className="error">{error}</p>}</div>
      <div role="status" aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
      </div>
    </>
  );
}

/** What a signed-in user sees at an address their role may not use. */
export function NotAllowed({ what }: { what: string }) {
  return (
    <main className="narrow">
      <h1>{t('manage.notAllowed.title')}</h1>
      <p>{t('manage.notAllowed', { what })}</p>
    </main>
  );
}

/**
 * The add/edit form of things with a name and a slug (sections, bylines): the slug follows the
 * name until someone types one (an existing slug stays put), a successful add empties the form,
 * and the fields in between are the caller's (`fields`, given the values and a way to change them).
 */
export function NamedForm<V extends { name: string; slug: string }>({
  title,
  submit,
  slugLabel = t('manage.slug'),
  initial,
  blank,
  busy,
  onSave,
  onCancel,
  fields,
}: {
  title: string;
  submit: string;
  slugLabel?: string;
  initial?: V;
  blank: V;
  busy: boolean;
  onSave: (v: V) => Promise<boolean>;
  onCancel?: () => void;
  fields?: (v: V, change: (patch: Partial<V>) => void) => ReactNode;
}) {
  const [v, setV] = useState<V>(initial ?? blank);
  const [slugEdited, setSlugEdited] = useState(initial !== undefined);
  const change = (patch: Partial<V>) => setV((x) => ({ ...x, ...patch }));
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
        {t('manage.name')}
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
        {slugLabel}
        <input
          required
          pattern="[a-z][a-z0-9\-]*"
          title={t('manage.slug.pattern')}
          value={v.slug}
          onChange={(e) => {
            setSlugEdited(true);
            change({ slug: e.target.value } as Partial<V>);
          }}
        />
      </label>
      {fields?.(v, change)}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {submit}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('manage.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
