import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Observation, Source } from '../core/model.js';
import type { Database, ValueTable } from './schema.js';

export type Db = Kysely<Database> | Transaction<Database>;

/** Who does a change: recorded in the audit log. `null` id for the system (seeding, CLI). */
export interface Actor {
  id: string | null;
  username: string;
  role: string;
  unitId: string | null;
}

export const SYSTEM: Actor = { id: null, username: 'system', role: 'admin', unitId: null };

export const now = (): string => new Date().toISOString();
export const newId = (): string => randomUUID();

/** The columns of a stored value that make an observation: what evaluations read, nothing of the workflow. */
export const OBSERVATION_COLUMNS = [
  'indicator_id',
  'year',
  'kind',
  'value',
  'bound',
  'written',
  'unit',
  'scope',
  'source_title',
  'source_url',
  'quote',
  'source_secondary',
  'source_original',
  'note',
  'demo',
] as const;
export type ObservationRow = Pick<ValueTable, (typeof OBSERVATION_COLUMNS)[number]>;

export function toObservation(r: ObservationRow): Observation {
  const o: Observation = { indicatorId: r.indicator_id, year: r.year, kind: r.kind as Observation['kind'], value: r.value };
  if (r.bound) o.bound = r.bound as 'atLeast' | 'atMost';
  if (r.written) o.written = r.written;
  if (r.unit) o.unit = r.unit;
  if (r.scope) o.scope = r.scope;
  const source = sourceOf(r);
  if (source) o.source = source;
  if (r.note) o.note = r.note;
  if (r.demo) o.demo = true;
  return o;
}

/** A value's source from its columns; the one reading of them. */
export function sourceOf(
  r: Pick<ValueTable, 'source_title' | 'source_url' | 'quote' | 'source_secondary' | 'source_original'>,
): Source | undefined {
  if (!r.source_title) return undefined;
  const secondary = r.source_secondary === 'reprint' || r.source_secondary === 'thirdParty' ? r.source_secondary : undefined;
  return {
    title: r.source_title,
    ...(r.source_url ? { url: r.source_url } : {}),
    ...(r.quote ? { quote: r.quote } : {}),
    ...(secondary ? { secondary } : {}),
    ...(r.source_original ? { original: r.source_original } : {}),
  };
}

/** A value's source as its columns; the one writing of them. */
export function sourceColumns(
  s: Source | null | undefined,
): Pick<ValueTable, 'source_title' | 'source_url' | 'quote' | 'source_secondary' | 'source_original'> {
  return {
    source_title: s?.title ?? null,
    source_url: s?.url ?? null,
    quote: s?.quote ?? null,
    source_secondary: s?.secondary ?? null,
    source_original: s?.original ?? null,
  };
}

/** Makes every cache keyed on the data version stale, in every process sharing the store. */
export async function bumpDataVersion(db: Db): Promise<void> {
  await sql`update meta set value = cast(cast(value as integer) + 1 as text) where key = 'data_version'`.execute(db);
}

export async function dataVersion(db: Db): Promise<number> {
  const r = await db.selectFrom('meta').select('value').where('key', '=', 'data_version').executeTakeFirst();
  return Number(r?.value ?? 0);
}

/**
 * A write that lost a race with another transaction — a unique key taken meanwhile, a deadlock, a
 * serialization failure, a database busy past its timeout — rather than a fault: trying again
 * later is the remedy.
 */
export function isWriteConflict(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return ['23505', '40001', '40P01'].includes(code) || /^SQLITE_(BUSY|CONSTRAINT_UNIQUE|CONSTRAINT_PRIMARYKEY)/.test(code);
}

/** How long stepped work may hold the event loop before other requests get a turn. */
export const SLICE_MS = 10;

/**
 * Runs stepped work (a generator that pauses between parts), giving the event loop back whenever
 * it has held it for {@link SLICE_MS}: a large plan's evaluation never stalls other requests.
 */
export async function runYielding<T>(steps: Generator<void, T>): Promise<T> {
  let since = performance.now();
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    if (performance.now() - since >= SLICE_MS) {
      await nextTurn();
      since = performance.now();
    }
  }
}
