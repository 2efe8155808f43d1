/**
 * The demonstration workspace: a throw-away SQLite store filled with the core's synthetic values,
 * marked demo everywhere. It is never the real store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoValues } from '../core/demo.js';
import { demoCity, type DemoHierarchy } from '../core/demo-hierarchy.js';
import { DemoDataError, isDemoWorkspace, markDemoWorkspace } from './demo-guard.js';
import { openStore, type Store } from './index.js';
import { addPlan, DEFAULT_PLAN, getPlan, listPlans } from './plans.js';
import { bumpDataVersion, now, SYSTEM, type Db } from './util.js';
import { approvedRow } from './values.js';

export async function openDemoStore(seed = 1): Promise<{ store: Store; dir: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'planwatch-demo-'));
  const store = await openStore({ dataDir: dir });
  await store.db.transaction().execute(async (trx) => {
    await markDemoWorkspace(trx);
    for (const p of await listPlans(trx)) {
      if (p.id !== DEFAULT_PLAN) continue;
      const plan = (await getPlan(trx, p.id))!;
      // The published figures stay out: a demo workspace shows synthetic values only.
      await trx.deleteFrom('plan_values').where('plan_id', '=', p.id).execute();
      const t = now();
      for (const o of demoValues(plan, { seed }).observations) {
        await trx
          .insertInto('plan_values')
          .values(approvedRow(p.id, o, 'demo', t))
          .execute();
      }
    }
    // The roll-up demonstration: a fictional city and its seven fictional counties, demo-marked.
    await addDemoHierarchy(trx, demoCity(seed));
    await bumpDataVersion(trx);
  });
  return {
    store,
    dir,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Adds a synthetic hierarchy (plans marked demo, values marked demo) to a demo workspace; any
 * other store refuses it. The real store is seeded from src/plans alone.
 */
export async function addDemoHierarchy(db: Db, h: DemoHierarchy): Promise<void> {
  if (!h.parent.meta.demo || h.children.some((c) => !c.meta.demo)) throw new Error('只有示例数据规划可以这样加入');
  if (!(await isDemoWorkspace(db))) throw new DemoDataError(`示例层级「${h.parent.meta.id}」`);
  await addPlan(db, h.parent, SYSTEM);
  const t = now();
  for (const child of h.children) {
    await addPlan(db, child, SYSTEM);
    const rows = (h.values.get(child.meta.id) ?? []).map((o) => approvedRow(child.meta.id, { ...o, demo: true }, 'demo', t));
    // In slices: one statement per value would be slow, one for all too large for SQLite's variable limit.
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('plan_values')
        .values(rows.slice(i, i + 500))
        .execute();
  }
  await bumpDataVersion(db);
}
