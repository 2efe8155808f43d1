/**
 * Target notation of domain.md §2: the way Chinese plans write a target, read into a structured
 * target. Anything the parser does not recognise is an error quoting the text — a silent default
 * would turn a typo into a wrong verdict.
 */
import type { Direction } from './model.js';

/**
 * How a level is compared with its target. `reach` follows the indicator's direction; `between`
 * is a range (「6-6.5」「6%—7%」) from `value` to `high`.
 */
export type Comparator = 'reach' | 'atLeast' | 'atMost' | 'about' | 'between';

/** What a five-year total 「[x]」 adds up (domain.md §2): decided by the indicator's kind. */
export type PeriodTotal = 'flows' | 'reduction' | 'levelChange';

export type Target =
  /**
   * A level to reach by the target year: 「700」「93以上」「27以下」「75左右」「>65」「≤5.5」「不低于90」
   * 「700，力争800」「前50强」 (a rank: smaller is better). `stretch` is a stretch figure, `stretchText`
   * a stretch clause in words (「力争投入强度高于"十三五"时期实际」): shown, never judged.
   */
  | {
      kind: 'level';
      value: number;
      comparator: Comparator;
      high?: number;
      stretch?: number;
      stretchText?: string;
      rank?: boolean;
      written: string;
    }
  /** Sum of the yearly values over the period (「[2.7]」), or a compounded reduction (「[13.5]」 on 能耗降低). */
  | { kind: 'cumulative'; total: number; comparator: Comparator; compound?: boolean; inferred?: string; written: string }
  /** Total change of the level over the period: 「5(累计)」, 「比2020年提高5个百分点」, 「[1]」 on 人均预期寿命. */
  | { kind: 'cumulativeChange'; total: number; inferred?: string; written: string }
  /** Average annual growth, %: 「7以上」 on a 「…年均增长」 row, 「7%」 in a growth column, 「增长7.5%左右」. */
  | { kind: 'growth'; ratePct: number; comparator: Comparator; high?: number; stretchText?: string; written: string }
  /** Average yearly change in the unit of the level (percentage points for rates): 「0.54个百分点」. */
  | { kind: 'yearlyChange'; amount: number; comparator: Comparator; written: string }
  /** Growth compared with another indicator's growth: 「高于地区生产总值年均增长」. */
  | { kind: 'relational'; relation: 'above' | 'below' | 'sync'; ref: string; written: string }
  /** Set by the higher level: 「完成上级下达目标」. */
  | { kind: 'assigned'; written: string }
  /** In words only (「保持在合理区间、各年度视情提出」): judged against the yearly plans' targets or an official verdict. */
  | { kind: 'qualitative'; written: string };

export type TargetKind = Target['kind'];

/** Where the text stands: the target column, a 年均增长 column, or a yearly plan; and the row it belongs to. */
export interface NotationContext {
  /** Indicator name; 「年均增长」 in it makes a bare number a growth rate. */
  name?: string;
  column?: 'target' | 'growth' | 'annual';
  /** The row's unit: what a 「[x]」 adds up depends on it. */
  unit?: string;
  /** The row's base, for targets relative to it (「翻一番」「比2020年增长20%」). */
  base?: number | null;
  /** What a 「[x]」 adds up, as the plan file states it. */
  periodTotal?: PeriodTotal;
}

/** The context of a plan row's own targets. */
export function rowContext(
  row: { name: string; unit?: string; base?: number | null; periodTotal?: PeriodTotal },
  column: NotationContext['column'],
): NotationContext {
  return { name: row.name, column, unit: row.unit ?? '', base: row.base, periodTotal: row.periodTotal };
}

export class NotationError extends Error {
  constructor(
    readonly written: string,
    reason: string,
    /** For an ambiguous text: the readings it allows. */
    readonly readings: string[] = [],
  ) {
    super(
      readings.length
        ? `目标写法「${written}」有歧义：${reason}；可读作：${readings.map((r, i) => `${i + 1}. ${r}`).join('；')}`
        : `无法解析的目标写法「${written}」: ${reason}`,
    );
    this.name = 'NotationError';
  }
}

const NUM = String.raw`[-+−]?\d+(?:\.\d+)?`;

