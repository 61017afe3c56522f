import { renderHtml } from '@shared/document/index.js';
import { useQuery } from '@tanstack/react-query';
import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { articleKeys, getArticle } from '../api/articles.js';
import { type Translation, useEditions, useTranslations } from '../api/editions.js';
import { messageOf } from '../api/query.js';
import { appLocale, t } from '../i18n/index.js';
import { editable } from './live-story.js';
import './source-pane.css';

/** The story's other versions in its translation group, the source first (what the pane offers). */
export function useOtherVersions(articleId: number): Translation[] {
  const list = useTranslations(articleId).data?.translations ?? [];
  return [...list.filter((v) => v.source), ...list.filter((v) => !v.source)];
}

/**
 * Side by side: the button in the editor's head that opens or closes the source pane. Shown
 * only when the story has a translation group (a source or another translation to read).
 */
export function SideBySideToggle({
  articleId,
  open,
  setOpen,
}: {
  articleId: number;
  open: boolean;
  setOpen: (open: boolean) => void;
}) {
  if (useOtherVersions(articleId).length === 0) return null;
  return (
    <button type="button" aria-pressed={open} onClick={() => setOpen(!open)}>
      {t('sideBySide.toggle')}
    </button>
  );
}

/**
 * The translator's reference: another version of the story (its source unless another is
 * picked), read only, in its own language and direction, beside the editor. Its text is the
 * newest the newsroom has (a live story's working copy), read from the server on its own: the
 * editor's copy, autosave and the query of the story being edited are never touched.
 */
export function SourcePane({ articleId, onClose }: { articleId: number; onClose: () => void }) {
  const versions = useOtherVersions(articleId);
  const [picked, setPicked] = useState<number | null>(null);
  const shown = versions.find((v) => v.articleId === picked) ?? versions[0];
  const story = useQuery({
    queryKey: [...articleKeys.all, 'side-by-side', shown?.articleId],
    queryFn: () => getArticle(shown?.articleId as number),
    enabled: shown !== undefined,
    staleTime: 30_000,
  });
  const edition = useEditions().data?.editions.find((e) => e.id === story.data?.editionId);
  const fields = useMemo(() => (story.data ? editable(story.data) : undefined), [story.data]);
  // The body through the public site's renderer (every text escaped, only safe links); images
  // as the editor shows them.
  const html = useMemo(
    () =>
      fields
        ? renderHtml(fields.body, {
            media: (id) => ({ src: `/media/${id}/320.jpg`, width: 0, height: 0, alt: '' }),
          })
        : '',
    [fields],
  );
  const text = useRef<HTMLDivElement>(null);
  useScrollInStep(text);
  const error = messageOf(story.error);

  return (
    <section id="source-pane" className="source-pane" aria-labelledby="source-pane-title">
      <header className="source-pane-head">
        <h2 id="source-pane-title">{shown?.source ? t('sideBySide.source') : t('sideBySide.other')}</h2>
        {versions.length > 1 && (
          <label>
            <span className="visually-hidden">{t('sideBySide.pick')}</span>
            <select value={shown?.articleId} onChange={(e) => setPicked(Number(e.currentTarget.value))}>
              {versions.map((v) => (
                <option key={v.articleId} value={v.articleId}>
                  {t(v.source ? 'sideBySide.option.source' : 'sideBySide.option', {
                    language: languageName(v.language),
                    headline: v.headline,
                  })}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={onClose}>
          {t('sideBySide.close')}
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!fields && !error && <p className="loading">{t('sideBySide.loading')}</p>}
      {fields && (
        <div
          ref={text}
          className="source-text"
          lang={edition?.language ?? shown?.language}
          dir={edition?.direction ?? 'auto'}
          data-testid="source-text"
        >
          <p className="source-headline">{fields.headline}</p>
          {fields.dek && <p className="source-dek">{fields.dek}</p>}
          {/* renderHtml escapes every text and attribute value it writes. */}
          <div className="prose source-body" dangerouslySetInnerHTML={{ __html: html }} />
        </div>
      )}
    </section>
  );
}

/** "English" for `en`, in the app's language (the code itself where the browser has no name). */
function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([appLocale().lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Keeps the pane roughly in step with the editor, by block: when the page scrolls, the pane's
 * text scrolls to the block of the same index as the editor's first block in view. Only the pane
 * moves; the editor, its selection and the page are left alone.
 */
function useScrollInStep(pane: RefObject<HTMLElement | null>) {
  useEffect(() => {
    let frame = 0;
    const follow = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const body = document.querySelector('.editor-body .ProseMirror');
        const box = pane.current;
        const blocks = box?.querySelector('.source-body')?.children;
        if (!body || !box || !blocks?.length) return;
        // Text that fits needs no scrolling.
        if (box.scrollHeight <= box.clientHeight) return;
        const index = Array.from(body.children).findIndex((b) => b.getBoundingClientRect().bottom > 0);
        const target = blocks[Math.min(Math.max(index, 0), blocks.length - 1)] as HTMLElement;
        box.scrollTo({ top: Math.max(target.offsetTop - 8, 0) });
      });
    };
    window.addEventListener('scroll', follow, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', follow);
    };
  }, [pane]);
}
