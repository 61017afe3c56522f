import { slugify } from '@shared/slug.js';
import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import {
  type Article,
  type ArticleFields,
  fieldsOf,
  moveArticle,
  restoreRevision,
  type Transition,
  useArticlesChanged,
  useArticleToEdit,
  type WorkingCopyAction,
} from '../api/articles.js';
import { useEditions } from '../api/editions.js';
import { messageOf } from '../api/query.js';
import type { User } from '../api/session.js';
import { StoryViews } from '../components/story-views.js';
import { Autosaver } from '../editor/autosave.js';
import { useChecklist } from '../editor/checklist.js';
import { Conflict } from '../editor/conflict.js';
import { StoryEntities } from '../editor/entities.js';
import { editable, editVersion, LiveStory } from '../editor/live-story.js';
import { NotesThread } from '../editor/notes.js';
import { Notices } from '../editor/notices.js';
import { PasteConverter } from '../editor/paste-handler.js';
import { WhoIsEditing } from '../editor/presence.js';
import { PreviewButton } from '../editor/preview-button.js';
import { Revisions } from '../editor/revisions.js';
import { BODY_PLACEHOLDER, editorExtensions, toEditorContent } from '../editor/schema.js';
import { SidePanel } from '../editor/side-panel.js';
import { SideBySideToggle, SourcePane } from '../editor/source-pane.js';
import { StoryHead, WordCount } from '../editor/story-head.js';
import { TableTools } from '../editor/table-tools.js';
import { useEditorTick } from '../editor/tick.js';
import { ExtraShortcuts, Toolbar } from '../editor/toolbar.js';
import { TranslateButton } from '../editor/translate-button.js';
import { WireSource } from '../editor/wire-source.js';
import { Workflow } from '../editor/workflow.js';
import './editor.css';
import { t } from '../i18n/index.js';
import { LivePanel } from './live-panel.js';

/**
 * Loads one story, then hands it to the editor, which owns it from then on: the story read here
 * is only its starting point (the autosaver's version and fields), never replaced under it.
 */
export function EditorScreen({ id, user }: { id: number; user: User }) {
  // No connection or a server fault: asked again every 3 s (api/articles.ts), the reason shown
  // meanwhile; the local copy is restored once the story loads.
  const story = useArticleToEdit(id);
  // Only a copy read since this screen opened starts the editor; once it has, a later failed
  // read (there is none by design) could not take the editor away.
  const article = story.isFetchedAfterMount ? story.data : undefined;
  const error = messageOf(story.error ?? story.failureReason);
  if (article) return <StoryEditor initial={article} user={user} />;
  if (error)
    return (
      <main className="narrow">
        <p className="error" role="alert">
          {error}
        </p>
      </main>
    );
  return <p className="loading">{t('editor.loading')}</p>;
}

