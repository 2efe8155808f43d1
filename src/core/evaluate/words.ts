/**
 * Every word the engine writes, apart from the codes the judges decide (the way open-sdg's
 * ProgressMeasure keeps status codes apart from their labels): a judge picks a status or verdict
 * code and a rule id; what the rule and the figures say in Chinese is written here, on request.
 */
import type { Settings } from '../model.js';
import { isRateUnit } from '../notation.js';
import type { LevelPoint } from '../series.js';
import type { Forecast } from '../forecast.js';
import type { IndicatorResult, Rule, Words } from './types.js';

// Math.round, not toFixed: figures are rounded for words many thousand times per evaluation.
export const round = (n: number, d = 2): number => {
  const f = 10 ** d;
  return Math.round(n * f) / f;
};
export const pct = (n: number, d = 1): string => `${round(n * 100, d)}%`;
export const num = (n: number, d = 2): string => String(round(n, d));

/** 「60以上」 with 「%」 reads 「60%以上」. */
export function withUnit(written: string, unit: string): string {
  // A rank says its own unit: 「前50强」 is never 「前50强位」 nor 「50位以下」.
  if (/前(\d+|[一二三四五六七八九十]+)(强|名|位)?$/.test(written)) return written;
  const m = written.match(/^(.*?)(以上|以下|左右)$/);
  return m ? `${m[1]}${unit}${m[2]}` : `${written}${unit}`;
}

/** 「2024年89.29%」, an estimate marked 「（推算）」. */
export function levelText(unit: string, latest: LevelPoint): string {
  const observed = latest.method === 'observed';
  const bound = latest.bound === 'atLeast' ? '以上' : latest.bound === 'atMost' ? '以下' : '';
  return `${latest.year}年${observed ? '' : '（推算）'}${withUnit(num(latest.value, observed ? 4 : 2) + bound, unit)}`;
}

/** 「目标93%以上」. */
export function targetText(unit: string, written: string): string {
  return `目标${withUnit(written, unit)}`;
}

/** The target judged: the target column, or the growth column where the plan gives only that. */
export function mainWritten(r: IndicatorResult): string {
  return r.targetWritten || (r.growthTargetWritten ?? '');
}

/** The unit a change is counted in: percentage points for rates. */
export function changeUnit(unit: string): string {
  return isRateUnit(unit) ? '个百分点' : unit;
}

/** The words of the level rules during the period, read off the result. */
export const LEVEL_WORDS = {
  keepFloor(this: IndicatorResult): string {
    return `${levelText(this.unit, this.figures.latest!)}，不低于${targetText(this.unit, this.targetWritten)}，守住底线`;
  },
  achieved(this: IndicatorResult): string {
    return `${levelText(this.unit, this.figures.latest!)}，已达到${targetText(this.unit, this.targetWritten)}`;
  },
  keepBroken(this: IndicatorResult): string {
    return `${levelText(this.unit, this.figures.latest!)}，低于${targetText(this.unit, this.targetWritten)}的底线`;
  },
  noBase(this: IndicatorResult): string {
    return `${levelText(this.unit, this.figures.latest!)}，尚未达到${targetText(this.unit, this.targetWritten)}；基期值缺失，无法计算完成进度`;
  },
  schedule(this: IndicatorResult): string {
    const f = this.figures;
    const rate = isRateUnit(this.unit);
    let text = `${levelText(this.unit, f.latest!)}，完成进度${pct(f.completion!)}，时序进度${pct(f.timeShare!)}`;
    if (f.requiredGrowthPct !== undefined && !rate) text += `；实现目标还需年均增长${num(f.requiredGrowthPct)}%`;
    else if (f.requiredChange !== undefined)
      text += `；实现目标还需年均${f.requiredChange >= 0 ? '提高' : '降低'}${num(Math.abs(f.requiredChange), 3)}${rate ? '个百分点' : this.unit}`;
    if (f.realisedGrowthPct !== undefined && !rate) text += `（已实现年均增长${num(f.realisedGrowthPct)}%）`;
    return text;
  },
} satisfies Record<string, Words>;

