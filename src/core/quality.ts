/**
 * Checks on a reported value (domain.md §5): unit-aware range rules, and an outlier flag from the
 * modified z-score of the indicator's own history, which asks the reporter for an explanation
 * instead of silently accepting the value.
 */
import type { Indicator, Observation, Settings } from './model.js';

export interface QualityIssue {
  code: 'range.share' | 'range.negative' | 'range.magnitude' | 'range.rate' | 'outlier' | 'kind.unit';
  severity: 'error' | 'flag';
  message: string;
  figures?: Record<string, number>;
}

const COUNT_UNITS = [
  '个',
  '人',
  '万人',
  '张',
  '件',
  '项',
  '套',
  '家',
  '名',
  '户',
  '所',
  '座',
  '条',
  '处',
  '亿元',
  '万元',
  '元',
  '亿美元',
  '万吨',
  '吨',
  '平方米',
  '公里',
  '千米',
  '万亩',
  '年',
  '岁',
];

/**
 * The largest magnitude a level may have in its unit: far above any district, province or national
 * figure (China's GDP is some 1.3 million 亿元), far below where arithmetic on it overflows.
 */
const MAGNITUDE: Record<string, number> = {
  亿元: 1e7,
  亿美元: 1e6,
  万元: 1e11,
  元: 1e15,
  万人: 1e6,
  人: 1e10,
  '%': 1e4,
};
const DEFAULT_MAGNITUDE = 1e12;
/** Growth rates and averages of growth, in %: a thousandfold growth in a year is not a figure. */
const RATE_MAGNITUDE = 1e4;
/**
 * Where a district's yearly growth and average growth usually lie, in %: beyond it a figure is far
 * more often a level typed as a rate (48 for 4.8, a share for a growth) than a real one, so it asks
 * the reporter to confirm with a reason, as an outlier does.
 */
export const USUAL_RATE = { min: -20, max: 30 } as const;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Modified z-score (Iglewicz & Hoaglin): 0.6745 (x − median) / MAD. When more than half the history
 * is identical the MAD is 0; the mean absolute deviation (× 0.7979) stands in, and a history with no
 * spread at all makes any departure infinite.
 */
export function modifiedZ(x: number, history: number[]): number | undefined {
  if (history.length < 3) return undefined;
  const med = median(history);
  const mad = median(history.map((h) => Math.abs(h - med)));
  if (mad > 0) return (0.6745 * (x - med)) / mad;
  const meanAd = history.reduce((s, h) => s + Math.abs(h - med), 0) / history.length;
  if (meanAd > 0) return (x - med) / (1.253314 * meanAd);
  return Math.abs(x - med) < 1e-9 ? 0 : Math.sign(x - med) * Infinity;
}

/** The values an indicator's unit allows for a kind of value: a share lies in 0—100, a count is never negative. */
export function valueRange(ind: Pick<Indicator, 'unit'>, kind: Observation['kind']): { min?: number; max?: number } {
  const unit = ind.unit.trim();
  if (kind === 'level' && unit === '%') return { min: 0, max: 100 };
  if ((kind === 'level' || kind === 'cumulative') && COUNT_UNITS.includes(unit)) return { min: 0 };
  return {};
}

/**
 * Checks one value against its indicator and the approved history of the same kind. For levels,
 * the outlier test looks at year-on-year changes, so that a steady trend is not an outlier.
 */