const CUMULATIVE = new RegExp(`^\\[(${NUM})\\](以上|以下|左右)?$`);
const CUMULATIVE_CHANGE = new RegExp(`^(${NUM})\\(累计\\)$`);
const YEARLY_POINTS = new RegExp(`^(?:年均)?(?:提高|增加|提升)?(${NUM})个?百分点(以上|以下|左右)?$`);
const GROWTH = new RegExp(`^(?:年均)?(增长|下降)(${NUM})%?(以上|以下|左右)?$`);
const LEVEL = new RegExp(`^(${NUM})(%)?(以上|以下|左右)?(?:,力争(?:突破|达到)?(${NUM})%?(以上)?)?$`);
/** 「>7」「≥6.5」「<5.5」「不低于90」「不超过27」「5.5以内」「达到65」 (full-width signs are folded before). */
const SIGNED = new RegExp(`^(>=|<=|>|<|≥|≤|不低于|不少于|不高于|不超过|超过|达到|达)(${NUM})%?$`);
const STRETCH_FIGURE = new RegExp(`^(?:突破|达到)?${NUM}%?(以上)?$`);
const REDUCTION_TOTAL = new RegExp(`^累计(?:降低|下降)(${NUM})%$`);
const REACH_PREFIX = /^(?:提高到|提升到|提高至|提升至|降低到|降至|下降到|达到)(?=[\d+−-])/;
const WITHIN = new RegExp(`^(?:控制在)?(${NUM})%?以内$`);
const RANGE = new RegExp(`^(?:增长)?(${NUM})%?(?:-|—|–|~|至|到)(${NUM})%?$`);
/** 「比2020年提高5个百分点」「较基期提高5个百分点」: a change over the period. */
const POINTS_SINCE = new RegExp(`^(?:比|较)(?:\\d{4}年|基期)?(提高|增加|提升|降低|下降|减少)(${NUM})个?百分点(以上)?$`);
/** 「比2020年增长20%」「翻一番」: a level relative to the base. */
const GROWTH_SINCE = new RegExp(`^(?:比|较)(?:\\d{4}年|基期)?(增长|下降)(${NUM})%(以上)?$`);
const DOUBLING = /^(?:(?:比|较)(?:\d{4}年|基期)?)?(?:实现)?翻(一|两|二)番(以上)?$/;
const RANK = /^(?:保持|稳居|跻身|进入|位居|位列|争创)?.*?前(\d+|[一二三四五六七八九十]+)(?:强|名|位)?$/;
/** Targets in words only, as plans write them. Anything else in words is refused, never guessed. */
const QUALITATIVE = /合理区间|视情提出|稳中有升|稳步(提高|提升)|持续(改善|提升|下降)|逐步(提高|改善)|只增不减|总体稳定|保持稳定/;

function num(s: string): number {
  return Number(s.replace('−', '-'));
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 「50」「三」「十五」 as a number. */
function rankNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 1) return CN_DIGITS[s]!;
  const [a, b] = [...s];
  if (a === '十') return 10 + CN_DIGITS[b!]!;
  return CN_DIGITS[a!]! * 10 + (b === '十' ? 0 : CN_DIGITS[b!]!);
}

/** Full-width forms and spacing vary between documents; fold them before matching. */
export function normalizeNotation(written: string): string {
  return written
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/，/g, ',')
    .replace(/、/g, ',')
    .replace(/％/g, '%')
    .replace(/[〔【]/g, '[')
    .replace(/[〕】]/g, ']');
}

const COMPARATOR_SUFFIX: Record<string, Comparator> = {
  以上: 'atLeast',
  以下: 'atMost',
  左右: 'about',
  '': 'reach',
};

const SIGN_COMPARATOR: Record<string, Comparator> = Object.fromEntries([
  ...['>', '>=', '≥', '不低于', '不少于', '超过'].map((k) => [k, 'atLeast']),
  ...['<', '<=', '≤', '不高于', '不超过'].map((k) => [k, 'atMost']),
  ...['达到', '达'].map((k) => [k, 'reach']),
]) as Record<string, Comparator>;

/** A row whose figure is a growth rate: 「…年均增长」, or a name ending in 增长 / 增速 (「国内生产总值（GDP）增长」). */
function isGrowthRow(ctx: NotationContext): boolean {
  return /年均增长|年均增速|(增长|增速|增长率)$/.test((ctx.name ?? '').replace(/[（(][^）)]*[）)]$/, ''));
}

const TOTAL_READINGS: Record<PeriodTotal, string> = {
  flows: '逐年数值之和（periodTotal: flows，如城镇新增就业）',
  reduction: '强度五年累计降低，由逐年降低率复合（periodTotal: reduction，如单位GDP能耗降低）',
  levelChange: '水平值五年累计变化 v_T − v_b（periodTotal: levelChange，如人均预期寿命）',
};

/**
 * What a 「[x]」 adds up: the plan file's word first; else read off the row, with a note saying so.
 * A row that tells nothing (no unit, no telling name) is ambiguous: an error listing the readings.
 */
