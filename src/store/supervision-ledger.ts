/** The ledger of a plan's orders as they stand today, with their replies, from the store. */
import { chinaDate } from '../core/deadlines.js';
import { countByUnit, ledgerStatus, type LedgerStatus } from '../core/ledger.js';
import type { SupervisionSummary } from '../reports/word/supervision.js';
import { supervisionSettings, type SupervisionSettings } from '../core/supervision-settings.js';
import type { Warning } from '../core/warnings.js';
import { listAttachments, type AttachmentMeta } from './attachments.js';
import { getPlan } from './plans.js';
import { listOrders, listReplies, type Order, type OrderQuery, type OrderReply } from './supervision.js';
import type { Db } from './util.js';
import { planWarnings } from './warnings.js';

export interface LedgerRow {
  order: Order;
  status: LedgerStatus;
  replies: OrderReply[];
  /** The order's own files, attached by the reviewer (a reply's files are in its reply). */
  files: AttachmentMeta[];
}

export interface Ledger {
  today: string;
  settings: SupervisionSettings;
  warnings: Warning[];
  rows: LedgerRow[];
}

export async function unitNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
}

export async function planLedger(db: Db, planId: string, q: OrderQuery = {}, today = chinaDate(new Date())): Promise<Ledger | undefined> {
  const plan = await getPlan(db, planId);
  if (!plan) return undefined;
  const settings = supervisionSettings(plan);
  const warnings = (await planWarnings(db, planId, today)) ?? [];
  const orders = await listOrders(db, planId, q);
  const ids = orders.map((o) => o.id);
  const replies = await listReplies(db, ids);
  const files = (await listAttachments(db, ids)).filter((a) => a.purpose === 'order');
  return {
    today,
    settings,
    warnings,
    rows: orders.map((order) => ({
      order,
      status: ledgerStatus(order, warnings, today, settings),
      replies: replies.get(order.id) ?? [],
      files: files.filter((f) => f.orderId === order.id),
    })),
  };
}

/** The figures of the annual report's 督办 part, from the ledger. */
export function ledgerSummary(ledger: Ledger, names: Map<string, string>): SupervisionSummary {
  const rows = ledger.rows;
  const open = rows.filter((r) => r.order.state !== 'closed');
  const byLevel: SupervisionSummary['byLevel'] = {};
  for (const r of rows) byLevel[r.order.level] = (byLevel[r.order.level] ?? 0) + 1;
  const name = (id: string): string => names.get(id) ?? id;
  return {
    today: ledger.today,
    total: rows.length,
    open: open.length,
    closed: rows.length - open.length,
    closedOnTime: rows.filter((r) => r.status.closedOnTime).length,
    overdue: open.filter((r) => r.status.judgement.daysLeft < 0).length,
    red: open.filter((r) => r.status.judgement.colour === 'red').length,
    byLevel,
    units: countByUnit(rows).map((c) => ({ ...c, unitName: name(c.unitId) })),
    overdueOrders: open
      .filter((r) => r.status.judgement.daysLeft < 0)
      .sort((a, b) => a.status.judgement.daysLeft - b.status.judgement.daysLeft)
      .map((r) => ({
        subjectName: r.order.subjectName,
        unitName: name(r.order.unitId),
        deadline: r.order.deadline,
        daysOverdue: -r.status.judgement.daysLeft,
      })),
  };
}
