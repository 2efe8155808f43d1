/**
 * The appendix tables: the monitoring table in the layout of the plan's table 2-1, and at the end
 * of the period the results table in the layout of table 1-1 (the 13th plan's 「主要指标完成情况表」),
 * with the official verdict where recorded and the computed one beside it when they differ.
 */
import type { Paragraph, Table } from 'docx';
import type { IndicatorResult, PlanEvaluation } from '../../core/evaluate.js';
import type { Indicator, Plan } from '../../core/model.js';
import { changeUnit, computedLabel, fmt, needsGroup, pct, raw } from './format.js';
import { SIZE, TEXT_WIDTH_LANDSCAPE, table, tableNote, type CellSpec, type ColumnSpec } from './style.js';

export interface Row {
  result: IndicatorResult;
  indicator: Indicator;
}

/** Results in the plan's order with their indicators. */
export function rowsOf(plan: Plan, evaluation: PlanEvaluation): Row[] {
  const byId = new Map(plan.indicators.map((i) => [i.id, i]));
  return evaluation.results.map((result) => ({ result, indicator: byId.get(result.indicatorId)! }));
}

const estimated = (method: string): boolean => method === 'chained' || method === 'fromAverage';
const boundWord = (b?: 'atLeast' | 'atMost'): string => (b === 'atLeast' ? '以上' : b === 'atMost' ? '以下' : '');

/**
 * The value a row shows for the report's year: the latest comparable level (its year in brackets
 * when older, 「推算」 when chained from growth rates), the sum so far for cumulative targets, the
 * change so far for cumulative changes, the realised average growth for growth targets.
 */
export function valueCell(r: IndicatorResult, year: number): string {
  const f = r.figures;
  if (f.latest && r.targetKind !== 'growth' && r.targetKind !== 'relational') {
    const l = f.latest;
    let s = `${estimated(l.method) ? fmt(l.value) : raw(l.value)}${boundWord(l.bound)}`;
    if (estimated(l.method)) s += '（推算）';
    if (l.year !== year) s += `（${l.year}年）`;
    return s;
  }
  if (f.cumulativeSum !== undefined)
    return `累计${fmt(f.cumulativeSum)}${f.dataYear && f.dataYear !== year ? `（至${f.dataYear}年）` : ''}`;
  if (f.achievedChange !== undefined) {
    const a = f.achievedChange;
    const down = r.direction === 'down';
    return a >= 0 ? `累计${down ? '降低' : '提高'}${fmt(a)}` : `累计${down ? '上升' : '下降'}${fmt(-a)}`;
  }
  if (f.realisedGrowthPct !== undefined && (r.targetKind === 'growth' || r.targetKind === 'relational' || r.targetKind === 'none'))
    return `年均${fmt(f.realisedGrowthPct)}`;
  return '—';
}

/** The status cell: the word, and an official verdict where one is recorded and differs. */
export function statusCell(r: IndicatorResult): CellSpec {
  const computed = computedLabel(r);
  const official = r.officialVerdict?.label;
  const colour = r.warning ? 'C00000' : undefined;
  if (!official || official === computed || (r.mode === 'final' && official === r.verdictLabel)) return { text: computed, color: colour };
  if (r.mode === 'final') return { text: `${official}\n（计算结论：${computed}）`, color: colour };
  return { text: `${computed}\n（正式结论：${official}）`, color: colour };
}

function targetCell(ind: Indicator): string {
  if (ind.target && ind.growthTarget) return `${ind.target}（年均增长${ind.growthTarget}）`;
  return ind.target ?? (ind.growthTarget ? `年均增长${ind.growthTarget}` : '—');
}

function baseCell(r: IndicatorResult, ind: Indicator): string {
  if (ind.baseWritten) return ind.baseWritten;
  return r.figures.base !== null && r.figures.base !== undefined ? raw(r.figures.base) : '—';
}

/** A sub-row's name with its group when the name alone is short (「空气质量：PM2.5浓度」). */
function rowName(ind: Indicator): string {
  return needsGroup(ind.name, ind.group) ? `${ind.group}：${ind.name}` : ind.name;
}

/** Header words broken where a narrow column would break them anyway, at a readable place. */
const HEADER_BREAKS: Record<string, string> = {
  时序进度: '时序\n进度',
  完成进度: '完成\n进度',
  '年均增长（目标）': '年均增长\n（目标）',
  '年均增长（实际）': '年均增长\n（实际）',
};
const brk = (h: string): string => HEADER_BREAKS[h] ?? h.replace(/^(\d{4}年)实际$/, '$1\n实际');

