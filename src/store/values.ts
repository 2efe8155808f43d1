/**
 * Reported values and their workflow. Every change runs in one transaction with its audit entry
 * and bumps the data version; the rules of the workflow and of data quality come from core.
 */
import type { Kysely } from 'kysely';
import type { Indicator, Observation, ObservationKind, Plan, Source } from '../core/model.js';
import { checkValue, type QualityIssue } from '../core/quality.js';
import { nextStatus, WorkflowError, type ValueAction, type ValueStatus } from '../core/workflow.js';
import { findTarget } from '../core/targets.js';
import { recordAudit } from './audit.js';
import { refuseDemoValues } from './demo-guard.js';
import type { Database, ValueTable } from './schema.js';
import { bumpDataVersion, newId, now, sourceColumns, sourceOf, toObservation, type Actor, type Db } from './util.js';

export interface ValueRecord {
  id: string;
  planId: string;
  indicatorId: string;
  year: number;
  kind: ObservationKind;
  value: number;
  bound: 'atLeast' | 'atMost' | null;
  written: string | null;
  unit: string | null;
  scope: string | null;
  source: Source | null;
  note: string | null;
  status: ValueStatus;
  locked: boolean;
  origin: string;
  reporterUnitId: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
  explanation: string | null;
  flags: QualityIssue[];
  revision: number;
  demo: boolean;
  /** The org unit the value is for (a town's own figure); null for the plan's whole area. */
  forUnitId: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toRecord(r: ValueTable): ValueRecord {
  return {
    id: r.id,
    planId: r.plan_id,
    indicatorId: r.indicator_id,
    year: r.year,
    kind: r.kind as ObservationKind,
    value: r.value,
    bound: (r.bound as ValueRecord['bound']) ?? null,
    written: r.written,
    unit: r.unit,
    scope: r.scope,
    source: sourceOf(r) ?? null,
    note: r.note,
    status: r.status as ValueStatus,
    locked: r.locked === 1,
    origin: r.origin,
    reporterUnitId: r.reporter_unit_id,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    returnReason: r.return_reason,
    explanation: r.explanation,
    flags: r.flags ? (JSON.parse(r.flags) as QualityIssue[]) : [],
    revision: r.revision,
    demo: r.demo === 1,
    forUnitId: r.for_unit_id || null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** What an audit entry keeps of a value: the figures and the workflow state, not the bookkeeping. */
function auditView(r: ValueRecord | ValueTable | undefined): Record<string, unknown> | undefined {
  if (!r) return undefined;
  const v = 'planId' in r ? r : toRecord(r);
  return {
    year: v.year,
    kind: v.kind,
    value: v.value,
    bound: v.bound,
    scope: v.scope,
    status: v.status,
    locked: v.locked,
    source: v.source?.title ?? null,
    note: v.note,
  };
}

/** A value that enters approved and locked without the workflow: the plan's published figures, demo sets. */
export function approvedRow(planId: string, o: Observation, origin: 'published' | 'demo', t: string): ValueTable {
  return {
    id: newId(),
    plan_id: planId,
    indicator_id: o.indicatorId,
    year: o.year,
    kind: o.kind,
    value: o.value,
    bound: o.bound ?? null,
    written: o.written ?? null,
    unit: o.unit ?? null,
    scope: o.scope ?? null,
    ...sourceColumns(o.source),
    note: o.note ?? null,
    status: 'approved',
    locked: 1,
    origin,
    reporter_unit_id: null,
    submitted_by: null,
    submitted_at: null,
    reviewed_by: null,
    reviewed_at: null,
    return_reason: null,
    explanation: null,
    flags: null,
    revision: 0,
    demo: o.demo ? 1 : 0,
    for_unit_id: '',
    created_at: t,
    updated_at: t,
  };
}

export class ValueError extends Error {
  constructor(
    readonly code: 'notFound' | 'unknownIndicator' | 'quality' | 'explanationRequired' | 'conflict' | 'invalid',
    message: string,
    readonly issues: QualityIssue[] = [],
  ) {
    super(message);
    this.name = 'ValueError';
  }
}

export interface ValueQuery {
  indicatorId?: string;
  year?: number;
  statuses?: ValueStatus[];
  reporterUnitId?: string;
  indicatorIds?: string[];
  /** Only the values for this org unit ('' for the plan's whole area); all units when undefined. */
  forUnitId?: string;
}

export async function listValues(db: Db, planId: string, q: ValueQuery = {}): Promise<ValueRecord[]> {
  let query = db.selectFrom('plan_values').selectAll().where('plan_id', '=', planId);
  if (q.indicatorId) query = query.where('indicator_id', '=', q.indicatorId);
  if (q.indicatorIds)
    query = q.indicatorIds.length ? query.where('indicator_id', 'in', q.indicatorIds) : query.where('indicator_id', '=', '\u0000');
  if (q.year) query = query.where('year', '=', q.year);
  if (q.statuses?.length) query = query.where('status', 'in', q.statuses);
  if (q.reporterUnitId) query = query.where('reporter_unit_id', '=', q.reporterUnitId);
  if (q.forUnitId !== undefined) query = query.where('for_unit_id', '=', q.forUnitId);
  const rows = await query.orderBy('indicator_id').orderBy('year').orderBy('kind').execute();
  return rows.map(toRecord);
}

/**
 * Only approved values feed evaluations, public views and reports. The plan's own evaluation reads
 * the figures for its whole area (forUnitId ''); a town's figures are its own (see towns.ts).
 */
export async function approvedObservations(db: Db, planId: string, forUnitId = ''): Promise<Observation[]> {
  const rows = await db
    .selectFrom('plan_values')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('status', '=', 'approved')
    .where('for_unit_id', '=', forUnitId)
    .execute();
  return rows.map(toObservation);
}

export async function getValue(db: Db, id: string): Promise<ValueRecord> {
  const r = await db.selectFrom('plan_values').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new ValueError('notFound', `没有编号为 ${id} 的数值`);
  return toRecord(r);
}

export interface ValueInput {
  indicatorId: string;
  year: number;
  kind?: ObservationKind;
  value: number;
  bound?: 'atLeast' | 'atMost' | null;
  unit?: string | null;
  scope?: string | null;
  source?: Source | null;
  note?: string | null;
  /** Why a flagged value is right; required to submit a value flagged as an outlier. */
  explanation?: string | null;
  /** The org unit the value is for (a town's own figure); '' or absent for the plan's whole area. */
  forUnitId?: string | null;
}

function indicatorOf(plan: Plan, id: string): Indicator {
  const ind = findTarget(plan, id);
  if (!ind) throw new ValueError('unknownIndicator', `规划「${plan.meta.shortTitle}」中没有指标或任务目标「${id}」`);
  return ind;
}

/** Range errors refuse the value; an outlier flag needs the reporter's explanation to submit. */
export async function qualityOf(db: Db, plan: Plan, input: ValueInput): Promise<QualityIssue[]> {
  const ind = indicatorOf(plan, input.indicatorId);
  const forUnit = input.forUnitId ?? '';
  // A town's value is compared with the town's own history; the plan's base is the whole area's.
  const history = (await approvedObservations(db, plan.meta.id, forUnit)).filter((o) => o.indicatorId === ind.id);
  if (forUnit === '' && ind.base !== null && !history.some((h) => h.kind === 'level' && h.year === plan.meta.baseYear)) {
    history.push({ indicatorId: ind.id, year: plan.meta.baseYear, kind: 'level', value: ind.base });
  }
  return checkValue(ind, { year: input.year, kind: input.kind ?? 'level', value: input.value }, history, plan.settings);
}

function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return 'isTransaction' in db && db.isTransaction ? fn(db) : (db as Kysely<Database>).transaction().execute(fn);
}

/** Audits a change of one value and makes every cached evaluation stale; returns the value as it is now. */
async function recordValueChange(
  trx: Db,
  actor: Actor,
  action: ValueAction,
  before: ValueRecord | ValueTable | undefined,
  id: string,
  reason: string | null,
): Promise<ValueRecord> {
  const after = await getValue(trx, id);
  await recordAudit(trx, actor, {
    action: `value.${action}`,
    entity: 'value',
    entityId: id,
    planId: after.planId,
    indicatorId: after.indicatorId,
    before: auditView(before),
    after: auditView(after),
    reason,
  });
  await bumpDataVersion(trx);
  return after;
}

/**
 * Creates or edits a value through the workflow: `save` keeps a draft, `submit` sends it for review.
 * The (indicator, year, kind) triple identifies the value; a locked one cannot be touched here.
 */
export async function saveValue(db: Db, actor: Actor, plan: Plan, input: ValueInput, action: 'save' | 'submit'): Promise<ValueRecord> {
  if (!Number.isFinite(input.value)) throw new ValueError('invalid', '数值必须是有限数字');
  await refuseDemoValues(db, `指标「${input.indicatorId}」${input.year}年的数值`, [input]);
  const kind = input.kind ?? 'level';
  const issues = await qualityOf(db, plan, { ...input, kind });
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new ValueError('quality', errors.map((e) => e.message).join('；'), issues);
  const flagged = issues.filter((i) => i.severity === 'flag');
  if (action === 'submit' && flagged.length && !input.explanation?.trim()) {
    throw new ValueError('explanationRequired', flagged.map((f) => f.message).join('；'), issues);
  }
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('plan_values')
      .selectAll()
      .where('plan_id', '=', plan.meta.id)
      .where('indicator_id', '=', input.indicatorId)
      .where('year', '=', input.year)
      .where('kind', '=', kind)
      .where('for_unit_id', '=', input.forUnitId ?? '')
      .executeTakeFirst();
    const status = nextStatus(existing ? (existing.status as ValueStatus) : 'new', action, existing?.locked === 1);
    const t = now();
    const fields = {
      value: input.value,
      bound: input.bound ?? null,
      unit: input.unit ?? null,
      scope: input.scope ?? null,
      ...sourceColumns(input.source),
      note: input.note ?? null,
      explanation: input.explanation ?? null,
      flags: issues.length ? JSON.stringify(issues) : null,
      status,
      reporter_unit_id: actor.unitId ?? existing?.reporter_unit_id ?? null,
      submitted_by: action === 'submit' ? actor.username : (existing?.submitted_by ?? null),
      submitted_at: action === 'submit' ? t : (existing?.submitted_at ?? null),
      return_reason: action === 'submit' ? null : (existing?.return_reason ?? null),
      updated_at: t,
    };
    let id: string;
    if (existing) {
      id = existing.id;
      await trx.updateTable('plan_values').set(fields).where('id', '=', id).execute();
    } else {
      id = newId();
      await trx
        .insertInto('plan_values')
        .values({
          id,
          plan_id: plan.meta.id,
          indicator_id: input.indicatorId,
          year: input.year,
          kind,
          written: null,
          locked: 0,
          origin: 'workflow',
          reviewed_by: null,
          reviewed_at: null,
          revision: 0,
          demo: 0,
          for_unit_id: input.forUnitId ?? '',
          created_at: t,
          ...fields,
        })
        .execute();
    }
    return recordValueChange(trx, actor, action, existing, id, input.explanation ?? null);
  });
}

