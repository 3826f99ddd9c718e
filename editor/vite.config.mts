import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

const editorRoot = fileURLToPath(new URL('.', import.meta.url));
const engineRoot = fileURLToPath(new URL('../api/src/engine', import.meta.url));
const schemaRoot = fileURLToPath(new URL('../rulesets/schema', import.meta.url));

/**
 * The editor is a static single-page app served by the rules service at `/`; every asset (Monaco,
 * its workers, fonts) is bundled here so that the browser never asks another origin for anything.
 * `npm run editor:dev` proxies /api to a service started with `npm start`.
 */
export default defineConfig({
  root: editorRoot,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: { '@engine': engineRoot, '@schema': schemaRoot, '@': `${editorRoot}src` },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
  },
  worker: { format: 'es' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
