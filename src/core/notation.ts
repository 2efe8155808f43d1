/**
 * Target notation of domain.md §2: the way Chinese plans write a target, read into a structured
 * target. Anything the parser does not recognise is an error quoting the text — a silent default
 * would turn a typo into a wrong verdict.
 */
import type { Direction } from './model.js';

/** How a level is compared with its target. `reach` follows the indicator's direction. */
export type Comparator = 'reach' | 'atLeast' | 'atMost' | 'about';

export type Target =
  /** A level to reach by the target year: 「700」「93以上」「27以下」「75左右」「700，力争800」. */
  | { kind: 'level'; value: number; comparator: Comparator; stretch?: number; written: string }
  /** Sum of the yearly values over the period: 「[2.7]」. */
  | { kind: 'cumulative'; total: number; comparator: Comparator; written: string }
  /** Total change of the level over the period: 「5(累计)」 on a 「…降低」 row. */
  | { kind: 'cumulativeChange'; total: number; written: string }
  /** Average annual growth, %: 「7以上」 on a 「…年均增长」 row, 「7%」 in a growth column, 「增长7.5%左右」. */
  | { kind: 'growth'; ratePct: number; comparator: Comparator; written: string }
  /** Average yearly change in the unit of the level (percentage points for rates): 「0.54个百分点」. */
  | { kind: 'yearlyChange'; amount: number; comparator: Comparator; written: string }
  /** Growth compared with another indicator's growth: 「高于地区生产总值年均增长」. */
  | { kind: 'relational'; relation: 'above' | 'below' | 'sync'; ref: string; written: string }
  /** Set by the higher level: 「完成上级下达目标」. */
  | { kind: 'assigned'; written: string };

export type TargetKind = Target['kind'];

/** Where the text stands: the target column, a 年均增长 column, or a yearly plan. */
export interface NotationContext {
  /** Indicator name; 「年均增长」 in it makes a bare number a growth rate. */
  name?: string;
  column?: 'target' | 'growth' | 'annual';
}

export class NotationError extends Error {
  constructor(
    readonly written: string,
    reason: string,
  ) {
    super(`无法解析的目标写法「${written}」: ${reason}`);
    this.name = 'NotationError';
  }
}

const NUM = String.raw`[-+−]?\d+(?:\.\d+)?`;

const CUMULATIVE = new RegExp(`^\\[(${NUM})\\](以上|以下|左右)?$`);
const CUMULATIVE_CHANGE = new RegExp(`^(${NUM})\\(累计\\)$`);
const YEARLY_POINTS = new RegExp(`^(?:年均)?(?:提高|增加|提升)?(${NUM})个?百分点(以上|以下|左右)?$`);
const GROWTH = new RegExp(`^(?:年均)?(增长|下降)(${NUM})%?(以上|以下|左右)?$`);
const LEVEL = new RegExp(`^(${NUM})(%)?(以上|以下|左右)?(?:,力争(?:突破|达到)?(${NUM})%?(以上)?)?$`);

function num(s: string): number {
  return Number(s.replace('−', '-'));
}

/** Full-width forms and spacing vary between documents; fold them before matching. */
export function normalizeNotation(written: string): string {
  return written.normalize('NFKC').replace(/\s+/g, '').replace(/，/g, ',').replace(/、/g, ',').replace(/％/g, '%');
}

const COMPARATOR_SUFFIX: Record<string, Comparator> = {
  以上: 'atLeast',
  以下: 'atMost',
  左右: 'about',
  '': 'reach',
};

function isGrowthRow(ctx: NotationContext): boolean {
  return /年均增长|年均增速/.test(ctx.name ?? '');
}

