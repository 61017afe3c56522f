import type { PublicNotice } from '../../content/index.js';
import { htmlField } from './field-text.js';

/**
 * A story's notices (corrections, updates …) as the HTML feed items carry after the body (or
 * after the summary in summary feeds), so feed readers see the same record the page shows.
 * Notice text is plain text: escaped here like every other HTML field (field-text.ts).
 */
export function noticesHtml(notices: readonly PublicNotice[] | undefined): string {
  if (!notices?.length) return '';
  const items = notices
    .map(
      (n) =>
        `<p><strong>${htmlField(n.label)}</strong> (${shownTime(n.createdAt)}): ${htmlField(n.text)}</p>`,
    )
    .join('');
  return `<aside class="notices"><h2>Corrections and updates</h2>${items}</aside>`;
}

/** "2026-12-05 20:00 UTC": unambiguous for every reader, whatever their time zone. */
function shownTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
