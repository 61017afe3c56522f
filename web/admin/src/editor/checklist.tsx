import { type ReactNode, useEffect, useRef, useState } from 'react';
import { type ChecksAnswer, useAskChecks } from '../api/checks.js';
import './checklist.css';
import { t } from '../i18n/index.js';

/**
 * The checklist before publishing: Publish, Schedule and Update first ask the server for the
 * story's checks (`GET /articles/{id}/checks`). Errors (red) block the move; warnings (amber)
 * block it too unless the user may override them (editors and above: "Publish anyway"); an
 * all-clear goes straight on with a short note. The server checks again on the move itself,
 * so this dialog is for people, not the guarantee.
 */

const CHECKED = new Set(['publish', 'schedule', 'update']);
const VERB: Record<string, string> = {
  publish: t('bulk.publish'),
  schedule: t('workflow.scheduleButton'),
  update: t('checks.update'),
};
const GOING: Record<string, string> = {
  publish: t('checks.going.publish'),
  schedule: t('checks.going.schedule'),
  update: t('checks.going.update'),
};
const BEFORE: Record<string, string> = {
  publish: t('checks.before.publish'),
  schedule: t('checks.before.schedule'),
  update: t('checks.before.update'),
};

/** What to add to the transition's body (`{ override: true }` or nothing), or null: cancelled. */
export type ChecksVerdict = { override?: true } | null;

export function useChecklist(articleId: number): {
  confirm: (action: string, publishAt?: string) => Promise<ChecksVerdict>;
  dialog: ReactNode;
} {
  const [open, setOpen] = useState<{
    action: string;
    answer: ChecksAnswer;
    resolve: (v: ChecksVerdict) => void;
  } | null>(null);
  const [passed, setPassed] = useState('');
  const askChecks = useAskChecks(articleId);

  // The all-clear note fades after a few seconds.
  useEffect(() => {
    if (!passed) return;
    const timer = setTimeout(() => setPassed(''), 5000);
    return () => clearTimeout(timer);
  }, [passed]);

  async function confirm(action: string, publishAt?: string): Promise<ChecksVerdict> {
    if (!CHECKED.has(action)) return {};
    const query = new URLSearchParams({ action, ...(publishAt ? { publishAt } : {}) });
    let answer: ChecksAnswer;
    try {
      answer = await askChecks(query);
    } catch {
      // The move itself is checked by the server, which answers with the list if it must.
      return {};
    }
    if (answer.checks.length === 0) {
      setPassed(t('checks.passed', { going: GOING[action] ?? action }));
      return {};
    }
    return new Promise((resolve) => setOpen({ action, answer, resolve }));
  }

  const dialog = (
    <>
      {passed && (
        <p className="checks-passed" role="status">
          {passed}
        </p>
      )}
      {open && (
        <ChecklistDialog
          action={open.action}
          answer={open.answer}
          done={(v) => {
            open.resolve(v);
            setOpen(null);
          }}
        />
      )}
    </>
  );
  return { confirm, dialog };
}

function ChecklistDialog({
  action,
  answer,
  done,
}: {
  action: string;
  answer: ChecksAnswer;
  done: (v: ChecksVerdict) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const settled = useRef(false);
  const finish = (v: ChecksVerdict) => {
    if (settled.current) return;
    settled.current = true;
    done(v);
  };
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  const verb = VERB[action] ?? action;
  const errors = answer.checks.filter((c) => c.severity === 'error');
  const warnings = answer.checks.filter((c) => c.severity === 'warning');
  return (
    <dialog
      ref={ref}
      className="checklist"
      aria-labelledby="checklist-title"
      onClose={() => finish(null)}
      data-testid="checklist"
    >
      <h2 id="checklist-title">{BEFORE[action] ?? t('checks.before', { verb: verb.toLowerCase() })}</h2>
      <ul>
        {[...errors, ...warnings].map((c) => (
          <li key={`${c.id}:${c.message}`} className={`check-${c.severity}`}>
            <span className="kind">{c.severity === 'error' ? t('checks.error') : t('checks.warning')}</span>
            {c.message}
            {c.sentence && <Sentence text={c.sentence} highlight={c.highlight ?? []} />}
          </li>
        ))}
      </ul>
      {errors.length > 0 ? (
        <p className="hint">{t('checks.errors.hint')}</p>
      ) : !answer.canOverride ? (
        <p className="hint">{t('checks.warnings.hint')}</p>
      ) : null}
      <div className="buttons">
        <button type="button" onClick={() => ref.current?.close()}>
          {t('checks.back')}
        </button>
        {errors.length === 0 && answer.canOverride ? (
          <button type="button" className="primary" onClick={() => finish({ override: true })}>
            {t('checks.anyway', { verb })}
          </button>
        ) : (
          <button type="button" className="primary" disabled>
            {verb}
          </button>
        )}
      </div>
    </dialog>
  );
}

/** The sentence a check is about, its words at fault marked (React escapes the text). */
function Sentence({ text, highlight }: { text: string; highlight: string[] }) {
  const words = highlight.filter(Boolean);
  if (words.length === 0) return <q className="check-sentence">{text}</q>;
  const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`);
  return (
    <q className="check-sentence">
      {text.split(pattern).map((piece, i) =>
        // split() with a capturing group puts the matches at the odd places.
        // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed sentence, never reordered
        i % 2 === 1 ? <mark key={i}>{piece}</mark> : <span key={i}>{piece}</span>,
      )}
    </q>
  );
}
