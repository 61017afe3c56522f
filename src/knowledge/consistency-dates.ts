import type { StoryCheck } from '../content/index.js';
import { dateInZone } from '../lib/time.js';
import type { ConsistencyOptions } from './consistency.js';

/**
 * The date checks of the consistency checks (consistency.ts): a weekday that is not its date's,
 * and "last year" or "five years ago" beside a year that contradicts it, counted from the
 * story's own date in the newsroom's time zone. English wording only.
 */
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
};

const DAY = `(${WEEKDAYS.join('|')})`;
const MONTH = `(${MONTHS.join('|')})`;
/** "Monday, 3 March 2026", "Monday, March 3", "Monday (March 3rd, 2026)". */
const WEEKDAY_DATE = new RegExp(
  `\\b${DAY},?\\s+\\(?(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}|${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?)(?:,?\\s+(\\d{4}))?`,
  'g',
);
const YEAR = /(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/g;

export function dateChecks(sentences: readonly string[], opts: ConsistencyOptions): StoryCheck[] {
  const out: StoryCheck[] = [];
  const today = dateInZone(opts.storyDate, opts.timeZone);
  const year = Number(today.year);
  const storyDay = Date.UTC(year, Number(today.month) - 1, Number(today.day));
  const warn = (message: string, sentence: string, highlight: string[]) =>
    out.push({ id: 'date-contradiction', severity: 'warning', field: 'body', message, sentence, highlight });

  for (const sentence of sentences) {
    // A weekday that is not that date's.
    for (const m of sentence.matchAll(WEEKDAY_DATE)) {
      const weekday = m[1] as string;
      const day = Number(m[2] ?? m[5]);
      const month = MONTHS.indexOf((m[3] ?? m[4]) as string);
      // Without a year: the one that puts the date nearest the story's own.
      const years = m[6] ? [Number(m[6])] : [year - 1, year, year + 1];
      const at = years
        .map((y) => Date.UTC(y, month, day))
        .sort((a, b) => Math.abs(a - storyDay) - Math.abs(b - storyDay))[0] as number;
      const date = new Date(at);
      if (date.getUTCDate() !== day) continue; // 31 February: not a date to judge
      const actual = WEEKDAYS[date.getUTCDay()] as string;
      if (actual !== weekday)
        warn(
          `${MONTHS[month]} ${day}, ${date.getUTCFullYear()} is a ${actual}, not a ${weekday}.`,
          sentence,
          [m[0]],
        );
    }
    const explicit = [...sentence.matchAll(YEAR)].map((m) => Number(m[1]));
    if (explicit.length === 0) continue;
    // "last year" and an explicit year near it that is not the one it means.
    for (const m of sentence.matchAll(/\b(last|this|next) year\b/gi)) {
      const meant = year + ({ last: -1, this: 0, next: 1 }[(m[1] as string).toLowerCase()] ?? 0);
      if (explicit.includes(meant)) continue;
      const wrong = explicit.find((y) => y !== meant && Math.abs(y - meant) <= 2);
      if (wrong !== undefined)
        warn(
          `“${m[0]}” is ${meant} for a story dated ${today.year}-${today.month}-${today.day}, but the sentence says ${wrong}.`,
          sentence,
          [m[0], String(wrong)],
        );
    }
    // "in 2019, five years ago" in a 2026 story.
    for (const m of sentence.matchAll(/\b(\d{1,2}|[a-z]+) years ago\b/gi)) {
      const raw = (m[1] as string).toLowerCase();
      const n = /^\d+$/.test(raw) ? Number(raw) : NUMBER_WORDS[raw];
      if (n === undefined) continue;
      const meant = year - n;
      if (explicit.some((y) => Math.abs(y - meant) <= 1)) continue;
      const wrong = explicit.find((y) => Math.abs(y - meant) <= 5);
      if (wrong !== undefined)
        warn(
          `“${m[0]}” is ${meant} for a story dated ${today.year}, but the sentence says ${wrong}.`,
          sentence,
          [m[0], String(wrong)],
        );
    }
  }
  return out;
}
