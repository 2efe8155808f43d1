/**
 * The roll-up of a synthetic province (示例数据): one parent plan, 100 child plans × 60 indicators ×
 * 10 years (60,000 values), read from PostgreSQL through the store. The first request of the
 * process is cold (no parsed plan, no evaluation cached) and is set beside a bare SELECT of the same
 * rows in the same run (median of five). Then one value is approved in one child and the next
 * request is timed and checked to show it: the matrix is current without any batch job.
 */
import pg from 'pg';
import { demoHierarchy } from '../src/core/demo-hierarchy.js';
import { addDemoHierarchy } from '../src/store/demo.js';
import { markDemoWorkspace } from '../src/store/demo-guard.js';
import { openStore } from '../src/store/index.js';
import { getPlan } from '../src/store/plans.js';
import { storedRollup } from '../src/store/rollup.js';
import { OBSERVATION_COLUMNS, SYSTEM } from '../src/store/util.js';
import { saveValue, transition } from '../src/store/values.js';

const PG_URL = process.env.PLANWATCH_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (t0: number): number => Math.round((performance.now() - t0) * 10) / 10;

export async function benchRollup(): Promise<Record<string, number>> {
  const schema = `pw_bench_rollup_${process.pid}`;
  const store = await openStore({ databaseUrl: PG_URL, pgSchema: schema });
  const bare = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await bare.connect();
  try {
    const h = demoHierarchy({
      prefix: 'bench-province',
      parentLevel: 'province',
      parentName: '示例省',
      childNames: Array.from({ length: 100 }, (_, i) => `示例市${i + 1}`),
      indicators: 60,
      baseYear: 2020,
      targetYear: 2030,
      lastYear: 2030,
      seed: 7,
    });
    // One value left out, to be reported and approved during the run.
    const child = h.children[17]!.meta.id;
    const reported = Math.round(h.values.get(child)!.find((o) => o.indicatorId === '2' && o.year === 2029)!.value * 104) / 100;
    h.values.set(
      child,
      h.values.get(child)!.filter((o) => !(o.indicatorId === '2' && o.year === 2030)),
    );
    await store.db.transaction().execute(async (trx) => {
      await markDemoWorkspace(trx);
      await addDemoHierarchy(trx, h);
    });
    await bare.query('analyze plan_values');
    const ids = h.children.map((c) => c.meta.id);
    // The same values the roll-up reads: each approved value with its 口径 and source.
    const columns = ['plan_id', ...OBSERVATION_COLUMNS].join(', ');
    const selects: number[] = [];
    let rows = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      rows =
        (await bare.query(`select ${columns} from plan_values where plan_id = any($1) and status = $2`, [ids, 'approved'])).rowCount ?? 0;
      selects.push(ms(t0));
    }
    const t0 = performance.now();
    const cold = await storedRollup(store.db, 'bench-province');
    const coldMs = ms(t0);
    if (!cold || cold.rows.length !== 100 || cold.columns.length !== 60) throw new Error('roll-up incomplete');
    const t1 = performance.now();
    await storedRollup(store.db, 'bench-province');
    const warmMs = ms(t1);

    const plan = (await getPlan(store.db, child))!;
    const v = await saveValue(
      store.db,
      SYSTEM,
      plan,
      { indicatorId: '2', year: 2030, value: reported, source: { title: '示例数据' } },
      'submit',
    );
    await transition(store.db, SYSTEM, v.id, 'approve');
    const t2 = performance.now();
    const after = await storedRollup(store.db, 'bench-province');
    const afterApproveMs = ms(t2);
    const cell = after!.rows.find((r) => r.planId === child)!.cells['2']!;
    const current = cell.value?.value === reported && cell.value.year === 2030 ? 1 : 0;
    const bareSelectMs = median(selects);
    return {
      children: cold.rows.length,
      indicators: cold.columns.length,
      values: rows + 1,
      bareSelectMs,
      coldRollupMs: coldMs,
      ratio: Math.round((coldMs / bareSelectMs) * 100) / 100,
      warmRollupMs: warmMs,
      afterApproveMs,
      currentAfterApprove: current,
    };
  } finally {
    await bare.end();
    await store.close();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  }
}
