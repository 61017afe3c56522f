import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Two projects. `unit` is what `npm test` runs: the domain, API, site and database tests (every
// file builds its own database; files run in parallel worker processes). `browser` drives the
// newsroom app in headless Chromium and `slow` starts whole server processes; `npm run check`,
// `npm run test:all` and CI run them too.
const browser = [
  'src/admin/web*.test.ts',
  'src/media/media-web.test.ts',
  'src/editions/editions-web.test.ts',
];
const slow = [
  'src/admin/durability.test.ts',
  'src/shutdown.test.ts',
  'src/cache/nodes.test.ts',
  'src/cache/nginx.test.ts',
  'src/site-url.test.ts',
  'src/site/live-nodes.test.ts',
];

export default defineConfig({
  // The newsroom app's tests import shared code as the app does (web/admin/vite.config.ts).
  resolve: { alias: { '@shared': fileURLToPath(new URL('src/shared', import.meta.url)) } },
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
          // Tests beside the app's code (web/admin/src) run here too; they need no DOM and stub
          // the few browser globals they touch.
          include: [
            'src/**/*.test.ts',
            'src/**/*.test.tsx',
            'web/admin/src/**/*.test.ts',
            'web/admin/src/**/*.test.tsx',
          ],
          exclude: [...browser, ...slow],
        },
      },
      { extends: true, test: { name: 'browser', include: browser } },
      { extends: true, test: { name: 'slow', include: slow } },
    ],
  },
});
