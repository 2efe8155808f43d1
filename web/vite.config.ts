/** The web app's build: `vite build --config web/vite.config.ts` from the repository root writes web/dist. */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite --config web/vite.config.ts` against a running `planwatch serve --port 3100`.
    proxy: { '/api': 'http://127.0.0.1:3100' },
  },
});
