/**
 * The assessment (考核) of units by the outcomes of their work only (chapter 12: monitoring and
 * evaluation results count in performance assessment): their indicators and task targets on track,
 * their supervision orders closed by the deadline, their values reported by the due date. Nothing
 * is measured on activity (logins, clicks, time online) and no person is ranked. Each score shows
 * its formula and inputs, like the projects' five dimensions, so the number can be checked.
 */
import { MEASURE } from './labels.js';
import type { SupervisionSettings } from './supervision-settings.js';

export type MeasureKey = 'targetsOnTrack' | 'ordersOnTime' | 'reportsOnTime';

export { MEASURE };

export interface UnitOutcomes {
  unitId: string;
  /** Targets the unit leads that have a judged status, and those of them not lagging. */
  targets: { judged: number; onTrack: number };
  /** Orders due by now or closed, and those closed by their deadline. */
  orders: { due: number; closedOnTime: number };
  /** Reporting rounds past their due date, and those the unit's value was submitted for in time. */
  reports: { due: number; onTime: number };
}

export interface MeasureScore {
  key: MeasureKey;
  name: string;
  score: number | null;
  weight: number;
  formula: string;
  inputs: Record<string, number>;
}

export interface UnitAssessment {
  unitId: string;
  score: number | null;
  formula: string;
  measures: MeasureScore[];
}

const r1 = (n: number): number => Math.round(n * 10) / 10;
const share = (part: number, whole: number): number | null => (whole > 0 ? r1((part / whole) * 100) : null);

export function assessUnit(o: UnitOutcomes, s: Pick<SupervisionSettings, 'weights'>): UnitAssessment {
  const w = s.weights;
  const measures: MeasureScore[] = [
    {
      key: 'targetsOnTrack',
      name: MEASURE.targetsOnTrack.zh,
      score: share(o.targets.onTrack, o.targets.judged),
      weight: w.targetsOnTrack,
      formula: '未滞后的牵头指标和任务目标数 ÷ 已评估的牵头指标和任务目标数 × 100',
      inputs: { onTrack: o.targets.onTrack, judged: o.targets.judged },
    },
    {
      key: 'ordersOnTime',
      name: MEASURE.ordersOnTime.zh,
      score: share(o.orders.closedOnTime, o.orders.due),
      weight: w.ordersOnTime,
      formula: '按期销号的督办单数 ÷（已销号 + 已到期未销号的督办单数）× 100',
      inputs: { closedOnTime: o.orders.closedOnTime, due: o.orders.due },
    },
    {
      key: 'reportsOnTime',
      name: MEASURE.reportsOnTime.zh,
      score: share(o.reports.onTime, o.reports.due),
      weight: w.reportsOnTime,
      formula: '截止日前提交的应报数值数 ÷ 已到截止日的应报数值数 × 100',
      inputs: { onTime: o.reports.onTime, due: o.reports.due },
    },
  ];
  const scored = measures.filter((m) => m.score !== null && m.weight > 0);
  const totalWeight = scored.reduce((t, m) => t + m.weight, 0);
  const score = totalWeight > 0 ? r1(scored.reduce((t, m) => t + m.weight * m.score!, 0) / totalWeight) : null;
  const formula = scored.length
    ? `综合得分 = (${scored.map((m) => `${m.weight}×${m.score}`).join(' + ')}) ÷ ${r1(totalWeight * 1000) / 1000}（权重为规划设置；无数据的项不计入）`
    : '暂无可评估的事项';
  return { unitId: o.unitId, score, formula, measures };
}
