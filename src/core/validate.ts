/**
 * Checks across a whole plan that a schema cannot express: unique ids, references that resolve,
 * and every target written in a notation the parser understands. Problems carry the path of the
 * offending field so the loader can name the file it came from.
 */
import type { PlanData } from './model.js';
import { NotationError, parseTarget, rowContext } from './notation.js';

export interface PlanProblem {
  /** Top-level key of the plan data: 'indicators', 'taskTargets', … */
  part: keyof PlanData;
  path: (string | number)[];
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

export function checkPlan(plan: PlanData): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const sectionIds = new Set(plan.chapters.flatMap((c) => c.sections.map((s) => s.id)));
  const columnIds = new Set(plan.columns.map((c) => c.id));
  const indicatorIds = new Set<string>();
  const haveText = plan.chapters.length > 0;

  const unique = (part: keyof PlanData, items: { id: string }[]): void => {
    const seen = new Set<string>();
    items.forEach((it, i) => {
      if (seen.has(it.id)) problems.push({ part, path: [part, i, 'id'], message: `duplicate id "${it.id}"` });
      seen.add(it.id);
    });
  };
  unique('indicators', plan.indicators);
  unique('taskTargets', plan.taskTargets);
  unique('columns', plan.columns);
  unique('orgUnits', plan.orgUnits);
  unique('chapters', plan.chapters);
  unique(
    'chapters',
    plan.chapters.flatMap((c) => c.sections),
  );
  plan.indicators.forEach((i) => indicatorIds.add(i.id));
  // Values of indicators and of task targets share one key space.
  plan.taskTargets.forEach((t, i) => {
    if (indicatorIds.has(t.id))
      problems.push({ part: 'taskTargets', path: ['taskTargets', i, 'id'], message: `id "${t.id}" is also an indicator's id` });
  });

  const self = plan.meta.id;
  if (plan.meta.parent === self) problems.push({ part: 'meta', path: ['meta', 'parent'], message: 'a plan cannot be its own parent' });
  if (plan.meta.predecessor === self)
    problems.push({ part: 'meta', path: ['meta', 'predecessor'], message: 'a plan cannot be its own predecessor' });
  if (plan.meta.serves.length && plan.meta.kind === 'development')
    problems.push({
      part: 'meta',
      path: ['meta', 'serves'],
      message: 'only a special, regional or spatial plan (kind) serves another plan',
    });
  plan.indicators.forEach((ind, i) => {
    if (ind.counterpart && !ind.counterpart.plan && !plan.meta.parent)
      problems.push({
        part: 'indicators',
        path: ['indicators', i, 'counterpart', 'plan'],
        message: 'no plan named and the plan has no parent',
      });
    if (ind.predecessor && !ind.predecessor.plan && !plan.meta.predecessor)
      problems.push({
        part: 'indicators',
        path: ['indicators', i, 'predecessor', 'plan'],
        message: 'no plan named and the plan has no predecessor',
      });
  });
  if (!plan.meta.categories.length) problems.push({ part: 'meta', path: ['meta', 'categories'], message: 'no categories' });
  plan.indicators.forEach((ind, i) => {
    if (!plan.meta.categories.includes(ind.category)) {
      problems.push({
        part: 'indicators',
        path: ['indicators', i, 'category'],
        message: `category "${ind.category}" is not one of meta.categories (${plan.meta.categories.join(', ')})`,
      });
    }
    for (const [field, written] of [
      ['target', ind.target],
      ['growthTarget', ind.growthTarget],
    ] as const) {
      if (written === undefined) continue;
      try {
        parseTarget(written, rowContext(ind, field === 'target' ? 'target' : 'growth'));
      } catch (e) {
        if (!(e instanceof NotationError)) throw e;
        problems.push({ part: 'indicators', path: ['indicators', i, field], message: e.message });
      }
    }
    if (haveText) {
      ind.sectionIds.forEach((sid, k) => {
        if (!sectionIds.has(sid))
          problems.push({ part: 'indicators', path: ['indicators', i, 'sectionIds', k], message: `no section "${sid}"` });
      });
    }
  });
  plan.taskTargets.forEach((t, i) => {
    if (haveText && !sectionIds.has(t.sectionId))
      problems.push({ part: 'taskTargets', path: ['taskTargets', i, 'sectionId'], message: `no section "${t.sectionId}"` });
    if (t.columnId && !columnIds.has(t.columnId))
      problems.push({ part: 'taskTargets', path: ['taskTargets', i, 'columnId'], message: `no column "${t.columnId}"` });
    try {
      parseTarget(t.target, rowContext({ ...t, base: null }, 'target'));
    } catch (e) {
      if (!(e instanceof NotationError)) throw e;
      problems.push({ part: 'taskTargets', path: ['taskTargets', i, 'target'], message: e.message });
    }
  });
  plan.columns.forEach((c, i) => {
    if (haveText && !sectionIds.has(c.sectionId))
      problems.push({ part: 'columns', path: ['columns', i, 'sectionId'], message: `no section "${c.sectionId}"` });
  });
  plan.visionTargets.forEach((v, i) => {
    if (v.indicatorId && !indicatorIds.has(v.indicatorId))
      problems.push({ part: 'visionTargets', path: ['visionTargets', i, 'indicatorId'], message: `no indicator "${v.indicatorId}"` });
  });
  const orgIds = new Set(plan.orgUnits.map((o) => o.id));
  plan.orgUnits.forEach((o, i) => {
    if (o.parentId && !orgIds.has(o.parentId))
      problems.push({ part: 'orgUnits', path: ['orgUnits', i, 'parentId'], message: `no org unit "${o.parentId}"` });
  });
  unique('projects', plan.projects);
  plan.projects.forEach((p, i) => {
    if (p.columnId && !columnIds.has(p.columnId))
      problems.push({ part: 'projects', path: ['projects', i, 'columnId'], message: `no column "${p.columnId}"` });
    if (p.townId && !orgIds.has(p.townId))
      problems.push({ part: 'projects', path: ['projects', i, 'townId'], message: `no org unit "${p.townId}"` });
    if (haveText) {
      p.sectionIds.forEach((sid, k) => {
        if (!sectionIds.has(sid))
          problems.push({ part: 'projects', path: ['projects', i, 'sectionIds', k], message: `no section "${sid}"` });
      });
    }
  });
  // Published values may be reported for task targets as well (plans/load.ts reads them so).
  const taskIds = new Set(plan.taskTargets.map((t) => t.id));
  plan.observations.forEach((o, i) => {
    if (!indicatorIds.has(o.indicatorId) && !taskIds.has(o.indicatorId))
      problems.push({ part: 'observations', path: ['observations', i, 'indicatorId'], message: `no indicator "${o.indicatorId}"` });
  });
  plan.annualTargets.forEach((a, i) => {
    const ind = plan.indicators.find((x) => x.id === a.indicatorId);
    if (!ind) {
      problems.push({ part: 'annualTargets', path: ['annualTargets', i, 'indicatorId'], message: `no indicator "${a.indicatorId}"` });
      return;
    }
    try {
      parseTarget(a.target, { name: ind.name, column: 'annual' });
    } catch (e) {
      if (!(e instanceof NotationError)) throw e;
      problems.push({ part: 'annualTargets', path: ['annualTargets', i, 'target'], message: e.message });
    }
  });
  return problems;
}
