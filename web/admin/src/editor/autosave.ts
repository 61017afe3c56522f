/**
 * Autosave: every edit goes to this device's storage at once, and to the server two seconds
 * after typing stops (PUT …/autosave with the version it was based on). Without a connection it
 * retries until the server answers; a 409 stops and asks the user which version to keep.
 */

import { DocumentError } from '@shared/document/index.js';
import { type Article, type ArticleFields, autosaveArticle, fieldsOf } from '../api/articles.js';
import { ApiError } from '../api/client.js';
import { t } from '../i18n/index.js';
import { clock } from '../time.js';
import { clearDraft, keepCopy, type LocalDraft, loadDraft, sameFields, storeDraft } from './drafts.js';
import { editable, editVersion } from './live-story.js';
import { toDoc } from './schema.js';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'offline' | 'conflict' | 'error' | 'restored';

export interface SaveState {
  status: SaveStatus;
  /** What the status line shows. */
  message: string;
  /** Set while the server's version and ours disagree (409). */
  conflict: { current: Article; mine: ArticleFields } | null;
}

const DEBOUNCE_MS = 2000;
const MAX_RETRY_MS = 15_000;

export class Autosaver {
  private state: SaveState;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = 2000;
  private seq = 0;
  private savedSeq = 0;
  private inFlight: Promise<boolean> | null = null;
  private disposed = false;

  constructor(
    readonly articleId: number,
    private version: number,
    private fields: ArticleFields,
    /** Called with the server's answer after each successful save. */
    private onSaved: (article: Article) => void,
  ) {
    this.state = { status: 'saved', message: t('save.allSaved'), conflict: null };
    window.addEventListener('online', this.onOnline);
    window.addEventListener('pagehide', this.persist);
  }