function StoryEditor({ initial, user }: { initial: Article; user: User }) {
  const [meta, setMeta] = useState<Article>(initial);
  // The story is written in its edition's language and direction (an Arabic story right to left),
  // whatever the app's own language.
  const edition = useEditions().data?.editions.find((e) => e.id === meta.editionId);
  const text = edition ? { lang: edition.language, dir: edition.direction } : undefined;
  // The autosaver exists once per story; unsaved edits from an earlier visit are restored first.
  const [{ saver, start }] = useState(() => {
    // A live story is edited in its working copy (editor/live-story.tsx) when it has one.
    const mine = fieldsOf(editable(initial));
    const s = new Autosaver(initial.id, editVersion(initial), mine, (a) => setMeta(a));
    const local = s.restoreLocal(mine);
    return { saver: s, start: local?.fields ?? mine };
  });
  const [fields, setFields] = useState<ArticleFields>(start);
  const fieldsRef = useRef(fields);
  // Slugs follow the headline until someone edits the slug, and never after first publication.
  const slugFollows = useRef(initial.firstPublishedAt === null && start.slug === slugify(start.headline));
  const applying = useRef(false);
  const state = useSyncExternalStore(saver.subscribe, () => saver.snapshot);
  const checklist = useChecklist(initial.id);
  const articlesChanged = useArticlesChanged();

  function change(patch: Partial<ArticleFields>) {
    const next = { ...fieldsRef.current, ...patch };
    if (patch.headline !== undefined && slugFollows.current) next.slug = slugify(patch.headline);
    fieldsRef.current = next;
    setFields(next);
    saver.edit(next);
  }

  // Side by side: another version of the story (its source) beside the editor, read only.
  const [sourceOpen, setSourceOpen] = useState(false);

  // What the last paste left out, said above the body until dismissed or the next paste.
  const [pasteNotice, setPasteNotice] = useState<string | null>(null);

  // The body is read out of the editor (getJSON, then the autosaver's copy in this browser's
  // storage) when typing pauses, not on every key: both are as long as the story, and a
  // 10,000-word story would miss the 16 ms a key may take (docs/benchmarks.md, "Typing").
  // Anything that saves, and leaving the page, takes the body first (takeBody).
  const bodyTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const bodyMaxTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const bodyPending = useRef<Editor | null>(null);
  function takeBody() {
    clearTimeout(bodyTimer.current);
    clearTimeout(bodyMaxTimer.current);
    const e = bodyPending.current;
    if (!e) return;
    bodyPending.current = null;
    change({ body: e.getJSON() as ArticleFields['body'] });
  }
  const flush = () => {
    takeBody();
    return saver.flush();
  };

  const editor = useEditor({
    extensions: [
      ...editorExtensions(),
      ExtraShortcuts,
      PasteConverter.configure({ onNotice: setPasteNotice }),
    ],
    content: toEditorContent(start.body),
    editable: initial.allowed.update,
    // Only the parts that show the selection (toolbar, image and table panels) follow each
    // transaction (useEditorTick); the whole screen re-rendering per key would be too slow.
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        class: 'prose',
        'aria-label': t('editor.body'),
        'aria-multiline': 'true',
        'aria-placeholder': BODY_PLACEHOLDER,
        role: 'textbox',
      },
    },
    onUpdate: ({ editor: e }) => {
      if (applying.current) return;
      // Typing without a pause still reaches this browser's storage every BODY_MAX_WAIT_MS.
      if (!bodyPending.current) bodyMaxTimer.current = setTimeout(takeBody, BODY_MAX_WAIT_MS);
      bodyPending.current = e;
      saver.typing();
      clearTimeout(bodyTimer.current);
      bodyTimer.current = setTimeout(takeBody, BODY_SETTLE_MS);
    },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: takeBody reads refs only
  useEffect(() => {
    // Closing or hiding the tab keeps the last keys in this browser's storage.
    const leave = () => takeBody();
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', leave);
      takeBody();
      saver.dispose();
    };
  }, [saver]);

  // A transition can take the right to edit away (or give it back).
  useEffect(() => {
    editor?.setEditable(meta.allowed.update, false); // false: not an edit, nothing to save
  }, [editor, meta.allowed.update]);

  // Ctrl/⌘+S saves now instead of opening the browser's "save page" dialog.
  // biome-ignore lint/correctness/useExhaustiveDependencies: flush reads refs and the saver only
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void flush();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saver]);

  /** Shows a story the server sent (their version, a restored revision) without echoing it back. */
  function show(article: Article) {
    const f = fieldsOf(editable(article));
    fieldsRef.current = f;
    setFields(f);
    setMeta(article);
    applying.current = true;
    editor?.commands.setContent(toEditorContent(f.body));
    applying.current = false;
  }

  async function move(
    action: Transition | WorkingCopyAction,
    publishAt?: string,
    note?: string,
    extra?: { notice?: { kind: string; text: string } },
  ) {
    if (!(await flush())) {
      window.alert(t('editor.notMoved'));
      return;
    }
    // Publish, schedule and update show the checklist first (editor/checklist.tsx).
    const verdict = await checklist.confirm(action, publishAt);
    if (!verdict) return;
    try {
      const a = await moveArticle(meta.id, {
        action,
        // Moves of the story itself carry its version; those of a working copy, the copy's.
        version: isCopyMove(action, meta) ? saver.currentVersion : meta.version,
        ...(publishAt ? { publishAt } : {}),
        ...verdict,
        ...(note ? { note } : {}),
        ...(extra?.notice ? { notice: extra.notice } : {}),
      });
      // The desk's and stories' lists are stale now: asked again when next shown.
      void articlesChanged();
      if (action === 'discard') {
        saver.reset(a);
        show(a);
        return;
      }
      saver.moved(a);
      setMeta(a);
    } catch (err) {
      window.alert((err as Error).message);
    }
  }

  async function restore(revisionId: number) {
    if (!(await flush())) return;
    try {
      const a = await restoreRevision(meta.id, revisionId, saver.currentVersion);
      saver.reset(a);
      show(a);
    } catch (err) {
      window.alert((err as Error).message);
    }
  }

  return (
    <main className="editor-screen">
      <div className="editor-main">
        <h1 className="visually-hidden">{t('editor.title', { headline: fields.headline })}</h1>
        {/* The pane comes and goes beside the editor; the editor's own elements stay where they are. */}
        <div className={sourceOpen ? 'side-by-side' : undefined}>
          {sourceOpen && <SourcePane articleId={meta.id} onClose={() => setSourceOpen(false)} />}
          <div className="editor-work">
            <StoryHead fields={fields} change={change} locked={!meta.allowed.update} text={text} />
            <div className="editor-head">
              <output
                className={`save-state save-${state.status}`}
                aria-live="polite"
                data-testid="save-state"
              >
                {state.message}
              </output>
              <PreviewButton articleId={meta.id} flush={flush} />
              <TranslateButton articleId={meta.id} flush={flush} />
              <SideBySideToggle articleId={meta.id} open={sourceOpen} setOpen={setSourceOpen} />
              {/* On a phone the workflow is below the story: one tap away rather than a long scroll. */}
              <a className="to-workflow" href="#story-workflow">
                {t('editor.toWorkflow')}
              </a>
              {editor && <WordCount editor={editor} />}
              {(state.status === 'error' || state.status === 'offline') && (
                <button type="button" onClick={() => saver.retry()}>
                  {t('editor.retry')}
                </button>
              )}
            </div>
            <WhoIsEditing articleId={meta.id} user={user} saver={saver} onReload={show} />
            {state.conflict && (
              <Conflict
                current={state.conflict.current}
                mine={state.conflict.mine}
                keepMine={() => saver.keepMine()}
                takeTheirs={() => {
                  const theirs = saver.takeTheirs();
                  if (theirs) show(theirs);
                }}
              />
            )}
            <LiveStory meta={meta} fields={fields} run={(a, x) => move(a, undefined, x?.note, x)} />
            {pasteNotice && (
              <div className="paste-notice" role="status">
                <p>{t('editor.pasteNotice', { left: pasteNotice })}</p>
                <button type="button" onClick={() => setPasteNotice(null)}>
                  {t('common.dismiss')}
                </button>
              </div>
            )}
            {editor && <Toolbar editor={editor} user={user} />}
            {editor && <ImageAttrs editor={editor} />}
            {editor && <TableTools editor={editor} />}
            <EditorContent editor={editor} className="editor-body" lang={text?.lang} dir={text?.dir} />
          </div>
        </div>
      </div>
      <aside className="editor-side" aria-label={t('editor.side')}>
        <Workflow meta={meta} move={move} />
        <LivePanel articleId={meta.id} />
        {checklist.dialog}
        <SidePanel
          user={user}
          fields={fields}
          meta={meta}
          change={change}
          onSlugEdited={() => {
            slugFollows.current = false;
          }}
        />
        <StoryEntities articleId={meta.id} version={meta.version} locked={!meta.allowed.update} />
        <WireSource articleId={meta.id} />
        <Notices articleId={meta.id} live={meta.status === 'published'} />
        <StoryViews id={meta.id} published={meta.status === 'published'} />
        <NotesThread articleId={meta.id} version={meta.version} />
        <Revisions articleId={meta.id} version={meta.version} restore={restore} />
      </aside>
    </main>
  );
}

