/**
 * Long work (imports, reports) records its progress in the store, so that any process behind the
 * proxy can answer "how far is it?" and a process that died leaves a job marked as interrupted.
 */
import { ImportError } from '../importers/sheet/index.js';
import { isWriteConflict, newId, now, type Db } from './util.js';

/** A job id the client chose that is already taken. */
export class JobError extends Error {
  readonly code = 'jobExists';
}

export interface Job {
  id: string;
  kind: string;
  userId: string | null;
  status: 'running' | 'done' | 'failed';
  phase: string | null;
  done: number;
  total: number | null;
  result: unknown;
  error: unknown;
  createdAt: string;
  updatedAt: string;
}

export async function startJob(db: Db, kind: string, userId: string | null, id: string = newId()): Promise<string> {
  const t = now();
  const taken = await db.selectFrom('jobs').select('id').where('id', '=', id).executeTakeFirst();
  if (taken) throw new JobError(`任务编号 ${id} 已被使用，请换一个新的 UUID`);
  await db
    .insertInto('jobs')
    .values({
      id,
      kind,
      user_id: userId,
      status: 'running',
      phase: null,
      done: 0,
      total: null,
      result: null,
      error: null,
      created_at: t,
      updated_at: t,
    })
    .execute()
    .catch((e: unknown) => {
      throw isWriteConflict(e) ? new JobError(`任务编号 ${id} 已被使用，请换一个新的 UUID`) : e;
    });
  return id;
}

export async function jobProgress(db: Db, id: string, phase: string, done: number, total?: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ phase, done, total: total ?? null, updated_at: now() })
    .where('id', '=', id)
    .execute();
}

export async function finishJob(db: Db, id: string, outcome: { result?: unknown; error?: unknown }): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: outcome.error === undefined ? 'done' : 'failed',
      result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
      error: outcome.error === undefined ? null : JSON.stringify(outcome.error),
      updated_at: now(),
    })
    .where('id', '=', id)
    .execute();
}

/** A running job not updated for this long belongs to a process that is gone. */
const STALE_MS = 10 * 60_000;

export async function getJob(db: Db, id: string): Promise<Job | undefined> {
  const r = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const stale = r.status === 'running' && Date.now() - Date.parse(r.updated_at) > STALE_MS;
  return {
    id: r.id,
    kind: r.kind,
    userId: r.user_id,
    status: stale ? 'failed' : (r.status as Job['status']),
    phase: r.phase,
    done: r.done,
    total: r.total,
    result: r.result ? JSON.parse(r.result) : null,
    error: stale ? { message: '任务所在进程已中断，未写入任何数据' } : r.error ? JSON.parse(r.error) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Throttles progress writes to a few per second; the last call always lands. */
export function progressWriter(db: Db, id: string, everyMs = 300): (phase: string, done: number, total?: number) => Promise<void> {
  let last = 0;
  return async (phase, done, total) => {
    const t = Date.now();
    if (t - last < everyMs && (total === undefined || done < total)) return;
    last = t;
    await jobProgress(db, id, phase, done, total);
  };
}

/** Reports how far long work is; it returns at once, the store is written behind it. */
export type ReportProgress = (phase: string, done: number, total?: number) => void;

/**
 * Runs long work under a job: its progress is written in order and throttled without holding the
 * work up, and the job ends done with `resultOf(value)`, or failed with the error (and the rows an
 * import refused). Progress written while the work holds SQLite's only connection in a transaction
 * lands once it commits; on PostgreSQL another connection writes it at once.
 */
export async function withJob<T>(
  db: Db,
  job: { kind: string; userId: string | null; id?: string; everyMs?: number },
  work: (progress: ReportProgress) => Promise<T>,
  resultOf: (value: T) => unknown = (v) => v,
): Promise<{ job: string; value: T }> {
  const id = await startJob(db, job.kind, job.userId, job.id);
  const write = progressWriter(db, id, job.everyMs);
  let pending: Promise<void> = Promise.resolve();
  const progress: ReportProgress = (phase, done, total) => void (pending = pending.then(() => write(phase, done, total)));
  try {
    const value = await work(progress);
    await pending;
    await finishJob(db, id, { result: resultOf(value) });
    return { job: id, value };
  } catch (e) {
    await pending.catch(() => undefined);
    await finishJob(db, id, {
      error: e instanceof ImportError ? { message: e.message, issues: e.issues } : { message: (e as Error).message },
    });
    throw e;
  }
}
