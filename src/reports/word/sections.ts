/**
 * The sections of the monitoring and evaluation reports, as docx paragraphs. Every sentence is
 * built from the engine's results (figures, rule, notes, official verdicts); nothing here judges.
 */
import type { Paragraph, Table } from 'docx';
import { timeShare, warningsFirst, type IndicatorResult, type PlanEvaluation } from '../../core/evaluate.js';
import type { AssignedTarget } from '../../core/assigned.js';
import type { Indicator, Observation, Plan } from '../../core/model.js';
import { isRateUnit } from '../../core/notation.js';
import { indicatorCountText } from '../../core/plan-facts.js';
import type { ChartImage } from '../report-charts.js';
import { latestProgress, sectionTitles } from '../task-targets.js';
import { assignedSentence, assignmentsFor } from './assigned.js';
import {
  changeUnit,
  cnIndex,
  computedLabel,
  countsText,
  countWord,
  displayName,
  fmt,
  joinCn,
  orderedCounts,
  pct,
  points,
  scopesOf,
  sourcesOf,
  targetText,
  withU,
} from './format.js';
import {
  GAP,
  SIZE,
  TEXT_WIDTH,
  body,
  bold,
  caption,
  heading1,
  heading2,
  picture,
  strong,
  table,
  tableNote,
  type CellSpec,
  type ColumnSpec,
} from './style.js';

export type Block = Paragraph | Table;

export interface SectionContext {
  plan: Plan;
  evaluation: PlanEvaluation;
  /** The task targets of the plan text, judged with the same year and mode as the indicators. */
  taskEvaluation: PlanEvaluation;
  observations: Observation[];
  final: boolean;
  demo: boolean;
  /** The report's year. */
  year: number;
  indicators: Map<string, Indicator>;
  /** The targets the higher level assigned (下达值), printed with their source where a row is judged on them. */
  assigned: readonly AssignedTarget[];
}

/** A chart with its number and caption (「图1 …」), placed where the text refers to it. */
export interface Figure {
  image: ChartImage;
  caption: string;
}

function figure(f: Figure): Paragraph[] {
  const width = Math.round((TEXT_WIDTH / 1440) * 96);
  const height = Math.round((f.image.height * width) / f.image.width);
  return [picture(f.image.png, width, height), caption(f.caption, false)];
}

/** 「A」 for one indicator, 「A、B等2项指标」 for more (the noun after 「项」 as given). */
const namesOf = (rs: IndicatorResult[], noun = '指标'): string =>
  rs.length === 1 ? displayName(rs[0]!) : `${joinCn(rs.map(displayName))}等${rs.length}项${noun}`;

const codeOf = (r: IndicatorResult): string => (r.mode === 'final' ? r.verdict : r.status) ?? 'dataMissing';
const isLagging = (r: IndicatorResult): boolean => r.status === 'lagging' || r.status === 'seriouslyLagging';
const sentence = (parts: (string | undefined | false)[]): string => parts.filter((p): p is string => !!p).join('，');

/** 「完成进度36.0%，比时序进度80.0%低44.0个百分点」. */
export function scheduleGap(r: IndicatorResult): string | undefined {
  const { completion: p, timeShare: tau } = r.figures;
  if (p === undefined || tau === undefined) return undefined;
  const rel = Math.abs(p - tau) < 0.0005 ? `与时序进度${pct(tau)}持平` : `比时序进度${pct(tau)}${p > tau ? '高' : '低'}${points(p, tau)}`;
  return `完成进度${pct(p)}，${rel}`;
}

/**
 * The growth or change still needed to reach the target, as a leader asks it: 「2025年需提高3.71个百分点」,
 * 「2024—2025年需年均增长5.88%」. Undefined once the target is met or at the end of the period.
 */
