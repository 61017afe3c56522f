import { useState } from 'react';
import { previewArticle } from '../api/articles.js';
import { t } from '../i18n/index.js';

/**
 * Opens the story as the public site would render it, at a private link (drafts too). The
 * latest edits are saved first. The tab is opened at once, while the click still counts as the
 * user's, then sent to the link: a tab opened after the requests would meet popup blockers.
 */
export function PreviewButton({ articleId, flush }: { articleId: number; flush: () => Promise<boolean> }) {
  const [busy, setBusy] = useState(false);
  async function open() {
    const tab = window.open('about:blank', '_blank');
    if (tab) tab.opener = null; // the preview page gets no handle on the newsroom app
    setBusy(true);
    try {
      const saved = await flush();
      const { path } = await previewArticle(articleId);
      if (!saved) window.alert(t('preview.unsaved'));
      if (tab) tab.location.href = path;
      else window.location.assign(path);
    } catch (err) {
      tab?.close();
      window.alert(t('preview.failed', { reason: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" disabled={busy} onClick={() => void open()} title={t('preview.title')}>
      {t('ingest.preview')}
    </button>
  );
}
