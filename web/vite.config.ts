/** The web app's build: `vite build --config web/vite.config.ts` from the repository root writes web/dist. */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * src/early.ts as an entry of its own, loaded by index.html ahead of the app: it starts the first
 * page's requests while the app's large chunks are still arriving and, on a cockpit URL, preloads
 * the cockpit's chunks, listed here on its script tag (their names are known only now). Two module
 * scripts in index.html would be merged into one entry, which waits for all of them.
 */
function earlyEntry(): Plugin {
  return {
    name: 'planwatch-early-entry',
    apply: 'build',
    enforce: 'post',
    buildStart() {
      this.emitFile({ type: 'chunk', id: fileURLToPath(new URL('src/early.ts', import.meta.url)), name: 'early' });
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const staticClosure = (from: string, into = new Set<string>()): Set<string> => {
        if (into.has(from)) return into;
        into.add(from);
        for (const i of byName.get(from)?.imports ?? []) staticClosure(i, into);
        return into;
      };
      const holds = (file: string) => (c: (typeof chunks)[number]) => c.moduleIds.some((id) => id.endsWith(file));
      const main = chunks.find((c) => c.isEntry && c.facadeModuleId?.endsWith('index.html'));
      const cockpit = chunks.find((c) => c.facadeModuleId?.endsWith('/src/pages/cockpit/index.tsx'));
      // The chunk with early.ts's code itself, not the facade the build puts before it.
      const early = chunks.find(holds('/src/early.ts'));
      const html = bundle['index.html'];
      if (!main || !cockpit || !early || html?.type !== 'asset' || typeof html.source !== 'string')
        throw new Error('earlyEntry: the app entry, the cockpit, early.ts or index.html is not in the bundle');
      const loaded = staticClosure(main.fileName);
      const preload = [...staticClosure(cockpit.fileName)].filter((f) => !loaded.has(f)).map((f) => `/${f}`);
      const tag = `<script type="module" crossorigin src="/${early.fileName}" data-cockpit-chunks="${preload.join(' ')}"></script>`;
      html.source = html.source.replace('<script type="module"', `${tag}\n    <script type="module"`);
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), earlyEntry()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
    rollupOptions: {
      // The cockpit's URL builder goes with early.ts, which must stay one file (see earlyEntry).
      output: { manualChunks: (id) => (/\/src\/(early\.ts|pages\/cockpit\/url\.ts)$/.test(id) ? 'early' : undefined) },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` against a running `planwatch serve --port 3100`.
    proxy: { '/api': 'http://127.0.0.1:3100' },
  },
});