export function requiredNeed(r: IndicatorResult, T: number): string | undefined {
  const f = r.figures;
  if (r.status === 'achieved' || r.mode === 'final') return undefined;
  const from = (f.dataYear ?? r.year) + 1;
  if (from > T) return undefined;
  const span = from < T ? `${from}—${T}年需年均` : `${T}年需`;
  const rate = (v: number, up = '增长', down = '下降'): string => `${v >= 0 ? up : down}${fmt(Math.abs(v))}%`;
  const change = (v: number, unit: string): string => `${v >= 0 ? '提高' : '降低'}${fmt(Math.abs(v))}${unit}`;
  if (r.targetKind === 'growth' && f.requiredGrowthPct !== undefined) return `${span}${rate(f.requiredGrowthPct)}`;
  if (r.targetKind === 'cumulative' && f.requiredChange !== undefined) return `${span}完成${withU(f.requiredChange, r.unit)}`;
  if (r.targetKind === 'cumulativeChange' && f.target !== undefined && f.achievedChange !== undefined) {
    const perYear = (f.target - f.achievedChange) / (T - from + 1);
    // achievedChange counts progress as positive, whichever way the indicator should move.
    const towardsTarget = perYear >= 0;
    const lower = r.direction === 'down' ? towardsTarget : !towardsTarget;
    return `${span}${lower ? '降低' : '提高'}${fmt(Math.abs(perYear))}${changeUnit(r.unit)}`;
  }
  if (r.targetKind !== 'level') return undefined;
  if (!isRateUnit(r.unit) && f.requiredGrowthPct !== undefined) return `${span}${rate(f.requiredGrowthPct)}`;
  if (f.requiredChange !== undefined) return `${span}${change(f.requiredChange, changeUnit(r.unit))}`;
  return undefined;
}

export function requiredText(r: IndicatorResult, T: number): string | undefined {
  const need = requiredNeed(r, T);
  return need && `实现${T}年目标，${need}`;
}

function forecastText(r: IndicatorResult, T: number): string | undefined {
  const f = r.figures;
  if (!f.forecast || r.mode === 'final' || (f.dataYear ?? T) >= T) return undefined;
  const what =
    r.targetKind === 'cumulative' ? `期末累计约${withU(f.forecast.value, r.unit)}` : `${T}年约为${withU(f.forecast.value, r.unit)}`;
  const a = f.anticipatedCompletion !== undefined ? `，预计完成度${pct(f.anticipatedCompletion)}` : '';
  return `${f.forecast.basis}，预计${what}${a}`;
}

/** The opening clause: the value with its year, read from the figures; the engine's explanation where figures are sparse. */
export function valueText(r: IndicatorResult, plan: Plan): string {
  const f = r.figures;
  const b = plan.meta.baseYear;
  const target = targetText(r.targetWritten || undefined, r.unit);
  if (r.targetKind === 'level' && f.latest) {
    const l = f.latest;
    const est = l.method === 'chained' || l.method === 'fromAverage' ? '（推算）' : '';
    const bound = l.bound === 'atLeast' ? '以上' : l.bound === 'atMost' ? '以下' : '';
    const base = f.base !== null ? `，基期${b}年为${withU(f.base, r.unit)}` : '';
    return `${l.year}年${est}为${withU(l.value, r.unit)}${bound}${base}，规划目标为${target}`;
  }
  if (r.targetKind === 'cumulative' && f.cumulativeSum !== undefined)
    return `${b + 1}—${f.dataYear}年累计${withU(f.cumulativeSum, r.unit)}，规划目标为${target}`;
  if (r.targetKind === 'cumulativeChange' && f.achievedChange !== undefined) {
    const down = r.direction === 'down';
    const a = f.achievedChange;
    const moved = a >= 0 ? (down ? '降低' : '提高') : down ? '上升' : '下降';
    return `${b + 1}—${f.dataYear}年累计${moved}${fmt(Math.abs(a))}${changeUnit(r.unit)}，规划目标为${target}`;
  }
  if (r.targetKind === 'growth' && f.realisedGrowthPct !== undefined) {
    const written = r.targetWritten || r.growthTargetWritten || '';
    return `${b + 1}—${f.dataYear}年年均增长${fmt(f.realisedGrowthPct)}%，规划目标为年均增长${targetText(written, '%')}`;
  }
  return r.explain();
}

