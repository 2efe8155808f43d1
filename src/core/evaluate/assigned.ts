/**
 * Targets the higher level sets (「完成上级下达目标」): until the assigned figure or an official
 * verdict is recorded, 以上级考核为准, with the latest value reported shown beside.
 */
import type { Ctx, Judgement } from './types.js';
import { figuresFor } from './figures.js';
import { FIXED_RULES, SUM_WORDS } from './words.js';

export function judgeAssigned(c: Ctx): Judgement {
  const latest = c.series.latest;
  const fig = figuresFor(c, 'plain');
  fig.latest = latest;
  fig.dataYear = latest?.year;
  return { status: 'assigned', verdict: 'assigned', rule: FIXED_RULES.assigned, explain: SUM_WORDS.assigned, figures: fig };
}
