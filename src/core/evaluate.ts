/**
 * The evaluation engine of domain.md §3–4: pure functions from a plan, its observations and a
 * year to a status (during the period) or a verdict (at its end) per indicator. Every result
 * carries the figures and the rule that produced it, so a reader can check the arithmetic.
 */
import type { AnnualTarget, Direction, Indicator, Observation, OfficialVerdict, Plan, Settings } from './model.js';
import { inferDirection, isRateUnit, parseTarget, type Target } from './notation.js';
import { avgChangeOf, basePointOf, buildSeries, cumulativeOf, levelsOf, type LevelPoint, type SeriesView } from './series.js';
import {
  STATUS,
  VERDICT,
  SDG_BAND,
  UNSD_BAND,
  verdictFromWord,
  type StatusCode,
  type VerdictCode,
  type SdgBand,
  type UnsdBand,
} from './labels.js';
import { forecastLevel, type Forecast } from './forecast.js';
import { compoundRate } from './rates.js';

export interface Rule {
  id: string;
  text: string;
}

export type Figures = {
  baseYear: number;
  targetYear: number;
  base: number | null;
  target?: number;
  stretch?: number;
  latest?: LevelPoint;
  dataYear?: number;
  timeShare?: number;
  completion?: number;
  scheduleValue?: number;
  realisedGrowthPct?: number;
  realisedGrowthMethod?: string;
  requiredGrowthPct?: number;
  requiredChange?: number;
  targetGrowthPct?: number;
  growthRatio?: number;
  cumulativeSum?: number;
  achievedChange?: number;
  referenceGrowthPct?: number;
  forecast?: Forecast;
  anticipatedCompletion?: number;
  sdgRatio?: number;
  sdgBand?: SdgBand;
  unsdBand?: UnsdBand;
};

export interface AnnualResult {
  year: number;
  target: string;
  actual?: number;
  actualKind?: string;
  verdict: VerdictCode;
  verdictLabel: string;
  explanation: string;
}

export interface IndicatorResult {
  indicatorId: string;
  no: number;
  name: string;
  category: string;
  group?: string;
  unit: string;
  attribute?: string;
  direction: Direction;
  targetWritten: string;
  growthTargetWritten?: string;
  targetKind: Target['kind'] | 'none';
  mode: 'progress' | 'final';
  year: number;
  status?: StatusCode;
  statusLabel?: string;
  /** Computed end-of-period verdict. */
  verdict?: VerdictCode;
  verdictLabel?: string;
  /** 超额: the change achieved exceeds the required change by the plan's exceedPct. */
  exceeded?: boolean;
  officialVerdict?: { verdict: VerdictCode; label: string; reason?: string; source?: string };
  /** What reports show: the official verdict where recorded, else the computed one. */
  shownLabel: string;
  /** A binding indicator that lags: leads every view. */
  warning: boolean;
  figures: Figures;
  rule: Rule;
  /**
   * The figures and rule in words. Written on request: a deployment-wide evaluation mostly counts
   * statuses, and words for every indicator would cost more than the judging itself. Call it on
   * the result (`r.explain()`): the common rules' words are read off the result's own figures.
   */
  explain: Words;
  notes: readonly string[];
  comparable: boolean;
  annual?: AnnualResult;
  observations: Observation[];
}

/** A result as data (API, files): the words written out. */
export type IndicatorResultData = Omit<IndicatorResult, 'explain'> & { explanation: string };

export function withWords(r: IndicatorResult): IndicatorResultData {
  const { explain, ...data } = r;
  return { ...data, explanation: explain.call(r) };
}

/**
 * How a result's words are written. The rules most results get share one function each, reading
 * the result it is called on (no closure per result); rarer ones close over what they need.
 */
type Words = (this: IndicatorResult) => string;

export interface EvaluateOptions {
  year: number;
  final?: boolean;
  annualTargets?: AnnualTarget[];
  officialVerdicts?: Record<string, OfficialVerdict>;
}

const EPS = 1e-9;
// Math.round, not toFixed: figures are rounded for words many thousand times per evaluation.
const round = (n: number, d = 2): number => {
  const f = 10 ** d;
  return Math.round(n * f) / f;
};
const pct = (n: number, d = 1): string => `${round(n * 100, d)}%`;
const num = (n: number, d = 2): string => String(round(n, d));

/** 「60以上」 with 「%」 reads 「60%以上」. */
export function withUnit(written: string, unit: string): string {
  const m = written.match(/^(.*?)(以上|以下|左右)$/);
  return m ? `${m[1]}${unit}${m[2]}` : `${written}${unit}`;
}

export function timeShare(year: number, baseYear: number, targetYear: number): number {
  return (year - baseYear) / (targetYear - baseYear);
}

type Ladder = Record<'ahead' | 'onTrack' | 'slightlyBehind' | 'lagging' | 'seriouslyLagging', { status: StatusCode; rule: Rule }>;

/** Rules are the same words for every indicator of a plan: written once per δ, not per result. */
function memoByDelta(write: (delta: number) => Ladder): (delta: number) => Ladder {
  const made = new Map<number, Ladder>();
  return (delta) => {
    let l = made.get(delta);
    if (!l) made.set(delta, (l = write(delta)));
    return l;
  };
}

const scheduleLadder = memoByDelta((delta) => {
  const d = `δ=${delta}`;
  return {
    ahead: { status: 'ahead', rule: { id: 'status.ahead', text: `完成进度 ≥ 时序进度 + δ（${d}）` } },
    onTrack: { status: 'onTrack', rule: { id: 'status.onTrack', text: `时序进度 ≤ 完成进度 < 时序进度 + δ（${d}）` } },
    slightlyBehind: { status: 'slightlyBehind', rule: { id: 'status.slightlyBehind', text: `时序进度 − δ ≤ 完成进度 < 时序进度（${d}）` } },
    lagging: { status: 'lagging', rule: { id: 'status.lagging', text: `0 < 完成进度 < 时序进度 − δ（${d}）` } },
    seriouslyLagging: { status: 'seriouslyLagging', rule: { id: 'status.seriouslyLagging', text: '完成进度 ≤ 0（无进展或反向变化）' } },
  };
});

