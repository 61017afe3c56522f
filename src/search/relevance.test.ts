import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { searchArticles } from './index.js';

/**
 * The judged set: what a reader might type about a story of the demo newsroom, and the
 * stories that must be among the first three results. Queries are written the way people
 * type: lower case, without accents, half-remembered names, a word cut short.
 */
const JUDGED: [query: string, mustBeInTop3: string[]][] = [
  ['oresund', ['Record crowd watches Øresund FC']],
  ['Øresund league', ['Record crowd watches Øresund FC']],
  ['night train prague', ['New night train links Prague and Ljubljana']],
  ['sleeper train', ["Video: Riding the sleeper train as Europe's night services return"]],
  ['lithium batteries', ['Researchers find a cheaper way to recover lithium']],
  ['kaluga budget', ['Kaluga regional assembly rejects budget']],
  ['jose ferraz', ['Valmonte agree €68m deal for Aldeira striker José Ferraz']],
  ['noemie duval hurdles', ['Noémie Duval breaks national hurdles record']],
  ['voting age 16', ['Cross-party group proposes lowering voting age to 16']],
  ['interest rates', ['Central bank holds rates', 'Stocks slip as traders push back bets']],
  ['offshore wind', ['Offshore wind farm delayed']],
  ['hospital contracts', ['Hospital supply contracts worth €40m']],
  ['weather satellites', ['Aranya Space puts its first six weather satellites into orbit']],
  ['antwerp strike', ['Antwerp port strike enters third day']],
  ['monsoon rice harvest', ['Late monsoon rains delay rice harvest across Thailand’s central plains']],
  ['thailand’s rice', ['Late monsoon rains delay rice harvest across Thailand’s central plains']],
  ['vltava marathon', ['Kiptanui breaks course record']],
  ['rent crisis', ['Opinion: Our cities can build their way out of the rent crisis']],
  ['lobbying register', ['Senate opens hearings on lobbying register']],
  ['flood defence contract', ['How a flood-defence contract ran three years late']],
  ['silvervag', ['Silvervåg Seafood shares jump']],
  ['tver newspaper', ['Court fines Tver weekly newspaper']],
  ['glasgow concert hall', ['Video: The volunteers keeping a 1920s concert hall alive in Glasgow']],
  ['"the salt orchard"', ["Family drama 'The Salt Orchard' takes top prize"]],
  ['meranti', ['Singapore start-up Meranti Silicon raises $140m']],
  ['voltara ostrava', ['Battery maker Voltara to build 2,400-job plant']],
  ['north sea oil', ['Operator to shut ageing North Sea oil field']],
  ['aarhus', ['Early results point to a hung council in Aarhus municipal vote']],
  ['novosibirsk', ['Independent candidates win seats in Novosibirsk']],
  ['migrant reception', ['EU ministers split over shared fund for migrant reception centres']],
  ['zarechny flood', ['Spring flood forces evacuations in Zarechny district']],
  ['manitoba grain', ['Manitoba opens inquiry into grain shipping delays']],
  ['copper water', ['Desert mining town votes on water-sharing deal with copper company']],
  ['broadcasting levy', ['Lawmakers approve new public broadcasting levy']],
  ['textile museum', ['Prague design museum reopens after four years with a new textile wing']],
  ['wheat prices', ['Wheat prices slide to a two-year low']],
  ['eastbrook stadium', ['Eastbrook Athletic open their 32,000-seat stadium']],
  ['vote-counting system', ['Electoral commission tests new vote-counting system']],
  ['radio host novel', ['Debut novel about a night-shift radio host']],
  ['grid line wind power', ['Grid operator plans €4.2bn line to carry northern wind power south']],
  // Search as you type: the last word is still being typed.
  ['kiptan', ['Kiptanui breaks course record']],
  ['singapore sol', ['Solar export project wins approval to send power to Singapore by cable']],
];

describe.each(testDialects())('relevance over the demo newsroom on %s', (dialect) => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await testEnv(dialect);
    await seedDemoIfEmpty(env.ctx);
  });
  afterAll(() => env?.close());

  it.each(JUDGED)('%s', async (query, expected) => {
    const { hits } = await searchArticles(env.ctx.db, {
      now: env.ctx.now(),
      q: query,
      publicAt: env.ctx.now().toISOString(),
      limit: 3,
    });
    const top3 = hits.map((h) => h.headline);
    for (const want of expected)
      expect(
        top3.some((h) => h.startsWith(want)),
        `${want} in ${top3.join(' | ')}`,
      ).toBe(true);
  });
});
