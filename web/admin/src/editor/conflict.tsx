import { type Doc, renderText } from '@shared/document/index.js';
import type { Article, ArticleFields } from '../api/articles.js';
import { formatNewsroomTime } from '../time.js';
import { toDoc } from './schema.js';
import './conflict.css';
import { t } from '../i18n/index.js';

function text(body: unknown): string {
  try {
    return renderText(toDoc(body) as Doc);
  } catch {
    return '(text that could not be read)';
  }
}

function Version({ title, fields, note }: { title: string; fields: ArticleFields; note: string }) {
  return (
    <section className="version">
      <h3>{title}</h3>
      <p className="muted">{note}</p>
      <h4>{fields.headline}</h4>
      {fields.dek && <p className="dek">{fields.dek}</p>}
      <div className="version-text">{text(fields.body)}</div>
    </section>
  );
}

/** Someone else saved meanwhile (409): both versions side by side; the user picks. */
export function Conflict({
  current,
  mine,
  keepMine,
  takeTheirs,
}: {
  current: Article;
  mine: ArticleFields;
  keepMine: () => void;
  takeTheirs: () => void;
}) {
  return (
    <div
      className="conflict"
      role="alertdialog"
      aria-labelledby="conflict-title"
      aria-describedby="conflict-desc"
    >
      <h2 id="conflict-title">{t('conflict.title')}</h2>
      <p id="conflict-desc">{t('conflict.text')}</p>
      <div className="versions">
        <Version
          title={t('conflict.theirs')}
          fields={current}
          note={t('conflict.theirs.note', {
            version: String(current.version),
            time: formatNewsroomTime(current.updatedAt),
          })}
        />
        <Version title={t('conflict.mine')} fields={mine} note={t('conflict.mine.note')} />
      </div>
      <div className="buttons">
        <button type="button" className="primary" onClick={keepMine}>
          {t('conflict.keepMine')}
        </button>
        <button type="button" onClick={takeTheirs}>
          {t('conflict.useTheirs')}
        </button>
      </div>
    </div>
  );
}