/** domain.md §3: p against τ with the plan's δ. */
export function scheduleStatus(p: number, tau: number, delta: number): { status: StatusCode; rule: Rule } {
  const l = scheduleLadder(delta);
  if (p >= tau + delta - EPS) return l.ahead;
  if (p >= tau - EPS) return l.onTrack;
  if (p >= tau - delta - EPS) return l.slightlyBehind;
  if (p > EPS) return l.lagging;
  return l.seriouslyLagging;
}

/** Whether a level meets a level target, following the comparator and the direction. */
export function levelMet(
  value: number,
  t: { value: number; comparator: string },
  direction: Direction,
  s: Settings,
  bound?: 'atLeast' | 'atMost',
): boolean {
  const tol = (Math.abs(t.value) * s.bandTolerancePct) / 100;
  let cmp = t.comparator;
  if (cmp === 'reach') cmp = direction === 'down' ? 'atMost' : direction === 'band' ? 'about' : 'atLeast';
  if (cmp === 'about') return bound === undefined && Math.abs(value - t.value) <= tol + EPS;
  if (cmp === 'atMost') return bound !== 'atLeast' && value <= t.value + EPS;
  return bound !== 'atMost' && value >= t.value - EPS;
}

/** Whether a realised rate meets a rate target (growth % or yearly change). */
function rateMet(actual: number, target: number, comparator: string, direction: Direction, s: Settings): boolean {
  if (comparator === 'about') return Math.abs(actual - target) <= (Math.abs(target) * s.bandTolerancePct) / 100 + EPS;
  const lower = comparator === 'atMost' || (comparator === 'reach' && direction === 'down');
  return lower ? actual <= target + EPS : actual >= target - EPS;
}

function withinBasic(actual: number, target: number, s: Settings): boolean {
  if (target === 0) return false;
  return Math.abs(actual - target) / Math.abs(target) <= s.basicCompletionPct / 100 + EPS;
}

function sdg(cagrObs: number, cagrReq: number, direction: Direction, s: Settings, f: Figures): void {
  if (Math.abs(cagrReq) < EPS) return;
  const sign = direction === 'down' ? -1 : 1;
  const ratio = (sign * cagrObs) / Math.abs(cagrReq);
  const a = s.sdgBands[0];
  const b = s.sdgBands[1];
  const c = s.sdgBands[2];
  f.sdgRatio = ratio;
  f.sdgBand = ratio >= a ? 'onTrack' : ratio >= b ? 'accelerate' : ratio >= c ? 'limited' : 'deterioration';
}

function unsd(A: number, s: Settings): UnsdBand {
  const a = s.unsdBands[0];
  const b = s.unsdBands[1];
  return A >= a ? 'onTrack' : A >= b ? 'fair' : 'stagnation';
}

/** What judging one indicator reads; the words written on request read it too, so it is kept small. */
interface Ctx {
  ind: Indicator;
  s: Settings;
  b: number;
  T: number;
  year: number;
  final: boolean;
  direction: Direction;
  growthTarget?: Target;
  series: SeriesView;
  /** The plan's required CAGR base → target, when the base is the plan's own. */
  requiredCagr: number | undefined;
  refGrowth?: (name: string) => { ratePct?: number; name?: string };
}

interface Judgement {
  status?: StatusCode;
  verdict?: VerdictCode;
  exceeded?: boolean;
  rule: Rule;
  /** Words are built only when read: most results are counted, few are read. */
  explain: Words;
  figures: Figures;
  notes?: string[];
  comparable?: boolean;
}

/**
 * A result's figures, in one shape per kind of target: every field its rules may set is there from
 * the start (undefined until set; JSON leaves it out). A field added later would change the
 * object's hidden class midway and allocate again; the fields of other kinds would only take room,
 * and evaluating a national deployment makes 180,000 of these.
 */
type FiguresKind = 'level' | 'sum' | 'change' | 'growth' | 'relational' | 'plain';

function figuresFor(c: Ctx, kind: FiguresKind): Figures {
  const { b: baseYear, T: targetYear } = c;
  const base = c.ind.base;
  // Every kind: the same first fields in the same order, then its own.
  switch (kind) {
    case 'level':
      return {
        baseYear,
        targetYear,
        base,
        target: undefined,
        latest: undefined,
        dataYear: undefined,
        timeShare: undefined,
        completion: undefined,
        realisedGrowthPct: undefined,
        realisedGrowthMethod: undefined,
        stretch: undefined,
        scheduleValue: undefined,
        requiredGrowthPct: undefined,
        requiredChange: undefined,
        forecast: undefined,
        anticipatedCompletion: undefined,
        unsdBand: undefined,
        sdgRatio: undefined,
        sdgBand: undefined,
      };
    case 'sum':
      return {
        baseYear,
        targetYear,
        base,
        target: undefined,
        latest: undefined,
        dataYear: undefined,
        timeShare: undefined,
        completion: undefined,
        realisedGrowthPct: undefined,
        realisedGrowthMethod: undefined,
        cumulativeSum: undefined,
        requiredChange: undefined,
        forecast: undefined,
        anticipatedCompletion: undefined,
        unsdBand: undefined,
      };
    case 'change':
      return {
        baseYear,
        targetYear,
        base,
        target: undefined,
        latest: undefined,
        dataYear: undefined,
        timeShare: undefined,
        completion: undefined,
        realisedGrowthPct: undefined,
        realisedGrowthMethod: undefined,
        achievedChange: undefined,
      };
    case 'growth':
      return {
        baseYear,
        targetYear,
        base,
        target: undefined,
        latest: undefined,
        dataYear: undefined,
        timeShare: undefined,
        completion: undefined,
        realisedGrowthPct: undefined,
        realisedGrowthMethod: undefined,
        targetGrowthPct: undefined,
        requiredGrowthPct: undefined,
        growthRatio: undefined,
      };
    case 'relational':
      return {
        baseYear,
        targetYear,
        base,
        target: undefined,
        latest: undefined,
        dataYear: undefined,
        timeShare: undefined,
        completion: undefined,
        realisedGrowthPct: undefined,
        realisedGrowthMethod: undefined,
        referenceGrowthPct: undefined,
      };
    case 'plain':
      return {
        baseYear,
        targetYear,
        base,
        target: undefined,
        latest: undefined,
        dataYear: undefined,
        timeShare: undefined,
        completion: undefined,
        realisedGrowthPct: undefined,
        realisedGrowthMethod: undefined,
      };
  }
}

