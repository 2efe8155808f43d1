/**
 * Import of a 100,000-value spreadsheet (5,000 indicators × 20 years, a statistics bureau's wide
 * layout) into a fresh SQLite store, end to end: read, check, write in one transaction. Runs in a
 * child process so that its peak memory is its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlanDir } from '../src/plans/load.js';
import { readValuesFile } from '../src/importers/spreadsheet.js';
import { applyImport } from '../src/store/imports.js';
import { openStore } from '../src/store/index.js';
import { addPlan, getPlan } from '../src/store/plans.js';
import { syntheticWorkbook, writeSyntheticPlan } from './synthetic-plan.js';

const INDICATORS = 5000;

/** The measured part, run inside the child. */
async function child(dir: string): Promise<void> {
  const store = await openStore({ dataDir: join(dir, 'data') });
  await store.db.transaction().execute((trx) => addPlan(trx, loadPlanDir(join(dir, 'synthetic-county'))));
  const plan = (await getPlan(store.db, 'synthetic-county'))!;
  const data = readFileSync(join(dir, 'values.xlsx'));
  const t0 = performance.now();
  const read = await readValuesFile({ name: 'values.xlsx', data }, plan);
  const t1 = performance.now();
  const summary = await applyImport(store.db, { id: null, username: 'bench', role: 'admin', unitId: null }, plan, read.values, {
    file: 'values.xlsx',
    mode: 'approve',
  });
  const t2 = performance.now();
  await store.close();
  process.stdout.write(
    JSON.stringify({
      values: summary.added,
      readMs: Math.round(t1 - t0),
      writeMs: Math.round(t2 - t1),
      totalMs: Math.round(t2 - t0),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

export async function benchImport(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-import-'));
  try {
    writeSyntheticPlan(dir, INDICATORS);
    await syntheticWorkbook(INDICATORS, join(dir, 'values.xlsx'));
    const out = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    return JSON.parse(out) as Record<string, number>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] && process.argv[1] === new URL(import.meta.url).pathname) await child(process.argv[2]);
