import { defineConfig } from 'vitest/config';

// Two projects. `unit` is what `npm test` runs: the domain, API, site and database tests (every
// file builds its own database; files run in parallel worker processes). `browser` drives the
// newsroom app in headless Chromium and `slow` starts whole server processes; `npm run check`,
// `npm run test:all` and CI run them too.
const browser = ['src/admin/web*.test.ts', 'src/media/media-web.test.ts'];
const slow = ['src/admin/durability.test.ts', 'src/shutdown.test.ts', 'src/cache/nodes.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['src/test/setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          exclude: [...browser, ...slow],
        },
      },
      { extends: true, test: { name: 'browser', include: browser } },
      { extends: true, test: { name: 'slow', include: slow } },
    ],
  },
});
