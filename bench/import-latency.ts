/**
 * Other requests during a large import: GET /api/v1/health polled one after another while a
 * 100,000-value CSV (5,000 indicators × 20 years) is imported through the API, on SQLite and on
 * PostgreSQL; the latency of the same polling of a bare Fastify route just before, as the baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { loadPlanDir } from '../src/plans/load.js';
import { buildApp } from '../src/server/app.js';
import { addUser } from '../src/store/accounts.js';
import { addPlan } from '../src/store/plans.js';
import { SYSTEM } from '../src/store/util.js';
import { benchStore, percentile, signIn } from './stores.js';
import { syntheticCsv, writeSyntheticPlan } from './synthetic-plan.js';

const INDICATORS = 5000;

async function poll(url: string, until: () => boolean, max = 20_000): Promise<number[]> {
  const out: number[] = [];
  while (!until() && out.length < max) {
    const t = performance.now();
    const r = await fetch(url);
    await r.arrayBuffer();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

async function one(dialect: 'sqlite' | 'postgres', csv: Buffer, planDir: string): Promise<Record<string, number>> {
  const b = await benchStore(dialect);
  const app = await buildApp({ store: b.store });
  const bare = Fastify();
  bare.get('/bare', async () => ({ status: 'ok' }));
  try {
    await b.store.db.transaction().execute((trx) => addPlan(trx, loadPlanDir(planDir)));
    await addUser(b.store.db, SYSTEM, { username: 'bench', password: 'bench-password', role: 'admin' });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const bareBase = await bare.listen({ port: 0, host: '127.0.0.1' });
    const headers = await signIn(base, 'bench', 'bench-password');
    let bareDone = false;
    setTimeout(() => (bareDone = true), 2000);
    const bareMs = await poll(`${bareBase}/bare`, () => bareDone);
    let done = false;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), 'values.csv');
    const t0 = performance.now();
    const imported = fetch(`${base}/api/v1/plans/synthetic-county/imports`, { method: 'POST', headers, body: form }).then(async (r) => {
      const body = (await r.json()) as { summary?: { added: number } };
      done = true;
      if (r.status !== 200) throw new Error(`import ${r.status} ${JSON.stringify(body)}`);
      return body.summary!.added;
    });
    const healthMs = await poll(`${base}/api/v1/health`, () => done);
    const added = await imported;
    const importMs = performance.now() - t0;
    const p99 = percentile(healthMs, 99);
    const bareP99 = percentile(bareMs, 99);
    return {
      values: added,
      importMs: Math.round(importMs),
      healthSamples: healthMs.length,
      healthP50Ms: Number(percentile(healthMs, 50).toFixed(1)),
      healthP99Ms: Number(p99.toFixed(1)),
      healthMaxMs: Number(healthMs.at(-1)!.toFixed(1)),
      bareP99Ms: Number(bareP99.toFixed(1)),
      p99Ratio: Number((p99 / bareP99).toFixed(1)),
    };
  } finally {
    await app.close();
    await bare.close();
    await b.dispose();
  }
}

export async function benchImportLatency(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-lat-'));
  try {
    const planDir = writeSyntheticPlan(dir, INDICATORS);
    const csv = Buffer.from(syntheticCsv(INDICATORS));
    const out: Record<string, number> = {};
    for (const dialect of ['sqlite', 'postgres'] as const)
      for (const [k, v] of Object.entries(await one(dialect, csv, planDir))) out[`${dialect}.${k}`] = v;
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