function missing(c: Ctx, why: string): Judgement {
  return {
    status: 'dataMissing',
    verdict: 'dataMissing',
    rule: { id: 'data.missing', text: '无可用数据，不作评价' },
    explain: () => why,
    figures: figuresFor(c, 'plain'),
  };
}

/** Adds to `f` the forecast, required growth and the two international second opinions. */
function levelOutlook(c: Ctx, latest: LevelPoint, targetValue: number, f: Figures): void {
  const remaining = c.T - latest.year;
  if (remaining > 0) {
    if (latest.value > 0 && targetValue > 0) f.requiredGrowthPct = compoundRate(targetValue / latest.value, remaining) * 100;
    f.requiredChange = (targetValue - latest.value) / remaining;
    const fc = forecastLevel(levelsOf(c.series), c.T, isRateUnit(c.ind.unit));
    if (fc) {
      f.forecast = fc;
      if (c.ind.base !== null && Math.abs(targetValue - c.ind.base) > EPS) {
        f.anticipatedCompletion = (fc.value - c.ind.base) / (targetValue - c.ind.base);
        f.unsdBand = unsd(f.anticipatedCompletion, c.s);
      }
    }
  }
  const base = c.ind.base;
  if (base !== null && base > 0 && latest.value > 0 && targetValue > 0 && latest.year > c.b) {
    // The realised CAGR of levels is already in the series when it runs from the base to this point.
    const g = c.series.avgGrowth;
    const cagrObs =
      g?.method === 'levelCagr' && g.until === latest.year ? g.ratePct / 100 : compoundRate(latest.value / base, latest.year - c.b);
    const cagrReq = c.requiredCagr ?? compoundRate(targetValue / base, c.T - c.b);
    sdg(cagrObs, cagrReq, c.direction, c.s, f);
  }
}

/** 「2024年89.29%」, an estimate marked 「（推算）」. */
function levelText(unit: string, latest: LevelPoint): string {
  const observed = latest.method === 'observed';
  const bound = latest.bound === 'atLeast' ? '以上' : latest.bound === 'atMost' ? '以下' : '';
  return `${latest.year}年${observed ? '' : '（推算）'}${withUnit(num(latest.value, observed ? 4 : 2) + bound, unit)}`;
}

/** 「目标93%以上」. */
function targetText(unit: string, written: string): string {
  return `目标${withUnit(written, unit)}`;
}

/** The target judged: the target column, or the growth column where the plan gives only that. */
function mainWritten(r: IndicatorResult): string {
  return r.targetWritten || (r.growthTargetWritten ?? '');
}