export function checkValue(
  ind: Indicator,
  value: Pick<Observation, 'year' | 'kind' | 'value'>,
  history: Observation[],
  s: Pick<Settings, 'outlierZ'>,
): QualityIssue[] {
  const issues: QualityIssue[] = [];
  const unit = ind.unit.trim();
  const limit = value.kind === 'growth_pct' || value.kind === 'avg_growth_pct' ? RATE_MAGNITUDE : (MAGNITUDE[unit] ?? DEFAULT_MAGNITUDE);
  if (!Number.isFinite(value.value) || Math.abs(value.value) > limit) {
    issues.push({
      code: 'range.magnitude',
      severity: 'error',
      message: `数值${value.value}超出合理范围：单位「${unit}」的${value.kind === 'level' ? '数值' : '该类数值'}绝对值不应超过${limit.toExponential(0).replace('e+', '×10^')}`,
    });
    return issues;
  }
  const range = valueRange(ind, value.kind);
  if (range.max !== undefined && (value.value < range.min! || value.value > range.max)) {
    issues.push({ code: 'range.share', severity: 'error', message: `比重类指标（单位%）的数值应在0—100之间，收到${value.value}` });
  } else if (range.min !== undefined && value.value < range.min) {
    issues.push({ code: 'range.negative', severity: 'error', message: `单位为「${unit}」的数值不能为负，收到${value.value}` });
  }
  if ((value.kind === 'growth_pct' || value.kind === 'avg_growth_pct') && (value.value < USUAL_RATE.min || value.value > USUAL_RATE.max)) {
    const what = value.kind === 'growth_pct' ? '增速' : '年均增速';
    issues.push({
      code: 'range.rate',
      severity: 'flag',
      message: `${value.year}年填报${what}${num(value.value)}%，超出${what}通常的范围（${USUAL_RATE.min}%—${USUAL_RATE.max}%），请核实是否误填（如把4.8填成48，或填了水平值、比重）；如数值无误，请说明原因后再提交`,
      figures: { usualMin: USUAL_RATE.min, usualMax: USUAL_RATE.max },
    });
    return issues;
  }
  const same = history.filter((h) => h.kind === value.kind && h.year !== value.year).sort((a, b) => a.year - b.year);
  if (same.length >= 3) {
    let x: number;
    let series: number[];
    const prev = [...same].reverse().find((h) => h.year < value.year);
    if (value.kind === 'level') {
      if (!prev) return issues;
      x = (value.value - prev.value) / (value.year - prev.year);
      series = same.slice(1).map((h, i) => (h.value - same[i]!.value) / (h.year - same[i]!.year));
    } else {
      x = value.value;
      series = same.map((h) => h.value);
    }
    const z = modifiedZ(x, series);
    if (z !== undefined && Math.abs(z) > s.outlierZ) {
      const values = same.map((h) => h.value);
      const usual = { min: Math.min(...values), max: Math.max(...values), median: median(values) };
      issues.push({
        code: 'outlier',
        severity: 'flag',
        message: outlierMessage(ind, value, prev, usual),
        figures: {
          z,
          threshold: s.outlierZ,
          usualMin: usual.min,
          usualMax: usual.max,
          usualMedian: usual.median,
          ...(prev ? { previousYear: prev.year, previous: prev.value } : {}),
        },
      });
    }
  }
  return issues;
}

const num = (v: number): string => String(Number(v.toPrecision(6)));

/**
 * An outlier in words a reporter can check: how far the value is from the previous year's and
 * from the indicator's usual values, not a test statistic.
 */
function outlierMessage(
  ind: Pick<Indicator, 'unit'>,
  value: Pick<Observation, 'year' | 'kind' | 'value'>,
  prev: Observation | undefined,
  usual: { min: number; max: number; median: number },
): string {
  const u = value.kind === 'growth_pct' || value.kind === 'avg_growth_pct' ? '%' : ind.unit.trim();
  const w = (v: number): string => `${num(v)}${u}`;
  const parts = [`${value.year}年填报${w(value.value)}`];
  if (prev) {
    const d = value.value - prev.value;
    const times = prev.value !== 0 && Math.sign(prev.value) === Math.sign(value.value) ? value.value / prev.value : undefined;
    const ratio =
      times === undefined
        ? ''
        : times >= 2
          ? `，是上年的${num(Number(times.toFixed(1)))}倍`
          : times <= 0.5
            ? `，仅为上年的${num(Number((times * 100).toFixed(1)))}%`
            : '';
    // The gap between two percentages is in percentage points, not a percentage of them.
    const gap = u === '%' ? `${num(Math.abs(d))}个百分点` : w(Math.abs(d));
    parts.push(`比上年（${prev.year}年${w(prev.value)}）${d >= 0 ? '高' : '低'}${gap}${ratio}`);
  }
  const range = usual.min === usual.max ? `均为${w(usual.min)}` : `在${num(usual.min)}—${w(usual.max)}之间（中位数${w(usual.median)}）`;
  parts.push(`该指标以往各年数值${range}`);
  return `${parts.join('，')}，变动远超以往，请核实；如数值无误，请说明原因后再提交`;
}
