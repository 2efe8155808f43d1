/**
 * The reporting organisation of a plan: who reports what (assignments), when (the calendar), the
 * yearly plan's targets (年度计划) and official verdicts. Every change is audited.
 */
import { parseTarget } from '../core/notation.js';
import type { AnnualTarget, OfficialVerdict, Plan, Source } from '../core/model.js';
import { verdictFromWord } from '../core/labels.js';
import { findTarget } from '../core/targets.js';
import { recordAudit } from './audit.js';
import { bumpDataVersion, inTransaction, newId, now, type Actor, type Db } from './util.js';

export type AssignmentRole = 'lead' | 'cooperate' | 'town';

export interface Assignment {
  targetType: 'indicator' | 'task';
  targetId: string;
  unitId: string;
  role: AssignmentRole;
}

export class PlanningError extends Error {
  constructor(
    readonly code: 'invalid' | 'notFound',
    message: string,
  ) {
    super(message);
  }
}

export async function listAssignments(db: Db, planId: string, unitId?: string): Promise<Assignment[]> {
  let q = db.selectFrom('assignments').selectAll().where('plan_id', '=', planId);
  if (unitId) q = q.where('unit_id', '=', unitId);
  const rows = await q.orderBy('target_type').orderBy('target_id').execute();
  return rows.map((r) => ({
    targetType: r.target_type as Assignment['targetType'],
    targetId: r.target_id,
    unitId: r.unit_id,
    role: r.role as AssignmentRole,
  }));
}

/** Replaces the assignments of one target (indicator or task target). */
export async function setAssignments(
  db: Db,
  actor: Actor,
  plan: Plan,
  targetType: Assignment['targetType'],
  targetId: string,
  items: { unitId: string; role: AssignmentRole }[],
): Promise<Assignment[]> {
  const exists =
    targetType === 'indicator' ? plan.indicators.some((i) => i.id === targetId) : plan.taskTargets.some((t) => t.id === targetId);
  if (!exists) throw new PlanningError('notFound', `规划中没有${targetType === 'indicator' ? '指标' : '任务目标'}「${targetId}」`);
  if (items.filter((i) => i.role === 'lead').length > 1) throw new PlanningError('invalid', '每项只能有一个牵头单位');
  const units = new Set((await db.selectFrom('units').select('id').execute()).map((u) => u.id));
  for (const i of items) if (!units.has(i.unitId)) throw new PlanningError('invalid', `没有单位「${i.unitId}」`);
  const before = (await listAssignments(db, plan.meta.id)).filter((a) => a.targetType === targetType && a.targetId === targetId);
  await db
    .deleteFrom('assignments')
    .where('plan_id', '=', plan.meta.id)
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .execute();
  for (const i of items)
    await db
      .insertInto('assignments')
      .values({ plan_id: plan.meta.id, target_type: targetType, target_id: targetId, unit_id: i.unitId, role: i.role })
      .execute();
  await recordAudit(db, actor, {
    action: 'assignment.set',
    entity: targetType,
    entityId: targetId,
    planId: plan.meta.id,
    indicatorId: targetType === 'indicator' ? targetId : null,
    before,
    after: items,
  });
  return listAssignments(db, plan.meta.id).then((all) => all.filter((a) => a.targetType === targetType && a.targetId === targetId));
}

/** The targets (indicators and task targets) a unit may report: those assigned to it in any role. */
export async function indicatorsOfUnit(db: Db, planId: string, unitId: string): Promise<string[]> {
  const rows = await db.selectFrom('assignments').select('target_id').where('plan_id', '=', planId).where('unit_id', '=', unitId).execute();
  return rows.map((r) => r.target_id);
}

export interface CalendarEntry {
  id: string;
  year: number;
  title: string;
  dueDate: string;
  note: string | null;
}

export async function listCalendar(db: Db, planId: string): Promise<CalendarEntry[]> {
  const rows = await db.selectFrom('calendar').selectAll().where('plan_id', '=', planId).orderBy('due_date').execute();
  return rows.map((r) => ({ id: r.id, year: r.year, title: r.title, dueDate: r.due_date, note: r.note }));
}

export async function addCalendarEntry(
  db: Db,
  actor: Actor,
  plan: Plan,
  e: { year: number; title: string; dueDate: string; note?: string | null },
): Promise<CalendarEntry> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(e.dueDate) || Number.isNaN(Date.parse(e.dueDate)))
    throw new PlanningError('invalid', `截止日期「${e.dueDate}」应为 YYYY-MM-DD`);
  const { baseYear, targetYear } = plan.meta;
  if (e.year <= baseYear || e.year > targetYear) throw new PlanningError('invalid', `报送年度应在${baseYear + 1}—${targetYear}之间`);
  const row = { id: newId(), plan_id: plan.meta.id, year: e.year, title: e.title, due_date: e.dueDate, note: e.note ?? null };
  await db.insertInto('calendar').values(row).execute();
  await recordAudit(db, actor, { action: 'calendar.add', entity: 'calendar', entityId: row.id, planId: plan.meta.id, after: e });
  return { id: row.id, year: row.year, title: row.title, dueDate: row.due_date, note: row.note };
}

