/**
 * The demonstration workspace: a throw-away SQLite store filled with the core's synthetic values,
 * marked demo everywhere. It is never the real store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoValues } from '../core/demo.js';
import { markDemoWorkspace } from './demo-guard.js';
import { openStore, type Store } from './index.js';
import { DEFAULT_PLAN, getPlan, listPlans } from './plans.js';
import { bumpDataVersion, now } from './util.js';
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
