/**
 * The cockpit's cold load in headless Chromium on loopback against a demo-filled store: time from
 * navigation to every chart drawn (the SVG inside each chart container), and the gzip size, in all
 * and per file, of the JavaScript and CSS the page had loaded by then (what it fetches after its
 * first draw is not on the first load's path). Needs the web build (npm run build) and
 * /usr/bin/chromium.
 *
 * An absolute time says little on a shared machine, so the same run, server and browser also load
 * a bare page that draws one ECharts bar chart from inline data (web/bench/, built here with the
 * app's Vite and ECharts): the floor of any chart page. `ratio` is the cockpit's median cold load
 * to charts drawn over the bare page's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { buildApp } from '../src/server/app.js';
import { registerWeb, webDistDir } from '../src/server/web.js';
import { openDemoStore } from '../src/store/demo.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Resolves with performance.now() once `atLeast` charts (and the one named `must`) have drawn. */
const chartsDrawn = (atLeast: number, must: string): string => `new Promise((resolve) => {
  const tick = () => {
    const charts = [...document.querySelectorAll('[data-chart]')];
    const drawn = charts.length >= ${atLeast} && charts.every((c) => c.querySelector('svg path'))
      && document.querySelector('[data-chart="${must}"] svg path');
    if (drawn) resolve(performance.now());
    else requestAnimationFrame(tick);
  };
  tick();
})`;
/** The cockpit: the category chart and the four trend charts. */
const COCKPIT_DRAWN = chartsDrawn(5, 'category');
const BARE_DRAWN = chartsDrawn(1, 'bare');

const BARE_SOURCE = fileURLToPath(new URL('../web/bench/', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/**
 * Builds the bare chart page into a temporary folder with the app's Vite, minified like the app. In
 * a child process: Vite's build in this one left the demo store's start waiting for ever.
 */
function buildBare(): string {
  const out = mkdtempSync(join(tmpdir(), 'planwatch-bare-'));
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  execFileSync(process.execPath, [
    vite,
    'build',
    BARE_SOURCE,
    '--base',
    '/__bare/',
    '--outDir',
    out,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]);
  return out;
}

interface Load {
  wallMs: number;
  /** performance.now() in the page when the charts were drawn: from the navigation's start. */
  pageMs: number;
  /** Scripts and style sheets whose response had ended when the charts were drawn (their paths). */
  assets: string[];
}

/** The page's script and style sheet requests that had ended by `before` (performance.now()). */
const ASSETS_BEFORE = (before: number): string => `performance.getEntriesByType('resource')
  .filter((e) => e.responseEnd <= ${before} && /[.](js|css)$/.test(new URL(e.name).pathname))
  .map((e) => new URL(e.name).pathname)`;

/** One load in a fresh context (empty cache), until `drawn` resolves. */
async function coldLoad(browser: Browser, url: string, drawn = COCKPIT_DRAWN): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  // A string, not a function: the TypeScript loader would wrap named functions in helpers the page lacks.
  const pageMs = await page.evaluate<number>(drawn);
  const wallMs = performance.now() - t0;
  // What the first draw waited for, not what the page goes on to load after it.
  const assets = await page.evaluate<string[]>(ASSETS_BEFORE(pageMs));
  await context.close();
  return { wallMs, pageMs, assets };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function benchWebCockpit(runs = 5): Promise<Record<string, number>> {
  const dist = webDistDir();
  if (!dist) throw new Error('web/dist is missing: run `npm run build` first');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  const bare = buildBare();
  const demo = await openDemoStore();
  const app = await buildApp({
    store: demo.store,
    demo: true,
    extend: (a) => {
      // The bare page, from the same server as the cockpit.
      a.get('/__bare/*', async (req, reply) => {
        const rel = normalize((req.params as { '*': string })['*'] || 'index.html').replace(/^(\.\.[/\\])+/, '');
        const file = join(bare, rel);
        if (!existsSync(file)) return reply.status(404).send();
        return reply.type(TYPES[extname(file)] ?? 'application/octet-stream').send(readFileSync(file));
      });
      return registerWeb(a, dist);
    },
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    // The very first load also finds the server's evaluation cache empty.
    const first = await coldLoad(browser, `${address}/`);
    // Alternated, so that both see the same machine.
    const loads: Load[] = [];
    const bareLoads: Load[] = [];
    await coldLoad(browser, `${address}/__bare/`, BARE_DRAWN);
    for (let i = 0; i < runs; i++) {
      loads.push(await coldLoad(browser, `${address}/`));
      bareLoads.push(await coldLoad(browser, `${address}/__bare/`, BARE_DRAWN));
    }
    const cockpitMs = median(loads.map((l) => l.pageMs));
    const bareMs = median(bareLoads.map((l) => l.pageMs));

    let js = 0;
    let css = 0;
    let raw = 0;
    const files = [...new Set(first.assets)];
    const perChunk: Record<string, number> = {};
    for (const path of files) {
      const file = join(dist, decodeURIComponent(path));
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      raw += bytes.length;
      const gz = gzipSync(bytes).length;
      if (path.endsWith('.css')) css += gz;
      else js += gz;
      perChunk[`gzipKb ${path.replace(/^\/assets\//, '')}`] = gz;
    }
    const kb = (n: number): number => Number((n / 1024).toFixed(1));
    // The bare page's own JS, for comparison: what the floor of a chart page ships.
    let bareJs = 0;
    for (const path of new Set(bareLoads[0]!.assets)) {
      const file = join(bare, decodeURIComponent(path).replace(/^\/__bare\//, ''));
      if (path.endsWith('.js') && existsSync(file)) bareJs += gzipSync(readFileSync(file)).length;
    }
    return {
      firstLoadMs: Math.round(first.wallMs),
      coldLoadMedianMs: Math.round(median(loads.map((l) => l.wallMs))),
      coldLoadMaxMs: Math.round(Math.max(...loads.map((l) => l.wallMs))),
      navToChartsMedianMs: Math.round(cockpitMs),
      bareChartMedianMs: Math.round(bareMs),
      ratio: Number((cockpitMs / bareMs).toFixed(2)),
      assetFiles: files.length,
      rawKb: kb(raw),
      jsGzipKb: kb(js),
      cssGzipKb: kb(css),
      totalGzipKb: kb(js + css),
      bareJsGzipKb: kb(bareJs),
      // Each file the first load had by its first draw, largest first.
      ...Object.fromEntries(
        Object.entries(perChunk)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k, kb(v)]),
      ),
    };
  } finally {
    await browser.close();
    await app.close();
    await demo.dispose();
    rmSync(bare, { recursive: true, force: true });
  }
}

// `node --import tsx bench/web-cockpit.ts` runs it alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchWebCockpit());
}