function periodTotalOf(written: string, ctx: NotationContext): { total: PeriodTotal; inferred?: string } {
  if (ctx.periodTotal) return { total: ctx.periodTotal };
  // Without a row (a yearly plan, a caller checking notation alone) a total is the plain sum.
  if (ctx.unit === undefined || ctx.name === undefined) return { total: 'flows' };
  const name = ctx.name;
  const unit = ctx.unit.trim();
  const said = (t: PeriodTotal): { total: PeriodTotal; inferred: string } => ({
    total: t,
    inferred: `「${written}」按${TOTAL_READINGS[t]}理解（规划文件未注明 periodTotal，据指标名称和单位推断）`,
  });
  if (/新增|累计|新建|新引进|引进|培育|建设|改造|完成|投资|造林|打造|增加量/.test(name)) return { total: 'flows' };
  if (/降低|下降|减少/.test(name) && isRateUnit(unit)) return said('reduction');
  if (isRateUnit(unit) || /^(岁|年)$/.test(unit) || /寿命|年限/.test(name)) return said('levelChange');
  if (unit !== '') return { total: 'flows' };
  throw new NotationError(written, `「${name}」未注明单位，无法判断五年累计数的含义`, Object.values(TOTAL_READINGS));
}

function bracketTarget(m: RegExpMatchArray, written: string, ctx: NotationContext): Target {
  const total = num(m[1]!);
  const comparator = COMPARATOR_SUFFIX[m[2] ?? '']!;
  const read = periodTotalOf(written, ctx);
  const inferred = read.inferred;
  if (read.total === 'levelChange')
    return inferred ? { kind: 'cumulativeChange', total, inferred, written } : { kind: 'cumulativeChange', total, written };
  const t: Target = { kind: 'cumulative', total, comparator, written };
  if (read.total === 'reduction') t.compound = true;
  if (inferred) t.inferred = inferred;
  return t;
}

/** A level, or a rate where the row or the column says the figure is one. */
function levelOrRate(written: string, ctx: NotationContext, value: number, comparator: Comparator, high?: number): Target {
  if (ctx.column === 'growth' || isGrowthRow(ctx)) {
    const g: Target = { kind: 'growth', ratePct: value, comparator, written };
    if (high !== undefined) g.high = high;
    return g;
  }
  const t: Target = { kind: 'level', value, comparator, written };
  if (high !== undefined) t.high = high;
  return t;
}

function baseOf(written: string, ctx: NotationContext, form: string): number {
  if (ctx.base === undefined || ctx.base === null)
    throw new NotationError(written, `「${form}」以基期值为准，基期值缺失时无法确定目标值，请写明目标值或补充基期值`);
  return ctx.base;
}

export function parseTarget(written: string, ctx: NotationContext = {}): Target {
  const whole = normalizeNotation(written);
  if (whole === '') throw new NotationError(written, '目标为空');
  if (/^[-—–/]+$/.test(whole)) throw new NotationError(written, '「—」表示该栏无目标：不填写此栏即可');

  if (LEVEL.test(whole)) return parseMain(whole, written, ctx);
  // 「>7、力争投入强度高于"十三五"时期实际」: judged on the main part, the stretch clause shown.
  const clause = whole.match(/^(.+?),(力争|争取)(.+)$/);
  if (clause && !STRETCH_FIGURE.test(clause[3]!)) {
    const main = parseTarget(clause[1]!, ctx);
    if (main.kind !== 'level' && main.kind !== 'growth') throw new NotationError(written, '力争条款只能跟在数值目标之后');
    return { ...main, stretchText: `${clause[2]}${clause[3]}`, written };
  }
  // 「确保700」「确保700,力争800」: 确保 marks the main target.
  // 「确保700」 marks the main target; 「保持在」「控制在」 only say the line is held.
  let s = whole.replace(/^确保/, '').replace(/^(?:保持在?|稳定在|维持在|控制在)(?=[\d<>≤≥+−-])/, '');
  // 「提高到80岁」「达到30.5微克/立方米左右」「不低于317天」: the row's own unit after the figure says nothing more.
  const unit = ctx.unit;
  if (unit && unit !== '%' && s.includes(unit)) s = s.split(unit).join('');
  if (REACH_PREFIX.test(s)) s = s.replace(REACH_PREFIX, '');
  if (s.startsWith('力争') && !RANK.test(s))
    throw new NotationError(written, '只写了力争目标，未写主目标', [
      `以力争值为目标（写作「${s.slice(2)}」）`,
      '力争值只作展示、另有主目标（写作「主目标,力争…」）',
    ]);
  return parseMain(s, written, ctx);
}

