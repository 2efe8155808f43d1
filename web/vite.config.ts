/** The web app's build: `vite build --config web/vite.config.ts` from the repository root writes web/dist. */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { antdFirstScreenCss } from './antd-styles';

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

/** The first screen's Ant Design styles as a style sheet of their own (antd-styles.ts). */
function antdStaticStyles(): Plugin {
  return {
    name: 'planwatch-antd-static-styles',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const css = antdFirstScreenCss();
      const fileName = `assets/antd-${createHash('sha256').update(css).digest('base64url').slice(0, 8)}.css`;
      this.emitFile({ type: 'asset', fileName, source: css });
      const html = bundle['index.html'];
      if (html?.type !== 'asset' || typeof html.source !== 'string') throw new Error('antdStaticStyles: index.html is not in the bundle');
      // Before the app's own sheet, as Ant Design's injected styles were before it.
      html.source = html.source.replace(
        '<link rel="stylesheet"',
        `<link rel="stylesheet" crossorigin href="/${fileName}">\n    <link rel="stylesheet"`,
      );
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), earlyEntry(), antdStaticStyles()],
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
