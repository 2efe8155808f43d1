/** Throw-away stores for benchmarks: SQLite in a temporary folder, PostgreSQL in a fresh schema. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store, type StoreOptions } from '../src/store/index.js';

export const BENCH_PG_URL = process.env.PLANWATCH_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchStore {
  store: Store;
  /** Opens the same store again (as another process would). */
  options: StoreOptions;
  dispose(): Promise<void>;
}

export async function benchStore(dialect: 'sqlite' | 'postgres'): Promise<BenchStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pw-bench-'));
    const options = { dataDir: dir };
    const store = await openStore(options);
    return {
      store,
      options,
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `pw_bench_${process.pid}_${Date.now().toString(36)}`;
  const options = { databaseUrl: BENCH_PG_URL, pgSchema: schema };
  const store = await openStore(options);
  return {
    store,
    options,
    async dispose() {
      await store.close();
      const c = new pg.Client({ connectionString: BENCH_PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

/** Signs in over HTTP and returns the headers a signed-in client sends. */
export async function signIn(base: string, username: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