/** The judgement with its rule: 「评价为「滞后于预期」（0 < 完成进度 < 时序进度 − δ（δ=0.1））」. */
/** The engine's rule as printed: no spaces around its symbols, which justified Chinese text would stretch. */
const ruleText = (r: IndicatorResult): string => r.rule.text.replace(/\s+/g, '');

function judgementText(r: IndicatorResult): string {
  if (r.mode === 'final') {
    const computed = computedLabel(r);
    const o = r.officialVerdict;
    if (o && o.label !== r.verdictLabel)
      return `计算结论为「${computed}」（${ruleText(r)}），正式评估结论为「${o.label}」${o.reason ? `：${o.reason.replace(/。$/, '')}` : ''}`;
    return `评估结论为「${o?.label ?? computed}」（${ruleText(r)}）`;
  }
  const lead = r.warning ? '该指标为约束性指标，列为预警，' : '';
  return `${lead}评价为「${computedLabel(r)}」（判断依据：${ruleText(r)}）`;
}

function annualText(r: IndicatorResult): string | undefined {
  const a = r.annual;
  if (!a) return undefined;
  const verdict = a.verdict === 'completed' ? '完成年度目标' : `年度目标评价为「${a.verdictLabel}」`;
  return `对照${a.year}年年度计划（${a.target}），${a.explanation}，${verdict}`;
}

const period = (s: string): string => (/[。！？]$/.test(s) ? s : `${s}。`);

/** 「截至2024年」 during the period, 「规划期末（2025年）」 at its end: the date every count sentence is stated at. */
const asOf = (ctx: SectionContext): string => (ctx.final ? `规划期末（${ctx.evaluation.year}年）` : `截至${ctx.evaluation.year}年`);

/** One paragraph per indicator: value, progress, the year's plan, required growth, forecast, judgement, notes, scope, sources. */
function indicatorParagraphs(ctx: SectionContext, r: IndicatorResult, k: number): Paragraph[] {
  const T = ctx.plan.meta.targetYear;
  const ind = ctx.indicators.get(r.indicatorId);
  const base =
    r.figures.base !== null && r.figures.base !== undefined
      ? `基期${ctx.plan.meta.baseYear}年为${withU(r.figures.base, r.unit)}`
      : undefined;
  // At the end of the period the engine's explanation states value, target and growth in one go.
  const main =
    r.mode === 'final'
      ? sentence([r.targetKind === 'level' && base, r.explain()])
      : sentence([
          valueText(r, ctx.plan),
          scheduleGap(r),
          r.targetKind === 'growth' && r.figures.growthRatio !== undefined
            ? `实际增速为目标增速的${pct(r.figures.growthRatio)}`
            : undefined,
        ]);
  const out = [period(main)];
  const assigned = assignedSentence(assignmentsFor(ctx.assigned, r.indicatorId, ctx.year, ctx.final), r.unit);
  if (assigned) out.push(period(assigned));
  const annual = annualText(r);
  if (annual) out.push(period(annual));
  const outlook = sentence([requiredText(r, T), forecastText(r, T)]);
  if (outlook) out.push(period(outlook));
  out.push(period(judgementText(r)));
  for (const n of r.notes) if (!(r.mode === 'final' && n.startsWith('计算结论为'))) out.push(period(n));
  const scopes = scopesOf(r, ind?.baseScope);
  if (scopes.length) out.push(period(`口径说明：${scopes.join('；')}`));
  const sources = sourcesOf(r);
  out.push(period(sources.length ? `数据来源：${sources.join('；')}` : '数据来源：暂无报送数据'));
  // A figure's caveat (a point-in-time figure, a scope not stated, a source to confirm) goes where its source is cited.
  const caveats = [...new Set(r.observations.map((o) => o.note ?? '').filter((n) => n !== ''))];
  if (caveats.length) out.push(period(`数据说明：${caveats.join('；')}`));
  return [body(bold(`${k}．${displayName(r)}。`), out.join(''))];
}

// ───────────────────────────── 一、总体情况 ─────────────────────────────

