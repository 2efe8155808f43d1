/**
 * The plan's indicator table (表2-1) with the values of each year and the evaluation, as an .xlsx
 * workbook and as CSV, in the form a development and reform bureau circulates: zh-CN headers, a
 * title naming the plan and the year, binding indicators that lag marked in light red.
 *
 * The workbook adds the task targets of the plan text on a sheet of their own, judged with the same
 * year and mode.
 *
 * Names, notes and source titles come from plan files and imported spreadsheets, i.e. from outside,
 * so every text cell goes through safeCell before it is written (CSV / formula injection).
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { IndicatorResult, PlanEvaluation } from '../core/evaluate.js';
import type { Indicator, Observation, Plan, Settings } from '../core/model.js';
import { taskTargetPlan } from '../core/targets.js';
import { defaultKind } from '../importers/spreadsheet.js';
import { sourceText } from '../core/sources.js';
import { DEMO_BANNER } from '../importers/plan-csv.js';
import { latestProgress, resolveTaskEvaluation, sectionTitles } from './task-targets.js';

/**
 * OWASP CSV injection: a spreadsheet treats text beginning with = + - @ (or a tab or carriage
 * return before one) as a formula. A leading apostrophe makes it text again.
 */
export function safeCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export interface IndicatorTableOptions {
  /** Marks the table as 示例数据; by default, when any observation is a demonstration value. */
  demo?: boolean;
}

export interface IndicatorWorkbookOptions extends IndicatorTableOptions {
  /** 'category': one sheet per category instead of one sheet for the whole table. */
  bySheet?: 'none' | 'category';
  /** The task targets judged with the same year and mode (StoredEvaluation.taskEvaluation); judged from the observations when not given. */
  taskEvaluation?: PlanEvaluation;
}

type Cell = string | number | null;
type ColumnType = 'text' | 'number' | 'percent' | 'long';

interface Column {
  header: string;
  width: number;
  type: ColumnType;
}

interface TableRow {
  indicator: Indicator;
  result?: IndicatorResult;
  cells: Cell[];
}

interface Table {
  title: string;
  columns: Column[];
  rows: TableRow[];
  demo: boolean;
}

const WARNING_FILL = 'FFFFC7CE';
const HEADER_FILL = 'FFD9D9D9';
const DEMO_RED = 'FFC00000';

const isDemo = (observations: Observation[], opts: IndicatorTableOptions): boolean => opts.demo ?? observations.some((o) => o.demo);

const unique = (xs: string[]): string[] => [...new Set(xs.filter((x) => x !== ''))];

/** A target as written; a plain number is written as a number so the spreadsheet can compute with it. */
function targetCell(ind: Indicator): Cell {
  const written = ind.target && ind.growthTarget ? `${ind.target}（年均增长${ind.growthTarget}）` : (ind.target ?? ind.growthTarget ?? '');
  return /^-?\d+(\.\d+)?$/.test(written) ? Number(written) : written;
}

function resultLabel(r: IndicatorResult | undefined): string {
  if (!r) return '';
  if (r.mode === 'final') return r.verdictLabel ? r.verdictLabel + (r.exceeded ? '（超额）' : '') : '';
  return r.statusLabel ?? '';
}

