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

/** `2026-11-28T14:02:00+01:00`: an instant written in the zone's local time, for `<time datetime>`. */
export function isoInZone(iso: string, timeZone: string): string {
  const p = parts(iso, timeZone);
  const offset = (p.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

/** Calendar date (year, month, day) of an instant in the zone, for permalinks. */
export function dateInZone(iso: string, timeZone: string): { year: string; month: string; day: string } {
  const p = parts(iso, timeZone);
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
  const zone = formatter(
    `z|${timeZone}|${language}`,
    () => new Intl.DateTimeFormat(language, { timeZone, timeZoneName: 'short' }),
  )
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName')?.value;
  return `${f.format(new Date(iso))}${zone ? ` ${zone}` : ''}`;
}

/** "28 November 2026" in the site's language. */
export function formatDate(iso: string, timeZone: string, language: string): string {
  return formatter(
    `d|${timeZone}|${language}`,
    () => new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'long' }),
  ).format(new Date(iso));
}

/** Current time as the ISO string every table stores. */
export function nowIso(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}
