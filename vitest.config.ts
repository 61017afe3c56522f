import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each file builds its own database; files run in parallel worker processes.
    pool: 'forks',
  },
});
