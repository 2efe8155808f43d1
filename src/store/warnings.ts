/**
 * The warnings of a plan from what the store holds: the evaluation of approved values, the
 * assignments (who answers for what), the project monitoring and the reporting calendar.
 */
import { projectWarnings } from '../core/projects.js';
import { findTarget } from '../core/targets.js';
import { supervisionSettings } from '../core/supervision-settings.js';
import { computeWarnings, type Warning } from '../core/warnings.js';
import { evaluateStored } from './evaluation.js';
import { listAssignments, overdue } from './planning.js';
import { monitoringInput } from './projects.js';
import type { Db } from './util.js';

/** `today` is YYYY-MM-DD (China Standard Time); the projects are judged in its month. */
export async function planWarnings(db: Db, planId: string, today: string): Promise<Warning[] | undefined> {
  const stored = await evaluateStored(db, planId);
  if (!stored) return undefined;
  const { plan } = stored;
  const assignments = await listAssignments(db, planId);
  const byTarget = new Map<string, string[]>();
  for (const a of assignments) {
    const list = byTarget.get(a.targetId) ?? [];
    if (a.role === 'lead') list.unshift(a.unitId);
    else list.push(a.unitId);
    byTarget.set(a.targetId, list);
  }
  const townKinds = new Set(['town', 'street']);
  const towns = new Set(plan.orgUnits.filter((u) => townKinds.has(u.kind)).map((u) => u.id));
  const asOf = today.slice(0, 7);
  const projects = (await monitoringInput(db, planId)).flatMap((i) =>
    projectWarnings(i.project, i.reports, i.issues, asOf).map((warning) => ({
      warning,
      unitId: i.project.responsibleUnitId,
      townId: i.project.townId,
    })),
  );
  const overdueReports = (await overdue(db, planId, today)).map((o) => ({
    ...o,
    indicatorName: findTarget(plan, o.indicatorId)?.name ?? o.indicatorId,
  }));
  return computeWarnings(
    {
      indicatorResults: stored.evaluation.results,
      taskResults: stored.taskEvaluation.results,
      unitsOf: (id) => byTarget.get(id) ?? [],
      isTown: (id) => towns.has(id),
      projects,
      overdueReports,
      today,
    },
    supervisionSettings(plan),
  );
}
