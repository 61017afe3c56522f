import { type Doc, renderText } from '@shared/document/index.js';
import type { Article, ArticleFields } from '../api/articles.js';
import { formatNewsroomTime } from '../time.js';
import { toDoc } from './schema.js';
import './conflict.css';

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
      <h2 id="conflict-title">Someone else saved this story while you were editing</h2>
      <p id="conflict-desc">
        Nothing has been overwritten. Choose the version to continue with; the other one is not lost (theirs
        stays in the history, yours is kept on this device).
      </p>
      <div className="versions">
        <Version
          title="Their version"
          fields={current}
          note={`Version ${current.version}, saved ${formatNewsroomTime(current.updatedAt)}`}
        />
        <Version title="Your version" fields={mine} note="Your unsaved edits" />
      </div>
      <div className="buttons">
        <button type="button" className="primary" onClick={keepMine}>
          Keep mine
        </button>
        <button type="button" onClick={takeTheirs}>
          Use theirs
        </button>
      </div>
    </div>
  );
}
