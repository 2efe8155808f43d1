/**
 * Long writes on SQLite without freezing the server. SQLite has one connection per process in
 * Kysely, so a long import transaction on it would make every other request wait for its commit.
 * Instead a bulk writer opens a second connection to the same file for its one transaction: in WAL
 * mode, requests on the main connection keep reading the last committed state (so the import stays
 * all or nothing for them) while the writer pauses between its batches. SQLite lets one connection
 * write at a time, and its busy handler would block the event loop while it waits, so writes on
 * the main connection wait for the bulk writer asynchronously at a gate instead.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import type { Database } from './schema.js';

export interface BulkWriter {
  db: Kysely<Database>;
  close(): Promise<void>;
}

const READ = /^\s*(select|pragma)\b/i;

/** The main connection's dialect: writes wait while a bulk writer holds SQLite's write lock. */
export class GatedSqlite {
  private gate: Promise<void> | undefined;
  private inTransaction = false;
  private driver: SqliteDriver | undefined;

  constructor(
    private readonly file: string,
    private readonly database: SQLite.Database,
    private readonly pragmas: (db: SQLite.Database) => void,
  ) {}

  dialect(): SqliteDialect {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    return new (class extends SqliteDialect {
      override createDriver(): Driver {
        const inner = new SqliteDriver({ database: self.database });
        self.driver = inner;
        return {
          init: () => inner.init(),
          destroy: () => inner.destroy(),
          releaseConnection: () => inner.releaseConnection(),
          acquireConnection: async () => self.wrap(await inner.acquireConnection()),
          beginTransaction: async (c) => {
            await self.passGate();
            self.inTransaction = true;
            await inner.beginTransaction(c);
          },
          commitTransaction: async (c) => {
            self.inTransaction = false;
            await inner.commitTransaction(c);
          },
          rollbackTransaction: async (c) => {
            self.inTransaction = false;
            await inner.rollbackTransaction(c);
          },
          savepoint: (c, n, q) => inner.savepoint!(c, n, q),
          rollbackToSavepoint: (c, n, q) => inner.rollbackToSavepoint!(c, n, q),
          releaseSavepoint: (c, n, q) => inner.releaseSavepoint!(c, n, q),
        };
      }
    })({ database: this.database });
  }

  /** Gives up the main connection while the bulk writer works, and takes it back after. */
  private async passGate(): Promise<void> {
    while (this.gate) {
      await this.driver!.releaseConnection();
      await this.gate;
      await this.driver!.acquireConnection();
    }
  }

  private wrap(c: DatabaseConnection): DatabaseConnection {
    return {
      executeQuery: async (q) => {
        if (this.gate && !this.inTransaction && !READ.test(q.sql)) await this.passGate();
        return c.executeQuery(q);
      },
      streamQuery: (q, n) => c.streamQuery(q, n),
    };
  }

  /**
   * Opens the second connection for one long transaction. The gate is raised while this process
   * holds the main connection, so no transaction of its own is half-way when the writer starts.
   */
  async bulkWriter(main: Kysely<Database>): Promise<BulkWriter> {
    while (this.gate) await this.gate;
    let open!: () => void;
    await main.connection().execute(async () => {
      this.gate = new Promise<void>((resolve) => (open = resolve));
    });
    const sqlite = new SQLite(this.file);
    this.pragmas(sqlite);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return {
      db,
      close: async () => {
        await db.destroy();
        this.gate = undefined;
        open();
      },
    };
  }
}
