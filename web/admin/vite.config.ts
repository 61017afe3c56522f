import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** What the app shares with the server (no Node imports there): `@shared/…`, as in tsconfig.json. */
export const SHARED_DIR = fileURLToPath(new URL('../../src/shared', import.meta.url));

/** The newsroom app: served by the Masthead server at /admin from web/admin/dist. */
export default defineConfig({
  root,
  base: '/admin/',
  plugins: [react()],
  resolve: { alias: { '@shared': SHARED_DIR } },
  // The body schema, the policy … are imported from src/shared (one module, server and editor).
  server: { fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  logLevel: 'warn',
});
