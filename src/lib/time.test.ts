import { describe, expect, it } from 'vitest';
import { dateInZone, formatDateTime, isoInZone } from './time.js';

/** What Intl writes, the long way: the fast paths must match it exactly. */
function intlIso(iso: string, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  });
  const p: Record<string, string> = {};
  for (const x of f.formatToParts(new Date(iso))) p[x.type] = x.value;
  const offset = (p.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

function intlDateTime(iso: string, timeZone: string, language: string): string {
  const date = new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'long', timeStyle: 'short' });
  const zone = new Intl.DateTimeFormat(language, { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName')?.value;
  return `${date.format(new Date(iso))}${zone ? ` ${zone}` : ''}`;
}

// Whole-hour, half-hour and 45-minute offsets, a half-hour DST shift (Lord Howe), southern DST.
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Pacific/Chatham',
  'America/Sao_Paulo',
];

describe('dates in the newsroom time zone', () => {
  it('writes every instant as Intl does, across offset changes, minute by minute', () => {
    const starts = [
      '2025-03-30T00:00:00Z', // Europe springs forward at 01:00 UTC
      '2025-10-26T00:00:00Z',
      '2025-03-09T05:00:00Z', // New York
      '2025-04-05T14:00:00Z', // Lord Howe: 30 minutes back
    ];
    for (const zone of ZONES) {
      for (const start of starts) {
        let t = Date.parse(start);
        for (let i = 0; i < 200; i++, t += 61_013) {
          const iso = new Date(t).toISOString();
          expect(isoInZone(iso, zone), `${zone} ${iso}`).toBe(intlIso(iso, zone));
        }
      }
    }
  });

  it('matches Intl over years, including offsets in seconds (local mean time) and years before 1000', () => {
    for (const zone of [...ZONES, 'Europe/Amsterdam', 'Africa/Monrovia']) {
      for (const start of ['0999-06-01T00:00:00Z', '1850-01-01T00:00:00Z', '1937-01-01T00:00:00Z']) {
        let t = Date.parse(start);
        for (let i = 0; i < 300; i++, t += 2_629_800_000 / 3 + 3_600_017) {
          const iso = new Date(t).toISOString();
          expect(isoInZone(iso, zone), `${zone} ${iso}`).toBe(intlIso(iso, zone));
        }
      }
    }
  });

  it('names the zone as Intl does on both sides of a change, in several languages', () => {
    for (const language of ['en-GB', 'de', 'ru']) {
      for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe']) {
        let t = Date.parse('2025-01-01T00:00:00Z');
        for (let i = 0; i < 400; i++, t += 22 * 3_600_000 + 61_000) {
          const iso = new Date(t).toISOString();
          expect(formatDateTime(iso, zone, language), `${zone} ${language} ${iso}`).toBe(
            intlDateTime(iso, zone, language),
          );
        }
      }
    }
  });

  it('gives the local calendar date for permalinks', () => {
    expect(dateInZone('2025-12-31T23:30:00Z', 'Europe/Berlin')).toEqual({
      year: '2026',
      month: '01',
      day: '01',
    });
    expect(dateInZone('2026-01-01T04:30:00Z', 'America/New_York')).toEqual({
      year: '2025',
      month: '12',
      day: '31',
    });
  });
});