function buildTable(plan: Plan, evaluation: PlanEvaluation, observations: Observation[], demo: boolean): Table {
  const b = plan.meta.baseYear;
  const years = Array.from({ length: Math.max(0, evaluation.year - b) }, (_, i) => b + 1 + i);
  const final = evaluation.mode === 'final';
  const columns: Column[] = [
    { header: '类别', width: 10, type: 'text' },
    { header: '序号', width: 6, type: 'number' },
    { header: '指标', width: 34, type: 'text' },
    { header: '单位', width: 11, type: 'text' },
    { header: `${b}年`, width: 11, type: 'number' },
    ...years.map((y): Column => ({ header: `${y}年`, width: 11, type: 'number' })),
    { header: `${plan.meta.targetYear}年目标`, width: 16, type: 'number' },
    { header: '属性', width: 8, type: 'text' },
    { header: '时序进度', width: 10, type: 'percent' },
    { header: '完成进度', width: 10, type: 'percent' },
    { header: final ? '结论' : '状态', width: 14, type: 'text' },
    { header: '正式结论', width: 12, type: 'text' },
    { header: '说明', width: 60, type: 'long' },
    { header: '数据来源', width: 40, type: 'long' },
    { header: '口径说明', width: 28, type: 'long' },
  ];

  const byKey = new Map<string, Observation[]>();
  for (const o of observations) {
    const k = `${o.indicatorId}\u0000${o.year}\u0000${o.kind}`;
    const list = byKey.get(k);
    if (list) list.push(o);
    else byKey.set(k, [o]);
  }
  const results = new Map(evaluation.results.map((r) => [r.indicatorId, r]));

  const rows = plan.indicators.map((ind): TableRow => {
    const result = results.get(ind.id);
    const kind = defaultKind(ind);
    const shown: Observation[] = [];
    const yearCells = years.map((y): Cell => {
      const candidates = byKey.get(`${ind.id}\u0000${y}\u0000${kind}`) ?? [];
      // The value on the base's scope (口径) is the one the table compares; another scope only when there is no other.
      const o = candidates.find((c) => !c.scope || c.scope === ind.baseScope) ?? candidates[0];
      if (!o) return null;
      shown.push(o);
      return o.bound ? `${o.value}${o.bound === 'atLeast' ? '以上' : '以下'}` : o.value;
    });
    const used = [...(result?.observations ?? []), ...shown];
    const scopes = unique([
      ind.baseScope ? `基期口径：${ind.baseScope}` : '',
      ...used.filter((o) => o.scope && o.scope !== ind.baseScope).map((o) => `${o.year}年为${o.scope}`),
    ]);
    const cells: Cell[] = [
      ind.category,
      ind.no,
      ind.name,
      ind.unit,
      ind.base ?? ind.baseWritten ?? null,
      ...yearCells,
      targetCell(ind),
      ind.attribute ?? '',
      result?.figures.timeShare ?? null,
      result?.figures.completion ?? null,
      resultLabel(result),
      result?.officialVerdict?.label ?? '',
      result ? [result.explain(), ...result.notes].filter(Boolean).join('；') : '',
      unique(used.map((o) => (o.source ? sourceText(o.source) : ''))).join('；'),
      scopes.join('；'),
    ];
    return { indicator: ind, result, cells };
  });
  return { title: `${plan.meta.title} 主要指标监测表（${evaluation.year}年）`, columns, rows, demo };
}

/**
 * The task targets, one row each. No header is one the values importer reads as an indicator key,
 * name, year or value (编号, 指标, 年份, 数值), so a re-imported workbook skips this sheet: its
 * 「最新值」 of a target over the period is the amount so far, which read back as one year's value
 * would be wrong.
 */
function buildTaskTable(plan: Plan, taskEvaluation: PlanEvaluation, demo: boolean): Table {
  const final = taskEvaluation.mode === 'final';
  const columns: Column[] = [
    { header: '任务编号', width: 22, type: 'text' },
    { header: '章节', width: 24, type: 'long' },
    { header: '任务目标', width: 34, type: 'text' },
    { header: '单位', width: 9, type: 'text' },
    { header: '规划目标', width: 12, type: 'number' },
    { header: '数据年份', width: 9, type: 'number' },
    { header: '最新值（期内累计目标为累计完成量）', width: 16, type: 'number' },
    { header: '完成进度', width: 10, type: 'percent' },
    { header: final ? '结论' : '状态', width: 14, type: 'text' },
    { header: '说明', width: 60, type: 'long' },
  ];
  const titles = sectionTitles(plan);
  const sectionOf = new Map(plan.taskTargets.map((t) => [t.id, t.sectionId]));
  const results = new Map(taskEvaluation.results.map((r) => [r.indicatorId, r]));
  const rows = taskTargetPlan(plan).indicators.map((ind): TableRow => {
    const result = results.get(ind.id);
    const p = result && latestProgress(result);
    const sid = sectionOf.get(ind.id) ?? '';
    const cells: Cell[] = [
      ind.id,
      titles.get(sid) ?? sid,
      ind.name,
      ind.unit,
      targetCell(ind),
      p?.year ?? null,
      p ? (p.bound ? `${p.value}${p.bound === 'atLeast' ? '以上' : '以下'}` : p.value) : null,
      result?.figures.completion ?? null,
      resultLabel(result),
      result ? [result.explain(), ...result.notes].filter(Boolean).join('；') : '',
    ];
    return { indicator: ind, result, cells };
  });
  return { title: `${plan.meta.title} 任务目标监测表（${taskEvaluation.year}年）`, columns, rows, demo };
}