/** The words of cumulative and growth rules, read off the result. */
export const SUM_WORDS = {
  sum(this: IndicatorResult): string {
    const f = this.figures;
    return `${f.baseYear + 1}—${f.dataYear}年累计${num(f.cumulativeSum!, 4)}${this.unit}，为目标[${f.target}]的${pct(f.completion!)}`;
  },
  sumOnSchedule(this: IndicatorResult): string {
    return `${SUM_WORDS.sum.call(this)}，时序进度${pct(this.figures.timeShare!)}`;
  },
  growth(this: IndicatorResult): string {
    const f = this.figures;
    return `${f.baseYear + 1}—${f.dataYear}年年均增长${num(f.realisedGrowthPct!)}%（目标${mainWritten(this)}）`;
  },
  growthStillNeeded(this: IndicatorResult): string {
    const required = this.figures.requiredGrowthPct;
    return SUM_WORDS.growth.call(this) + (required !== undefined ? `；其余年份需年均增长${num(required)}%` : '');
  },
  assigned(this: IndicatorResult): string {
    const latest = this.figures.latest;
    const seen = latest ? `；${latest.year}年报送值${num(latest.value, 4)}${this.unit}` : '';
    return `目标为「${mainWritten(this)}」，尚未录入上级下达值或考核结论${seen}`;
  },
} satisfies Record<string, Words>;

// Rules whose words do not depend on the plan's settings: one object each, shared by every result.
export const FIXED_RULES = {
  assigned: { id: 'assigned', text: '上级下达目标：以上级考核结果为准，可录入上级下达值或考核结论' },
  sumAchieved: { id: 'status.achieved', text: '期内累计已达到目标' },
  dataMissing: { id: 'data.missing', text: '无可用数据，不作评价' },
  notComparable: { id: 'data.notComparable', text: '口径不可比且无可比增速' },
} satisfies Record<string, Rule>;

export const LEVEL_RULES = {
  keepFloor: { id: 'status.keepFloor', text: '守住底线类指标：不低于目标即符合预期' },
  achieved: { id: 'status.achieved', text: '已达到规划目标' },
  keepBroken: { id: 'status.keepBroken', text: '守住底线类指标：低于目标即严重滞后' },
  noBase: { id: 'status.noBase', text: '基期值缺失：仅能判断是否已达标' },
  metInTargetYear: { id: 'status.metInTargetYear', text: '目标年已达到规划目标（按期实现，不称提前实现）' },
} satisfies Record<string, Rule>;

/** A floor, ceiling or band already met at the base: a line to hold. */
export const HOLD_RULES = {
  held: (): Rule => ({ id: 'status.hold', text: '守线类指标（基期已达到目标线）：守住即符合预期，不计算完成进度' }),
  withinBand: (s: Settings): Rule => ({
    id: 'status.hold.withinBand',
    text: `守线类指标：越线不超过目标的${s.bandTolerancePct}%为基本符合预期`,
  }),
  broken: (s: Settings): Rule => ({
    id: 'status.hold.broken',
    text: `守线类指标：越线超过目标的${s.bandTolerancePct}%为滞后于预期，超过两倍为严重滞后`,
  }),
  completed: (): Rule => ({ id: 'verdict.hold.completed', text: '守线类指标：目标年仍守住目标线为完成' }),
  basic: (s: Settings): Rule => ({ id: 'verdict.hold.basic', text: `守线类指标：目标年越线不超过目标的${s.bandTolerancePct}%为基本完成` }),
  notCompleted: (): Rule => ({ id: 'verdict.hold.notCompleted', text: '守线类指标：目标年越线超出容差为未完成' }),
};

export const HOLD_WORDS = {
  held(this: IndicatorResult): string {
    return `${levelText(this.unit, this.figures.latest!)}，守住${targetText(this.unit, mainWritten(this))}（基期已达到，属守线类指标）`;
  },
  broken(this: IndicatorResult): string {
    return `${levelText(this.unit, this.figures.latest!)}，未守住${targetText(this.unit, mainWritten(this))}（基期已达到，属守线类指标）`;
  },
} satisfies Record<string, Words>;

/** The five steps of a progress ladder, in words for one δ. */
export type LadderWords = Record<'ahead' | 'onTrack' | 'slightlyBehind' | 'lagging' | 'seriouslyLagging', Rule>;

/** domain.md §3: completion against the time share. */
export function scheduleLadderWords(delta: number): LadderWords {
  const d = `δ=${delta}`;
  return {
    ahead: { id: 'status.ahead', text: `完成进度 ≥ 时序进度 + δ（${d}）` },
    onTrack: { id: 'status.onTrack', text: `时序进度 ≤ 完成进度 < 时序进度 + δ（${d}）` },
    slightlyBehind: { id: 'status.slightlyBehind', text: `时序进度 − δ ≤ 完成进度 < 时序进度（${d}）` },
    lagging: { id: 'status.lagging', text: `0 < 完成进度 < 时序进度 − δ（${d}）` },
    seriouslyLagging: { id: 'status.seriouslyLagging', text: '完成进度 ≤ 0（无进展或反向变化）' },
  };
}

