/**
 * Dates shown to readers are in the newsroom's time zone, not the server's. Intl formatters are
 * costly to build, so they are cached per zone and language.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

function parts(iso: string, timeZone: string): Record<string, string> {
  const f = formatter(
    `parts|${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        timeZoneName: 'longOffset',
      }),
  );
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(iso))) out[p.type] = p.value;
  return out;
}

/**
 * The zone's local time as Intl writes it, worked out from its UTC offset where that is a whole
 * number of minutes: `formatToParts` is costly per call, and the static export dates tens of
 * thousands of stories (docs/benchmarks.md, "Static export"). Offsets change a few times a year, weeks apart at the closest, so the
 * offset of each quarter of a UTC day is kept when it is the same at its first and last second
 * (`offsetOf`); a quarter in which the zone changed offset, or a year outside 1000–9999, is
 * written by Intl itself.
 */
function localParts(iso: string, timeZone: string): Record<string, string> {
  const t = Date.parse(iso);
  const offset = Number.isNaN(t) ? null : offsetOf(t, timeZone);
  if (offset === null || offset % 60_000 !== 0) return parts(iso, timeZone);
  const local = new Date(t + offset);
  const year = local.getUTCFullYear();
  if (year < 1000 || year > 9999) return parts(iso, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  const minutes = Math.abs(offset) / 60_000;
  return {
    year: String(year),
    month: two(local.getUTCMonth() + 1),
    day: two(local.getUTCDate()),
    hour: two(local.getUTCHours()),
    minute: two(local.getUTCMinutes()),
    second: two(local.getUTCSeconds()),
    timeZoneName:
      offset === 0
        ? 'GMT'
        : `GMT${offset < 0 ? '-' : '+'}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`,
  };
}

const SPAN = 6 * 3_600_000;
/** Zone and start of a quarter day (UTC) → the zone's offset (ms) for all of it, or null. */
const spanOffsets = new Map<string, number | null>();

function offsetOf(t: number, timeZone: string): number | null {
  const start = Math.floor(t / SPAN) * SPAN;
  const key = `${timeZone}|${start}`;
  let offset = spanOffsets.get(key);
  if (offset === undefined) {
    const first = exactOffset(start, timeZone);
    offset = first === exactOffset(start + SPAN - 1000, timeZone) ? first : null;
    if (spanOffsets.size >= 100_000) spanOffsets.clear();
    spanOffsets.set(key, offset);
  }
  return offset;
}

/** The zone's offset from UTC at `t` (a whole second), from Intl's reading of the local time. */
function exactOffset(t: number, timeZone: string): number {
  const p = parts(new Date(t).toISOString(), timeZone);
  const local = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return local - t;
}

/** `2026-11-28T14:02:00+01:00`: an instant written in the zone's local time, for `<time datetime>`. */
export function isoInZone(iso: string, timeZone: string): string {
  const p = localParts(iso, timeZone);
  const offset = (p.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

/** Calendar date (year, month, day) of an instant in the zone, for permalinks. */
export function dateInZone(iso: string, timeZone: string): { year: string; month: string; day: string } {
  const p = localParts(iso, timeZone);
  return { year: p.year ?? '1970', month: p.month ?? '01', day: p.day ?? '01' };
}

/** "28 November 2026, 14:02 CET" in the site's language. */
export function formatDateTime(iso: string, timeZone: string, language: string): string {
  const f = formatter(
    `dt|${timeZone}|${language}`,
    () =>
      new Intl.DateTimeFormat(language, {
        timeZone,
        dateStyle: 'long',
        timeStyle: 'short',
      }),
  );
  return `${f.format(new Date(iso))}${zoneLabel(iso, timeZone, language)}`;
}

/** Zone, language and quarter day → the zone's short name, where its offset held all along. */
const zoneNames = new Map<string, string>();

/** " CET": the zone's short name, the same for a quarter day in which its offset did not change. */
function zoneLabel(iso: string, timeZone: string, language: string): string {
  const t = Date.parse(iso);
  const key =
    Number.isNaN(t) || offsetOf(t, timeZone) === null
      ? null
      : `${timeZone}|${language}|${Math.floor(t / SPAN)}`;
  const known = key === null ? undefined : zoneNames.get(key);
  if (known !== undefined) return known;
  const zone = formatter(
    `z|${timeZone}|${language}`,
    () => new Intl.DateTimeFormat(language, { timeZone, timeZoneName: 'short' }),
  )
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName')?.value;
  const label = zone ? ` ${zone}` : '';
  if (key !== null) {
    if (zoneNames.size >= 100_000) zoneNames.clear();
    zoneNames.set(key, label);
  }
  return label;
}

/** "28 November 2026" in the site's language. */
export function formatDate(iso: string, timeZone: string, language: string): string {
  return formatter(
    `d|${timeZone}|${language}`,
    () => new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'long' }),
  ).format(new Date(iso));
}
