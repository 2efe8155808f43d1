/**
 * The 督办 part of the annual report: how many orders were issued, closed and closed by the
 * deadline, what is overdue, and the orders and overdue orders of each unit — outcomes only,
 * figures the ledger gives, nothing judged here.
 */
import { ORDER_LEVEL, type OrderLevel } from '../../core/supervision.js';
import type { Block } from './sections.js';
import { cnDay } from './format.js';
import { body, caption, heading2, table, tableNote, GAP, SIZE, TEXT_WIDTH } from './style.js';

export interface SupervisionSummary {
  today: string;
  total: number;
  open: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  red: number;
  byLevel: Partial<Record<OrderLevel, number>>;
  units: { unitName: string; orders: number; open: number; overdue: number; closed: number; closedOnTime: number }[];
  /** Open orders past their deadline, most overdue first. */
  overdueOrders: { subjectName: string; unitName: string; deadline: string; daysOverdue: number }[];
}

/** `tableNo`: the number of its table in the body (after the task targets' table, when there is one). */
export function supervisionSection(s: SupervisionSummary, tableNo: number, heading = '（三）督查督办'): Block[] {
  const out: Block[] = [heading2(heading)];
  if (s.total === 0) return [...out, body(`截至${cnDay(s.today)}，未下发督办单。`)];
  const levels = (Object.keys(ORDER_LEVEL) as OrderLevel[])
    .filter((l) => s.byLevel[l])
    .map((l) => `${ORDER_LEVEL[l].zh}${s.byLevel[l]}件`)
    .join('、');
  out.push(
    body(
      `截至${cnDay(s.today)}，共下发督办事项${s.total}件（${levels}），已销号${s.closed}件，其中按期销号${s.closedOnTime}件；在办${s.open}件，其中逾期${s.overdue}件${s.red ? `（严重逾期或多次退回${s.red}件）` : ''}。`,
    ),
  );
  if (s.overdueOrders.length)
    out.push(
      body(
        `逾期未销号的事项：${s.overdueOrders
          .slice(0, 10)
          .map((o) => `${o.subjectName}（${o.unitName}，办理期限${cnDay(o.deadline)}，逾期${o.daysOverdue}天）`)
          .join('；')}${s.overdueOrders.length > 10 ? `等${s.overdueOrders.length}件` : ''}。`,
      ),
    );
  out.push(
    caption(`表${tableNo}${GAP}督办事项办理情况（按责任单位）`),
    table({
      columns: [
        // Wide enough for a bureau's full name (嘉兴市生态环境局秀洲分局) on one line.
        { header: '责任单位', weight: 7, align: 'left' },
        { header: '督办事项', weight: 2, align: 'center' },
        { header: '已销号', weight: 2, align: 'center' },
        { header: '按期销号', weight: 2, align: 'center' },
        { header: '在办', weight: 2, align: 'center' },
        { header: '逾期', weight: 2, align: 'center' },
      ],
      rows: s.units.map((u) => [u.unitName, String(u.orders), String(u.closed), String(u.closedOnTime), String(u.open), String(u.overdue)]),
      width: TEXT_WIDTH,
      size: SIZE.wuhao,
    }),
    tableNote('注：只统计督办事项的办理结果；按期销号指在办理期限（含延期后的期限）当日或之前审核销号。'),
  );
  return out;
}