/** Growth targets: the realised rate against the target rate. */
export function growthLadderWords(delta: number): LadderWords {
  return {
    ahead: { id: 'status.growth.ahead', text: `实际年均增速 ≥ 目标增速 ×（1 + δ），δ=${delta}` },
    onTrack: { id: 'status.growth.onTrack', text: '实际年均增速达到目标增速' },
    slightlyBehind: { id: 'status.growth.slightlyBehind', text: `实际年均增速 ≥ 目标增速 ×（1 − δ），δ=${delta}` },
    lagging: { id: 'status.growth.lagging', text: `实际年均增速低于目标增速 ×（1 − δ）` },
    seriouslyLagging: { id: 'status.growth.seriouslyLagging', text: '实际年均增速 ≤ 0' },
  };
}

/** End-of-period rules of a level target. */
export const FINAL_LEVEL_RULES = {
  expected: (): Rule => ({ id: 'verdict.expected', text: '期末数据尚未公布，预测值达到目标' }),
  expectedNot: (): Rule => ({ id: 'verdict.expectedNot', text: '期末数据尚未公布，预测值未达到目标' }),
  noFinal: (T: number): Rule => ({ id: 'verdict.noFinal', text: `无${T}年数据，且无预测依据：仅列最新进展，不作期末结论` }),
  totalCompleted: (): Rule => ({ id: 'verdict.totalCompleted', text: '总量目标完成而配套增速目标未完成' }),
  completed: (exceeded: boolean, s: Settings): Rule => ({
    id: exceeded ? 'verdict.completed.exceeded' : 'verdict.completed',
    text: exceeded ? `目标完成，实际变化超出应完成变化${s.exceedPct}%以上（超额）` : '达到规划目标',
  }),
  basic: (s: Settings): Rule => ({ id: 'verdict.basic', text: `未达目标，但与目标相差不超过${s.basicCompletionPct}%` }),
  notCompleted: (): Rule => ({ id: 'verdict.notCompleted', text: '未达目标，且差距超过基本完成范围' }),
};

/** End-of-period words of a level target; they close over their own values. */
export const FINAL_LEVEL_WORDS = {
  expected:
    (unit: string, latest: LevelPoint, T: number, fc: Forecast, written: string, ok = true) =>
    (): string =>
      `预测（依据${latest.year}年数据）：最新${levelText(unit, latest)}，预测${T}年${num(fc.value)}${unit}，${ok ? '可达' : '难以达到'}${targetText(unit, written)}`,
  noFinal: (unit: string, latest: LevelPoint, T: number, written: string) => (): string =>
    `尚无${T}年数据，最新进展：${levelText(unit, latest)}（${targetText(unit, written)}），不作期末结论`,
  totalCompleted: (unit: string, latest: LevelPoint, written: string, growth: (() => string) | undefined) => (): string =>
    `${levelText(unit, latest)}，达到${targetText(unit, written)}；但${growth?.()}未达到`,
  completed: (unit: string, latest: LevelPoint, written: string, also: () => string) => (): string =>
    `${levelText(unit, latest)}，达到${targetText(unit, written)}${also()}`,
  basic: (unit: string, latest: LevelPoint, value: number, written: string, also: () => string) => (): string =>
    `${levelText(unit, latest)}，为目标的${pct(latest.value / value)}，与${targetText(unit, written)}相差${pct(Math.abs(latest.value - value) / Math.abs(value))}${also()}`,
  notCompleted: (unit: string, latest: LevelPoint, written: string, completion: number | undefined, also: () => string) => (): string =>
    `${levelText(unit, latest)}，未达到${targetText(unit, written)}${completion !== undefined ? `，完成进度${pct(completion)}` : ''}${also()}`,
};

