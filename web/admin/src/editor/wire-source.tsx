import { useStoryWire } from '../api/ingest.js';
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
    <section className="notes" aria-label="From the wire">
      <h2>From the wire</h2>
      {wire.flag === 'kill' && (
        <p className="error" role="alert">
          KILLED by {wire.source.name}
          {wire.flaggedAt && ` (${formatNewsroomTime(wire.flaggedAt)})`}: do not publish the agency's copy.
        </p>
      )}
      {wire.flag === 'update' && (
        <p className="notice" role="status">
          {wire.source.name} has sent a newer version: <a href="/admin/ingest">compare on the Wire screen</a>.
        </p>
      )}
      <p>
        {wire.source.name}, version {wire.version} <small className="muted">{wire.guid}</small>
      </p>
      <p>Rights: {wire.rights || 'none stated'}</p>
      {wire.embargoUntil && <p>Embargoed until {formatNewsroomTime(wire.embargoUntil)}</p>}
    </section>
  );
}
