/** The store: one interface over SQLite and PostgreSQL. Repositories take the Kysely handle. */
import { sql } from 'kysely';
import { connect, type Connection, type StoreOptions } from './connect.js';
import { seedShippedPlans } from './plans.js';

export interface Store extends Connection {
  close(): Promise<void>;
}

/** Opens (migrating) and seeds the shipped plans on first start. */
export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  const conn = await connect(opts);
  await conn.db.transaction().execute((trx) => seedShippedPlans(trx));
  return { ...conn, close: () => conn.db.destroy() };
}

export async function storeHealthy(store: Store): Promise<boolean> {
  try {
    await sql`select 1`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}

export type { StoreOptions } from './connect.js';
export { defaultDataDir } from './connect.js';
