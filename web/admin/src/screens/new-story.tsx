import { useState } from 'react';
import { createArticle } from '../api/articles.js';
import { sectionLabel, useSections } from '../api/sections.js';
import { t } from '../i18n/index.js';
import { navigate } from '../router.js';

/** A story starts with a headline and a section (the API needs both); the editor does the rest. */
export function NewStory() {
  const sections = useSections();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    try {
      const a = await createArticle({
        headline: String(form.get('headline') ?? ''),
        sectionId: Number(form.get('sectionId')),
        body: { type: 'doc', content: [] },
      });
      navigate(`/stories/${a.id}`, { replace: true });
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <main className="narrow">
      <h1>{t('app.newStory')}</h1>
      <form onSubmit={(e) => void create(e)}>
        <label>
          {t('newStory.headline')}
          <input name="headline" required maxLength={300} />
        </label>
        <label>
          {t('newStory.section')}
          <select name="sectionId" required>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {sectionLabel(s)}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !sections.length}>
          {t('newStory.create')}
        </button>
      </form>
    </main>
  );
}
