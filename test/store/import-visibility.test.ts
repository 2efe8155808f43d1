/**
 * A large import is all or nothing for everyone reading meanwhile, and does not hold them up: reads
 * made while its batches are written complete at once and see the store as it was before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticCsv, writeSyntheticPlan } from '../../bench/synthetic-plan.js';
import { readValuesFile } from '../../src/importers/spreadsheet.js';
import { loadPlanDir } from '../../src/plans/load.js';
import { applyImport } from '../../src/store/imports.js';
import { getJob, startJob } from '../../src/store/jobs.js';
import { addPlan } from '../../src/store/plans.js';
import { SYSTEM, type Db } from '../../src/store/util.js';
import { DIALECTS, makeStore } from './harness.js';

const INDICATORS = 1000; // × 20 years = 20,000 values

const count = async (db: Db): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('plan_values')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('plan_id', '=', 'synthetic-county')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(DIALECTS)('a large import seen from other requests on %s', (dialect) => {
  it('is invisible until it commits, and reads during its writes are answered meanwhile', async () => {
    const t = await makeStore(dialect);
    const dir = mkdtempSync(join(tmpdir(), 'pw-vis-'));
    try {
      const plan = loadPlanDir(writeSyntheticPlan(dir, INDICATORS));
      await t.store.db.transaction().execute((trx) => addPlan(trx, plan));
      const read = await readValuesFile({ name: 'values.csv', data: Buffer.from(syntheticCsv(INDICATORS)) }, plan);
      const total = read.values.length;
      let written = 0;
      /** Each read made while batches are written: the count it saw and how far the import was when it answered. */
      const seen: Promise<{ n: number; writtenThen: number }>[] = [];
      // A write of another request meanwhile (a job row) waits for the import and then lands.
      let otherWrite: Promise<string> | undefined;
      const summary = await applyImport(t.store.db, SYSTEM, plan, read.values, {
        file: 'values.csv',
        mode: 'approve',
        bulkWriter: t.store.bulkWriter,
        onProgress: (done) => {
          written = done;
          otherWrite ??= startJob(t.store.db, 'probe', null);
          if (done < total) seen.push(count(t.store.db).then((n) => ({ n, writtenThen: written })));
        },
      });
      const reads = await Promise.all(seen);
      expect(summary.added).toBe(total);
      expect(reads.length).toBeGreaterThan(5);
      // Nothing of the file is visible before it commits …
      for (const r of reads.filter((x) => x.writtenThen < total)) expect(r.n).toBe(0);
      // … and most reads were answered while its writes went on, not queued behind its transaction.
      expect(reads.filter((x) => x.writtenThen < total).length).toBeGreaterThan(reads.length / 2);
      expect(await count(t.store.db)).toBe(total);
      expect(await getJob(t.store.db, await otherWrite!)).toMatchObject({ kind: 'probe', status: 'running' });
    } finally {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
