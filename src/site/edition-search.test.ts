import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

/**
 * Each edition's /search looks in its own stories, with its language's stemming and folding
 * (src/search/language.ts): the demo's Spanish and Arabic editions, on both databases.
 */
describe.each(testDialects())('search per edition on %s', (dialect) => {
  let env: TestEnv;
  const search = async (path: string) => (await env.app.inject({ method: 'GET', url: path })).body;

  beforeAll(async () => {
    env = await testEnv(dialect);
    await seedDemoIfEmpty(env.ctx);
  }, 120_000);
  afterAll(() => env?.close());

  it('finds a Spanish story from another form of its words, only in the Spanish edition', async () => {
    // The story says "elecciones municipales"; the reader types the singular. (The matched
    // words come back marked, so the check is on the headline's other words.)
    const q = encodeURIComponent('elección municipal');
    expect(await search(`/es/search?q=${q}`)).toContain('Torrelobos celebrará');
    expect(await search(`/search?q=${q}`)).not.toContain('Torrelobos');
    expect(await search(`/ar/search?q=${q}`)).not.toContain('Torrelobos');
  });

  it('finds an Arabic story whatever the alef and the harakat of the query', async () => {
    // The headline writes "الأجور" (alef with hamza) and "عمّال" (with a shadda).
    for (const words of ['زيادة الاجور', 'عمال الميناء', 'زِيَادَة الأُجور']) {
      expect(await search(`/ar/search?q=${encodeURIComponent(words)}`), words).toContain('الخليج الجنوبي');
    }
    expect(await search(`/search?q=${encodeURIComponent('زيادة الاجور')}`)).not.toContain('ميناء الخليج');
  });
});
