/**
 * What the assessment (考核) of units counts, read from the store: per unit, the targets it leads
 * and how they stand, its orders and whether they were closed by the deadline, the reporting rounds
 * past their due date and whether its values were submitted by then. Outcomes only.
 */
import { assessUnit, type UnitAssessment, type UnitOutcomes } from '../core/assessment.js';
import { chinaDate } from '../core/deadlines.js';
import { isLagging, type SupervisionSettings } from '../core/supervision-settings.js';
import { evaluateStored } from './evaluation.js';
import { listAssignments, listCalendar } from './planning.js';
import { planLedger } from './supervision-ledger.js';
import type { Db } from './util.js';

const NOT_JUDGED = new Set(['dataMissing', 'notEvaluable', 'assigned']);

export interface PlanAssessment {
  today: string;
  settings: SupervisionSettings;
  units: (UnitAssessment & { outcomes: UnitOutcomes })[];
}

export async function planAssessment(db: Db, planId: string, today = chinaDate(new Date())): Promise<PlanAssessment | undefined> {
  const stored = await evaluateStored(db, planId);
  const ledger = await planLedger(db, planId, {}, today);
  if (!stored || !ledger) return undefined;
  const s = ledger.settings;
  const by = new Map<string, UnitOutcomes>();
  const of = (unitId: string): UnitOutcomes => {
    let o = by.get(unitId);
    if (!o)
      by.set(
        unitId,
        (o = { unitId, targets: { judged: 0, onTrack: 0 }, orders: { due: 0, closedOnTime: 0 }, reports: { due: 0, onTime: 0 } }),
      );
    return o;
  };
  const leads = (await listAssignments(db, planId)).filter((a) => a.role === 'lead');
  const results = new Map([...stored.evaluation.results, ...stored.taskEvaluation.results].map((r) => [r.indicatorId, r]));
  for (const a of leads) {
    const r = results.get(a.targetId);
    const o = of(a.unitId);
    if (!r?.status || NOT_JUDGED.has(r.status)) continue;
    o.targets.judged++;
    if (!isLagging(s, r.status)) o.targets.onTrack++;
  }
  for (const { order, status } of ledger.rows) {
    const o = of(order.unitId);
    if (order.state === 'closed') {
      o.orders.due++;
      if (status.closedOnTime) o.orders.closedOnTime++;
    } else if (status.judgement.daysLeft < 0) o.orders.due++;
  }
  const rounds = (await listCalendar(db, planId)).filter((c) => c.dueDate < today);
  if (rounds.length) {
    const values = await db
      .selectFrom('plan_values')
      .select(['indicator_id', 'year', 'status', 'submitted_at'])
      .where('plan_id', '=', planId)
      .execute();
    for (const c of rounds)
      for (const a of leads) {
        const vs = values.filter((v) => v.indicator_id === a.targetId && v.year === c.year);
        // A published or imported figure that never went through the unit's submission is not the unit's to count.
        if (vs.length && vs.every((v) => v.status === 'approved' && !v.submitted_at)) continue;
        const o = of(a.unitId);
        o.reports.due++;
        if (vs.some((v) => v.submitted_at && chinaDate(new Date(v.submitted_at)) <= c.dueDate)) o.reports.onTime++;
      }
  }
  const units = [...by.values()]
    .sort((a, b) => a.unitId.localeCompare(b.unitId))
    .map((outcomes) => ({ ...assessUnit(outcomes, s), outcomes }));
  return { today, settings: s, units };
}