// ───────────────────────────── xlsx ─────────────────────────────

const SETTING_MEANING: Record<keyof Settings, string> = {
  scheduleDelta:
    'δ：「符合预期」区间宽度。完成进度 ≥ 时序进度 + δ 为快于预期；时序进度 ≤ 完成进度 < 时序进度 + δ 为符合预期；时序进度 − δ ≤ 完成进度 < 时序进度 为基本符合预期；0 < 完成进度 < 时序进度 − δ 为滞后于预期；完成进度 ≤ 0 为严重滞后',
  bandTolerancePct: '「左右」指在目标值上下该百分比以内',
  syncTolerancePoints: '「基本同步」指两个增速相差不超过该百分点数',
  basicCompletionPct: '期末未达目标、但与目标相差不超过该百分比的，为基本完成',
  exceedPct: '实际变化超过应完成变化该百分比以上的，标注为超额',
  outlierZ: '修正 z 分数超过该值的报送值提示为异常值',
  sdgBands: '联合国可持续发展目标（Open SDG）进展比率分档：进展顺利 / 需加快推进 / 进展有限（低于最后一档为出现倒退）',
  unsdBands: '联合国统计司预测完成度分档：有望实现 / 需加快（低于为停滞或倒退）',
};

/** Excel refuses sheet names longer than 31 characters or containing []:*?/\ . */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let out = base;
  for (let k = 2; taken.has(out); k++) out = `${base.slice(0, 31 - String(k).length - 1)}_${k}`;
  taken.add(out);
  return out;
}

function writeCell(cell: ExcelJS.Cell, value: Cell): void {
  cell.value = typeof value === 'string' ? safeCell(value) : value;
}