/** Results counted by the word each is reported under. */
function countBy(results: readonly IndicatorResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[codeOf(r)] = (counts[codeOf(r)] ?? 0) + 1;
  return counts;
}

function warningParagraph(ctx: SectionContext): Paragraph {
  const warnings = ctx.evaluation.results.filter((r) => r.warning);
  if (warnings.length === 0) {
    // Says what each binding indicator is counted under, so that one without data is not read as one without a problem.
    const binding = ctx.evaluation.results.filter((r) => r.attribute === '约束性');
    if (binding.length === 0) return body(strong('约束性指标：'), '本规划未设约束性指标。');
    return body(
      strong('约束性指标：'),
      `${indicatorCountText(binding)}约束性指标中，${countsText(countBy(binding), ctx.final)}；${ctx.final ? '没有判定为未完成的指标' : '没有滞后的指标，暂无预警'}。`,
    );
  }
  const items = warnings.map((r) => {
    if (ctx.final) return `${displayName(r)}${computedLabel(r)}，${r.explain()}`;
    const gap = scheduleGap(r) ?? r.explain();
    const back = r.figures.completion !== undefined && r.figures.completion < 0 ? '（较基期反向变化）' : '';
    return `${displayName(r)}${computedLabel(r)}，${gap}${back}`;
  });
  const verb = ctx.final ? '未完成' : '滞后';
  return body(
    strong(`约束性指标预警：`),
    `${warnings.length}项约束性指标${verb}，需重点关注。${items.map((t, i) => `${i + 1}．${t}`).join('；')}。`,
  );
}

export function summarySection(ctx: SectionContext, chart?: Figure): Block[] {
  const e = ctx.evaluation;
  const counts = orderedCounts(e.counts, ctx.final);
  const out: Block[] = [heading1('一、总体情况'), warningParagraph(ctx)];
  out.push(body(`${asOf(ctx)}，规划纲要确定的${indicatorCountText(e.results)}主要指标中，${countsText(e.counts, ctx.final)}。`));
  if (chart) out.push(...figure(chart));
  for (const [code, c] of counts) {
    const rs = warningsFirst(e.results.filter((r) => codeOf(r) === code));
    const names = rs.map((r) => (r.warning ? `${displayName(r)}（约束性）` : displayName(r)));
    out.push(body(bold(`${countWord(code, ctx.final)}${c}项：`), `${joinCn(names)}。`));
  }
  if (ctx.final) {
    const official = e.results.filter((r) => r.officialVerdict);
    if (official.length) {
      const byLabel = new Map<string, number>();
      for (const r of official) byLabel.set(r.officialVerdict!.label, (byLabel.get(r.officialVerdict!.label) ?? 0) + 1);
      // 「以上级考核为准」 defers to the official verdict: that is no disagreement, and is said once for all.
      const deferred = official.filter((r) => r.verdict === 'assigned');
      const differ = official.filter((r) => r.verdict !== 'assigned' && r.officialVerdict!.label !== r.verdictLabel);
      let text = `上述为按规划目标和实际数据计算的结论。其中${official.length}项录有正式评估结论（${[...byLabel].map(([l, c]) => `${l}${c}项`).join('，')}）`;
      if (deferred.length) text += `，${deferred.length}项上级下达目标计算结论为「以上级考核为准」，采用正式结论`;
      text += differ.length
        ? `；${differ.length}项正式结论与计算结论不同：${differ.map((r) => `${displayName(r)}计算为「${computedLabel(r)}」、正式为「${r.officialVerdict!.label}」`).join('；')}，报告中两者并列。`
        : '；其余与计算结论一致。';
      out.push(body(text));
    }
  }
  out.push(
    body(
      ctx.demo
        ? '说明：本报告所用数值为系统生成的示例数据，非真实统计，仅用于演示报告格式和评价方法，不得引用。'
        : `说明：本报告所用数值为已审核的统计数据和公开发布数据，数据来源逐项列示于第二部分；无数据的指标列为「数据缺失」，不作推断。`,
    ),
  );
  return out;
}