/** Rules of cumulative targets (「[2.7]」 sums, 「5(累计)」 changes). */
export const CUMULATIVE_RULES = {
  completed: (exceeded: boolean): Rule => ({
    id: exceeded ? 'verdict.completed.exceeded' : 'verdict.completed',
    text: exceeded ? '累计目标完成且超额' : '期内累计达到目标',
  }),
  expected: (until: number): Rule => ({ id: 'verdict.expected', text: `期末数据尚未公布，依据截至${until}年数据预测累计值达到目标` }),
  expectedNot: (until: number): Rule => ({
    id: 'verdict.expectedNot',
    text: `期末数据尚未公布，依据截至${until}年数据预测累计值未达到目标`,
  }),
  partial: (T: number): Rule => ({ id: 'verdict.noFinal', text: `期内有年份缺少数据（至${T}年），累计值不完整，不作期末结论` }),
  basic: (s: Settings): Rule => ({ id: 'verdict.basic', text: `累计未达目标，但相差不超过${s.basicCompletionPct}%` }),
  notCompleted: (): Rule => ({ id: 'verdict.notCompleted', text: '期内累计未达目标' }),
  changeCompleted: (): Rule => ({ id: 'verdict.completed', text: '累计变化达到目标' }),
  changeBasic: (s: Settings): Rule => ({ id: 'verdict.basic', text: `累计变化与目标相差不超过${s.basicCompletionPct}%` }),
  changeNotCompleted: (): Rule => ({ id: 'verdict.notCompleted', text: '累计变化未达目标' }),
  changeAchieved: (): Rule => ({ id: 'status.achieved', text: '累计变化已达到目标' }),
};

export const CUMULATIVE_WORDS = {
  fewYears: (from: number, until: number, count: number): string => `${from}—${until}年中仅有${count}年数据，累计值可能偏低`,
  perYearBasis: (perYear: number, unit: string): string => `按已实现年均${num(perYear, 3)}${unit}外推`,
  compoundBasis: (yearlyPct: number): string => `按已实现年均降低${num(yearlyPct, 2)}%复合外推`,
  fromLevels: (b: number, base: number, year: number, value: number): string => `由${b}年${num(base, 4)}到${year}年${num(value, 4)}`,
  fromChanges: (count: number): string => `按${count}个年度变动值累计`,
  change: (how: string, down: boolean, achieved: number, unit: string, written: string, p: number) => (): string =>
    `${how}，累计${down ? '降低' : '提高'}${num(achieved, 3)}${changeUnit(unit)}，为目标${written}的${pct(p)}`,
  onSchedule: (text: () => string, tau: number) => (): string => `${text()}，时序进度${pct(tau)}`,
};

/** Rules of growth targets and yearly changes. */
export const GROWTH_RULES = {
  completed: (): Rule => ({ id: 'verdict.completed', text: '实际年均增速达到目标' }),
  basic: (s: Settings): Rule => ({ id: 'verdict.basic', text: `年均增速与目标相差不超过${s.basicCompletionPct}%` }),
  notCompleted: (): Rule => ({ id: 'verdict.notCompleted', text: '实际年均增速未达目标' }),
  band: (s: Settings): Rule => ({ id: 'status.growth.band', text: `年均增速在目标±${s.bandTolerancePct}%区间内为符合预期` }),
  yearlyChange: (): Rule => ({ id: 'yearlyChange', text: '年均变动达到目标' }),
  expected: (until: number, ok: boolean): Rule => ({
    id: ok ? 'verdict.expected' : 'verdict.expectedNot',
    text: `期末数据尚未公布，依据${until}年为止的年均增速预测${ok ? '可以' : '难以'}达到目标`,
  }),
};

export const GROWTH_WORDS = {
  nominal: '由现价水平计算的年均增速为名义增速，仅作参考',
  fromLevels: '年均增速由水平值计算（复合年均增长率）',
  rate: (ratePct: number, written: string) => (): string => `年均增长${num(ratePct)}%（目标${written}）`,
  change: (amount: number, unit: string, written: string) => (): string => `年均变动${num(amount, 3)}${changeUnit(unit)}（目标${written}）`,
};

/** Rules of a growth compared with another indicator's. */
export const RELATIONAL_RULES = {
  noReference: (): Rule => ({ id: 'relational.noReference', text: '参照指标无增速数据' }),
  text: (relation: 'above' | 'below' | 'sync', tol: number): string =>
    relation === 'sync' ? `与参照增速相差不超过±${tol}个百分点为同步` : relation === 'above' ? '增速高于参照指标' : '增速低于参照指标',
  verdict: (text: string): Rule => ({ id: 'verdict.relational', text }),
  basic: (text: string, tol: number): Rule => ({ id: 'verdict.relational.basic', text: `${text}；差距在${tol}个百分点以内为基本完成` }),
  status: (text: string): Rule => ({ id: 'status.relational', text }),
  expected: (until: number, ok: boolean): Rule => ({
    id: ok ? 'verdict.expected' : 'verdict.expectedNot',
    text: `期末数据尚未公布，依据${until}年为止的年均增速预测${ok ? '可以' : '难以'}达到目标`,
  }),
};