export function parseTarget(written: string, ctx: NotationContext = {}): Target {
  const s = normalizeNotation(written);
  if (s === '') throw new NotationError(written, '目标为空');
  let m: RegExpMatchArray | null;

  if (/^完成上级下达(的)?(目标|指标|任务)$/.test(s) || /^以上级(下达|考核)为准$/.test(s)) {
    return { kind: 'assigned', written };
  }

  m = s.match(/^(?:与)?(.+?)(?:年均)?增长(?:率)?基本同步$/);
  if (m) return { kind: 'relational', relation: 'sync', ref: m[1]!, written };
  m = s.match(/^(高于|低于|快于|慢于)(.+?)(?:年均)?增长(?:率)?$/);
  if (m) {
    const relation = m[1] === '高于' || m[1] === '快于' ? 'above' : 'below';
    return { kind: 'relational', relation, ref: m[2]!, written };
  }

  m = s.match(CUMULATIVE);
  if (m) return { kind: 'cumulative', total: num(m[1]!), comparator: COMPARATOR_SUFFIX[m[2] ?? '']!, written };

  m = s.match(CUMULATIVE_CHANGE);
  if (m) return { kind: 'cumulativeChange', total: num(m[1]!), written };

  m = s.match(YEARLY_POINTS);
  if (m) return { kind: 'yearlyChange', amount: num(m[1]!), comparator: COMPARATOR_SUFFIX[m[2] ?? '']!, written };

  // 「增长7.5%左右」「下降3%」「年均增长7%以上」: an explicit growth rate.
  m = s.match(GROWTH);
  if (m) {
    const rate = num(m[2]!) * (m[1] === '下降' ? -1 : 1);
    return { kind: 'growth', ratePct: rate, comparator: COMPARATOR_SUFFIX[m[3] ?? '']!, written };
  }

  m = s.match(LEVEL);
  if (m) {
    const value = num(m[1]!);
    const comparator = COMPARATOR_SUFFIX[m[3] ?? '']!;
    // In a 年均增长 column a bare number (no %) is a yearly increment in the indicator's unit.
    if (ctx.column === 'growth' && m[2] !== '%') {
      if (m[4] !== undefined) throw new NotationError(written, '年均增量目标不支持「力争」写法');
      return { kind: 'yearlyChange', amount: value, comparator, written };
    }
    if (ctx.column === 'growth' || isGrowthRow(ctx)) {
      if (m[4] !== undefined) throw new NotationError(written, '增速目标不支持「力争」写法');
      return { kind: 'growth', ratePct: value, comparator, written };
    }
    const target: Target = { kind: 'level', value, comparator, written };
    if (m[4] !== undefined) target.stretch = num(m[4]);
    return target;
  }

  throw new NotationError(
    written,
    '不是规划目标的写法，可写如「93以上」「27以下」「增长6.5%左右」「[500]」「提高1.5个百分点」「完成上级下达目标」',
  );
}

/** Where the plan states no unit of its own, a rate in 「%」 moves in percentage points. */
export function isRateUnit(unit: string): boolean {
  return unit.trim() === '%' || unit.includes('百分点');
}

const LOWER_IS_BETTER = [
  '降低',
  '下降',
  '减少',
  '失业率',
  '死亡率',
  '近视率',
  'PM2.5',
  '细颗粒物',
  '能耗',
  '能源消耗',
  '收入比',
  '耗地量',
  '用水量',
  '排放',
  '发生率',
  '贫困',
];

/**
 * Direction of the underlying level: the plan file first, then the notation (以上/以下/左右),
 * then the indicator's name, else higher is better.
 */
export function inferDirection(name: string, target: Target | undefined, explicit?: Direction): Direction {
  if (explicit) return explicit;
  if (target && (target.kind === 'level' || target.kind === 'cumulative')) {
    if (target.comparator === 'atLeast') return 'up';
    if (target.comparator === 'atMost') return 'down';
    if (target.comparator === 'about') return 'band';
  }
  if (LOWER_IS_BETTER.some((w) => name.includes(w))) return 'down';
  return 'up';
}

/** The figure a target names, for display and for the 「in the right direction」 checks. */
export function targetFigure(t: Target): number | undefined {
  switch (t.kind) {
    case 'level':
      return t.value;
    case 'cumulative':
    case 'cumulativeChange':
      return t.total;
    case 'growth':
      return t.ratePct;
    case 'yearlyChange':
      return t.amount;
    default:
      return undefined;
  }
}