// ───────────────────────────── 二、主要指标进展情况 ─────────────────────────────

export function progressSection(ctx: SectionContext, chart?: Figure): Block[] {
  const out: Block[] = [heading1(ctx.final ? '二、主要指标完成情况' : '二、主要指标进展情况')];
  if (chart)
    out.push(
      body(`分领域看，各类指标${ctx.final ? '评估结论' : '进展状态'}见${chart.caption.split(GAP)[0]}，逐项情况如下。`),
      ...figure(chart),
    );
  const categories = [...new Set([...ctx.plan.meta.categories, ...ctx.evaluation.results.map((r) => r.category)])];
  let ci = 0;
  for (const cat of categories) {
    const rs = ctx.evaluation.results.filter((r) => r.category === cat);
    if (rs.length === 0) continue;
    out.push(heading2(`（${cnIndex(ci++)}）${cat}`));
    out.push(body(`${cat}类${indicatorCountText(rs)}指标中，${countsText(countBy(rs), ctx.final)}。`));
    rs.forEach((r, i) => out.push(...indicatorParagraphs(ctx, r, i + 1)));
  }
  return out;
}

// ───────────────────────────── 三、滞后指标分析 ─────────────────────────────

function lagGap(ctx: SectionContext, r: IndicatorResult): string {
  const f = r.figures;
  const T = ctx.plan.meta.targetYear;
  const parts: string[] = [];
  if (r.targetKind === 'growth' && f.realisedGrowthPct !== undefined && f.targetGrowthPct !== undefined) {
    parts.push(
      `${ctx.plan.meta.baseYear + 1}—${f.dataYear}年实际年均增长${fmt(f.realisedGrowthPct)}%，低于目标增速${fmt(f.targetGrowthPct)}%${fmt(f.targetGrowthPct - f.realisedGrowthPct)}个百分点`,
    );
  } else if (r.targetKind === 'relational' && f.realisedGrowthPct !== undefined && f.referenceGrowthPct !== undefined) {
    parts.push(
      `年均增长${fmt(f.realisedGrowthPct)}%，比参照指标年均增长${fmt(f.referenceGrowthPct)}%低${fmt(f.referenceGrowthPct - f.realisedGrowthPct)}个百分点`,
    );
  } else {
    const gap = scheduleGap(r);
    if (gap) parts.push(`${f.dataYear ?? r.year}年${gap}`);
    // A target over the period (「[10]家」) counts from zero, not from a base.
    if (f.completion !== undefined && f.completion <= 0)
      parts.push(r.targetKind === 'cumulative' ? '规划期内尚无累计进展' : '较基期无进展或反向变化');
    if (f.scheduleValue !== undefined && f.latest)
      parts.push(`按时序进度应达到${withU(f.scheduleValue, r.unit)}，实际为${withU(f.latest.value, r.unit)}`);
    if (parts.length === 0) parts.push(r.explain());
  }
  const req = requiredText(r, T);
  if (req) parts.push(req);
  return parts.join('，');
}

const isMissed = (r: IndicatorResult): boolean =>
  r.verdict === 'notCompleted' || r.verdict === 'basicallyCompleted' || r.verdict === 'totalCompleted';

/** 「1．固定资产投资（未完成）。…」: the end-of-period shortfall in the engine's words, the official verdict beside it. */
function missedItem(r: IndicatorResult, k: number): Paragraph {
  const f = r.figures;
  const parts: string[] = [r.explain()];
  if (f.latest && f.target !== undefined && f.target !== 0 && r.verdict === 'notCompleted')
    parts.push(`实际值为目标值的${pct(f.latest.value / f.target)}`);
  const o = r.officialVerdict;
  if (o && o.label !== r.verdictLabel)
    parts.push(`正式评估结论为「${o.label}」${o.reason ? `，理由：${o.reason.replace(/。$/, '')}` : ''}`);
  return body(bold(`${k}．${displayName(r)}（${computedLabel(r)}）。`), period(parts.join('，')));
}