export const RELATIONAL_WORDS = {
  noReference: (own: number, ref: string) => (): string => `本指标年均增长${num(own)}%，参照指标「${ref}」无增速数据`,
  compared: (own: number, refName: string, refRate: number, diff: number) => (): string =>
    `年均增长${num(own)}%，${refName}年均增长${num(refRate)}%，相差${num(diff)}个百分点`,
};

/** Reasons a value is missing, for the words of `missing`. */
export const MISSING_WORDS = {
  none: (year: number): string => `截至${year}年无可用数据`,
  noYearly: (year: number): string => `截至${year}年无可用的逐年数据`,
  noGrowth: (year: number): string => `截至${year}年无增速数据`,
  noChange: (year: number): string => `截至${year}年无可用数据（基期值缺失时需报送年度变动值）`,
  notComparable: '仅有与基期口径不同的数据，且无可比增速，本期不可评估',
};

/** A year of a yearly plan (年度计划) against its own target. */
export const ANNUAL_WORDS = {
  noGrowth: (year: number): string => `${year}年增速未报送`,
  noLevel: (year: number): string => `${year}年数值未报送`,
  growth: (year: number, value: number, target: string): string => `${year}年增长${num(value)}%，年度目标${target}`,
  growthBasic: (text: string, s: Settings): string => `${text}，差距不超过${s.basicCompletionPct}%`,
  growthShort: (text: string, gap: number): string => `${text}，低于目标${num(Math.abs(gap))}个百分点`,
  level: (year: number, value: number, unit: string, target: string): string =>
    `${year}年${num(value, 4)}${unit}，年度目标${target}${unit}`,
  other: (target: string): string => `年度目标「${target}」不是水平值或增速，暂不自动评价`,
};

/** Notes a result carries beside its words. */
export const NOTE_WORDS = {
  reportedBase: (b: number, value: number, unit: string): string => `规划未列${b}年基期值，采用报送的${b}年数值${value}${unit}作为基期`,
  official: (computed: string, official: string, reason: string | undefined): string =>
    `计算结论为「${computed}」，正式结论为「${official}」${reason ? `：${reason}` : ''}`,
  noTarget: (id: string): string => `指标${id}没有目标`,
  baseReplaced: (old: number, oldYear: number, b: number, value: number, unit: string): string =>
    `规划所列基期值${old}${unit}为${oldYear}年数据（表注），已由报送的${b}年数值${value}${unit}替换作为基期`,
  baseProvisional: (old: number, oldYear: number, b: number, unit: string): string =>
    `基期值${old}${unit}为${oldYear}年数据（表注），暂作${b}年基期；报送${b}年数值后将替换`,
};

/** Targets in words only, judged by the yearly plans. */
export const QUALITATIVE_RULES = {
  year: (): Rule => ({
    id: 'status.qualitative.year',
    text: '定性目标：按当年年度计划目标评价（完成为符合预期，基本完成为基本符合预期，未完成为滞后于预期）',
  }),
  noYear: (): Rule => ({ id: 'status.qualitative.noYear', text: '定性目标：当年无年度计划目标或无数据，不作评价，可录入正式结论' }),
  final: (): Rule => ({ id: 'verdict.qualitative', text: '定性目标：期内每年均完成年度计划目标为完成；有年份缺少目标或数据为数据缺失' }),
};

export const QUALITATIVE_WORDS = {
  year: (text: string) => (): string => `定性目标，按年度计划评价：${text}`,
  noYear: (year: number, years: string[]) => (): string =>
    `定性目标，${year}年无可评价的年度计划目标或数值${years.length ? `；${years.join('；')}` : ''}`,
  years: (met: number, all: number, years: string[]) => (): string => `期内${all}年中${met}年完成年度计划目标：${years.join('；')}`,
  missingYears: (judged: number, all: number, years: string[]) => (): string =>
    `期内${all}年中仅${judged}年有年度计划目标和数值，无法作出期末结论${years.length ? `：${years.join('；')}` : ''}`,
};
