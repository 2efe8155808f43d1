/** `npm run bench`: every benchmark of the project, printed with its goal. Pass names to run some. */
import { benchApi } from './api.js';
import { benchCoreEvaluation } from './core-evaluation.js';
import { benchImport } from './import.js';
import { benchIntake } from './intake.js';
import { benchImportLatency } from './import-latency.js';
import { benchReport } from './report.js';
import { benchRollup } from './rollup.js';
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
  intake: {
    name: 'plan intake: a plan document read into a draft (the seed as .docx; a synthetic plan of ~300 pages), beside only inflating and parsing the same document.xml',
    run: benchIntake,
    goal: 'ratio ≤ 3 for each document (medians of 9 warm runs) and peakRssMb < 300 for the 300 pages',
    met: (f) => f.seedRatio! <= 3 && f.bigRatio! <= 3 && f.bigPeakRssMb! < 300 && f.seedIndicators === 38 && f.bigIndicators === 40,
  },
  'import-latency': {
    name: 'GET /api/v1/health polled during a 100,000-value CSV import through the API, on SQLite and PostgreSQL, beside a bare Fastify route polled the same way',
    run: benchImportLatency,
    goal: 'health p99 < 200 ms during the import on both stores, every value imported',
    met: (f) =>
      f['sqlite.healthP99Ms']! < 200 &&
      f['postgres.healthP99Ms']! < 200 &&
      f['sqlite.values'] === 100_000 &&
      f['postgres.values'] === 100_000,
  },
  report: {
    name: 'annual Word report for the Xiuzhou plan (demo values, charts included; median of 5 builds)',
    run: benchReport,
    goal: 'medianMs < 2000',
    met: (f) => f.medianMs! < 2000,
  },
  rollup: {
    name: 'roll-up of a synthetic province (1 parent, 100 children × 60 indicators × 10 years) from PostgreSQL through the store',
    run: benchRollup,
    goal: 'cold roll-up ≤ 2× a bare SELECT of the same values (same run), and the next request after one approved value shows it',
    met: (f) => f.ratio! <= 2 && f.currentAfterApprove === 1,
  },
  web: {
    name: 'cold load of the cockpit in headless Chromium on loopback (demo store), and the JS/CSS shipped for it',
    run: benchWebCockpit,
    goal: 'time to charts drawn < 1500 ms and first-load JS+CSS < 600 KB gzip',
    met: (f) => f.firstLoadMs! < 1500 && f.coldLoadMedianMs! < 1500 && f.totalGzipKb! < 600,
  },
};

const wanted = process.argv.slice(2);
for (const [key, b] of Object.entries(BENCHES)) {
  if (wanted.length && !wanted.includes(key)) continue;
  const f = await b.run();
  console.log(`\n[${key}] ${b.name}`);
  for (const [k, v] of Object.entries(f)) console.log(`  ${k.padEnd(24)} ${v}`);
  console.log(`  goal: ${b.goal} — ${b.met(f) ? 'met' : 'NOT met'}`);
}
