/** Newsroom times: one zone (the newsroom's), named where a bare clock time is shown. */
import { beforeAll, describe, expect, it } from 'vitest';
import { installBrowserGlobals } from './test/browser-globals.js';

let clock: typeof import('./time.js').clock;
let formatNewsroomDate: typeof import('./time.js').formatNewsroomDate;
let formatNewsroomTime: typeof import('./time.js').formatNewsroomTime;
let isoToZoned: typeof import('./time.js').isoToZoned;
let zonedToIso: typeof import('./time.js').zonedToIso;
beforeAll(async () => {
  installBrowserGlobals();
  ({ clock, formatNewsroomDate, formatNewsroomTime, isoToZoned, zonedToIso } = await import('./time.js'));
});

describe('newsroom time', () => {
  it('shows a save time in the newsroom zone with its short name, not the browser zone', () => {
    const at = new Date('2026-12-01T06:50:00Z');
    expect(clock(at, 'Europe/Prague')).toBe('07:50 CET');
    expect(clock(at, 'UTC')).toBe('06:50 UTC');
    // Summer time in Prague is an hour further ahead.
    expect(clock(new Date('2026-07-01T06:50:00Z'), 'Europe/Prague')).toBe('08:50 CEST');
  });

  it('dates and times follow the zone across midnight', () => {
    expect(formatNewsroomDate('2026-12-01T23:30:00Z', 'Europe/Prague')).toBe('2 Dec 2026');
    expect(formatNewsroomDate('2026-12-01T23:30:00Z', 'UTC')).toBe('1 Dec 2026');
    expect(formatNewsroomTime('2026-12-01T23:30:00Z', 'Europe/Prague')).toBe(
      '2 Dec 2026, 00:30 (Europe/Prague)',
    );
    expect(formatNewsroomDate(null, 'UTC')).toBe('');
  });

  it('round-trips a wall time typed in the newsroom', () => {
    const iso = zonedToIso('2026-12-01T18:00', 'Europe/Prague');
    expect(iso).toBe('2026-12-01T17:00:00.000Z');
    expect(isoToZoned(iso, 'Europe/Prague')).toBe('2026-12-01T18:00');
  });
});
