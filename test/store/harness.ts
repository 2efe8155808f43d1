/**
 * Runs a store test on both dialects: SQLite in a fresh folder and PostgreSQL in a fresh schema
 * (dropped afterwards). PostgreSQL is the one on 127.0.0.1:5432 (PLANWATCH_TEST_PG to change it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/index.js';

export const TEST_PG_URL = process.env.PLANWATCH_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type DialectUnderTest = (typeof DIALECTS)[number];

export interface TestStore {
  store: Store;
  /** Options that open the same store again (another "process"). */
  options: { dataDir?: string; databaseUrl?: string; pgSchema?: string };
  cleanup(): Promise<void>;
}

let counter = 0;

export async function makeStore(dialect: DialectUnderTest): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pw-store-'));
    const options = { dataDir: dir };
    const store = await openStore(options);
    return {
      store,
      options,
      async cleanup() {
        await store.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `pw_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const options = { databaseUrl: TEST_PG_URL, pgSchema: schema };
  const store = await openStore(options);
  return {
    store,
    options,
    async cleanup() {
      await store.close();
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}
