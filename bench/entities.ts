/**
 * `npm run bench:entities`: precision and recall of the entity suggestions (src/knowledge) on the
 * labelled paragraphs of bench/entities-corpus.ts, per type, on the dev half and the held-out
 * half, for each recogniser (compromise, wink-nlp, none) with the starter gazetteer, and without
 * its hand-written organisations; then the extraction time per story. No database: the
 * gazetteer is the seed's data in memory, as the extraction job holds it.
 */
import { performance } from 'node:perf_hooks';
import {
  buildGazetteer,
  demonyms,
  extractEntities,
  type Gazetteer,
  loadRecogniser,
  normaliseName,
  type Recogniser,
  type RecogniserName,
  sameName,
  starterGazetteer,
  type Suggestion,
} from '../src/knowledge/index.js';
import { CORPUS, type LabelledParagraph } from './entities-corpus.js';

const TYPES = ['person', 'organisation', 'place'] as const;
type Type = (typeof TYPES)[number];

function gazetteer(organisations: boolean): Gazetteer {
  const seed = starterGazetteer({ organisations });
  return buildGazetteer(
    seed.flatMap((e, id) =>
      [e.name, ...e.aliases.map((a) => a.alias)].map((alias) => ({
        normalised: normaliseName(alias),
        entityId: id,
        name: e.name,
        type: e.type,
      })),
    ),
    demonyms(),
  );
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const matches = (s: Suggestion, gold: string) =>
  gold.split('|').some((g) => sameName(s.name, g) || s.surfaces.some((f) => sameName(f, g)));

function score(paragraphs: LabelledParagraph[], g: Gazetteer, r: Recogniser, misses?: string[]) {
  const counts = Object.fromEntries(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<Type, Counts>;
  for (const p of paragraphs) {
    const found = extractEntities([p.text], g, r);
    for (const type of TYPES) {
      const predicted = found.filter((s) => s.type === type);
      const gold = [...p[type]];
      for (const s of predicted) {
        const i = gold.findIndex((name) => matches(s, name));
        if (i >= 0) {
          counts[type].tp++;
          gold.splice(i, 1);
        } else {
          counts[type].fp++;
          misses?.push(`#${p.id} extra ${type}: ${s.name}`);
        }
      }
      counts[type].fn += gold.length;
      for (const name of gold) misses?.push(`#${p.id} missed ${type}: ${name}`);
    }
  }
  return counts;
}

const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const precision = (c: Counts) => c.tp / (c.tp + c.fp);
const recall = (c: Counts) => c.tp / (c.tp + c.fn);

const dev = CORPUS.filter((p) => p.id % 2 === 0);
const heldOut = CORPUS.filter((p) => p.id % 2 === 1);
const verbose = process.argv.includes('--misses');

console.log(
  `entity suggestions: ${CORPUS.length} paragraphs (dev ${dev.length}, held-out ${heldOut.length})\n`,
);
console.log('recogniser  gazetteer        half      | person P/R  | organisation P/R | place P/R');
for (const name of ['compromise', 'wink', 'none'] as RecogniserName[]) {
  const r = await loadRecogniser(name);
  for (const orgs of [true, false]) {
    const g = gazetteer(orgs);
    for (const [half, set] of [
      ['dev', dev],
      ['held-out', heldOut],
    ] as const) {
      const misses: string[] = [];
      const c = score(set, g, r, misses);
      const cell = (t: Type) => `${pct(precision(c[t]))} / ${pct(recall(c[t]))}`;
      console.log(
        `${name.padEnd(11)} ${(orgs ? 'full' : 'no org list').padEnd(16)} ${half.padEnd(9)} | ${cell('person')} | ${cell('organisation').padEnd(16)} | ${cell('place')}`,
      );
      if (verbose && name === 'compromise' && orgs) for (const m of misses) console.log(`    ${m}`);
    }
  }
}

// Time per story: one paragraph (a brief), and the whole set as one long story (about 2,800 words).
const g = gazetteer(true);
const r = await loadRecogniser('compromise');
const long = CORPUS.map((p) => p.text);
for (let i = 0; i < 3; i++) extractEntities(long, g, r); // warm up the JIT
const times: number[] = [];
for (const p of CORPUS) {
  const t0 = performance.now();
  extractEntities([p.text], g, r);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const t0 = performance.now();
const rounds = 5;
for (let i = 0; i < rounds; i++) extractEntities(long, g, r);
const longMs = (performance.now() - t0) / rounds;
const words = long.join(' ').split(/\s+/).length;
// The job calls the recogniser per paragraph, yielding between them; what it cannot split is the
// matching pass over the whole story (registry, capitalised runs, grouping): its longest slice.
const t1 = performance.now();
for (let i = 0; i < rounds; i++) extractEntities(long, g, () => []);
const passMs = (performance.now() - t1) / rounds;
console.log(
  `\nextraction (compromise + gazetteer of ${g.byAlias.size} aliases): paragraph median ${times[times.length >> 1]!.toFixed(1)} ms, p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(1)} ms; a ${words}-word story ${longMs.toFixed(0)} ms in all, of which the matching pass (one slice) ${passMs.toFixed(1)} ms`,
);