/** Rows of one column merged over runs of equal keys (category, row number). */
function spans<T>(items: T[], key: (t: T) => string): number[] {
  const out = new Array<number>(items.length).fill(0);
  for (let i = 0; i < items.length;) {
    let j = i + 1;
    while (j < items.length && key(items[j]!) === key(items[i]!)) j++;
    out[i] = j - i;
    i = j;
  }
  return out;
}

/** Header cells of the monitoring table (table 2-1 layout). */
export function monitoringHeaders(plan: Plan, year: number): string[] {
  return [
    '类别',
    '序号',
    '指标',
    '单位',
    `${plan.meta.baseYear}年`,
    `${year}年`,
    `${plan.meta.targetYear}年目标`,
    '属性',
    '时序进度',
    '完成进度',
    '状态',
  ];
}

/** 附表: every indicator in the layout of table 2-1 with the year's value, the two progress shares and the status. */
export function monitoringTable(plan: Plan, evaluation: PlanEvaluation): (Table | Paragraph)[] {
  const year = evaluation.year;
  const rows = rowsOf(plan, evaluation);
  const h = monitoringHeaders(plan, year);
  const columns: ColumnSpec[] = [
    { header: brk(h[0]!), weight: 5.5, align: 'center' },
    { header: brk(h[1]!), weight: 3.6, align: 'center' },
    { header: brk(h[2]!), weight: 14.2, align: 'left' },
    { header: brk(h[3]!), weight: 6.5, align: 'center' },
    { header: brk(h[4]!), weight: 5.6, align: 'right' },
    { header: brk(h[5]!), weight: 6.4, align: 'right' },
    { header: brk(h[6]!), weight: 9.8, align: 'center' },
    { header: brk(h[7]!), weight: 4.6, align: 'center' },
    { header: brk(h[8]!), weight: 5, align: 'right' },
    { header: brk(h[9]!), weight: 5, align: 'right' },
    { header: brk(h[10]!), weight: 8.6, align: 'center' },
  ];
  const catSpan = spans(rows, (r) => r.indicator.category);
  const noSpan = spans(rows, (r) => `${r.indicator.category}|${r.indicator.no}`);
  const cells = rows.map(({ result: r, indicator: ind }, i): (CellSpec | string)[] => {
    const out: (CellSpec | string)[] = [];
    if (catSpan[i]) out.push({ text: ind.category, rowSpan: catSpan[i] });
    if (noSpan[i]) out.push({ text: String(ind.no), rowSpan: noSpan[i] });
    out.push(
      rowName(ind),
      ind.unit || '—',
      baseCell(r, ind),
      valueCell(r, year),
      targetCell(ind),
      ind.attribute ?? '—',
      r.figures.timeShare !== undefined ? pct(r.figures.timeShare) : '—',
      r.figures.completion !== undefined ? pct(r.figures.completion) : '—',
      statusCell(r),
    );
    return out;
  });
  const notes = [
    `注：1．时序进度 =（数据年份 − ${plan.meta.baseYear}）÷（${plan.meta.targetYear} − ${plan.meta.baseYear}）；完成进度 =（最新值 − 基期值）÷（目标值 − 基期值），累计类目标为期内累计值 ÷ 目标值。`,
    `2．「${year}年」栏为截至${year}年的最新可比数值，括号内注明数据年份；年均增长类指标列示${plan.meta.baseYear + 1}年以来实际年均增速（%），累计类指标列示期内累计值；「推算」为由增速推算的水平值。`,
    '3．约束性指标滞后或未完成的，状态以红色标示；录有正式结论的，一并列示。',
  ];
  return [
    table({
      columns,
      rows: cells,
      width: TEXT_WIDTH_LANDSCAPE,
      size: SIZE.xiaowu,
      shade: (i) => (rows[i]!.result.warning ? 'FDE9E7' : undefined),
    }),
    ...notes.map(tableNote),
  ];
}

/** Header cells of the end-of-period table (table 1-1 layout). */
export function finalHeaders(plan: Plan): string[] {
  return [
    '类别',
    '序号',
    '指标名称',
    `${plan.meta.baseYear}年`,
    '规划目标',
    '年均增长（目标）',
    `${plan.meta.targetYear}年实际`,
    '年均增长（实际）',
    '完成情况',
  ];
}