/** The words of the level rules during the period, read off the result. */
const LEVEL_WORDS = {
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
const SUM_WORDS = {
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
const FIXED_RULES = {
  assigned: { id: 'assigned', text: '上级下达目标：以上级考核结果为准，可录入上级下达值或考核结论' },
  sumAchieved: { id: 'status.achieved', text: '期内累计已达到目标' },
} satisfies Record<string, Rule>;

const LEVEL_RULES = {
  keepFloor: { id: 'status.keepFloor', text: '守住底线类指标：不低于目标即符合预期' },
  achieved: { id: 'status.achieved', text: '已达到规划目标' },
  keepBroken: { id: 'status.keepBroken', text: '守住底线类指标：低于目标即严重滞后' },
  noBase: { id: 'status.noBase', text: '基期值缺失：仅能判断是否已达标' },
} satisfies Record<string, Rule>;

function judgeLevel(c: Ctx, t: Extract<Target, { kind: 'level' }>): Judgement {
  const latest = c.series.latest;
  const base = c.ind.base;
  if (!latest) {
    const why = c.series.incomparable.length > 0 ? '仅有与基期口径不同的数据，且无可比增速，本期不可评估' : `截至${c.year}年无可用数据`;
    const j = missing(c, why);
    if (c.series.incomparable.length > 0) {
      j.status = 'notEvaluable';
      j.verdict = 'notEvaluable';
      j.rule = { id: 'data.notComparable', text: '口径不可比且无可比增速' };
      j.comparable = false;
    }
    return j;
  }
  const met = levelMet(latest.value, t, c.direction, c.s, latest.bound);
  const tau = timeShare(latest.year, c.b, c.T);
  const fig = figuresFor(c, 'level');
  fig.latest = latest;
  fig.dataYear = latest.year;
  fig.timeShare = tau;
  fig.target = t.value;
  fig.stretch = t.stretch;
  if (base !== null) {
    fig.scheduleValue = base + tau * (t.value - base);
    if (Math.abs(t.value - base) > EPS) fig.completion = (latest.value - base) / (t.value - base);
  }
  levelOutlook(c, latest, t.value, fig);
  if (c.final) return finalLevel(c, t, met, fig);

  if (met) {
    if (c.direction === 'keep') {
      return {
        status: 'onTrack',
        rule: LEVEL_RULES.keepFloor,
        explain: LEVEL_WORDS.keepFloor,
        figures: fig,
      };
    }
    return {
      status: 'achieved',
      rule: LEVEL_RULES.achieved,
      explain: LEVEL_WORDS.achieved,
      figures: fig,
    };
  }
  if (c.direction === 'keep') {
    return {
      status: 'seriouslyLagging',
      rule: LEVEL_RULES.keepBroken,
      explain: LEVEL_WORDS.keepBroken,
      figures: fig,
    };
  }
  if (fig.completion === undefined) {
    return {
      status: 'notEvaluable',
      rule: LEVEL_RULES.noBase,
      explain: LEVEL_WORDS.noBase,
      figures: fig,
    };
  }
  const { status, rule } = scheduleStatus(fig.completion, tau, c.s.scheduleDelta);
  return { status, rule, explain: LEVEL_WORDS.schedule, figures: fig };
}

function growthOf(c: Ctx, t: Target | undefined): { met?: boolean; actual?: number; text?: () => string } {
  if (!t) return {};
  if (t.kind === 'growth') {
    const g = c.series.avgGrowth;
    if (!g) return {};
    if (g.method === 'levelCagr' && c.ind.realGrowth) return {};
    return {
      met: rateMet(g.ratePct, t.ratePct, t.comparator, c.direction, c.s),
      actual: g.ratePct,
      text: () => `年均增长${num(g.ratePct)}%（目标${t.written}）`,
    };
  }
  if (t.kind === 'yearlyChange') {
    const a = avgChangeOf(c.series);
    if (!a) return {};
    const u = isRateUnit(c.ind.unit) ? '个百分点' : c.ind.unit;
    return {
      met: rateMet(a.amount, t.amount, t.comparator, c.direction, c.s),
      actual: a.amount,
      text: () => `年均变动${num(a.amount, 3)}${u}（目标${t.written}）`,
    };
  }
  return {};
}

function finalLevel(c: Ctx, t: Extract<Target, { kind: 'level' }>, met: boolean, fig: Figures): Judgement {
  // The words close over their own values, never over `c`: it is refilled for the next indicator.
  const unit = c.ind.unit;
  const T = c.T;
  const also = (): string => (g.text ? `；${g.text()}` : '');
  const latest = fig.latest!;
  const atEnd = latest.year >= c.T;
  const g = growthOf(c, c.growthTarget);
  if (g.actual !== undefined) fig.realisedGrowthPct = g.actual;
  if (!atEnd) {
    const fc = fig.forecast;
    if (fc && levelMet(fc.value, t, c.direction, c.s)) {
      return {
        verdict: 'expectedCompleted',
        rule: { id: 'verdict.expected', text: '期末数据尚未公布，预测值达到目标' },
        explain: () => `最新${levelText(unit, latest)}，预测${T}年${num(fc.value)}${unit}，可达${targetText(unit, t.written)}`,
        figures: fig,
      };
    }
  }
  if (met) {
    const exceeded =
      c.direction !== 'keep' && c.direction !== 'band' && fig.completion !== undefined && fig.completion >= 1 + c.s.exceedPct / 100 - EPS;
    if (g.met === false) {
      return {
        verdict: 'totalCompleted',
        exceeded,
        rule: { id: 'verdict.totalCompleted', text: '总量目标完成而配套增速目标未完成' },
        explain: () => `${levelText(unit, latest)}，达到${targetText(unit, t.written)}；但${g.text?.()}未达到`,
        figures: fig,
      };
    }
    return {
      verdict: 'completed',
      exceeded,
      rule: {
        id: exceeded ? 'verdict.completed.exceeded' : 'verdict.completed',
        text: exceeded ? `目标完成，实际变化超出应完成变化${c.s.exceedPct}%以上（超额）` : '达到规划目标',
      },
      explain: () => `${levelText(unit, latest)}，达到${targetText(unit, t.written)}${also()}`,
      figures: fig,
    };
  }
  if (withinBasic(latest.value, t.value, c.s)) {
    return {
      verdict: 'basicallyCompleted',
      rule: { id: 'verdict.basic', text: `未达目标，但与目标相差不超过${c.s.basicCompletionPct}%` },
      explain: () =>
        `${levelText(unit, latest)}，为目标的${pct(latest.value / t.value)}，与${targetText(unit, t.written)}相差${pct(Math.abs(latest.value - t.value) / Math.abs(t.value))}${also()}`,
      figures: fig,
    };
  }
  return {
    verdict: 'notCompleted',
    rule: { id: 'verdict.notCompleted', text: '未达目标，且差距超过基本完成范围' },
    explain: () =>
      `${levelText(unit, latest)}，未达到${targetText(unit, t.written)}${fig.completion !== undefined ? `，完成进度${pct(fig.completion)}` : ''}${also()}`,
    figures: fig,
  };
}

function judgeCumulative(c: Ctx, t: Extract<Target, { kind: 'cumulative' }>): Judgement {
  const cum = cumulativeOf(c.series);
  if (!cum) return missing(c, `截至${c.year}年无可用的逐年数据`);
  const tau = timeShare(cum.until, c.b, c.T);
  const p = cum.sum / t.total;
  const expectedYears = cum.until - c.b;
  const fig = figuresFor(c, 'sum');
  fig.cumulativeSum = cum.sum;
  fig.completion = p;
  fig.timeShare = tau;
  fig.target = t.total;
  fig.dataYear = cum.until;
  const notes =
    cum.method === 'summed' && cum.yearCount < expectedYears
      ? [`${c.b + 1}—${cum.until}年中仅有${cum.yearCount}年数据，累计值可能偏低`]
      : undefined;
  const remaining = c.T - cum.until;
  if (remaining > 0) {
    fig.requiredChange = (t.total - cum.sum) / remaining;
    const perYear = cum.sum / Math.max(1, expectedYears);
    fig.forecast = { value: cum.sum + perYear * remaining, method: 'linear', basis: `按已实现年均${num(perYear, 3)}${c.ind.unit}外推` };
    fig.anticipatedCompletion = fig.forecast.value / t.total;
    fig.unsdBand = unsd(fig.anticipatedCompletion, c.s);
  }
  const met = levelMet(cum.sum, { value: t.total, comparator: t.comparator }, 'up', c.s);
  if (c.final) {
    if (met) {
      const exceeded = p >= 1 + c.s.exceedPct / 100 - EPS;
      return {
        verdict: 'completed',
        exceeded,
        rule: {
          id: exceeded ? 'verdict.completed.exceeded' : 'verdict.completed',
          text: exceeded ? '累计目标完成且超额' : '期内累计达到目标',
        },
        explain: SUM_WORDS.sum,
        figures: fig,
        notes,
      };
    }
    if (cum.until < c.T && fig.forecast && fig.forecast.value >= t.total - EPS) {
      return {
        verdict: 'expectedCompleted',
        rule: { id: 'verdict.expected', text: '期末数据尚未公布，预测累计值达到目标' },
        explain: SUM_WORDS.sum,
        figures: fig,
        notes,
      };
    }
    if (withinBasic(cum.sum, t.total, c.s))
      return {
        verdict: 'basicallyCompleted',
        rule: { id: 'verdict.basic', text: `累计未达目标，但相差不超过${c.s.basicCompletionPct}%` },
        explain: SUM_WORDS.sum,
        figures: fig,
        notes,
      };
    return {
      verdict: 'notCompleted',
      rule: { id: 'verdict.notCompleted', text: '期内累计未达目标' },
      explain: SUM_WORDS.sum,
      figures: fig,
      notes,
    };
  }
  if (met) return { status: 'achieved', rule: FIXED_RULES.sumAchieved, explain: SUM_WORDS.sum, figures: fig, notes };
  const { status, rule } = scheduleStatus(p, tau, c.s.scheduleDelta);
  return { status, rule, explain: SUM_WORDS.sumOnSchedule, figures: fig, notes };
}

function judgeCumulativeChange(c: Ctx, t: Extract<Target, { kind: 'cumulativeChange' }>): Judgement {
  const sign = c.direction === 'down' ? -1 : 1;
  let achieved: number | undefined;
  let until: number | undefined;
  let how = '';
  const base = c.series.base;
  const latest = c.series.latest;
  if (base && latest) {
    achieved = sign * (latest.value - base.value);
    until = latest.year;
    how = `由${c.b}年${num(base.value, 4)}到${latest.year}年${num(latest.value, 4)}`;
  } else if (c.series.change.size > 0) {
    const entries = [...c.series.change.entries()].filter(([y]) => y > c.b);
    achieved = sign * entries.reduce((s, [, v]) => s + v, 0);
    until = Math.max(...entries.map(([y]) => y));
    how = `按${entries.length}个年度变动值累计`;
  }
  if (achieved === undefined || until === undefined) return missing(c, `截至${c.year}年无可用数据（基期值缺失时需报送年度变动值）`);
  const tau = timeShare(until, c.b, c.T);
  const p = achieved / t.total;
  const u = isRateUnit(c.ind.unit) ? '个百分点' : c.ind.unit;
  const fig = figuresFor(c, 'change');
  fig.achievedChange = achieved;
  fig.completion = p;
  fig.timeShare = tau;
  fig.target = t.total;
  fig.dataYear = until;
  const change = c.direction === 'down' ? '降低' : '提高';
  const text = (): string => `${how}，累计${change}${num(achieved, 3)}${u}，为目标${t.written}的${pct(p)}`;
  if (c.final) {
    if (p >= 1 - EPS)
      return {
        verdict: 'completed',
        exceeded: p >= 1 + c.s.exceedPct / 100,
        rule: { id: 'verdict.completed', text: '累计变化达到目标' },
        explain: text,
        figures: fig,
      };
    if (p >= 1 - c.s.basicCompletionPct / 100)
      return {
        verdict: 'basicallyCompleted',
        rule: { id: 'verdict.basic', text: `累计变化与目标相差不超过${c.s.basicCompletionPct}%` },
        explain: text,
        figures: fig,
      };
    return { verdict: 'notCompleted', rule: { id: 'verdict.notCompleted', text: '累计变化未达目标' }, explain: text, figures: fig };
  }
  if (p >= 1 - EPS) return { status: 'achieved', rule: { id: 'status.achieved', text: '累计变化已达到目标' }, explain: text, figures: fig };
  const { status, rule } = scheduleStatus(p, tau, c.s.scheduleDelta);
  return { status, rule, explain: () => `${text()}，时序进度${pct(tau)}`, figures: fig };
}

const growthLadder = memoByDelta((delta) => ({
  ahead: { status: 'ahead', rule: { id: 'status.growth.ahead', text: `实际年均增速 ≥ 目标增速 ×（1 + δ），δ=${delta}` } },
  onTrack: { status: 'onTrack', rule: { id: 'status.growth.onTrack', text: '实际年均增速达到目标增速' } },
  slightlyBehind: {
    status: 'slightlyBehind',
    rule: { id: 'status.growth.slightlyBehind', text: `实际年均增速 ≥ 目标增速 ×（1 − δ），δ=${delta}` },
  },
  lagging: { status: 'lagging', rule: { id: 'status.growth.lagging', text: `实际年均增速低于目标增速 ×（1 − δ）` } },
  seriouslyLagging: { status: 'seriouslyLagging', rule: { id: 'status.growth.seriouslyLagging', text: '实际年均增速 ≤ 0' } },
}));

/** Growth targets are judged on the ratio of the realised to the target rate (q = r / g). */
function growthStatus(q: number, delta: number): { status: StatusCode; rule: Rule } {
  const l = growthLadder(delta);
  if (q >= 1 + delta - EPS) return l.ahead;
  if (q >= 1 - EPS) return l.onTrack;
  if (q >= 1 - delta - EPS) return l.slightlyBehind;
  if (q > EPS) return l.lagging;
  return l.seriouslyLagging;
}

function judgeGrowth(c: Ctx, t: Extract<Target, { kind: 'growth' }>): Judgement {
  const g = c.series.avgGrowth;
  if (!g) return missing(c, `截至${c.year}年无增速数据`);
  const notes =
    g.method === 'levelCagr'
      ? [c.ind.realGrowth ? '由现价水平计算的年均增速为名义增速，仅作参考' : '年均增速由水平值计算（复合年均增长率）']
      : undefined;
  const fig = figuresFor(c, 'growth');
  fig.realisedGrowthPct = g.ratePct;
  fig.realisedGrowthMethod = g.method;
  fig.targetGrowthPct = t.ratePct;
  fig.dataYear = g.until;
  fig.timeShare = timeShare(g.until, c.b, c.T);
  const N = c.T - c.b;
  const n = g.until - c.b;
  if (n < N && n > 0)
    fig.requiredGrowthPct = compoundRate(Math.pow(1 + t.ratePct / 100, N) / Math.pow(1 + g.ratePct / 100, n), N - n) * 100;
  const met = rateMet(g.ratePct, t.ratePct, t.comparator, c.direction, c.s);
  if (c.final) {
    if (met)
      return {
        verdict: 'completed',
        rule: { id: 'verdict.completed', text: '实际年均增速达到目标' },
        explain: SUM_WORDS.growth,
        figures: fig,
        notes,
      };
    if (withinBasic(g.ratePct, t.ratePct, c.s))
      return {
        verdict: 'basicallyCompleted',
        rule: { id: 'verdict.basic', text: `年均增速与目标相差不超过${c.s.basicCompletionPct}%` },
        explain: SUM_WORDS.growth,
        figures: fig,
        notes,
      };
    return {
      verdict: 'notCompleted',
      rule: { id: 'verdict.notCompleted', text: '实际年均增速未达目标' },
      explain: SUM_WORDS.growth,
      figures: fig,
      notes,
    };
  }
  if (t.comparator === 'about') {
    const ok = met;
    return {
      status: ok ? 'onTrack' : g.ratePct > t.ratePct ? 'ahead' : 'lagging',
      rule: { id: 'status.growth.band', text: `年均增速在目标±${c.s.bandTolerancePct}%区间内为符合预期` },
      explain: SUM_WORDS.growth,
      figures: fig,
      notes,
    };
  }
  const q = t.ratePct === 0 ? (g.ratePct >= 0 ? 1 : -1) : g.ratePct / t.ratePct;
  fig.growthRatio = q;
  const { status, rule } = growthStatus(q, c.s.scheduleDelta);
  return { status, rule, explain: SUM_WORDS.growthStillNeeded, figures: fig, notes };
}

function judgeRelational(c: Ctx, t: Extract<Target, { kind: 'relational' }>): Judgement {
  const own = c.series.avgGrowth;
  const ref = c.refGrowth?.(t.ref);
  if (!own) return missing(c, `截至${c.year}年无增速数据`);
  if (!ref || ref.ratePct === undefined) {
    const fig = figuresFor(c, 'relational');
    fig.realisedGrowthPct = own.ratePct;
    return {
      status: 'notEvaluable',
      verdict: 'notEvaluable',
      rule: { id: 'relational.noReference', text: '参照指标无增速数据' },
      explain: () => `本指标年均增长${num(own.ratePct)}%，参照指标「${t.ref}」无增速数据`,
      figures: fig,
    };
  }
  const refRate = ref.ratePct;
  const diff = own.ratePct - refRate;
  const tol = c.s.syncTolerancePoints;
  const fig = figuresFor(c, 'relational');
  fig.realisedGrowthPct = own.ratePct;
  fig.referenceGrowthPct = refRate;
  fig.dataYear = own.until;
  fig.timeShare = timeShare(own.until, c.b, c.T);
  const text = (): string => `年均增长${num(own.ratePct)}%，${ref.name ?? t.ref}年均增长${num(refRate)}%，相差${num(diff)}个百分点`;
  let ok: boolean;
  let close: boolean;
  if (t.relation === 'sync') {
    ok = diff >= -tol - EPS;
    close = diff >= -2 * tol - EPS;
  } else if (t.relation === 'above') {
    ok = diff > EPS;
    close = diff >= -tol - EPS;
  } else {
    ok = diff < -EPS;
    close = diff <= tol + EPS;
  }
  const ruleText =
    t.relation === 'sync' ? `与参照增速相差不超过±${tol}个百分点为同步` : t.relation === 'above' ? '增速高于参照指标' : '增速低于参照指标';
  if (c.final) {
    return ok
      ? { verdict: 'completed', rule: { id: 'verdict.relational', text: ruleText }, explain: text, figures: fig }
      : close
        ? {
            verdict: 'basicallyCompleted',
            rule: { id: 'verdict.relational.basic', text: `${ruleText}；差距在${tol}个百分点以内为基本完成` },
            explain: text,
            figures: fig,
          }
        : { verdict: 'notCompleted', rule: { id: 'verdict.relational', text: ruleText }, explain: text, figures: fig };
  }
  let status: StatusCode;
  if (ok) status = t.relation === 'sync' && diff > tol ? 'ahead' : 'onTrack';
  else if (close) status = 'slightlyBehind';
  else status = own.ratePct > 0 ? 'lagging' : 'seriouslyLagging';
  return { status, rule: { id: 'status.relational', text: ruleText }, explain: text, figures: fig };
}

function judgeAssigned(c: Ctx): Judgement {
  const latest = c.series.latest;
  const fig = figuresFor(c, 'plain');
  fig.latest = latest;
  fig.dataYear = latest?.year;
  return { status: 'assigned', verdict: 'assigned', rule: FIXED_RULES.assigned, explain: SUM_WORDS.assigned, figures: fig };
}

/** A year of a yearly plan (年度计划) judged against its own target. */
export function judgeAnnual(
  ind: Indicator,
  at: AnnualTarget,
  observations: Observation[],
  s: Settings,
  direction: Direction,
): AnnualResult {
  const t = parseTarget(at.target, { name: ind.name, column: 'annual' });
  const own = observations.filter((o) => o.indicatorId === ind.id && o.year === at.year);
  const result = (verdict: VerdictCode, explanation: string, actual?: number, actualKind?: string): AnnualResult => ({
    year: at.year,
    target: at.target,
    actual,
    actualKind,
    verdict,
    verdictLabel: VERDICT[verdict].zh,
    explanation,
  });
  if (t.kind === 'growth') {
    const g = own.find((o) => o.kind === 'growth_pct');
    if (!g) return result('dataMissing', `${at.year}年增速未报送`);
    const met = rateMet(g.value, t.ratePct, t.comparator, direction, s);
    const text = `${at.year}年增长${num(g.value)}%，年度目标${at.target}`;
    if (met) return result('completed', text, g.value, 'growth_pct');
    if (withinBasic(g.value, t.ratePct, s))
      return result('basicallyCompleted', `${text}，差距不超过${s.basicCompletionPct}%`, g.value, 'growth_pct');
    return result('notCompleted', `${text}，低于目标${num(Math.abs(t.ratePct - g.value))}个百分点`, g.value, 'growth_pct');
  }
  if (t.kind === 'level') {
    const l = own.find((o) => o.kind === 'level');
    if (!l) return result('dataMissing', `${at.year}年数值未报送`);
    const text = `${at.year}年${num(l.value, 4)}${ind.unit}，年度目标${at.target}${ind.unit}`;
    if (levelMet(l.value, t, direction, s, l.bound)) return result('completed', text, l.value, 'level');
    if (withinBasic(l.value, t.value, s)) return result('basicallyCompleted', text, l.value, 'level');
    return result('notCompleted', text, l.value, 'level');
  }
  return result('notEvaluable', `年度目标「${at.target}」不是水平值或增速，暂不自动评价`);
}

/** Why a result must lead every view: binding (约束性) and behind. */
export function isWarning(attribute: string | undefined, status?: StatusCode, verdict?: VerdictCode): boolean {
  if (attribute !== '约束性') return false;
  return status === 'lagging' || status === 'seriouslyLagging' || verdict === 'notCompleted';
}

interface ReadTargets {
  target?: Target;
  growthTarget?: Target;
  direction: Direction;
}

// Plans are immutable once loaded, so each indicator's notation is parsed once per process.
const parsedTargets = new WeakMap<Indicator, ReadTargets>();

export function readTargets(ind: Indicator): ReadTargets {
  let r = parsedTargets.get(ind);
  if (!r) {
    const target = ind.target !== undefined ? parseTarget(ind.target, { name: ind.name, column: 'target' }) : undefined;
    const growthTarget = ind.growthTarget !== undefined ? parseTarget(ind.growthTarget, { name: ind.name, column: 'growth' }) : undefined;
    r = { target, growthTarget, direction: inferDirection(ind.name, target, ind.direction) };
    parsedTargets.set(ind, r);
  }
  return r;
}

function reportedBaseValue(ind: Indicator, observations: Observation[], b: number, own: boolean): Observation | undefined {
  for (const o of observations) if (o.year === b && o.kind === 'level' && !o.scope && (own || o.indicatorId === ind.id)) return o;
  return undefined;
}

/** An indicator read for one plan: its targets and what follows from the plan alone. */
interface Prepared extends ReadTargets {
  /** The base as a level point, shared by every evaluation of the plan (never changed). */
  basePoint?: LevelPoint;
  /** The average growth base → level target the plan asks for (a fraction). */
  requiredCagr?: number;
}

function prepare(plan: Plan, ind: Indicator): Prepared {
  const { target, growthTarget, direction } = readTargets(ind);
  const b = plan.meta.baseYear;
  const base = ind.base;
  const requiredCagr =
    target?.kind === 'level' && base !== null && base > 0 && target.value > 0
      ? compoundRate(target.value / base, plan.meta.targetYear - b)
      : undefined;
  return { target, growthTarget, direction, basePoint: basePointOf(ind, b), requiredCagr };
}

interface PreparedPlan {
  /** By the plan's indicator order. */
  indicators: Prepared[];
  /** Where an indicator id's values go: the position of the first indicator with that id. */
  slotOf: Map<string, number>;
  /** Each indicator's slot: its own position, unless an earlier indicator has the same id. */
  slotAt: Int32Array;
}

// Plans are immutable once loaded: a plan's indicators are prepared once, and looked up once per evaluation.
const preparedOfPlan = new WeakMap<Plan, PreparedPlan>();

function preparedPlan(plan: Plan): PreparedPlan {
  let r = preparedOfPlan.get(plan);
  if (!r) {
    const slotOf = new Map<string, number>();
    plan.indicators.forEach((ind, i) => {
      if (!slotOf.has(ind.id)) slotOf.set(ind.id, i);
    });
    const slotAt = Int32Array.from(plan.indicators, (ind) => slotOf.get(ind.id)!);
    preparedOfPlan.set(plan, (r = { indicators: plan.indicators.map((ind) => prepare(plan, ind)), slotOf, slotAt }));
  }
  return r;
}

export function evaluateIndicator(
  plan: Plan,
  ind: Indicator,
  observations: Observation[],
  opts: EvaluateOptions,
  refGrowth?: Ctx['refGrowth'],
): IndicatorResult {
  return judgeIndicator(planCtx(plan, opts, refGrowth), ind, prepare(plan, ind), observations, false, opts);
}

/**
 * One Ctx per evaluation of a plan, refilled for each indicator by `judgeIndicator`: nothing a
 * result keeps refers to it (the words read the result, or close over their own values), and one
 * object per plan instead of one per indicator is a tenth of a national evaluation's garbage.
 */
function planCtx(plan: Plan, opts: EvaluateOptions, refGrowth?: Ctx['refGrowth']): Ctx {
  const T = plan.meta.targetYear;
  const final = opts.final ?? false;
  return {
    // The indicator's own fields are set before each use.
    ind: plan.indicators[0]!,
    s: plan.settings,
    b: plan.meta.baseYear,
    T,
    year: final ? Math.max(opts.year, T) : opts.year,
    final,
    direction: 'up',
    growthTarget: undefined,
    series: undefined as unknown as SeriesView,
    requiredCagr: undefined,
    refGrowth,
  };
}

function judgeIndicator(
  c: Ctx,
  ind: Indicator,
  read: Prepared,
  observations: Observation[],
  /** The observations are this indicator's only (evaluatePlan groups them). */
  own: boolean,
  opts: EvaluateOptions,
): IndicatorResult {
  const { target, growthTarget, direction } = read;
  const { s, b, year, final } = c;
  const reportedBase = ind.base === null ? reportedBaseValue(ind, observations, b, own) : undefined;
  if (reportedBase) ind = { ...ind, base: reportedBase.value };
  // The view of the indicator judged before is filled again: nothing a result keeps refers to it.
  const series = buildSeries(ind, observations, b, year, own, read.basePoint, c.series);
  c.ind = ind;
  c.direction = direction;
  c.growthTarget = growthTarget;
  c.series = series;
  // A base reported in place of the plan's changes what the target asks for.
  c.requiredCagr = reportedBase ? undefined : read.requiredCagr;

  let j: Judgement;
  const main = target ?? growthTarget;
  if (!main) throw new Error(`指标${ind.id}没有目标`);
  switch (main.kind) {
    case 'level':
      j = judgeLevel(c, main);
      break;
    case 'cumulative':
      j = judgeCumulative(c, main);
      break;
    case 'cumulativeChange':
      j = judgeCumulativeChange(c, main);
      break;
    case 'growth':
      j = judgeGrowth(c, main);
      break;
    case 'yearlyChange': {
      const g = growthOf(c, main);
      if (g.met === undefined) j = missing(c, `截至${year}年无数据`);
      else
        j = {
          verdict: g.met ? 'completed' : 'notCompleted',
          status: g.met ? 'onTrack' : 'lagging',
          rule: { id: 'yearlyChange', text: '年均变动达到目标' },
          explain: g.text ?? (() => ''),
          figures: figuresFor(c, 'plain'),
        };
      break;
    }
    case 'relational':
      j = judgeRelational(c, main);
      break;
    case 'assigned':
      j = judgeAssigned(c);
      break;
  }

  const official = opts.officialVerdicts?.[ind.id] ?? ind.officialVerdict;
  const officialVerdict = official
    ? { verdict: verdictFromWord(official.verdict), label: official.verdict, reason: official.reason, source: official.source }
    : undefined;
  const status = final ? undefined : j.status;
  const verdict = final ? j.verdict : undefined;
  const exceeded = final ? verdict === 'completed' && j.exceeded === true : undefined;
  const computedLabel = final ? VERDICT[verdict!].zh + (exceeded ? '（超额）' : '') : STATUS[status!].zh;
  const annualTarget = opts.annualTargets?.find((a) => a.indicatorId === ind.id && a.year === opts.year);
  // The series' notes, then the judgement's; most results have none and share the series' empty list.
  let notes = series.notes;
  // The plan left the base blank; a base-year value reported since fills the gap, openly.
  if (reportedBase) notes = [`规划未列${b}年基期值，采用报送的${b}年数值${reportedBase.value}${ind.unit}作为基期`, ...notes];
  if (j.notes) notes = [...notes, ...j.notes];
  if (officialVerdict && final && officialVerdict.verdict !== verdict) {
    notes = [
      ...notes,
      `计算结论为「${computedLabel}」，正式结论为「${officialVerdict.label}」${officialVerdict.reason ? `：${officialVerdict.reason}` : ''}`,
    ];
  }
  const figures = j.figures;
  if (figures.realisedGrowthPct === undefined && series.avgGrowth) {
    figures.realisedGrowthPct = series.avgGrowth.ratePct;
    figures.realisedGrowthMethod = series.avgGrowth.method;
  }
  return {
    indicatorId: ind.id,
    no: ind.no,
    name: ind.name,
    category: ind.category,
    group: ind.group,
    unit: ind.unit,
    attribute: ind.attribute,
    direction,
    targetWritten: ind.target ?? '',
    growthTargetWritten: ind.growthTarget,
    targetKind: target?.kind ?? 'none',
    mode: final ? 'final' : 'progress',
    year,
    status,
    statusLabel: status ? computedLabel : undefined,
    verdict,
    verdictLabel: verdict ? VERDICT[verdict].zh : undefined,
    exceeded,
    officialVerdict,
    shownLabel: final && officialVerdict ? officialVerdict.label : computedLabel,
    warning: isWarning(ind.attribute, status, verdict),
    figures,
    rule: j.rule,
    explain: j.explain,
    notes,
    comparable: j.comparable ?? series.incomparable.length === 0,
    annual: annualTarget ? judgeAnnual(ind, annualTarget, observations, s, direction) : undefined,
    observations: series.used,
  };
}

export interface PlanEvaluation {
  planId: string;
  year: number;
  mode: 'progress' | 'final';
  results: IndicatorResult[];
  counts: Record<string, number>;
  warnings: number;
}

/**
 * Every indicator reads only its own values, so a plan costs O(values), not O(indicators × values):
 * each indicator's values by its slot in the plan, values of ids the plan does not have left out.
 * Values usually come from the store ordered by indicator: each run is then one slice, placed by
 * one look-up.
 */
function valuesBySlot(p: PreparedPlan, observations: Observation[]): (Observation[] | undefined)[] {
  const slots = new Array<Observation[] | undefined>(p.indicators.length);
  let start = 0;
  for (let i = 1; i <= observations.length; i++) {
    const id = observations[start]?.indicatorId;
    if (i < observations.length && observations[i]!.indicatorId === id) continue;
    if (id === undefined) break;
    const k = p.slotOf.get(id);
    if (k !== undefined) {
      const seen = slots[k];
      if (seen) seen.push(...observations.slice(start, i));
      else slots[k] = observations.slice(start, i);
    }
    start = i;
  }
  return slots;
}

/** Evaluates every indicator of a plan; relational targets read their reference's realised growth. */
export function evaluatePlan(plan: Plan, observations: Observation[], opts: EvaluateOptions): PlanEvaluation {
  const year = opts.final ? Math.max(opts.year, plan.meta.targetYear) : opts.year;
  const growthCache = new Map<string, { ratePct?: number; name?: string }>();
  const refGrowth = (name: string): { ratePct?: number; name?: string } => {
    const hit = growthCache.get(name);
    if (hit) return hit;
    const ref = plan.indicators.find((i) => i.name === name) ?? plan.indicators.find((i) => i.name.includes(name) || name.includes(i.name));
    const out = ref
      ? {
          ratePct: buildSeries(ref, slots[p.slotOf.get(ref.id)!] ?? none, plan.meta.baseYear, year, true).avgGrowth?.ratePct,
          name: ref.name,
        }
      : {};
    growthCache.set(name, out);
    return out;
  };
  const p = preparedPlan(plan);
  const slots = valuesBySlot(p, observations);
  const none: Observation[] = [];
  const c = planCtx(plan, opts, refGrowth);
  const results = plan.indicators.map((ind, i) => judgeIndicator(c, ind, p.indicators[i]!, slots[p.slotAt[i]!] ?? none, true, opts));
  // Tallied over the few codes seen, in the order first seen, and written out once: counting into an
  // object whose keys differ from plan to plan is a slow, generic look-up for every result.
  const seen: string[] = [];
  const tally: number[] = [];
  let warnings = 0;
  for (const r of results) {
    const k = (opts.final ? r.verdict : r.status) ?? 'dataMissing';
    const i = seen.indexOf(k);
    if (i < 0) {
      seen.push(k);
      tally.push(1);
    } else tally[i]!++;
    if (r.warning) warnings++;
  }
  const counts: Record<string, number> = {};
  seen.forEach((k, i) => (counts[k] = tally[i]!));
  return {
    planId: plan.meta.id,
    year,
    mode: opts.final ? 'final' : 'progress',
    results,
    counts,
    warnings,
  };
}

/** Display order: warnings (binding and lagging) first, then the plan's own order. */
export function warningsFirst(results: IndicatorResult[]): IndicatorResult[] {
  return [...results].sort((a, b) => Number(b.warning) - Number(a.warning));
}

export { STATUS, VERDICT, SDG_BAND, UNSD_BAND };
