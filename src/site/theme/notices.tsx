import type { SiteView } from '../view.js';
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
        {last.kind === 'correction' ? 'This story has been corrected' : 'This story has been clarified'}
      </a>{' '}
      (<TimeTag iso={last.createdAt} site={site} />
      ).
    </p>
  );
}

export function NoticeBox({ notices, site }: { notices: NoticeView[]; site: SiteView['site'] }) {
  if (!notices.length) return null;
  return (
    <aside class="story-notices" id="notices" aria-labelledby="notices-title">
      <h2 id="notices-title">Corrections and updates</h2>
      <ul>
        {notices.map((n) => (
          <li key={n.id} class={`notice notice-${n.kind}`}>
            <p class="notice-head">
              <strong class="notice-kind">{n.label}</strong> · <TimeTag iso={n.createdAt} site={site} />
            </p>
            <p class="notice-text">{n.text}</p>
          </li>
        ))}
      </ul>
      <p class="notices-all">
        <a href="/corrections">All corrections</a>
      </p>
    </aside>
  );
}