/** 「1．新建新能源汽车充电桩（滞后于预期）。2023年完成进度…」: a lagging result with its gap to the time share. */
function laggingItem(ctx: SectionContext, r: IndicatorResult, k: number): Paragraph {
  const attr = r.attribute ? `，${r.attribute}` : '';
  return body(bold(`${k}．${displayName(r)}（${computedLabel(r)}${attr}）。`), period(lagGap(ctx, r)));
}

/** 「A（完成进度51.4%，比时序进度60.0%低8.6个百分点）；B（…）」. */
const slightList = (rs: IndicatorResult[]): string => rs.map((r) => `${displayName(r)}（${scheduleGap(r) ?? r.explain()}）`).join('；');

export function laggingSection(ctx: SectionContext): Block[] {
  const e = ctx.evaluation;
  if (ctx.final) {
    const out: Block[] = [heading1('三、未完成指标分析')];
    const missed = warningsFirst(e.results.filter(isMissed));
    if (missed.length === 0) {
      out.push(body('按计算结论，规划期末无未完成、基本完成或仅总量完成的指标。'));
      return out;
    }
    out.push(body(`按计算结论，${missed.length}项指标未全部实现规划目标，逐项分析如下。`));
    missed.forEach((r, i) => out.push(missedItem(r, i + 1)));
    return out;
  }
  const out: Block[] = [heading1('三、滞后指标分析')];
  const lagging = warningsFirst(e.results.filter(isLagging));
  if (lagging.length === 0) out.push(body(`截至${e.year}年，无滞后于预期或严重滞后的指标。`));
  else {
    const serious = lagging.filter((r) => r.status === 'seriouslyLagging').length;
    out.push(
      body(
        `截至${e.year}年，${lagging.length}项指标进展滞后，其中严重滞后${serious}项、滞后于预期${lagging.length - serious}项；约束性指标${lagging.filter((r) => r.warning).length}项，列于前面。`,
      ),
    );
    lagging.forEach((r, i) => out.push(laggingItem(ctx, r, i + 1)));
  }
  const slight = e.results.filter((r) => r.status === 'slightlyBehind');
  if (slight.length) out.push(body(`另有${slight.length}项指标基本符合预期，略低于时序进度：${slightList(slight)}。`));
  return out;
}

// ───────────────────────────── 四、主要任务与重大项目 ─────────────────────────────

/** Major projects: reported by the project module; this section only says so. */
export function projectsSection(projects?: unknown[]): Block[] {
  const n = projects?.length ?? 0;
  const lead = n > 0 ? `规划纲要专栏列出的重大项目${n}个已纳入项目库。` : '';
  return [body(`${lead}重大项目的投资完成、形象进度和要素保障情况由项目管理模块另行报告，本报告不再重复。`)];
}

/**
 * 「截至2023年\n累计950个」, 「2024年\n12.9万元」, or 「暂无数据」: never a figure the engine did not read.
 * The date and the amount on lines of their own, so that a narrow cell never breaks a number from its unit.
 */
function progressCell(r: IndicatorResult): string {
  const p = latestProgress(r);
  if (!p) return '暂无数据';
  if (p.cumulative) return `截至${p.year}年\n累计${withU(p.value, r.unit)}`;
  const bound = p.bound === 'atLeast' ? '以上' : p.bound === 'atMost' ? '以下' : '';
  return `${p.year}年${p.estimated ? '（推算）' : ''}\n${withU(p.value, r.unit)}${bound}`;
}

/** 「期内累计\n1847个」, 「13万元，\n力争15万元」: a target broken where a reader would break it, not inside a number. */
const targetCell = (r: IndicatorResult): string =>
  targetText(r.targetWritten, r.unit)
    .replace(/^期内累计(?=.)/, '期内累计\n')
    .replace('，力争', '，\n力争');

/** Task targets with values up to the report's year: every one the engine did not count as 数据缺失. */
const reportedTasks = (te: PlanEvaluation): number => te.results.length - (te.counts.dataMissing ?? 0);

