/**
 * Load with writes: 50 connections for 30 s (autocannon) on the public evaluation and cockpit
 * endpoints while an administrator approves a value every 100 ms, on SQLite (one process) and on
 * PostgreSQL (two `planwatch serve` processes, the load spread over both, each approval read back
 * from the other). Every approval must be visible on the very next read. A bare Fastify route
 * under the same load in the same run is the baseline. Loopback only, bounded in time and count.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { loadPlanDir } from '../src/plans/load.js';
import { addUser } from '../src/store/accounts.js';
import { addPlan } from '../src/store/plans.js';
import { SYSTEM } from '../src/store/util.js';
import { benchStore, signIn, type BenchStore } from './stores.js';
import { writeSyntheticPlan } from './synthetic-plan.js';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.PLANWATCH_LOAD_SECONDS ?? 30);
const APPROVAL_EVERY_MS = 100;
/** Enough distinct values for one approval every 100 ms over the whole run. */
const INDICATORS = Math.ceil((SECONDS * 1000) / APPROVAL_EVERY_MS) + 50;
const PATHS = ['/api/v1/plans/xiuzhou-14th/evaluation?year=2024', '/api/v1/cockpit?plan=xiuzhou-14th&year=2024'];

interface Load {
  rps: number;
  p99: number;
  errors: number;
}

async function load(urls: string[], seconds: number): Promise<Load> {
  // One autocannon per URL (and process), the connections shared between them.
  const per = Math.max(1, Math.floor(CONNECTIONS / urls.length));
  const runs = await Promise.all(urls.map((url) => autocannon({ url, connections: per, duration: seconds })));
  return {
    rps: runs.reduce((s, r) => s + r.requests.average, 0),
    p99: Math.max(...runs.map((r) => r.latency.p99)),
    errors: runs.reduce((s, r) => s + r.errors + r.timeouts + r.non2xx, 0),
  };
}

function serve(b: BenchStore): Promise<{ url: string; child: ChildProcess }> {
  const o = b.options;
  const child = spawn(process.execPath, ['bin/planwatch.js', 'serve', '--port', '0', ...(o.dataDir ? ['--data', o.dataDir] : [])], {
    env: { ...process.env, DATABASE_URL: o.databaseUrl ?? '', PLANWATCH_PG_SCHEMA: o.pgSchema ?? '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = err.match(/已启动：(http:\/\/[^\s]+)/);
      if (m) resolve({ url: m[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

/** Approves a new value every 100 ms until told to stop; each is read back at once from the next process. */
async function approvals(urls: string[], until: () => boolean): Promise<{ approved: number; unseen: number; failed: number }> {
  const admin = await Promise.all(urls.map((u) => signIn(u, 'bench', 'bench-password')));
  let approved = 0;
  let unseen = 0;
  let failed = 0;
  for (let i = 1; !until() && i <= INDICATORS; i++) {
    const started = performance.now();
    const w = i % urls.length;
    const r = (i + 1) % urls.length;
    const headers = { ...admin[w]!, 'content-type': 'application/json' };
    const value = 100 + (i % 9);
    const saved = await fetch(`${urls[w]}/api/v1/plans/synthetic-county/values`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ indicatorId: `s${i}`, year: 2021, value, submit: true }),
    });
    const { id } = (await saved.json()) as { id?: string };
    const ok = id && (await fetch(`${urls[w]}/api/v1/values/${id}/approve`, { method: 'POST', headers, body: '{}' })).status === 200;
    if (!ok) failed++;
    else {
      approved++;
      const detail = (await (await fetch(`${urls[r]}/api/v1/plans/synthetic-county/indicators/s${i}?year=2021`)).json()) as {
        values?: { value: number; status: string }[];
      };
      if (!detail.values?.some((v) => v.status === 'approved' && v.value === value)) unseen++;
    }
    const rest = APPROVAL_EVERY_MS - (performance.now() - started);
    if (rest > 0) await new Promise((res) => setTimeout(res, rest));
  }
  return { approved, unseen, failed };
}

async function one(dialect: 'sqlite' | 'postgres', planDir: string, bare: Load): Promise<Record<string, number>> {
  const b = await benchStore(dialect);
  const children: ChildProcess[] = [];
  try {
    await b.store.db.transaction().execute((trx) => addPlan(trx, loadPlanDir(planDir)));
    await addUser(b.store.db, SYSTEM, { username: 'bench', password: 'bench-password', role: 'admin' });
    await b.store.close();
    const servers = await Promise.all((dialect === 'postgres' ? [1, 2] : [1]).map(() => serve(b)));
    children.push(...servers.map((s) => s.child));
    const bases = servers.map((s) => s.url);
    for (const u of bases) for (const p of PATHS) await (await fetch(u + p)).arrayBuffer();
    let done = false;
    const writes = approvals(bases, () => done);
    const l = await load(
      bases.flatMap((u) => PATHS.map((p) => u + p)),
      SECONDS,
    );
    done = true;
    const w = await writes;
    return {
      processes: bases.length,
      rps: Math.round(l.rps),
      p99Ms: l.p99,
      errors: l.errors,
      approvals: w.approved,
      approvalsFailed: w.failed,
      approvalsNotVisible: w.unseen,
      rpsRatio: Number((l.rps / bare.rps).toFixed(3)),
      p99Ratio: Number((l.p99 / Math.max(1, bare.p99)).toFixed(1)),
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((res) => setTimeout(res, 500));
    await b.dispose().catch(() => undefined);
  }
}

export async function benchLoad(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-load-'));
  const bareApp = Fastify();
  bareApp.get('/bare', async () => ({ status: 'ok' }));
  try {
    const planDir = writeSyntheticPlan(dir, INDICATORS);
    const bareUrl = await bareApp.listen({ port: 0, host: '127.0.0.1' });
    const bare = await load([`${bareUrl}/bare`], Math.min(10, SECONDS));
    await bareApp.close();
    const out: Record<string, number> = { seconds: SECONDS, connections: CONNECTIONS, bareRps: Math.round(bare.rps), bareP99Ms: bare.p99 };
    for (const dialect of ['sqlite', 'postgres'] as const)
      for (const [k, v] of Object.entries(await one(dialect, planDir, bare))) out[`${dialect}.${k}`] = v;
    return out;
  } finally {
    await bareApp.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