  get snapshot(): SaveState {
    return this.state;
  }
  get currentVersion(): number {
    return this.version;
  }
  get dirty(): boolean {
    return this.seq !== this.savedSeq;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(status: SaveStatus, message: string, conflict: SaveState['conflict'] = null) {
    this.state = { status, message, conflict };
    for (const l of this.listeners) l();
  }

  /**
   * Edits kept on this device from an earlier visit, if they differ from what the server has;
   * the caller shows them and they are saved (or met with a 409) like fresh typing.
   */
  restoreLocal(server: ArticleFields): LocalDraft | null {
    const local = loadDraft(this.articleId);
    if (!local) return null;
    if (sameFields(local.fields, server)) {
      clearDraft(this.articleId);
      return null;
    }
    this.version = local.baseVersion;
    this.fields = local.fields;
    this.seq++;
    this.set('restored', t('save.restored'));
    this.schedule(0);
    return local;
  }

  /** One edit: kept locally now, sent to the server when typing pauses. */
  edit(fields: ArticleFields): void {
    this.fields = fields;
    this.seq++;
    const stored = this.persist();
    if (this.state.status === 'conflict') return; // the user decides first; nothing is sent
    if (this.state.status !== 'offline' && this.state.status !== 'error') {
      this.set('dirty', stored ? t('save.dirty') : t('save.dirty.notKept'));
    }
    this.schedule(DEBOUNCE_MS);
  }

  /**
   * A key was typed; its text reaches `edit` when typing pauses (screens/editor.tsx). Cheap on
   * purpose, it runs on every key: no copy of the story, and the listeners are told only when
   * "Saved at" has to give way. A save in flight meanwhile ends as "Unsaved changes".
   */
  typing(): void {
    this.seq++;
    if (this.state.status === 'saved') this.set('dirty', t('save.dirty'));
  }

  /** Saves now if anything is unsaved; true once the server has everything. */
  async flush(): Promise<boolean> {
    clearTimeout(this.timer);
    if (this.inFlight) await this.inFlight;
    if (!this.dirty) return true;
    if (this.state.status === 'conflict') return false;
    return this.save();
  }

  /** After a 409: keep my version, saved on top of theirs (theirs stays in the history). */
  keepMine(): void {
    const c = this.state.conflict;
    if (!c) return;
    this.version = c.current.version;
    this.set('dirty', t('save.savingYours'));
    this.persist();
    void this.save();
  }

  /**
   * After a 409: take their version. Mine is parked in this browser's storage (never discarded);
   * returns the server's story for the editor to show.
   */
  takeTheirs(): Article | null {
    const c = this.state.conflict;
    if (!c) return null;
    // The latest edits, including any typed while the question was open.
    keepCopy({
      articleId: this.articleId,
      baseVersion: this.version,
      fields: this.fields,
      editedAt: Date.now(),
    });
    this.reset(c.current);
    return c.current;
  }

  /** The server's story is now the truth (after a conflict choice or a revision restore). */
  reset(article: Article): void {
    clearTimeout(this.timer);
    this.version = editVersion(article);
    this.fields = fieldsOf(editable(article));
    this.savedSeq = ++this.seq;
    clearDraft(this.articleId);
    this.set('saved', t('save.savedAt', { time: clock(new Date()) }));
  }

  /** A transition moved the story on (same content, new version). */
  moved(article: Article): void {
    this.version = editVersion(article);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.persist();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('pagehide', this.persist);
  }

  private persist = (): boolean => {
    if (!this.dirty) return true;
    return storeDraft({
      articleId: this.articleId,
      baseVersion: this.version,
      fields: this.fields,
      editedAt: Date.now(),
    });
  };

  private onOnline = () => {
    if (this.dirty && this.state.status !== 'conflict') this.schedule(0);
  };

  private schedule(ms: number) {
    clearTimeout(this.timer);
    if (this.disposed) return;
    this.timer = setTimeout(() => void this.save(), ms);
  }

  private save(): Promise<boolean> {
    if (this.inFlight) {
      // A save is under way; another follows it if typing continued meanwhile.
      return this.inFlight.then(() => (this.dirty ? this.save() : true));
    }
    this.inFlight = this.send().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async send(): Promise<boolean> {
    if (!this.dirty) return true;
    const seq = this.seq;
    const fields = this.fields;
    let body: ArticleFields['body'];
    try {
      body = toDoc(fields.body);
    } catch (err) {
      const why = err instanceof DocumentError ? err.message : String(err);
      this.set('error', t('save.invalid', { why }));
      return false;
    }
    if (!fields.headline.trim()) {
      this.set('error', 'A headline is needed before saving. Your text is kept on this device.');
      return false;
    }
    if (!navigator.onLine) {
      this.set('offline', t('save.offline'));
      this.schedule(this.nextRetry());
      return false;
    }
    this.set('saving', t('save.saving'));
    const { slug, ...rest } = fields;
    const payload = { ...rest, body, ...(slug ? { slug } : {}), version: this.version };
    try {
      const article = await autosaveArticle(this.articleId, payload);
      this.version = editVersion(article);
      this.retryMs = 2000;
      if (this.seq === seq) {
        this.savedSeq = seq;
        clearDraft(this.articleId);
        this.set('saved', t('save.savedAt', { time: clock(new Date()) }));
      } else {
        this.persist(); // newer typing, based on the new version
        this.set('dirty', t('save.dirty'));
        this.schedule(DEBOUNCE_MS);
      }
      this.onSaved(article);
      return this.seq === seq;
    } catch (err) {
      return this.failed(err);
    }
  }

  private failed(err: unknown): false {
    if (!(err instanceof ApiError)) {
      this.set('error', t('save.failed', { reason: String(err) }));
      return false;
    }
    if (err.status === 409) {
      const current = (err.details as { current?: Article } | undefined)?.current;
      if (current) {
        this.persist();
        this.set('conflict', t('save.conflict'), {
          current: editable(current),
          mine: this.fields,
        });
        return false;
      }
    }
    if (err.offline || err.status >= 500 || err.status === 429) {
      // No network at all, or a network but no server (restarting, deploying): both retry.
      this.set('offline', err.offline && !navigator.onLine ? t('save.offline') : t('save.unreachable'));
      this.schedule(this.nextRetry());
      return false;
    }
    const message = err.status === 401 ? t('save.signedOut') : t('save.failed', { reason: err.message });
    this.set('error', message);
    return false;
  }

  private nextRetry(): number {
    const ms = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    return ms;
  }

  /** Tries again now (the "Retry" button). */
  retry(): void {
    this.retryMs = 2000;
    this.schedule(0);
  }
}
