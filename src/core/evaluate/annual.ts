/** A year of a yearly plan (年度计划) judged against its own target, in the plan's notation. */
import type { AnnualTarget, Direction, Indicator, Observation, Settings } from '../model.js';
import { parseTarget } from '../notation.js';
import { VERDICT, type VerdictCode } from '../labels.js';
import type { AnnualResult } from './types.js';
import { levelMet, rateMet, withinBasic } from './thresholds.js';
import { ANNUAL_WORDS } from './words.js';

export function judgeAnnual(
  ind: Indicator,
  at: AnnualTarget,
  observations: Observation[],
  s: Settings,
  direction: Direction,
): AnnualResult {
  const t = parseTarget(at.target, { name: ind.name, column: 'annual' });
  const own = observations.filter((o) => o.indicatorId === ind.id && o.year === at.year);
  const result = (verdict: VerdictCode, explanation: string, actual?: number, actualKind?: string): AnnualResult => ({
    year: at.year,
    target: at.target,
    actual,
    actualKind,
    verdict,
    verdictLabel: VERDICT[verdict].zh,
    explanation,
  });
  if (t.kind === 'growth') {
    const g = own.find((o) => o.kind === 'growth_pct');
    if (!g) return result('dataMissing', ANNUAL_WORDS.noGrowth(at.year));
    const met = rateMet(g.value, t.ratePct, t.comparator, direction, s, t.high);
    const text = ANNUAL_WORDS.growth(at.year, g.value, at.target);
    if (met) return result('completed', text, g.value, 'growth_pct');
    if (withinBasic(g.value, t.ratePct, s)) return result('basicallyCompleted', ANNUAL_WORDS.growthBasic(text, s), g.value, 'growth_pct');
    return result('notCompleted', ANNUAL_WORDS.growthShort(text, t.ratePct - g.value), g.value, 'growth_pct');
  }
  if (t.kind === 'level') {
    const l = own.find((o) => o.kind === 'level');
    if (!l) return result('dataMissing', ANNUAL_WORDS.noLevel(at.year));
    const text = ANNUAL_WORDS.level(at.year, l.value, ind.unit, at.target);
    if (levelMet(l.value, t, direction, s, l.bound)) return result('completed', text, l.value, 'level');
    if (withinBasic(l.value, t.value, s)) return result('basicallyCompleted', text, l.value, 'level');
    return result('notCompleted', text, l.value, 'level');
  }
  return result('notEvaluable', ANNUAL_WORDS.other(at.target));
}
