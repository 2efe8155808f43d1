/**
 * The shapes the engine hands out (results, figures, rules) and the two it works with inside
 * (the per-plan working context and a judge's judgement). Types only: every other file of the
 * engine imports from here, so nothing here imports from them.
 */
import type { AnnualTarget, Direction, Indicator, Observation, OfficialVerdict, Settings } from '../model.js';
import type { Target } from '../notation.js';
import type { LevelPoint, SeriesView } from '../series.js';
import type { StatusCode, VerdictCode, SdgBand, UnsdBand } from '../labels.js';
import type { Forecast } from '../forecast.js';

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

/**
 * How a result's words are written. The rules most results get share one function each, reading
 * the result it is called on (no closure per result); rarer ones close over what they need.
 */
export type Words = (this: IndicatorResult) => string;

export interface EvaluateOptions {
  year: number;
  final?: boolean;
  annualTargets?: AnnualTarget[];
  officialVerdicts?: Record<string, OfficialVerdict>;
}

export interface PlanEvaluation {
  planId: string;
  year: number;
  mode: 'progress' | 'final';
  results: IndicatorResult[];
  counts: Record<string, number>;
  warnings: number;
}

export type RefGrowth = (name: string) => { ratePct?: number; name?: string };

/** What judging one indicator reads; the words written on request read it too, so it is kept small. */
export interface Ctx {
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
  refGrowth?: RefGrowth;
  /** The yearly plans' targets, for targets judged by them (qualitative ones). */
  annualTargets?: AnnualTarget[];
}

export interface Judgement {
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

/** One kind of target's judge: the working context and the target read from the plan. */
export type Judge<K extends Target['kind']> = (c: Ctx, t: Extract<Target, { kind: K }>) => Judgement;