function addTableSheet(wb: ExcelJS.Workbook, name: string, table: Table, rows: TableRow[], subtitle?: string): void {
  const n = table.columns.length;
  const ws = wb.addWorksheet(name, { properties: { defaultRowHeight: 18 } });
  ws.columns = table.columns.map((c) => ({ width: c.width }));
  let r = 1;
  if (table.demo) {
    ws.mergeCells(r, 1, r, n);
    const banner = ws.getCell(r, 1);
    banner.value = DEMO_BANNER;
    banner.font = { bold: true, size: 12, color: { argb: DEMO_RED } };
    r++;
  }
  ws.mergeCells(r, 1, r, n);
  const title = ws.getCell(r, 1);
  writeCell(title, subtitle ? `${table.title}·${subtitle}` : table.title);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(r).height = 26;
  r++;

  const headerRow = r;
  const header = ws.getRow(headerRow);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    writeCell(cell, c.header);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  r++;

  for (const row of rows) {
    const line = ws.getRow(r++);
    row.cells.forEach((v, i) => {
      const cell = line.getCell(i + 1);
      writeCell(cell, v);
      const type = table.columns[i]!.type;
      if (type === 'percent') cell.numFmt = '0.0%';
      cell.alignment = type === 'long' ? { vertical: 'top', wrapText: true } : { vertical: 'top' };
      if (row.result?.warning) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: WARNING_FILL } };
    });
  }
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: headerRow, topLeftCell: `D${headerRow + 1}` }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: n } };
  ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` };
}

function addNotesSheet(
  wb: ExcelJS.Workbook,
  name: string,
  plan: Plan,
  evaluation: PlanEvaluation,
  observations: Observation[],
  demo: boolean,
): void {
  const ws = wb.addWorksheet(name);
  ws.columns = [{ width: 24 }, { width: 18 }, { width: 90 }];
  const add = (cells: Cell[], style?: (row: ExcelJS.Row) => void): void => {
    const row = ws.addRow(cells.map((c) => (typeof c === 'string' ? safeCell(c) : c)));
    row.alignment = { vertical: 'top', wrapText: true };
    style?.(row);
  };
  const heading = (text: string): void => {
    ws.addRow([]);
    add([text], (row) => (row.font = { bold: true, size: 12 }));
  };
  if (demo) add([DEMO_BANNER], (row) => (row.font = { bold: true, size: 12, color: { argb: DEMO_RED } }));
  add([`${plan.meta.title} 主要指标监测表 说明`], (row) => (row.font = { bold: true, size: 14 }));
  const b = plan.meta.baseYear;
  const T = plan.meta.targetYear;
  add([
    '评估',
    `${evaluation.year}年`,
    evaluation.mode === 'final'
      ? '期末评估：「结论」列为计算结论，「正式结论」列为正式评估报告的结论'
      : '年度监测：「状态」列为按时序进度判断的进展状态',
  ]);
  add([
    '基期 / 目标年',
    `${b}年 / ${T}年`,
    `时序进度 =（数据年份 − ${b}）÷（${T} − ${b}）；完成进度 =（最新值 − 基期值）÷（目标值 − 基期值）`,
  ]);
  add(['年份列', '', '各年为当年数值；目标为年均增速的指标（如「…年均增长」）为当年增速（%）']);
  add(['浅红色行', '', '约束性指标滞后于预期或未完成']);

  heading('评估规则（规划设置）');
  add(['参数', '取值', '含义'], (row) => (row.font = { bold: true }));
  for (const [key, meaning] of Object.entries(SETTING_MEANING) as [keyof Settings, string][]) {
    const v = plan.settings[key];
    add([key, Array.isArray(v) ? v.join(' / ') : v, meaning]);
  }

  heading('数据来源');
  add(['来源', '数值个数', '链接'], (row) => (row.font = { bold: true }));
  const sources = new Map<string, { url?: string; count: number }>();
  for (const o of observations) {
    const title = o.source ? sourceText(o.source) : '（未注明来源）';
    const s = sources.get(title) ?? { count: 0 };
    s.count++;
    s.url ??= o.source?.url;
    sources.set(title, s);
  }
  for (const [title, s] of [...sources].sort((x, y) => y[1].count - x[1].count)) add([title, s.count, s.url ?? '']);
  if (plan.meta.source) add([`规划文本：${plan.meta.source.title}`, '', plan.meta.source.url ?? '']);
}

export async function indicatorWorkbook(
  plan: Plan,
  evaluation: PlanEvaluation,
  observations: Observation[],
  opts: IndicatorWorkbookOptions = {},
): Promise<Buffer> {
  const demo = isDemo(observations, opts);
  const table = buildTable(plan, evaluation, observations, demo);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Planwatch';
  wb.title = table.title;
  const taken = new Set<string>();
  if (opts.bySheet === 'category') {
    const categories = unique([...plan.meta.categories, ...plan.indicators.map((i) => i.category)]);
    for (const category of categories) {
      const rows = table.rows.filter((r) => r.indicator.category === category);
      if (rows.length) addTableSheet(wb, sheetName(category, taken), table, rows, category);
    }
  } else {
    addTableSheet(wb, sheetName('主要指标', taken), table, table.rows);
  }
  addNotesSheet(wb, sheetName('说明', taken), plan, evaluation, observations, demo);
  // After the two sheets of the indicator table, which keep their places for whoever reads them by position.
  if (plan.taskTargets.length) {
    const taskEvaluation = resolveTaskEvaluation(plan, evaluation, observations, opts.taskEvaluation);
    const tasks = buildTaskTable(plan, taskEvaluation, demo);
    addTableSheet(wb, sheetName('任务目标', taken), tasks, tasks.rows);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ───────────────────────────── CSV ─────────────────────────────

const csvPercent = (v: number): string => `${Number((v * 100).toFixed(1))}%`;

/** The same table as CSV, UTF-8 with a BOM so that Excel opens the Chinese text correctly. */
export function indicatorCsv(
  plan: Plan,
  evaluation: PlanEvaluation,
  observations: Observation[],
  opts: IndicatorTableOptions = {},
): string {
  const demo = isDemo(observations, opts);
  const table = buildTable(plan, evaluation, observations, demo);
  const records = table.rows.map((row) =>
    row.cells.map((v, i) => {
      // A percentage is a number of ours written as Excel types it (「-8%」), which Excel reads back as
      // a number; only text that came from outside needs the guard.
      if (table.columns[i]!.type === 'percent') return typeof v === 'number' ? csvPercent(v) : '';
      return typeof v === 'string' ? safeCell(v) : (v ?? '');
    }),
  );
  const comment = demo ? `# ${DEMO_BANNER}（synthetic demonstration data, not real statistics）\r\n` : '';
  return (
    '\ufeff' +
    comment +
    stringify(records, { header: true, columns: table.columns.map((c) => safeCell(c.header)), record_delimiter: 'windows' })
  );
}
