/**
 * Targets a higher level assigns (下达值) to a lower plan's 「完成上级下达目标」 rows. The assignment
 * is written in the plan notation (「[14.5]」 for a five-year total reduction, 「下降3%左右」 for a
 * year), so the row is then judged by the engine like any printed target: a period assignment
 * stands in for the row's target (and base, when it gives one), a year's assignment is that year's
 * target beside the yearly plan's. The plan itself is never changed: the engine gets a copy.
 */
import type { AnnualTarget, Indicator, Plan, Source } from './model.js';
import { parseTarget, type Target } from './notation.js';

export interface AssignedTarget {
  planId: string;
  indicatorId: string;
  /** null: for the whole period. */
  year: number | null;
  target: string;
  base: number | null;
  /** The assigning plan, when it is in the store. */
  fromPlanId: string | null;
  source: Source;
  setBy: string | null;
  setAt: string;
}

/** Whether a row's printed target leaves the figure to the higher level. */
export function isAssignedRow(ind: Indicator): boolean {
  if (ind.target === undefined) return false;
  try {
    return parseTarget(ind.target, { name: ind.name, column: 'target' }).kind === 'assigned';
  } catch {
    return false;
  }
}

/** Reads an assignment's notation as the row would be read; throws NotationError quoting it. */
export function readAssignment(ind: Indicator, target: string, year: number | null): Target {
  const t = parseTarget(target, { name: ind.name, column: year === null ? 'target' : 'annual' });
  if (t.kind === 'assigned') throw new Error(`下达值「${target}」应写出具体目标，而不是「完成上级下达目标」`);
  return t;
}

const applied = new WeakMap<Plan, { key: string; plan: Plan }>();

/** The plan and yearly targets the engine judges, with the assignments in place. */
export function withAssignedTargets(
  plan: Plan,
  assigned: readonly AssignedTarget[],
  annualTargets: readonly AnnualTarget[],
): { plan: Plan; annualTargets: AnnualTarget[] } {
  if (!assigned.length) return { plan, annualTargets: [...annualTargets] };
  const period = new Map(assigned.filter((a) => a.year === null).map((a) => [a.indicatorId, a]));
  // One copy per set of assignments, so the engine's per-plan preparation is reused between evaluations.
  const key = [...period.values()].map((a) => `${a.indicatorId}=${a.target}|${a.base ?? ''}`).join(';');
  let judged = plan;
  if (period.size) {
    const hit = applied.get(plan);
    if (hit && hit.key === key) judged = hit.plan;
    else {
      judged = {
        ...plan,
        indicators: plan.indicators.map((ind) => {
          const a = period.get(ind.id);
          return a ? { ...ind, target: a.target, base: a.base ?? ind.base } : ind;
        }),
      };
      applied.set(plan, { key, plan: judged });
    }
  }
  const yearly = assigned.filter((a) => a.year !== null);
  const taken = new Set(yearly.map((a) => `${a.indicatorId}|${a.year}`));
  return {
    plan: judged,
    annualTargets: [
      ...annualTargets.filter((t) => !taken.has(`${t.indicatorId}|${t.year}`)),
      ...yearly.map((a) => ({
        indicatorId: a.indicatorId,
        year: a.year!,
        target: a.target,
        source: { ...a.source, title: `上级下达：${a.source.title}` },
      })),
    ],
  };
}
