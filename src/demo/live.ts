import type { Db } from '../db/index.js';
import { type LiveWriter, postEntry, startCoverage } from '../live/index.js';

/**
 * The demo's live story: the Zarechny flood, covered live for the last few hours by the reporter
 * who wrote it, with one key point and one pinned entry. Every person, place and figure here is
 * made up for the demo.
 */
const MINUTE = 60_000;

interface DemoEntry {
  minutesAgo: number;
  kind: 'text' | 'quote';
  title?: string;
  paragraphs: string[];
  citation?: string;
  keyPoint?: boolean;
  pinned?: boolean;
}

const ENTRIES: DemoEntry[] = [
  {
    minutesAgo: 250,
    kind: 'text',
    paragraphs: [
      'Rescue crews have started moving families out of Krasny Bor by boat. The regional emergency department says about 80 people left the village in the first hour, most of them elderly residents of the streets nearest the river.',
    ],
  },
  {
    minutesAgo: 205,
    kind: 'quote',
    paragraphs: [
      'We took the documents, the cat and the photographs. Everything else is upstairs now, and we hope the water stops before it gets there.',
    ],
    citation: 'Pyotr Sanin, leaving his house in Vysokovo',
  },
  {
    minutesAgo: 160,
    kind: 'text',
    title: 'River at its highest on record',
    paragraphs: [
      'The gauge at the Lesnaya road bridge reads 6.4 metres, 40 centimetres above last night and the highest since measurements began there in 1976, the district hydrological station says.',
    ],
    keyPoint: true,
  },
  {
    minutesAgo: 110,
    kind: 'text',
    paragraphs: [
      'The sports hall in the district centre is full. Volunteers are putting up camp beds in School No. 2 on Sovetskaya Street, which can take about 150 more people tonight.',
    ],
  },
  {
    minutesAgo: 60,
    kind: 'text',
    title: 'Where to get help',
    paragraphs: [
      'The district hotline answers around the clock. Shelters are open in School No. 2 and the sports hall: bring identity papers and any medicines you take.',
      'Drinking water is handed out on the market square from 8:00 to 20:00. Boats reach the cut-off villages twice a day with food and post.',
    ],
    pinned: true,
  },
  {
    minutesAgo: 20,
    kind: 'text',
    paragraphs: [
      'Hydrologists say the rise has slowed to about two centimetres an hour. They now expect the crest overnight rather than tomorrow afternoon, though more rain is forecast upstream.',
    ],
  },
];

/** Starts live coverage of `storyId` and posts the demo's entries, oldest first. */
export async function seedDemoLive(db: Db, storyId: number, now: Date, reporter: string): Promise<void> {
  const writer = (minutesAgo: number): LiveWriter => ({
    id: null,
    email: 'demo',
    label: 'demo',
    name: reporter,
    now: new Date(now.getTime() - minutesAgo * MINUTE).toISOString(),
  });
  await startCoverage(db, storyId, writer(270));
  for (const e of ENTRIES) {
    const paragraphs = e.paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
    const body =
      e.kind === 'quote'
        ? {
            type: 'doc',
            content: [
              {
                type: 'blockquote',
                ...(e.citation ? { attrs: { citation: e.citation } } : {}),
                content: paragraphs,
              },
            ],
          }
        : { type: 'doc', content: paragraphs };
    await postEntry(
      db,
      storyId,
      { kind: e.kind, title: e.title ?? '', body, keyPoint: e.keyPoint ?? false, pinned: e.pinned ?? false },
      writer(e.minutesAgo),
    );
  }
}
