/**
 * The supervision ledger (督办台账) and the unit assessment (考核) as .xlsx workbooks. Subjects,
 * requirements, replies and reasons are typed by people, so every text cell goes through
 * safeCell (formula injection), like the indicator table.
 */
import ExcelJS from 'exceljs';
import { DEADLINE_COLOUR } from '../core/deadlines.js';
import { ORDER_LEVEL, ORDER_STATE, SUBJECT_TYPE } from '../core/supervision.js';
import type { SupervisionSettings } from '../core/supervision-settings.js';
import type { UnitAssessment } from '../core/assessment.js';
import { WARNING_COLOUR } from '../core/warnings.js';
import { DEMO_BANNER } from '../importers/plan-csv.js';
import { safeCell } from './indicator-table.js';

/** What the ledger needs of an order (the API's order shape fits). */
export interface LedgerSheetRow {
  id: string;
  level: keyof typeof ORDER_LEVEL;
  subjectType: keyof typeof SUBJECT_TYPE;
  subjectName: string;
  warningColour: string | null;
  warningMessage: string | null;
  warningCleared: boolean | null;
  unitName: string;
  coUnits: string[];
  requirement: string;
  createdAt: string;
  deadline: string;
  originalDeadline: string;
  extensionReason: string | null;
  state: keyof typeof ORDER_STATE;
  colour: keyof typeof DEADLINE_COLOUR;
  colourRule: string;
  returns: number;
  returnReason: string | null;
  closedBy: string | null;
  closedAt: string | null;
  closedOnTime: boolean | null;
  replies: {
    measures: string;
    progress: string;
    expectedCompletion: string | null;
    repliedBy: string;
    createdAt: string;
    attachments: { fileName: string }[];
  }[];
}

const FILL: Record<string, string> = { red: 'FFFFC7CE', yellow: 'FFFFEB9C', blue: 'FFDDEBF7' };
const HEADER_FILL = 'FFD9D9D9';

type Value = string | number | null;
const text = (v: Value): Value => (typeof v === 'string' ? safeCell(v) : v);

function sheet(wb: ExcelJS.Workbook, name: string, title: string, header: string[], widths: number[], demo: boolean): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: demo ? 3 : 2 }] });
  ws.addRow([safeCell(title)]).font = { bold: true, size: 14 };
  if (demo) ws.addRow([DEMO_BANNER]).font = { bold: true, color: { argb: 'FFC00000' } };
  const h = ws.addRow(header);
  h.font = { bold: true };
  h.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }));
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return ws;
}

const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : '');

