import { useStoryWire } from '../api/ingest.js';
import { t } from '../i18n/index.js';
import { formatNewsroomTime } from '../time.js';

/**
 * Where a story built from agency copy came from, in the editor's side panel: the source, the
 * item and version, the rights, the embargo — and, loudly, an agency update or kill (asked again
 * every 15 s, so an editor with the story open hears of a kill without reloading).
 */
export function WireSource({ articleId }: { articleId: number }) {
  const wire = useStoryWire(articleId).data?.wire;
  if (!wire) return null;
  return (
    <section className="notes" aria-label={t('wire.title')}>
      <h2>{t('wire.title')}</h2>
      {wire.flag === 'kill' && (
        <p className="error" role="alert">
          {t('wire.killedBy', { source: wire.source.name })}
          {wire.flaggedAt && ` (${formatNewsroomTime(wire.flaggedAt)})`}
          {t('wire.doNotPublish')}
        </p>
      )}
      {wire.flag === 'update' && (
        <p className="notice" role="status">
          {t('wire.newer', { source: wire.source.name })} <a href="/admin/ingest">{t('wire.compare')}</a>.
        </p>
      )}
      <p>
        {t('wire.version', { source: wire.source.name, version: String(wire.version) })}{' '}
        <small className="muted">{wire.guid}</small>
      </p>
      <p>{t('wire.rights', { rights: wire.rights || t('wire.noRights') })}</p>
      {wire.embargoUntil && <p>{t('wire.embargo', { time: formatNewsroomTime(wire.embargoUntil) })}</p>}
    </section>
  );
}
