import { isSafeHref } from '@shared/document/index.js';
import type { Editor } from '@tiptap/core';
import { useEffect, useId, useRef, useState } from 'react';
import { type ArticleSummary, searchStories } from '../api/articles.js';
import { siteSetting } from '../api/client.js';
import { t } from '../i18n/index.js';
import { EditorDialog } from './editor-dialog.js';

/**
 * The link dialog: an address, "open in a new tab", and a search of the newsroom's own
 * published stories (the full-text search of /api/admin/search), whose choice fills the address
 * with the story's public URL. Replaces the browser's prompt(), which can neither search nor
 * say what is wrong with an address.
 */
export function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const current = editor.getAttributes('link') as { href?: string; newTab?: boolean | null };
  const [href, setHref] = useState(current.href ?? '');
  const [newTab, setNewTab] = useState(current.newTab === true);
  const [error, setError] = useState('');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<ArticleSummary[] | null>(null);
  const [searching, setSearching] = useState(false);

  // Asked as the words are typed, after a short pause; a newer question replaces an older one.
  useEffect(() => {
    const words = q.trim();
    if (words.length < 2) {
      setFound(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      setSearching(true);
      const query = new URLSearchParams({ q: words, status: 'published', limit: '8' });
      searchStories(query)
        .then((r) => {
          if (!stale) setFound(r.articles.filter((a) => a.path));
        })
        .catch(() => {
          if (!stale) setFound([]);
        })
        .finally(() => {
          if (!stale) setSearching(false);
        });
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [q]);

  function apply() {
    const value = href.trim();
    if (!value) return remove();
    if (!isSafeHref(value)) {
      setError(t('link.refused'));
      return;
    }
    const attrs = { href: value, newTab: newTab ? true : null } as { href: string };
    if (editor.state.selection.empty && !editor.isActive('link')) {
      // Nothing selected: the address itself becomes the linked text.
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: value, marks: [{ type: 'link', attrs }] })
        .run();
    } else editor.chain().focus().extendMarkRange('link').setLink(attrs).run();
    ref.current?.close();
  }

  function remove() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    ref.current?.close();
  }

  const origin = siteSetting('site-url').replace(/\/$/, '') || window.location.origin;
  return (
    <EditorDialog
      editor={editor}
      dialogRef={ref}
      idPrefix={id}
      title={t('tool.link')}
      className="link-dialog"
      submitLabel={t('stories.apply')}
      onSubmit={apply}
      onClose={onClose}
      extraButtons={
        current.href && (
          <button type="button" onClick={remove}>
            {t('link.remove')}
          </button>
        )
      }
    >
      <label htmlFor={`${id}-href`}>{t('mirrors.col.address')}</label>
      <input
        id={`${id}-href`}
        type="url"
        inputMode="url"
        placeholder="https://"
        value={href}
        onChange={(e) => {
          setHref(e.target.value);
          setError('');
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
      <label className="check">
        <input type="checkbox" checked={newTab} onChange={(e) => setNewTab(e.target.checked)} />
        {t('link.newTab')}
      </label>
      <label htmlFor={`${id}-search`}>{t('link.find')}</label>
      <input
        id={`${id}-search`}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        aria-controls={`${id}-results`}
        placeholder={t('link.find.placeholder')}
      />
      <div id={`${id}-results`} aria-live="polite" className="link-results">
        {searching && <p className="hint">{t('link.searching')}</p>}
        {found && !searching && found.length === 0 && <p className="hint">{t('link.none')}</p>}
        {found && found.length > 0 && (
          <ul>
            {found.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  onClick={() => {
                    setHref(`${origin}${a.path}`);
                    setError('');
                  }}
                >
                  {a.headline}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </EditorDialog>
  );
}
