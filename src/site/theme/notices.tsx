import type { SiteView } from '../view.js';
import { type MessageKey, msg } from '../i18n/index.js';
import { TimeTag } from './components.js';

/**
 * Notices on a story page: a box at the end of the article ("Corrections and updates") with
 * each notice's kind and time, and a line under the headline when the story was corrected.
 * Notice text is plain text, rendered as text (escaped); its line breaks are kept by CSS.
 */
export interface NoticeView {
  id: number;
  kind: string;
  label: string;
  text: string;
  createdAt: string;
}

const CORRECTED = new Set(['correction', 'clarification']);

/** The line near the top: only for corrections and clarifications, linking to the box. */
export function NoticeFlag({ notices, site }: { notices: NoticeView[]; site: SiteView['site'] }) {
  const last = notices.filter((n) => CORRECTED.has(n.kind)).at(-1);
  if (!last) return null;
  return (
    <p class="story-corrected">
      <a href="#notices">
        {msg(site.language, last.kind === 'correction' ? 'notice.corrected' : 'notice.clarified')}
      </a>{' '}
      (<TimeTag iso={last.createdAt} site={site} />
      ).
    </p>
  );
}

/** `home`: the page's edition's home (`/es`): its corrections page is under it. */
export function NoticeBox({
  notices,
  site,
  home = '/',
}: {
  notices: NoticeView[];
  site: SiteView['site'];
  home?: string;
}) {
  if (!notices.length) return null;
  return (
    <aside class="story-notices" id="notices" aria-labelledby="notices-title">
      <h2 id="notices-title">{msg(site.language, 'notice.box')}</h2>
      <ul>
        {notices.map((n) => (
          <li key={n.id} class={`notice notice-${n.kind}`}>
            <p class="notice-head">
              <strong class="notice-kind">{noticeLabel(site.language, n.kind, n.label)}</strong> ·{' '}
              <TimeTag iso={n.createdAt} site={site} />
            </p>
            <p class="notice-text">{n.text}</p>
          </li>
        ))}
      </ul>
      <p class="notices-all">
        <a href={home === '/' ? '/corrections' : `${home}/corrections`}>{msg(site.language, 'notice.all')}</a>
      </p>
    </aside>
  );
}

/** A notice's kind in the page's language (English: the label the content layer gives it). */
export function noticeLabel(language: string, kind: string, label: string): string {
  const key = `notice.${kind}` as MessageKey;
  return language === 'en' || !(key in NOTICE_KEYS) ? label : msg(language, key);
}
const NOTICE_KEYS = {
  'notice.correction': 1,
  'notice.clarification': 1,
  'notice.update': 1,
  'notice.editors_note': 1,
};
