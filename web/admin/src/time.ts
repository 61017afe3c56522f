/**
 * Times in the newsroom's time zone (SITE_TIMEZONE), whatever the browser's own zone is: a
 * schedule typed as "18:00" means 18:00 in the newsroom.
 */
import { siteSetting } from './api/client.js';

export function newsroomZone(): string {
  return siteSetting('time-zone') || Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function parts(ms: number, zone: string): Record<string, number> {
  const out: Record<string, number> = {};
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** How far the zone is ahead of UTC at that instant, in ms. */
function offset(ms: number, zone: string): number {
  const p = parts(ms, zone);
  const asUtc = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** `2026-12-01T18:00` in the newsroom zone → an ISO instant; null if malformed. */
export function zonedToIso(local: string, zone = newsroomZone()): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  let guess = wall - offset(wall, zone);
  guess = wall - offset(guess, zone);
  return new Date(guess).toISOString();
}

/** An ISO instant → `2026-12-01T18:00` in the newsroom zone, for datetime-local inputs. */
export function isoToZoned(iso: string | null, zone = newsroomZone()): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const p = parts(ms, zone);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** "1 Dec 2026, 18:00 (Europe/Prague)". */
export function formatNewsroomTime(iso: string | null, zone = newsroomZone()): string {
  if (!iso) return '';
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
  return `${text} (${zone})`;
}

/**
 * "14:02 CET": when this device last heard back from the server, in the newsroom's zone like
 * every other time in the app, with the zone's short name so nobody reads it as their own.
 */
export function clock(date: Date, zone = newsroomZone()): string {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  const p = f.formatToParts(date);
  const hm = p
    .filter((x) => x.type === 'hour' || x.type === 'minute')
    .map((x) => x.value)
    .join(':');
  const name = p.find((x) => x.type === 'timeZoneName')?.value;
  return name ? `${hm} ${name}` : hm;
}

/** "1 Dec 2026" in the newsroom zone (dates without a time: token expiry, creation). */
export function formatNewsroomDate(iso: string | null, zone = newsroomZone()): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(iso));
}
