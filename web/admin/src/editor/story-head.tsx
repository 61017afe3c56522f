import type { Editor } from '@tiptap/core';
import { useEffect, useId, useState } from 'react';
import type { ArticleFields } from '../api/articles.js';
import './story-head.css';
import { t } from '../i18n/index.js';

/**
 * Headline and dek above the body, where the story is read: first in tab order, before the
 * toolbar, the body and the workflow's buttons.
 */
export function StoryHead({
  fields,
  change,
  locked,
  text,
}: {
  fields: Pick<ArticleFields, 'headline' | 'dek'>;
  change: (patch: Partial<ArticleFields>) => void;
  locked: boolean;
  /** The story's language and direction (its edition's); the hints stay in the app's. */
  text?: { lang: string; dir: 'ltr' | 'rtl' };
}) {
  const id = useId();
  const hl = fields.headline.length;
  return (
    <div className="story-head">
      <label htmlFor={`${id}-headline`} className="visually-hidden">
        {t('newStory.headline')}
      </label>
      <textarea
        id={`${id}-headline`}
        className="headline-input"
        lang={text?.lang}
        dir={text?.dir}
        rows={1}
        maxLength={300}
        placeholder={t('newStory.headline')}
        disabled={locked}
        value={fields.headline}
        onChange={(e) => change({ headline: e.target.value.replace(/\n/g, ' ') })}
        aria-describedby={`${id}-headline-hint`}
      />
      <p id={`${id}-headline-hint`} className={`hint ${hl > 90 || hl < 20 ? 'warn' : ''}`}>
        {t(hl < 20 ? 'head.length.short' : hl > 90 ? 'head.length.long' : 'head.length', { n: hl })}
      </p>
      <label htmlFor={`${id}-dek`} className="visually-hidden">
        {t('head.dek')}
      </label>
      <textarea
        id={`${id}-dek`}
        className="dek-input"
        lang={text?.lang}
        dir={text?.dir}
        rows={2}
        maxLength={1000}
        placeholder={t('head.dek')}
        disabled={locked}
        value={fields.dek}
        onChange={(e) => change({ dek: e.target.value })}
      />
    </div>
  );
}

/** Average adult silent reading of non-fiction, words per minute. */
const WORDS_PER_MINUTE = 230;

/** Words in a text: runs of letters or digits (with inner apostrophes and hyphens). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** "1,234 words · 6 min read". */
export function wordCountLabel(words: number): string {
  const minutes = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
  const w = t('head.words', { n: words, count: words.toLocaleString('en-GB') });
  return words ? t('head.reading', { words: w, minutes }) : t('head.words', { n: 0, count: '0' });
}

/**
 * The body's word count and reading time, counted when typing pauses (a 10,000-word story
 * is not recounted on every key).
 */
export function WordCount({ editor }: { editor: Editor }) {
  const [words, setWords] = useState(() =>
    countWords(editor.state.doc.textBetween(0, editor.state.doc.content.size, ' ', ' ')),
  );
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const recount = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const doc = editor.state.doc;
        setWords(countWords(doc.textBetween(0, doc.content.size, ' ', ' ')));
      }, 300);
    };
    editor.on('update', recount);
    return () => {
      clearTimeout(timer);
      editor.off('update', recount);
    };
  }, [editor]);
  return (
    <output className="word-count" data-testid="word-count">
      {wordCountLabel(words)}
    </output>
  );
}