/** Review and lock actions on an existing value: submit, approve, return, unlock. */
export async function transition(
  db: Db,
  actor: Actor,
  id: string,
  action: Exclude<ValueAction, 'save' | 'revise'>,
  reason?: string,
): Promise<ValueRecord> {
  return inTransaction(db, async (trx) => {
    const before = await getValue(trx, id);
    const status = nextStatus(before.status, action, before.locked, reason);
    if (action === 'submit') {
      const flagged = before.flags.filter((f) => f.severity === 'flag');
      if (flagged.length && !before.explanation)
        throw new ValueError('explanationRequired', flagged.map((f) => f.message).join('；'), before.flags);
    }
    const t = now();
    const set: Partial<ValueTable> = { status, updated_at: t };
    if (action === 'approve') Object.assign(set, { locked: 1, reviewed_by: actor.username, reviewed_at: t, return_reason: null });
    if (action === 'return') Object.assign(set, { reviewed_by: actor.username, reviewed_at: t, return_reason: reason });
    if (action === 'returnFromAbove')
      Object.assign(set, { locked: 0, reviewed_by: actor.username, reviewed_at: t, return_reason: `上级退回：${reason}` });
    if (action === 'unlock') Object.assign(set, { locked: 0 });
    if (action === 'submit') Object.assign(set, { submitted_by: actor.username, submitted_at: t, return_reason: null });
    await trx.updateTable('plan_values').set(set).where('id', '=', id).execute();
    return recordValueChange(trx, actor, action, before, id, reason ?? null);
  });
}

/** A statistical revision (口径调整): an approved value changes, stays approved, and the change is kept. */
export async function reviseValue(
  db: Db,
  actor: Actor,
  id: string,
  change: { value: number; scope?: string | null; note?: string | null },
  reason: string,
): Promise<ValueRecord> {
  if (!Number.isFinite(change.value)) throw new ValueError('invalid', '数值必须是有限数字');
  await refuseDemoValues(db, '修订', [change]);
  return inTransaction(db, async (trx) => {
    const before = await getValue(trx, id);
    nextStatus(before.status, 'revise', before.locked, reason);
    await trx
      .updateTable('plan_values')
      .set({
        value: change.value,
        scope: change.scope === undefined ? before.scope : change.scope,
        note: change.note === undefined ? before.note : change.note,
        revision: before.revision + 1,
        updated_at: now(),
      })
      .where('id', '=', id)
      .execute();
    return recordValueChange(trx, actor, 'revise', before, id, reason);
  });
}

export { WorkflowError };