export async function ledgerWorkbook(
  planTitle: string,
  today: string,
  rows: LedgerSheetRow[],
  settings: SupervisionSettings,
  opts: { demo?: boolean } = {},
): Promise<Buffer> {
  const demo = opts.demo ?? false;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Planwatch';
  const ws = sheet(
    wb,
    '督办台账',
    `${planTitle} 督办台账（截至${today}）`,
    [
      '序号',
      '级别',
      '事项类型',
      '督办事项',
      '预警',
      '预警是否解除',
      '责任单位',
      '协办单位',
      '督办要求',
      '下发日期',
      '办理期限',
      '原期限',
      '延期原因',
      '办理状态',
      '期限状态',
      '期限说明',
      '退回次数',
      '最近退回原因',
      '最新整改措施',
      '最新进展',
      '预计完成',
      '销号人',
      '销号日期',
      '是否按期销号',
    ],
    [6, 10, 10, 28, 30, 10, 18, 18, 36, 12, 12, 12, 20, 10, 10, 28, 8, 24, 36, 30, 12, 12, 12, 10],
    demo,
  );
  rows.forEach((o, i) => {
    const last = o.replies.at(-1);
    const row = ws.addRow(
      [
        i + 1,
        ORDER_LEVEL[o.level].zh,
        SUBJECT_TYPE[o.subjectType].zh,
        o.subjectName,
        o.warningColour
          ? `${WARNING_COLOUR[o.warningColour as keyof typeof WARNING_COLOUR]?.zh ?? o.warningColour}：${o.warningMessage ?? ''}`
          : '',
        o.warningCleared === null ? '' : o.warningCleared ? '已解除' : '未解除',
        o.unitName,
        o.coUnits.join('、'),
        o.requirement,
        day(o.createdAt),
        o.deadline,
        o.deadline === o.originalDeadline ? '' : o.originalDeadline,
        o.extensionReason ?? '',
        ORDER_STATE[o.state].zh,
        o.state === 'closed' ? '' : DEADLINE_COLOUR[o.colour].zh,
        o.colourRule,
        o.returns,
        o.returnReason ?? '',
        last?.measures ?? '',
        last?.progress ?? '',
        last?.expectedCompletion ?? '',
        o.closedBy ?? '',
        day(o.closedAt),
        o.closedOnTime === null ? '' : o.closedOnTime ? '是' : '否',
      ].map(text),
    );
    const fill = FILL[o.colour];
    if (fill && o.state !== 'closed') row.getCell(15).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    row.alignment = { vertical: 'top', wrapText: true };
  });

  const rs = sheet(
    wb,
    '反馈记录',
    `${planTitle} 督办反馈记录`,
    ['序号', '督办事项', '责任单位', '反馈时间', '反馈人', '整改措施', '进展情况', '预计完成', '附件'],
    [6, 28, 18, 18, 12, 40, 36, 12, 40],
    demo,
  );
  rows.forEach((o, i) =>
    o.replies.forEach((r) =>
      rs.addRow(
        [
          i + 1,
          o.subjectName,
          o.unitName,
          r.createdAt.slice(0, 16).replace('T', ' '),
          r.repliedBy,
          r.measures,
          r.progress,
          r.expectedCompletion ?? '',
          r.attachments.map((a) => a.fileName).join('\n'),
        ].map(text),
      ),
    ),
  );

  const ns = sheet(wb, '说明', '期限状态规则（规划设置）', ['参数', '取值', '含义'], [22, 10, 70], demo);
  ns.addRow(['dueSoonDays', settings.dueSoonDays, '距办理期限不超过该天数的未销号督办单为「临期」（蓝色）']);
  ns.addRow(['—', '', '超过办理期限未销号为「逾期」（黄色）']);
  ns.addRow(['redAfterDays', settings.redAfterDays, '逾期超过该天数为「严重逾期」（红色）']);
  ns.addRow(['redAfterReturns', settings.redAfterReturns, '反馈被退回达到该次数，不论期限均为红色']);
  ns.addRow(['—', '', '预警解除后督办单标明「预警已解除」，仍须经审核销号']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function assessmentWorkbook(
  planTitle: string,
  today: string,
  units: (UnitAssessment & { unitName: string })[],
  settings: SupervisionSettings,
  opts: { demo?: boolean } = {},
): Promise<Buffer> {
  const demo = opts.demo ?? false;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Planwatch';
  const ws = sheet(
    wb,
    '考核',
    `${planTitle} 规划实施考核（结果指标，截至${today}）`,
    ['单位', '综合得分', '综合得分算式', '考核项', '得分', '权重', '算式', '输入'],
    [20, 10, 48, 22, 8, 8, 52, 36],
    demo,
  );
  for (const u of units)
    for (const [k, m] of u.measures.entries())
      ws.addRow(
        [
          k === 0 ? u.unitName : '',
          k === 0 ? u.score : null,
          k === 0 ? u.formula : '',
          m.name,
          m.score,
          m.weight,
          m.formula,
          Object.entries(m.inputs)
            .map(([key, v]) => `${key}=${v}`)
            .join('，'),
        ].map(text),
      );
  const ns = sheet(wb, '说明', '考核口径', ['项目', '说明'], [24, 90], demo);
  ns.addRow(['只计结果', '只按各单位牵头事项的进展、督办单按期销号、数据按期报送计分；不统计登录、点击、在线时长等活动，不对个人排名。']);
  ns.addRow([
    '权重（规划设置）',
    `指标与任务目标 ${settings.weights.targetsOnTrack}；督办按期销号 ${settings.weights.ordersOnTime}；数据按期报送 ${settings.weights.reportsOnTime}`,
  ]);
  ns.addRow(['无数据的项', '不计入综合得分，其余项按权重重新归一']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