export interface OverdueItem {
  indicatorId: string;
  unitId: string;
  year: number;
  dueDate: string;
  calendarTitle: string;
  /** missing: nothing entered; draft / returned: entered but not submitted. */
  state: 'missing' | 'draft' | 'returned';
}

/** Lead units whose indicator has no submitted or approved value for a round past its due date. */
export async function overdue(db: Db, planId: string, today = now().slice(0, 10), unitId?: string): Promise<OverdueItem[]> {
  const due = (await listCalendar(db, planId)).filter((c) => c.dueDate < today);
  if (!due.length) return [];
  const leads = (await listAssignments(db, planId, unitId)).filter((a) => a.role === 'lead');
  const values = await db.selectFrom('plan_values').select(['indicator_id', 'year', 'status']).where('plan_id', '=', planId).execute();
  const state = new Map<string, string>();
  for (const v of values) {
    const k = `${v.indicator_id}|${v.year}`;
    // The best state of any kind of value for that indicator-year counts.
    const rank = { approved: 3, submitted: 2, returned: 1, draft: 0 } as Record<string, number>;
    if ((rank[v.status] ?? -1) > (rank[state.get(k) ?? ''] ?? -1)) state.set(k, v.status);
  }
  const out: OverdueItem[] = [];
  for (const c of due) {
    for (const a of leads) {
      const s = state.get(`${a.targetId}|${c.year}`);
      if (s === 'approved' || s === 'submitted') continue;
      out.push({
        indicatorId: a.targetId,
        unitId: a.unitId,
        year: c.year,
        dueDate: c.dueDate,
        calendarTitle: c.title,
        state: (s as 'draft' | 'returned') ?? 'missing',
      });
    }
  }
  return out;
}

export async function listAnnualTargets(db: Db, planId: string): Promise<AnnualTarget[]> {
  return (await annualTargetsOf(db, [planId])).get(planId) ?? [];
}

/** The yearly-plan targets of several plans in one query, by plan. */
export async function annualTargetsOf(db: Db, planIds: string[]): Promise<Map<string, AnnualTarget[]>> {
  const out = new Map<string, AnnualTarget[]>();
  if (!planIds.length) return out;
  const rows = await db
    .selectFrom('annual_targets')
    .selectAll()
    .where('plan_id', 'in', planIds)
    .orderBy('year')
    .orderBy('indicator_id')
    .execute();
  for (const r of rows) {
    const a: AnnualTarget = { indicatorId: r.indicator_id, year: r.year, target: r.target };
    if (r.source_title)
      a.source = { title: r.source_title, ...(r.source_url ? { url: r.source_url } : {}), ...(r.quote ? { quote: r.quote } : {}) };
    const list = out.get(r.plan_id);
    if (list) list.push(a);
    else out.set(r.plan_id, [a]);
  }
  return out;
}

export function annualTargetRow(
  planId: string,
  a: AnnualTarget | { indicatorId: string; year: number; target: string; source?: Source | null },
  setBy: string | null,
  t: string,
) {
  return {
    plan_id: planId,
    indicator_id: a.indicatorId,
    year: a.year,
    target: a.target,
    source_title: a.source?.title ?? null,
    source_url: a.source?.url ?? null,
    quote: a.source?.quote ?? null,
    set_by: setBy,
    set_at: t,
  };
}

/** Sets one year's target of the yearly plan, in the plan's notation (parsed before it is stored). */
export async function setAnnualTarget(
  db: Db,
  actor: Actor,
  plan: Plan,
  a: { indicatorId: string; year: number; target: string; source?: Source | null },
): Promise<AnnualTarget> {
  const ind = findTarget(plan, a.indicatorId);
  if (!ind) throw new PlanningError('notFound', `规划中没有指标或任务目标「${a.indicatorId}」`);
  const { baseYear, targetYear } = plan.meta;
  if (a.year <= baseYear || a.year > targetYear) throw new PlanningError('invalid', `年度应在${baseYear + 1}—${targetYear}之间`);
  try {
    parseTarget(a.target, { name: ind.name, column: 'annual' });
  } catch (e) {
    throw new PlanningError('invalid', (e as Error).message);
  }
  const before = (await listAnnualTargets(db, plan.meta.id)).find((x) => x.indicatorId === a.indicatorId && x.year === a.year);
  const row = annualTargetRow(plan.meta.id, a, actor.username, now());
  await db
    .insertInto('annual_targets')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['plan_id', 'indicator_id', 'year']).doUpdateSet({
        target: row.target,
        source_title: row.source_title,
        source_url: row.source_url,
        quote: row.quote,
        set_by: row.set_by,
        set_at: row.set_at,
      }),
    )
    .execute();
  await recordAudit(db, actor, {
    action: 'annualTarget.set',
    entity: 'annualTarget',
    entityId: `${a.indicatorId}/${a.year}`,
    planId: plan.meta.id,
    indicatorId: a.indicatorId,
    before,
    after: a,
  });
  await bumpDataVersion(db);
  return { indicatorId: a.indicatorId, year: a.year, target: a.target, ...(a.source ? { source: a.source } : {}) };
}