function parseMain(s: string, written: string, ctx: NotationContext): Target {
  let m: RegExpMatchArray | null;

  // The commonest form first: a figure, with 以上 / 以下 / 左右 or a stretch figure. No other form matches it.
  m = s.match(LEVEL);
  if (m) {
    const value = num(m[1]!);
    const comparator = COMPARATOR_SUFFIX[m[3] ?? '']!;
    // In a 年均增长 column a bare number (no %) is a yearly increment in the indicator's unit.
    if (ctx.column === 'growth' && m[2] !== '%' && !isGrowthRow(ctx)) {
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

  if (/^完成上级下达(的)?(目标|指标|任务)$/.test(s) || /^以上级(下达|考核)为准$/.test(s)) {
    return { kind: 'assigned', written };
  }

  m = s.match(/^(?:与|和|同)?(.+?)(?:年均)?增长(?:率)?(?:基本)?同步$/);
  if (m) return { kind: 'relational', relation: 'sync', ref: m[1]!, written };
  m = s.match(/^(高于|低于|快于|慢于)(\D.*?)(?:年均)?增长(?:率)?$/);
  if (m) {
    const relation = m[1] === '高于' || m[1] === '快于' ? 'above' : 'below';
    return { kind: 'relational', relation, ref: m[2]!, written };
  }

  m = s.match(CUMULATIVE);
  if (m) return bracketTarget(m, written, ctx);

  // 「累计降低17%」: a five-year total of a reduction, compounded from the yearly ones.
  m = s.match(REDUCTION_TOTAL);
  if (m) return { kind: 'cumulative', total: num(m[1]!), comparator: 'reach', compound: true, written };

  m = s.match(CUMULATIVE_CHANGE);
  if (m) return { kind: 'cumulativeChange', total: num(m[1]!), written };

  m = s.match(POINTS_SINCE);
  if (m) return { kind: 'cumulativeChange', total: num(m[2]!), written };

  m = s.match(YEARLY_POINTS);
  if (m) return { kind: 'yearlyChange', amount: num(m[1]!), comparator: COMPARATOR_SUFFIX[m[2] ?? '']!, written };

  m = s.match(GROWTH_SINCE);
  if (m) {
    const base = baseOf(written, ctx, s);
    const rate = num(m[2]!) * (m[1] === '下降' ? -1 : 1);
    return { kind: 'level', value: base * (1 + rate / 100), comparator: rate < 0 ? 'atMost' : 'atLeast', written };
  }
  m = s.match(DOUBLING);
  if (m) {
    const base = baseOf(written, ctx, s);
    return { kind: 'level', value: base * (m[1] === '一' ? 2 : 4), comparator: 'atLeast', written };
  }

  // 「增长7.5%左右」「下降3%」「年均增长7%以上」: an explicit growth rate.
  m = s.match(GROWTH);
  if (m) {
    const rate = num(m[2]!) * (m[1] === '下降' ? -1 : 1);
    return { kind: 'growth', ratePct: rate, comparator: COMPARATOR_SUFFIX[m[3] ?? '']!, written };
  }

  m = s.match(SIGNED);
  if (m) return signedTarget(written, ctx, num(m[2]!), SIGN_COMPARATOR[m[1]!]!);
  m = s.match(WITHIN);
  if (m) return signedTarget(written, ctx, num(m[1]!), 'atMost');
  m = s.match(RANGE);
  if (m) {
    const lo = num(m[1]!);
    const hi = num(m[2]!);
    if (!(hi > lo)) throw new NotationError(written, `区间下限${lo}不小于上限${hi}`);
    return levelOrRate(written, ctx, lo, 'between', hi);
  }

  m = s.match(RANK);
  if (m) return { kind: 'level', value: rankNumber(m[1]!), comparator: 'atMost', rank: true, written };

  if (QUALITATIVE.test(s) && !/\d/.test(s)) return { kind: 'qualitative', written };

  throw new NotationError(
    written,
    '不是规划目标的写法，可写如「93以上」「27以下」「增长6.5%左右」「[500]」「提高1.5个百分点」「完成上级下达目标」',
  );
}

/**
 * 「>7」「<5.5」 and their kin. In a growth column they bound the growth rate on a growth row; on
 * any other row (城镇调查失业率 「<5.5」 in the national table's 年均/累计 column) they bound the
 * level itself, every year.
 */
function signedTarget(written: string, ctx: NotationContext, value: number, comparator: Comparator): Target {
  if (ctx.column === 'growth' && !isGrowthRow(ctx)) return { kind: 'level', value, comparator, written };
  return levelOrRate(written, ctx, value, comparator);
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
  if (target && target.kind === 'level' && target.rank) return 'down';
  if (target && (target.kind === 'level' || target.kind === 'cumulative')) {
    if (target.comparator === 'atLeast') return 'up';
    if (target.comparator === 'atMost') return 'down';
    if (target.comparator === 'about' || target.comparator === 'between') return 'band';
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
