/** `npm run bench`: every benchmark of the project, printed with its goal. Pass names to run some. */
import { benchApi } from './api.js';
import { benchCoreEvaluation } from './core-evaluation.js';
import { benchImport } from './import.js';
import { benchReport } from './report.js';
import { benchWebCockpit } from './web-cockpit.js';

interface Bench {
  name: string;
  run: () => Promise<Record<string, number>> | Record<string, number>;
  goal: string;
  met: (f: Record<string, number>) => boolean;
}

const BENCHES: Record<string, Bench> = {
  core: {
    name: 'core evaluation (3,000 plans × 60 indicators × 10 years)',
    run: benchCoreEvaluation,
    goal: 'coldEvaluationMs < 2000 (first run: notation read, engine compiled) and ratio ≤ 3 (medians of 9 warm runs, each evaluation beside a bare read of the same values)',
    met: (f) => f.coldEvaluationMs! < 2000 && f.ratio! <= 3,
  },
  api: {
    name: 'API: GET /api/v1/plans/:plan/evaluation under load (16 connections, warm cache) vs a bare Fastify route serving the same bytes',
    run: () => benchApi(),
    goal: 'ratio ≥ 0.5 of the bare route’s throughput',
    met: (f) => f.ratio! >= 0.5 && f.errors === 0,
  },
  import: {
    name: 'import of a 100,000-value spreadsheet (5,000 indicators × 20 years, wide .xlsx) into a fresh SQLite store',
    run: benchImport,
    goal: 'totalMs < 10000 and peakRssMb < 500',
    met: (f) => f.totalMs! < 10_000 && f.peakRssMb! < 500 && f.values === 100_000,
  },
  report: {
    name: 'annual Word report for the Xiuzhou plan (demo values, charts included; median of 5 builds)',
    run: benchReport,
    goal: 'medianMs < 2000',
    met: (f) => f.medianMs! < 2000,
  },
  web: {
    name: 'cold load of the cockpit in headless Chromium on loopback (demo store) vs a bare page drawing one ECharts bar chart, and the JS shipped for it',
    run: benchWebCockpit,
    goal: 'ratio ≤ 1.5 (median cold load to charts drawn, cockpit ÷ bare chart page, same run and browser) and first-load JS < 350 KB gzip',
    met: (f) => f.ratio! <= 1.5 && f.jsGzipKb! < 350,
  },
};

const wanted = process.argv.slice(2);
for (const [key, b] of Object.entries(BENCHES)) {
  if (wanted.length && !wanted.includes(key)) continue;
  const f = await b.run();
  console.log(`\n[${key}] ${b.name}`);
  for (const [k, v] of Object.entries(f)) console.log(`  ${k.padEnd(18)} ${v}`);
  console.log(`  goal: ${b.goal} — ${b.met(f) ? 'met' : 'NOT met'}`);
}