/** The counts of the task targets, apart from the indicators', in the words and order of the indicator summary. */
function taskOverview(ctx: SectionContext, sections: number): Paragraph {
  const te = ctx.taskEvaluation;
  const n = te.results.length;
  const { dataMissing: missing = 0, ...reportedCounts } = te.counts;
  const reported = reportedTasks(te);
  const lead = `规划纲要正文提出可量化的任务目标${n}项，分布在${sections}节。`;
  if (reported === 0)
    return body(`${lead}${asOf(ctx)}，各项任务目标均未报送进展数据，本报告不评价其完成情况，仅按章节列出目标，供各牵头部门对照推进。`);
  const rest = missing > 0 ? `；其余${missing}项暂无进展数据，不作评价` : '';
  const what = ctx.final ? '数据' : '进展';
  return body(`${lead}${asOf(ctx)}，已报送${what}的${reported}项中，${countsText(reportedCounts, ctx.final)}${rest}。`);
}

/** During the period: the lagging task targets with their gaps, then those slightly behind. */
function taskLags(ctx: SectionContext): Paragraph[] {
  const rs = ctx.taskEvaluation.results;
  const lagging = rs.filter(isLagging);
  const slight = rs.filter((r) => r.status === 'slightlyBehind');
  const slightText = slight.length ? `${slight.length}项任务目标基本符合预期，略低于时序进度：${slightList(slight)}。` : '';
  if (lagging.length === 0) return [body(`已报送进展的任务目标中，无滞后于预期或严重滞后的。${slightText}`)];
  const serious = lagging.filter((r) => r.status === 'seriouslyLagging').length;
  return [
    body(`${lagging.length}项任务目标进展滞后，其中严重滞后${serious}项、滞后于预期${lagging.length - serious}项，逐项如下。`),
    ...lagging.map((r, i) => laggingItem(ctx, r, i + 1)),
    ...(slightText ? [body(`另有${slightText}`)] : []),
  ];
}

/** At the end of the period: the task targets that fell short, as the indicators' shortfalls are stated. */
function taskShortfalls(ctx: SectionContext): Paragraph[] {
  const missed = ctx.taskEvaluation.results.filter(isMissed);
  if (missed.length === 0) return [body('已报送数据的任务目标中，无未完成、基本完成或仅总量完成的。')];
  return [body(`按计算结论，${missed.length}项任务目标未全部实现规划目标，逐项分析如下。`), ...missed.map((r, i) => missedItem(r, i + 1))];
}

/** The task targets by section: target, latest progress, completion and status (verdict at the end of the period). */
function taskTable(ctx: SectionContext, order: string[], bySection: Map<string, IndicatorResult[]>): Block[] {
  const titles = sectionTitles(ctx.plan);
  const columns: ColumnSpec[] = [
    // Percent of the text width, set so that 「序号」, 「完成进度」 and 「基本符合预期」 each fit on one line in 五号.
    { header: '序号', weight: 7, align: 'center' },
    { header: '任务目标', weight: 29, align: 'left' },
    { header: '目标', weight: 16, align: 'center' },
    { header: '最新进展', weight: 21, align: 'center' },
    { header: '完成进度', weight: 11, align: 'center' },
    { header: ctx.final ? '评估结论' : '进展状态', weight: 16, align: 'center' },
  ];
  let k = 0;
  const rows = order.flatMap((sid): CellSpec[][] => [
    [{ text: titles.get(sid) ?? sid, columnSpan: columns.length, bold: true, fill: 'F2F2F2', keepNext: true }],
    ...bySection
      .get(sid)!
      .map((r) => [
        { text: String(++k) },
        { text: displayName(r) },
        { text: targetCell(r) },
        { text: progressCell(r) },
        { text: r.figures.completion !== undefined ? pct(r.figures.completion) : '—' },
        { text: computedLabel(r) },
      ]),
  ]);
  const { baseYear, targetYear } = ctx.plan.meta;
  const year = ctx.taskEvaluation.year;
  const schedule = ctx.final ? '' : `${year}年时序进度为${pct(timeShare(year, baseYear, targetYear))}；`;
  return [
    caption(`表1${GAP}规划纲要主要任务目标${ctx.final ? '完成' : '进展'}情况`),
    table({ columns, rows, width: TEXT_WIDTH, size: SIZE.wuhao }),
    tableNote(
      `注：「期内累计」为规划期内累计完成量，其完成进度为累计完成量占目标的比例；${schedule}「暂无数据」为截至${year}年尚无审核通过的进展数据。`,
    ),
  ];
}

