import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The newsroom app's tests import shared code as the app does (web/admin/vite.config.ts).
  resolve: { alias: { '@shared': fileURLToPath(new URL('src/shared', import.meta.url)) } },
  test: {
    // Tests beside the app's code (web/admin/src) run here too. They need no DOM: no jsdom or
    // happy-dom is installed, so they stub the few browser globals they touch.
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'web/admin/src/**/*.test.ts',
      'web/admin/src/**/*.test.tsx',
    ],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each file builds its own database; files run in parallel worker processes.
    pool: 'forks',
  },
});
