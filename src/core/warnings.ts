/**
 * Warnings (预警), computed from the evaluation and the monitoring, never typed in: indicators and
 * task targets by their status against the time schedule and the yearly plan, projects by the
 * project monitoring's warning list, reporting by values overdue past the calendar's due date.
 * Each warning carries the rule that gave its colour and the figures behind it, so a person can
 * check it; the rules' thresholds are plan settings (supervision-settings.ts).
 */
import type { IndicatorResult } from './evaluate.js';
import { PROJECT_WARNING, STATUS, VERDICT, WARNING_COLOUR } from './labels.js';
import type { ProjectWarning } from './projects.js';
import { daysBetween } from './deadlines.js';
import { isLagging, type SupervisionSettings } from './supervision-settings.js';
import type { SubjectType } from './supervision.js';

export type WarningColour = 'red' | 'yellow' | 'green';
export type WarningKind = Exclude<SubjectType, 'other'>;

export { WARNING_COLOUR };

export interface Warning {
  /** Stable for as long as the condition holds: orders remember it to tell when it has cleared. */
  key: string;
  kind: WarningKind;
  colour: WarningColour;
  subjectId: string;
  subjectName: string;
  /** The responsible (lead) unit, then the others the subject is assigned to. */
  unitIds: string[];
  /** Towns and streets among them (or the project's town). */
  townIds: string[];
  message: string;
  rule: string;
  figures: Record<string, number | string>;
}

export interface WarningInput {
  indicatorResults: IndicatorResult[];
  taskResults: IndicatorResult[];
  /** Who answers for each target: the lead unit first. */
  unitsOf: (targetId: string) => string[];
  isTown: (unitId: string) => boolean;
  projects: { warning: ProjectWarning; unitId: string | null; townId: string | null }[];
  overdueReports: {
    indicatorId: string;
    indicatorName: string;
    unitId: string;
    year: number;
    dueDate: string;
    calendarTitle: string;
    state: string;
  }[];
  /** YYYY-MM-DD, for how long a report is overdue. */
  today: string;
}

const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

function targetWarning(
  r: IndicatorResult,
  kind: 'indicator' | 'task',
  s: SupervisionSettings,
): Pick<Warning, 'colour' | 'message' | 'rule'> | null {
  const binding = r.attribute === '约束性';
  const f = r.figures;
  const progress =
    f.completion !== undefined && f.timeShare !== undefined
      ? `，完成进度${round(f.completion * 100)}%，时序进度${round(f.timeShare * 100)}%`
      : f.growthRatio !== undefined
        ? `，实际增速为目标增速的${round(f.growthRatio * 100)}%`
        : '';
  const lagging = r.mode === 'final' ? r.verdict === 'notCompleted' : isLagging(s, r.status);
  const state = r.mode === 'final' ? VERDICT[r.verdict ?? 'dataMissing'].zh : STATUS[r.status ?? 'dataMissing'].zh;
  const laggingWords = s.laggingStatuses.map((x) => STATUS[x].zh).join('、');
  if (lagging && binding)
    return {
      colour: 'red',
      message: `约束性指标${state}${progress}`,
      rule: `约束性指标且状态为${r.mode === 'final' ? '未完成' : laggingWords}→红色`,
    };
  if (lagging)
    return {
      colour: 'yellow',
      message: `${kind === 'task' ? '任务目标' : '预期性指标'}${state}${progress}`,
      rule: `状态为${r.mode === 'final' ? '未完成' : laggingWords}→黄色`,
    };
  if (r.annual?.verdict === 'notCompleted')
    return {
      colour: 'yellow',
      message: `未达到${r.annual.year}年度计划目标「${r.annual.target}」${r.annual.actual !== undefined ? `，实际${round(r.annual.actual, 2)}` : ''}`,
      rule: '未达到年度计划目标→黄色',
    };
  if (!r.status || r.status === 'dataMissing' || r.status === 'notEvaluable' || r.status === 'assigned') return null;
  return { colour: 'green', message: `${state}${progress}`, rule: '未滞后且达到年度计划→正常' };
}

