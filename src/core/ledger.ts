/**
 * The supervision ledger (督办台账): each order as it stands on a day — its deadline colour, whether
 * the warning it came from has cleared — and the counts per unit that the cockpit shows. Pure:
 * the orders, the current warnings and the day come in.
 */
import { closedOnTime, deadlineColour, type DeadlineJudgement } from './deadlines.js';
import type { SupervisionSettings } from './supervision-settings.js';
import type { OrderState } from './supervision.js';
import type { Warning } from './warnings.js';

export interface LedgerOrder {
  unitId: string;
  state: OrderState;
  deadline: string;
  returns: number;
  warningKey: string | null;
  closedAt: string | null;
}

export interface LedgerStatus {
  judgement: DeadlineJudgement;
  /**
   * null when the order came from no warning; true once that warning is no longer red or yellow.
   * The order says so, but only a person closes it.
   */
  warningCleared: boolean | null;
  /** For closed orders: whether they were closed by the deadline. */
  closedOnTime: boolean | null;
}

export function ledgerStatus(o: LedgerOrder, warnings: readonly Warning[], today: string, s: SupervisionSettings): LedgerStatus {
  const closed = o.state === 'closed';
  const current = o.warningKey ? warnings.find((w) => w.key === o.warningKey) : undefined;
  return {
    judgement: deadlineColour({ deadline: o.deadline, returns: o.returns, closed }, today, s),
    warningCleared: o.warningKey ? !current || current.colour === 'green' : null,
    closedOnTime: closed && o.closedAt ? closedOnTime(o.deadline, o.closedAt) : null,
  };
}

export interface UnitOrderCounts {
  unitId: string;
  orders: number;
  open: number;
  /** Open orders past their deadline (yellow or red). */
  overdue: number;
  red: number;
  closed: number;
  closedOnTime: number;
}

/** Counts per responsible unit: outcomes of orders only, most overdue first. */
export function countByUnit(rows: { order: LedgerOrder; status: LedgerStatus }[]): UnitOrderCounts[] {
  const by = new Map<string, UnitOrderCounts>();
  for (const { order, status } of rows) {
    const c = by.get(order.unitId) ?? { unitId: order.unitId, orders: 0, open: 0, overdue: 0, red: 0, closed: 0, closedOnTime: 0 };
    c.orders++;
    if (order.state === 'closed') {
      c.closed++;
      if (status.closedOnTime) c.closedOnTime++;
    } else {
      c.open++;
      if (status.judgement.daysLeft < 0) c.overdue++;
      if (status.judgement.colour === 'red') c.red++;
    }
    by.set(order.unitId, c);
  }
  return [...by.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.unitId.localeCompare(b.unitId));
}