/** How long typing pauses before the body is taken out of the editor (see takeBody). */
const BODY_SETTLE_MS = 250;
const BODY_MAX_WAIT_MS = 2000;

/** Alt text, caption, credit and the file-photo flag of the selected image. */
function ImageAttrs({ editor }: { editor: Editor }) {
  useEditorTick(editor);
  if (!editor.isActive('image')) return null;
  const a = editor.getAttributes('image') as {
    mediaId: number;
    alt: string | null;
    caption: string | null;
    credit: string | null;
    filePhoto: boolean;
  };
  const set = (patch: Record<string, unknown>) => editor.commands.updateAttributes('image', patch);
  return (
    <fieldset className="image-attrs">
      <legend>{t('editor.image', { id: String(a.mediaId) })}</legend>
      <label>
        {t('editor.image.alt')}
        <input value={a.alt ?? ''} onChange={(e) => set({ alt: e.target.value || null })} />
      </label>
      <label>
        {t('editor.image.caption')}
        <input value={a.caption ?? ''} onChange={(e) => set({ caption: e.target.value || null })} />
      </label>
      <label>
        {t('editor.image.credit')}
        <input value={a.credit ?? ''} onChange={(e) => set({ credit: e.target.value || null })} />
      </label>
      <label className="check">
        <input type="checkbox" checked={a.filePhoto} onChange={(e) => set({ filePhoto: e.target.checked })} />
        {t('editor.image.filePhoto')}
      </label>
    </fieldset>
  );
}

/** Does this move act on the working copy of a live story (its version) rather than the story? */
function isCopyMove(action: Transition | WorkingCopyAction, meta: Article): boolean {
  if (action === 'update' || action === 'discard') return true;
  return meta.editsGoTo === 'working-copy' ? action === 'submit' || action === 'return' : true;
}