function targetFigures(r: IndicatorResult): Record<string, number | string> {
  const f = r.figures;
  const out: Record<string, number | string> = { year: r.year, status: r.statusLabel ?? r.verdictLabel ?? '' };
  if (f.completion !== undefined) out.completion = f.completion;
  if (f.timeShare !== undefined) out.timeShare = f.timeShare;
  if (f.growthRatio !== undefined) out.growthRatio = f.growthRatio;
  if (f.latest) out.latest = f.latest.value;
  if (r.annual) out.annualTarget = r.annual.target;
  return out;
}

export function computeWarnings(input: WarningInput, s: SupervisionSettings): Warning[] {
  const out: Warning[] = [];
  const towns = (units: string[]): string[] => units.filter(input.isTown);
  for (const [kind, results] of [
    ['indicator', input.indicatorResults],
    ['task', input.taskResults],
  ] as const)
    for (const r of results) {
      const w = targetWarning(r, kind, s);
      if (!w) continue;
      const unitIds = input.unitsOf(r.indicatorId);
      out.push({
        key: `${kind}:${r.indicatorId}`,
        kind,
        ...w,
        subjectId: r.indicatorId,
        subjectName: r.name,
        unitIds,
        townIds: towns(unitIds),
        figures: targetFigures(r),
      });
    }
  const seen = new Map<string, number>();
  for (const p of input.projects) {
    const base = `project:${p.warning.projectId}:${p.warning.kind}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    const red = (s.redProjectWarnings as readonly string[]).includes(p.warning.kind);
    const unitIds = p.unitId ? [p.unitId] : [];
    out.push({
      key: n ? `${base}:${n}` : base,
      kind: 'project',
      colour: red ? 'red' : 'yellow',
      subjectId: p.warning.projectId,
      subjectName: p.warning.projectName,
      unitIds,
      townIds: p.townId ? [p.townId] : towns(unitIds),
      message: p.warning.message,
      rule: `项目预警「${PROJECT_WARNING[p.warning.kind].zh}」→${red ? '红色' : '黄色'}`,
      figures: { kind: p.warning.kind },
    });
  }
  for (const o of input.overdueReports) {
    const days = daysBetween(o.dueDate, input.today);
    const red = days > s.reportRedAfterDays;
    out.push({
      key: `report:${o.indicatorId}:${o.year}:${o.unitId}`,
      kind: 'report',
      colour: red ? 'red' : 'yellow',
      subjectId: o.indicatorId,
      subjectName: o.indicatorName,
      unitIds: [o.unitId],
      townIds: towns([o.unitId]),
      message: `${o.year}年数值应于${o.dueDate}前报送（${o.calendarTitle}），已逾期${days}天${o.state === 'missing' ? '，尚未填报' : '，尚未提交'}`,
      rule: `报送逾期超过${s.reportRedAfterDays}天→红色，否则黄色`,
      figures: { year: o.year, dueDate: o.dueDate, daysOverdue: days },
    });
  }
  const rank = { red: 0, yellow: 1, green: 2 };
  return out.sort((a, b) => rank[a.colour] - rank[b.colour]);
}

export interface WarningFilter {
  colour?: WarningColour;
  kind?: WarningKind;
  unit?: string;
  town?: string;
}

export function filterWarnings(ws: Warning[], f: WarningFilter): Warning[] {
  return ws.filter(
    (w) =>
      (!f.colour || w.colour === f.colour) &&
      (!f.kind || w.kind === f.kind) &&
      (!f.unit || w.unitIds.includes(f.unit)) &&
      (!f.town || w.townIds.includes(f.town)),
  );
}

export function countWarnings(ws: Warning[]): Record<WarningColour, number> {
  const c = { red: 0, yellow: 0, green: 0 };
  for (const w of ws) c[w.colour]++;
  return c;
}
