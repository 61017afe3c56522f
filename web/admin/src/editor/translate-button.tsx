import { useState } from 'react';
import { translateArticle, useEditions, useTranslations } from '../api/editions.js';
import { navigate, onLinkClick } from '../router.js';
import './translate-button.css';
import { t } from '../i18n/index.js';

/**
 * Translate: for each other edition, the story's translation there (opened in the editor), or
 * a button making one — a linked draft starting from this story's words. Shown only when the
 * newsroom has more than one edition. The draft opens in the editor at once.
 */
export function TranslateButton({ articleId, flush }: { articleId: number; flush: () => Promise<boolean> }) {
  const editions = useEditions();
  const translations = useTranslations(articleId);
  const [busy, setBusy] = useState(false);
  const all = editions.data?.editions ?? [];
  const own = translations.data?.editionId;
  if (all.length < 2 || own === undefined) return null;
  const linked = new Map((translations.data?.translations ?? []).map((v) => [v.editionId, v]));
  async function translate(editionId: number) {
    setBusy(true);
    try {
      await flush();
      const draft = await translateArticle(articleId, editionId);
      navigate(`/stories/${draft.id}`);
    } catch (err) {
      window.alert(t('translate.failed', { reason: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <details className="translate-menu">
      <summary>{t('translate.menu')}</summary>
      <ul>
        {all
          .filter((e) => e.id !== own)
          .map((e) => {
            const linkedStory = linked.get(e.id);
            return (
              <li key={e.id} lang={e.language} dir={e.direction}>
                {linkedStory ? (
                  <a href={`/admin/stories/${linkedStory.articleId}`} onClick={onLinkClick}>
                    {linkedStory.headline}
                  </a>
                ) : (
                  <button type="button" disabled={busy} onClick={() => void translate(e.id)}>
                    {e.name}
                  </button>
                )}
              </li>
            );
          })}
      </ul>
    </details>
  );
}