/**
 * Sets all targets of one year's yearly plan at once (the batch table, the Excel template): every
 * row is checked first and every problem named (指标 and its written target); then all are written in
 * one transaction, or none.
 */
export async function setAnnualTargets(
  db: Db,
  actor: Actor,
  plan: Plan,
  year: number,
  items: { indicatorId: string; target: string; source?: Source | null; where?: string }[],
): Promise<AnnualTarget[]> {
  const { baseYear, targetYear } = plan.meta;
  if (year <= baseYear || year > targetYear) throw new PlanningError('invalid', `年度应在${baseYear + 1}—${targetYear}之间`);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const a of items) {
    const at = a.where ? `${a.where}：` : '';
    const ind = findTarget(plan, a.indicatorId);
    if (!ind) {
      problems.push(`${at}规划中没有指标或任务目标「${a.indicatorId}」`);
      continue;
    }
    if (seen.has(ind.id)) problems.push(`${at}「${ind.name}」出现了两次`);
    seen.add(ind.id);
    try {
      parseTarget(a.target, { name: ind.name, column: 'annual' });
    } catch (e) {
      problems.push(`${at}「${ind.name}」的年度目标「${a.target}」：${(e as Error).message}`);
    }
  }
  if (problems.length) throw new PlanningError('invalid', `${year}年年度目标未保存（全部未写入）：${problems.join('；')}`);
  return inTransaction(db, async (trx) => {
    const out: AnnualTarget[] = [];
    for (const a of items)
      out.push(await setAnnualTarget(trx, actor, plan, { indicatorId: a.indicatorId, year, target: a.target.trim(), source: a.source }));
    return out;
  });
}

export async function listOfficialVerdicts(db: Db, planId: string): Promise<Record<string, OfficialVerdict>> {
  return (await officialVerdictsOf(db, [planId])).get(planId) ?? {};
}

/** The official verdicts of several plans in one query, by plan. */
export async function officialVerdictsOf(db: Db, planIds: string[]): Promise<Map<string, Record<string, OfficialVerdict>>> {
  const out = new Map<string, Record<string, OfficialVerdict>>();
  if (!planIds.length) return out;
  const rows = await db.selectFrom('official_verdicts').selectAll().where('plan_id', 'in', planIds).execute();
  for (const r of rows) {
    let rec = out.get(r.plan_id);
    if (!rec) out.set(r.plan_id, (rec = {}));
    rec[r.indicator_id] = { verdict: r.verdict, ...(r.reason ? { reason: r.reason } : {}), ...(r.source ? { source: r.source } : {}) };
  }
  return out;
}

/**
 * Withdraws a recorded official verdict (recorded in error, or the assessment was revised): the
 * computed verdict shows again; the audit trail keeps what was withdrawn and why.
 */
export async function withdrawOfficialVerdict(db: Db, actor: Actor, plan: Plan, indicatorId: string, reason: string): Promise<void> {
  const before = (await listOfficialVerdicts(db, plan.meta.id))[indicatorId];
  if (!before) throw new PlanningError('notFound', `指标或任务目标「${indicatorId}」没有正式结论`);
  await db.deleteFrom('official_verdicts').where('plan_id', '=', plan.meta.id).where('indicator_id', '=', indicatorId).execute();
  await recordAudit(db, actor, {
    action: 'verdict.withdraw',
    entity: 'verdict',
    entityId: indicatorId,
    planId: plan.meta.id,
    indicatorId,
    before,
    after: null,
    reason,
  });
  await bumpDataVersion(db);
}

/** Records an official verdict (e.g. the higher level's assessment); it overrides the computed one in reports. */
export async function setOfficialVerdict(db: Db, actor: Actor, plan: Plan, indicatorId: string, v: OfficialVerdict): Promise<void> {
  if (!findTarget(plan, indicatorId)) throw new PlanningError('notFound', `规划中没有指标或任务目标「${indicatorId}」`);
  try {
    verdictFromWord(v.verdict);
  } catch (e) {
    throw new PlanningError('invalid', (e as Error).message);
  }
  const before = (await listOfficialVerdicts(db, plan.meta.id))[indicatorId];
  const row = {
    plan_id: plan.meta.id,
    indicator_id: indicatorId,
    verdict: v.verdict,
    reason: v.reason ?? null,
    source: v.source ?? null,
    recorded_by: actor.username,
    recorded_at: now(),
  };
  await db
    .insertInto('official_verdicts')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['plan_id', 'indicator_id']).doUpdateSet({
        verdict: row.verdict,
        reason: row.reason,
        source: row.source,
        recorded_by: row.recorded_by,
        recorded_at: row.recorded_at,
      }),
    )
    .execute();
  await recordAudit(db, actor, {
    action: 'verdict.set',
    entity: 'verdict',
    entityId: indicatorId,
    planId: plan.meta.id,
    indicatorId,
    before,
    after: v,
    reason: v.reason ?? null,
  });
  await bumpDataVersion(db);
}