export function tasksSection(ctx: SectionContext): Block[] {
  const out: Block[] = [heading1('四、主要任务与重大项目'), heading2('（一）主要任务目标')];
  const te = ctx.taskEvaluation;
  if (te.results.length === 0) {
    out.push(body('本规划未录入量化任务目标。'));
  } else {
    const sectionOf = new Map(ctx.plan.taskTargets.map((t) => [t.id, t.sectionId]));
    const bySection = new Map<string, IndicatorResult[]>();
    for (const r of te.results) {
      const sid = sectionOf.get(r.indicatorId) ?? '';
      bySection.set(sid, [...(bySection.get(sid) ?? []), r]);
    }
    const order = [...bySection.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    out.push(taskOverview(ctx, order.length));
    // With nothing reported there is nothing to analyse: the overview has said so.
    if (reportedTasks(te) > 0) out.push(...(ctx.final ? taskShortfalls(ctx) : taskLags(ctx)));
    out.push(...taskTable(ctx, order, bySection));
  }
  out.push(heading2('（二）重大项目'), ...projectsSection(ctx.plan.projects));
  return out;
}

// ───────────────────────────── 五、下一步工作建议 ─────────────────────────────

export function suggestionsSection(ctx: SectionContext): Block[] {
  const e = ctx.evaluation;
  const T = ctx.plan.meta.targetYear;
  const out: Block[] = [heading1('五、下一步工作建议')];
  const warnings = e.results.filter((r) => r.warning);
  if (warnings.length === 0)
    out.push(
      body(
        ctx.final
          ? '规划期内约束性指标未出现未完成的情况。建议总结规划实施经验，在编制和实施下一个五年规划中继续坚持。'
          : '约束性指标目前未出现滞后。建议继续按年度计划推进，做好数据报送和跟踪监测，及时发现苗头性问题。',
      ),
    );
  warnings.forEach((r, i) => {
    const lead = ctx.indicators.get(r.indicatorId)?.leadDepartment ?? '牵头部门';
    const need = requiredNeed(r, T);
    const text = ctx.final
      ? `该约束性指标期末未完成，建议${lead}总结原因，在下一个规划期目标设置和年度计划中统筹考虑。`
      : `该约束性指标${computedLabel(r)}${need ? `，实现${T}年目标${need}` : ''}。建议${lead}分析滞后原因，细化年度任务和工作举措，确保完成规划目标。`;
    out.push(body(bold(`${i + 1}．${displayName(r)}。`), text));
  });
  // At the end of the period a recorded official verdict settles an indicator: it needs no further step here.
  const open = (r: IndicatorResult): boolean => !ctx.final || !r.officialVerdict;
  const lagging = e.results.filter((r) => !r.warning && open(r) && (ctx.final ? r.verdict === 'notCompleted' : isLagging(r)));
  if (lagging.length)
    out.push(
      body(
        ctx.final
          ? `对${namesOf(lagging)}未完成的情况，建议分析原因，在下一个规划期的目标设置中统筹考虑。`
          : `对${namesOf(lagging, '')}滞后的预期性指标，建议加强跟踪分析，在年度计划中统筹安排。`,
      ),
    );
  const missing = e.results.filter((r) => open(r) && (codeOf(r) === 'dataMissing' || codeOf(r) === 'notEvaluable'));
  if (missing.length) out.push(body(`${namesOf(missing)}暂无可比数据，建议相关部门及时报送，确保监测评估全面准确。`));
  const assigned = e.results.filter((r) => codeOf(r) === 'assigned' && !r.officialVerdict);
  if (assigned.length) out.push(body(`${namesOf(assigned)}为上级下达目标，建议及时录入上级下达值或考核结论。`));
  return out;
}
