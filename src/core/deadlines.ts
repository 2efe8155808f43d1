/**
 * Deadline colours of supervision orders (督办单), on an injected clock so that the rule is tested on
 * fixed days: blue = due within N days, yellow = overdue, red = overdue past M days or returned
 * often enough (plan settings). Closed orders have no colour; what counts for them is whether they
 * were closed by their deadline. Days are calendar days in China Standard Time, the time of the
 * offices that set and meet the deadlines.
 */
import { DEADLINE_COLOUR } from './labels.js';
import type { SupervisionSettings } from './supervision-settings.js';

export type DeadlineColour = 'none' | 'blue' | 'yellow' | 'red';

export { DEADLINE_COLOUR };

export interface DeadlineJudgement {
  colour: DeadlineColour;
  /** Days until the deadline (negative once past it). */
  daysLeft: number;
  /** The rule that gave the colour, with its figures. */
  rule: string;
}

const DAY = 86_400_000;

/** The calendar day (YYYY-MM-DD) in China Standard Time (UTC+8, no daylight saving) at an instant. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

export function deadlineColour(
  order: { deadline: string; returns: number; closed: boolean },
  today: string,
  s: Pick<SupervisionSettings, 'dueSoonDays' | 'redAfterDays' | 'redAfterReturns'>,
): DeadlineJudgement {
  const daysLeft = daysBetween(today, order.deadline);
  if (order.closed) return { colour: 'none', daysLeft, rule: '已销号' };
  if (order.returns >= s.redAfterReturns)
    return { colour: 'red', daysLeft, rule: `已退回${order.returns}次（退回达到${s.redAfterReturns}次为红色）` };
  if (daysLeft < -s.redAfterDays) return { colour: 'red', daysLeft, rule: `已逾期${-daysLeft}天（逾期超过${s.redAfterDays}天为红色）` };
  if (daysLeft < 0) return { colour: 'yellow', daysLeft, rule: `已逾期${-daysLeft}天（逾期为黄色）` };
  if (daysLeft <= s.dueSoonDays) return { colour: 'blue', daysLeft, rule: `距办理期限${daysLeft}天（${s.dueSoonDays}天内到期为蓝色）` };
  return { colour: 'none', daysLeft, rule: `距办理期限${daysLeft}天` };
}

/** Whether a closed order was closed by its deadline (the day of the deadline counts as in time). */
export function closedOnTime(deadline: string, closedAt: string): boolean {
  return chinaDate(new Date(closedAt)) <= deadline;
}
