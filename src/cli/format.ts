/** Renders plans and evaluations for the terminal (aligned Chinese columns), JSON and CSV. */
import Table from 'cli-table3';
import stringWidth from 'string-width';
import { stringify } from 'csv-stringify/sync';
import type { IndicatorResult, PlanEvaluation } from '../core/evaluate.js';
import { withUnit } from '../core/evaluate.js';
import type { Plan } from '../core/model.js';
import { countsText } from '../core/labels.js';
import { indicatorCountText } from '../core/plan-facts.js';

const fmt = (n: number | undefined | null, d = 2): string =>
  n === undefined || n === null || !Number.isFinite(n) ? '' : String(Number(n.toFixed(d)));
const pct = (n: number | undefined): string => (n === undefined ? '' : `${fmt(n * 100, 1)}%`);

/** Breaks text into lines of at most `width` terminal cells (CJK characters take two). */
export function wrapCells(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (stringWidth(line + ch) > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** `widths`: wrap width per column in terminal cells; null leaves the column as it is. */
function table(head: string[], rows: (string | number)[][], widths: (number | null)[] = []): string {
  // cli-table3 measures East Asian wide characters, so Chinese columns line up.
  const t = new Table({ head, style: { head: [], border: [], compact: true } });
  for (const r of rows) t.push(r.map((cell, i) => (widths[i] ? wrapCells(String(cell), widths[i]!) : String(cell))));
  return t.toString();
}

export function indicatorsJson(plan: Plan): object[] {
  return plan.indicators.map((i) => ({
    id: i.id,
    no: i.no,
    category: i.category,
    group: i.group ?? null,
    name: i.name,
    unit: i.unit,
    unitFilled: i.unitFilled,
    base: i.base,
    baseWritten: i.baseWritten ?? null,
    target: i.target ?? null,
    growthTarget: i.growthTarget ?? null,
    attribute: i.attribute ?? null,
    note: i.note ?? null,
  }));
}

export function planTable(plan: Plan): string {
  const head = ['类别', '序号', '指标', '单位', `${plan.meta.baseYear}年`, `${plan.meta.targetYear}年目标`, '属性'];
  return (
    `${plan.meta.title}\n` +
    table(
      head,
      plan.indicators.map((i) => [
        i.category,
        i.no,
        i.name,
        i.unit + (i.unitFilled ? '*' : ''),
        i.baseWritten ?? fmt(i.base, 4),
        [i.target, i.growthTarget].filter(Boolean).join(' / '),
        i.attribute ?? '',
      ]),
    ) +
    (plan.indicators.some((i) => i.unitFilled) ? '\n* 单位为整理时补充（原文缺失）' : '')
  );
}

function latestText(r: IndicatorResult): string {
  const l = r.figures.latest;
  if (l)
    return `${fmt(l.value, l.method === 'observed' ? 4 : 2)}${l.bound === 'atLeast' ? '以上' : l.bound === 'atMost' ? '以下' : ''}（${l.year}${l.method === 'observed' ? '' : '推算'}）`;
  if (r.figures.cumulativeSum !== undefined) return `累计${fmt(r.figures.cumulativeSum, 4)}`;
  if (r.figures.realisedGrowthPct !== undefined) return `年均${fmt(r.figures.realisedGrowthPct)}%`;
  return '';
}

export function resultJson(r: IndicatorResult, demo: boolean): object {
  return {
    id: r.indicatorId,
    no: r.no,
    name: r.name,
    category: r.category,
    group: r.group ?? null,
    unit: r.unit,
    attribute: r.attribute ?? null,
    direction: r.direction,
    target: r.targetWritten,
    growthTarget: r.growthTargetWritten ?? null,
    year: r.year,
    status: r.statusLabel ?? null,
    statusCode: r.status ?? null,
    verdict: r.verdictLabel ?? null,
    verdictCode: r.verdict ?? null,
    exceeded: r.exceeded ?? null,
    officialVerdict: r.officialVerdict?.label ?? null,
    officialReason: r.officialVerdict?.reason ?? null,
    shown: r.shownLabel,
    warning: r.warning,
    comparable: r.comparable,
    rule: r.rule,
    explanation: r.explain(),
    notes: r.notes,
    figures: r.figures,
    annual: r.annual ?? null,
    observations: r.observations,
    demo,
  };
}

export function evaluationTable(ev: PlanEvaluation, results: IndicatorResult[], demo: boolean): string {
  const final = ev.mode === 'final';
  const head = final
    ? ['序号', '指标', '单位', '基期', '目标', '实际', '计算结论', '正式结论', '依据']
    : ['序号', '指标', '属性', '基期', '目标', '最新', '时序进度', '完成进度', '状态', '说明'];
  const rows = results.map((r) => {
    const no = r.group ? `${r.no}` : String(r.no);
    const target = [r.targetWritten && withUnit(r.targetWritten, ''), r.growthTargetWritten].filter(Boolean).join(' / ');
    const base = r.figures.base === null ? '' : fmt(r.figures.base, 4);
    if (final) {
      const computed = (r.verdictLabel ?? '') + (r.exceeded ? '（超额）' : '');
      return [no, r.name, r.unit, base, target, latestText(r), computed, r.officialVerdict?.label ?? '', r.explain()];
    }
    const status = (r.warning ? '⚠ ' : '') + (r.statusLabel ?? '');
    const tau = r.figures.timeShare;
    const explanation = [r.explain(), ...r.notes, r.annual ? `年度：${r.annual.explanation}（${r.annual.verdictLabel}）` : '']
      .filter(Boolean)
      .join('；');
    return [no, r.name, r.attribute ?? '', base, target, latestText(r), pct(tau), pct(r.figures.completion), status, explanation];
  });
  const title = `${final ? '期末评估' : `${ev.year}年监测`}：主要指标${indicatorCountText(ev.results)}，${countsText(ev.counts, final)}${ev.warnings ? `；约束性指标预警${ev.warnings}项` : ''}`;
  const banner = demo ? '【示例数据，非真实统计】\n' : '';
  const widths = final ? [null, 24, null, null, null, null, null, null, 56] : [null, 24, null, null, 14, null, null, null, null, 56];
  return `${banner}${title}\n${table(head, rows, widths)}`;
}

export function evaluationCsv(results: IndicatorResult[], demo: boolean): string {
  const rows = results.map((r) => [
    r.no,
    r.indicatorId,
    r.name,
    r.unit,
    r.attribute ?? '',
    r.figures.base ?? '',
    r.targetWritten,
    r.figures.latest?.value ?? '',
    r.figures.latest?.year ?? '',
    r.figures.timeShare ?? '',
    r.figures.completion ?? '',
    r.statusLabel ?? '',
    r.verdictLabel ?? '',
    r.officialVerdict?.label ?? '',
    r.warning ? '是' : '',
    r.explain(),
    r.notes.join('；'),
    demo ? '示例数据' : '',
  ]);
  return stringify(rows, {
    header: true,
    columns: [
      'no',
      'id',
      'name',
      'unit',
      'attribute',
      'base',
      'target',
      'latest',
      'latest_year',
      'time_share',
      'completion',
      'status',
      'verdict',
      'official_verdict',
      'warning',
      'explanation',
      'notes',
      'demo',
    ],
  });
}
