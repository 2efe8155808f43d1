/**
 * One indicator judged: its notation read once, the series of its values built, the judge of its
 * kind of target called, and the result put together (official verdict, notes, warning, the
 * yearly plan's result).
 */
import type { Direction, Indicator, Observation, Plan } from '../model.js';
import { inferDirection, parseTarget, rowContext, type Target } from '../notation.js';
import { basePointOf, buildSeries, type LevelPoint, type SeriesView } from '../series.js';
import { STATUS, VERDICT, verdictFromWord, type StatusCode, type VerdictCode } from '../labels.js';
import { compoundRate } from '../rates.js';
import type { Ctx, EvaluateOptions, IndicatorResult, IndicatorResultData, Judgement, RefGrowth } from './types.js';
import { judgeLevel } from './level.js';
import { judgeCumulative, judgeCumulativeChange } from './cumulative.js';
import { judgeGrowth, judgeYearlyChange } from './growth.js';
import { judgeRelational } from './relational.js';
import { judgeAssigned } from './assigned.js';
import { judgeQualitative } from './qualitative.js';
import { judgeAnnual } from './annual.js';
import { NOTE_WORDS } from './words.js';

/** A result as data (API, files): the words written out. */
export function withWords(r: IndicatorResult): IndicatorResultData {
  const { explain, ...data } = r;
  return { ...data, explanation: explain.call(r) };
}

/** Why a result must lead every view: binding (约束性) and behind. */
export function isWarning(attribute: string | undefined, status?: StatusCode, verdict?: VerdictCode): boolean {
  if (attribute !== '约束性') return false;
  return status === 'lagging' || status === 'seriouslyLagging' || verdict === 'notCompleted';
}

export interface ReadTargets {
  target?: Target;
  growthTarget?: Target;
  direction: Direction;
}

// Plans are immutable once loaded, so each indicator's notation is parsed once per process.
const parsedTargets = new WeakMap<Indicator, ReadTargets>();

export function readTargets(ind: Indicator): ReadTargets {
  let r = parsedTargets.get(ind);
  if (!r) {
    const target = ind.target !== undefined ? parseTarget(ind.target, rowContext(ind, 'target')) : undefined;
    const growthTarget = ind.growthTarget !== undefined ? parseTarget(ind.growthTarget, rowContext(ind, 'growth')) : undefined;
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
export interface Prepared extends ReadTargets {
  /** The base as a level point, shared by every evaluation of the plan (never changed). */
  basePoint?: LevelPoint;
  /** The average growth base → level target the plan asks for (a fraction). */
  requiredCagr?: number;
}

export function prepare(plan: Plan, ind: Indicator): Prepared {
  const { target, growthTarget, direction } = readTargets(ind);
  const b = plan.meta.baseYear;
  const base = ind.base;
  const requiredCagr =
    target?.kind === 'level' && base !== null && base > 0 && target.value > 0
      ? compoundRate(target.value / base, plan.meta.targetYear - b)
      : undefined;
  return { target, growthTarget, direction, basePoint: basePointOf(ind, b), requiredCagr };
}

/**
 * One Ctx per evaluation of a plan, refilled for each indicator by `judgeIndicator`: nothing a
 * result keeps refers to it (the words read the result, or close over their own values), and one
 * object per plan instead of one per indicator is a tenth of a national evaluation's garbage.
 */
export function planCtx(plan: Plan, opts: EvaluateOptions, refGrowth?: RefGrowth): Ctx {
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
    annualTargets: opts.annualTargets,
  };
}

/** The judge of the target's kind. */
function judge(c: Ctx, main: Target): Judgement {
  switch (main.kind) {
    case 'level':
      return judgeLevel(c, main);
    case 'cumulative':
      return judgeCumulative(c, main);
    case 'cumulativeChange':
      return judgeCumulativeChange(c, main);
    case 'growth':
      return judgeGrowth(c, main);
    case 'yearlyChange':
      return judgeYearlyChange(c, main);
    case 'relational':
      return judgeRelational(c, main);
    case 'assigned':
      return judgeAssigned(c);
    case 'qualitative':
      return judgeQualitative(c);
  }
}

export function judgeIndicator(
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
  // A base of another year (the table's 「*」 note) is provisional: the base year's own value replaces it.
  const provisional = ind.base !== null && ind.baseDataYear !== undefined && ind.baseDataYear !== b ? ind.base : undefined;
  const reportedBase = ind.base === null || provisional !== undefined ? reportedBaseValue(ind, observations, b, own) : undefined;
  if (reportedBase) ind = { ...ind, base: reportedBase.value };
  // The view of the indicator judged before is filled again: nothing a result keeps refers to it.
  const series = buildSeries(ind, observations, b, year, own, reportedBase ? undefined : read.basePoint, c.series);
  c.ind = ind;
  c.direction = direction;
  c.growthTarget = growthTarget;
  c.series = series;
  // A base reported in place of the plan's changes what the target asks for.
  c.requiredCagr = reportedBase ? undefined : read.requiredCagr;

  const main = target ?? growthTarget;
  if (!main) throw new Error(NOTE_WORDS.noTarget(ind.id));
  const j = judge(c, main);

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
  if (reportedBase)
    notes = [
      provisional !== undefined
        ? NOTE_WORDS.baseReplaced(provisional, ind.baseDataYear!, b, reportedBase.value, ind.unit)
        : NOTE_WORDS.reportedBase(b, reportedBase.value, ind.unit),
      ...notes,
    ];
  else if (provisional !== undefined) notes = [NOTE_WORDS.baseProvisional(provisional, ind.baseDataYear!, b, ind.unit), ...notes];
  const inferred = main.kind === 'cumulative' || main.kind === 'cumulativeChange' ? main.inferred : undefined;
  if (inferred) notes = [...notes, inferred];
  if (j.notes) notes = [...notes, ...j.notes];
  if (officialVerdict && final && officialVerdict.verdict !== verdict) {
    notes = [...notes, NOTE_WORDS.official(computedLabel, officialVerdict.label, officialVerdict.reason)];
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

export function evaluateIndicator(
  plan: Plan,
  ind: Indicator,
  observations: Observation[],
  opts: EvaluateOptions,
  refGrowth?: RefGrowth,
): IndicatorResult {
  return judgeIndicator(planCtx(plan, opts, refGrowth), ind, prepare(plan, ind), observations, false, opts);
}