/** Realised average growth, written the way the growth target is written (「%」, 「个百分点」 or bare). */
function realisedGrowthCell(r: IndicatorResult, ind: Indicator): string {
  const g = r.figures.realisedGrowthPct;
  const written = ind.growthTarget;
  if (g === undefined || !written) return '—';
  if (written.includes('百分点')) return `${fmt(g)}个百分点`;
  if (written.includes('%')) return `${fmt(g)}%`;
  return fmt(g);
}

function finalValueCell(r: IndicatorResult, T: number): string {
  const f = r.figures;
  if (f.latest && r.targetKind !== 'growth') {
    const l = f.latest;
    let s = `${estimated(l.method) ? fmt(l.value) : raw(l.value)}${boundWord(l.bound)}`;
    if (estimated(l.method)) s += '（推算）';
    if (l.year !== T) s += `（${l.year}年）`;
    return s;
  }
  if (f.cumulativeSum !== undefined) return `[${fmt(f.cumulativeSum)}]`;
  if (f.achievedChange !== undefined) return `累计${fmt(f.achievedChange)}${changeUnit(r.unit)}`;
  return '—';
}

/**
 * 附表: the end-of-period table in the layout of table 1-1. The 完成情况 cell shows the official
 * verdict where one is recorded and the computed verdict beside it when they differ; the official
 * reasons follow as numbered notes.
 */
export function finalTable(plan: Plan, evaluation: PlanEvaluation): (Table | Paragraph)[] {
  const T = plan.meta.targetYear;
  const rows = rowsOf(plan, evaluation);
  const h = finalHeaders(plan);
  const columns: ColumnSpec[] = [
    { header: brk(h[0]!), weight: 5.5, align: 'center' },
    { header: brk(h[1]!), weight: 3.6, align: 'center' },
    { header: brk(h[2]!), weight: 18.2, align: 'left' },
    { header: brk(h[3]!), weight: 5.5, align: 'right' },
    { header: brk(h[4]!), weight: 9.8, align: 'center' },
    { header: brk(h[5]!), weight: 7, align: 'right' },
    { header: brk(h[6]!), weight: 7.5, align: 'right' },
    { header: brk(h[7]!), weight: 7, align: 'right' },
    { header: brk(h[8]!), weight: 10, align: 'center' },
  ];
  const catSpan = spans(rows, (r) => r.indicator.category);
  const noSpan = spans(rows, (r) => `${r.indicator.category}|${r.indicator.no}`);
  const footnotes: string[] = [];
  const deferred: string[] = [];
  const cells = rows.map(({ result: r, indicator: ind }, i): (CellSpec | string)[] => {
    const out: (CellSpec | string)[] = [];
    if (catSpan[i]) out.push({ text: ind.category, rowSpan: catSpan[i] });
    if (noSpan[i]) out.push({ text: String(ind.no), rowSpan: noSpan[i] });
    const official = r.officialVerdict;
    let verdict: CellSpec;
    if (official && r.verdict === 'assigned') {
      // 「以上级考核为准」 defers to the higher level's verdict: the official one is the answer, not a disagreement.
      deferred.push(ind.name);
      verdict = { text: official.label };
    } else if (official && official.label !== r.verdictLabel) {
      footnotes.push(
        `${ind.name}：计算结论为「${computedLabel(r)}」，正式结论为「${official.label}」${official.reason ? `，理由：${official.reason}` : '（未录入理由）'}`,
      );
      verdict = { text: `${official.label}（正式）\n${computedLabel(r)}（计算）\n见注${footnotes.length}` };
    } else {
      verdict = { text: official?.label ?? computedLabel(r) };
    }
    out.push(
      rowName(ind),
      ind.baseWritten ?? (ind.base !== null ? raw(ind.base) : '—'),
      ind.target ?? '—',
      ind.growthTarget ?? '—',
      finalValueCell(r, T),
      realisedGrowthCell(r, ind),
      verdict,
    );
    return out;
  });
  const notes = [
    '注：「完成情况」栏列示正式评估结论（未录入正式结论的列示计算结论）；计算结论与正式结论不同的，两者并列，并在下方说明。「推算」为由年均增速推算的水平值。',
    ...footnotes.map((t, i) => `注${i + 1}：${t}`),
  ];
  if (deferred.length)
    notes.push(
      `注${footnotes.length + 1}：${deferred.length > 1 ? `${deferred[0]}等${deferred.length}项` : deferred[0]}为上级下达目标，计算结论为「以上级考核为准」，完成情况采用录入的正式结论。`,
    );
  return [table({ columns, rows: cells, width: TEXT_WIDTH_LANDSCAPE, size: SIZE.xiaowu }), ...notes.map(tableNote)];
}
