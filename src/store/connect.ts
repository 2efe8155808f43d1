/**
 * Opens the store: embedded SQLite (WAL) in a data folder by default, PostgreSQL when a
 * DATABASE_URL is given. Migrations run on open; several processes may open the same PostgreSQL.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider, type DialectName } from './migrations.js';
import type { Database } from './schema.js';
import { GatedSqlite, type BulkWriter } from './sqlite-bulk.js';

export interface StoreOptions {
  /** postgres://… ; when absent, SQLite in `dataDir`. */
  databaseUrl?: string;
  /** Folder of the SQLite file (default ./data, or PLANWATCH_DATA). */
  dataDir?: string;
  /** PostgreSQL schema to use (tests create one each); created when missing. */
  pgSchema?: string;
}

export interface Connection {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives, for messages and backups. */
  location: string;
  sqlite?: SQLite.Database;
  /**
   * SQLite only: a second connection for one long transaction (a large import) that the server's
   * other requests do not wait for. PostgreSQL's pool gives every transaction its own connection.
   */
  bulkWriter?: () => Promise<BulkWriter>;
}

function sqlitePragmas(sqlite: SQLite.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
}

export function defaultDataDir(): string {
  return resolve(process.env.PLANWATCH_DATA ?? 'data');
}

export async function connect(opts: StoreOptions = {}): Promise<Connection> {
  const url = opts.databaseUrl;
  let conn: Connection;
  if (url) {
    if (opts.pgSchema && !/^[a-z_][a-z0-9_]*$/.test(opts.pgSchema)) throw new Error(`invalid schema name ${opts.pgSchema}`);
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    if (opts.pgSchema) {
      const c = await pool.connect();
      try {
        await c.query(`create schema if not exists ${opts.pgSchema}`);
      } finally {
        c.release();
      }
    }
    // Numeric columns come back as JS numbers; bigint sequences too (audit seq stays far below 2^53).
    pg.types.setTypeParser(20, (v) => Number(v));
    conn = {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      dialect: 'postgres',
      location: redact(url) + (opts.pgSchema ? ` (schema ${opts.pgSchema})` : ''),
    };
  } else {
    const dir = resolve(opts.dataDir ?? defaultDataDir());
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'planwatch.sqlite');
    const sqlite = new SQLite(file);
    sqlitePragmas(sqlite);
    const gated = new GatedSqlite(file, sqlite, sqlitePragmas);
    const db = new Kysely<Database>({ dialect: gated.dialect() });
    conn = { db, dialect: 'sqlite', location: file, sqlite, bulkWriter: () => gated.bulkWriter(db) };
  }
  // Kysely looks for its bookkeeping tables in any schema unless told which: name ours.
  const migrator = new Migrator({
    db: conn.db,
    provider: migrationProvider(conn.dialect),
    ...(url && opts.pgSchema ? { migrationTableSchema: opts.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${(error as Error).message ?? String(error)}`);
  }
  return conn;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
