/**
 * Targets in words only (「保持在合理区间、各年度视情提出」): the plan leaves the figure to each
 * year's plan, so a year is judged by its yearly-plan target (年度计划) and the period by every
 * year's; an official verdict, when recorded, leads as for any target. Never left unjudged silently.
 */
import type { AnnualResult, Ctx, Judgement } from './types.js';
import type { StatusCode, VerdictCode } from '../labels.js';
import { judgeAnnual } from './annual.js';
import { figuresFor } from './figures.js';
import { QUALITATIVE_RULES, QUALITATIVE_WORDS } from './words.js';

const STATUS_OF_YEAR: Partial<Record<VerdictCode, StatusCode>> = {
  completed: 'onTrack',
  basicallyCompleted: 'slightlyBehind',
  notCompleted: 'lagging',
};

export function judgeQualitative(c: Ctx): Judgement {
  const own = (c.annualTargets ?? []).filter((a) => a.indicatorId === c.ind.id && a.year > c.b && a.year <= c.year);
  const years: AnnualResult[] = own.sort((a, b) => a.year - b.year).map((a) => judgeAnnual(c.ind, a, c.series.used, c.s, c.direction));
  const fig = figuresFor(c, 'plain');
  fig.latest = c.series.latest;
  fig.dataYear = c.series.latest?.year;
  const judged = years.filter((y) => STATUS_OF_YEAR[y.verdict] !== undefined);
  const written = years.map((y) => y.explanation);
  if (c.final) {
    const allYears = c.T - c.b;
    if (judged.length < allYears)
      return {
        verdict: 'dataMissing',
        rule: QUALITATIVE_RULES.final(),
        explain: QUALITATIVE_WORDS.missingYears(judged.length, allYears, written),
        figures: fig,
      };
    const met = judged.filter((y) => y.verdict === 'completed').length;
    const close = judged.filter((y) => y.verdict === 'basicallyCompleted').length;
    const verdict: VerdictCode = met === allYears ? 'completed' : met + close === allYears ? 'basicallyCompleted' : 'notCompleted';
    return { verdict, rule: QUALITATIVE_RULES.final(), explain: QUALITATIVE_WORDS.years(met, allYears, written), figures: fig };
  }
  const last = judged[judged.length - 1];
  if (!last || last.year !== c.year) {
    // The year asked for has no yearly target or no value: say what there is, judge nothing.
    return {
      status: years.length === 0 ? 'notEvaluable' : 'dataMissing',
      rule: QUALITATIVE_RULES.noYear(),
      explain: QUALITATIVE_WORDS.noYear(c.year, written),
      figures: fig,
    };
  }
  return {
    status: STATUS_OF_YEAR[last.verdict]!,
    rule: QUALITATIVE_RULES.year(),
    explain: QUALITATIVE_WORDS.year(last.explanation),
    figures: fig,
  };
}
