/** The append-only audit log: who, when, what, old → new, why. Nothing updates or deletes rows. */
import type { Db, Actor } from './util.js';
import { now } from './util.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  planId?: string | null;
  indicatorId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  at: string;
  userId: string | null;
  username: string | null;
}

export async function recordAudit(db: Db, actor: Actor, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now(),
      user_id: actor.id,
      username: actor.username,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      plan_id: e.planId ?? null,
      indicator_id: e.indicatorId ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      reason: e.reason ?? null,
    })
    .execute();
}

export interface AuditQuery {
  planId?: string;
  indicatorId?: string;
  userId?: string;
  entity?: string;
  entityId?: string;
  limit?: number;
  beforeSeq?: number;
}

export async function listAudit(db: Db, q: AuditQuery): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.planId) query = query.where('plan_id', '=', q.planId);
  if (q.indicatorId) query = query.where('indicator_id', '=', q.indicatorId);
  if (q.userId) query = query.where('user_id', '=', q.userId);
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq);
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(Math.min(q.limit ?? 100, 1000))
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    userId: r.user_id,
    username: r.username,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    planId: r.plan_id,
    indicatorId: r.indicator_id,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
    reason: r.reason,
  }));
}
