/**
 * The daily digest (每日提醒) of each unit: its open orders with their deadline colours, and its
 * values due or overdue. Made at most once per unit and day (a unique key in the outbox), however
 * many processes try.
 */
import { DEADLINE_COLOUR, daysBetween } from '../core/deadlines.js';
import { findTarget } from '../core/targets.js';
import { ORDER_LEVEL } from '../core/supervision.js';
import { notifyUnits } from '../store/notifications.js';
import { listAssignments, listCalendar, overdue } from '../store/planning.js';
import { getPlan, listPlans } from '../store/plans.js';
import { planLedger } from '../store/supervision-ledger.js';
import type { Db } from '../store/util.js';

/** Calendar rounds due within this many days are listed as coming. */
const AHEAD_DAYS = 7;

export async function queueDigests(db: Db, today: string): Promise<number> {
  const lines = new Map<string, string[]>();
  const add = (unit: string, line: string): void => void lines.set(unit, [...(lines.get(unit) ?? []), line]);
  for (const p of await listPlans(db)) {
    const plan = (await getPlan(db, p.id))!;
    const ledger = (await planLedger(db, p.id, { state: 'open' }, today))!;
    for (const { order, status } of ledger.rows) {
      const j = status.judgement;
      const when = j.daysLeft < 0 ? `已逾期${-j.daysLeft}天` : `${j.daysLeft}天后到期`;
      add(
        order.unitId,
        `· ${ORDER_LEVEL[order.level].zh}「${order.subjectName}」期限${order.deadline}（${when}${j.colour === 'none' ? '' : `，${DEADLINE_COLOUR[j.colour].zh}`}）${status.warningCleared ? '，预警已解除，待销号' : ''}`,
      );
    }
    const name = (id: string): string => findTarget(plan, id)?.name ?? id;
    for (const o of await overdue(db, p.id, today))
      add(o.unitId, `· ${name(o.indicatorId)} ${o.year}年数值应于${o.dueDate}前报送，已逾期${daysBetween(o.dueDate, today)}天`);
    const coming = (await listCalendar(db, p.id)).filter((c) => c.dueDate >= today && daysBetween(today, c.dueDate) <= AHEAD_DAYS);
    if (coming.length) {
      const leads = (await listAssignments(db, p.id)).filter((a) => a.role === 'lead');
      const units = new Set(leads.map((a) => a.unitId));
      for (const c of coming) for (const u of units) add(u, `· ${c.title}：${c.dueDate}前报送${c.year}年数值`);
    }
  }
  let n = 0;
  for (const [unitId, items] of lines)
    n += await notifyUnits(db, [unitId], {
      subject: `每日督办提醒（${today}）：${items.length}项待办`,
      body: items.join('\n'),
      dedupeKey: `digest:${unitId}:${today}`,
    });
  return n;
}
