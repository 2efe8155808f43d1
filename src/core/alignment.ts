/**
 * Two questions a plan's hierarchy asks of an indicator: may counties' values be added up into a
 * figure for the parent's region (GDP, grain output: yes; rates, shares, per-capita figures: never),
 * and is a child's target weaker than its parent's (衔接)? Targets are compared only where their
 * figures mean the same thing: two growth rates, two rates or shares, two totals of a reduction.
 * An amount of the child's region is never compared with an amount of the parent's.
 */
import type { Indicator } from './model.js';
import { inferDirection, NotationError, parseTarget, type Target } from './notation.js';

const EXTENSIVE_UNITS = new Set([
  '亿元',
  '万元',
  '万人',
  '人次',
  '万人次',
  '万吨',
  '吨',
  '万千瓦',
  '公顷',
  '亩',
  '万亩',
  '万平方米',
  '万吨标煤',
  '万辆',
  '家',
  '个',
  '公里',
  '千米',
]);
const INTENSIVE_NAME = /率|比重|比例|占|人均|每|年均|增长|降低|下降|指数|强度|密度|平均|寿命|年限/;

/** Whether the children's values of this indicator add up to a figure for the parent's region. */
export function isAdditive(ind: Pick<Indicator, 'name' | 'unit' | 'additive'>): boolean {
  if (ind.additive !== undefined) return ind.additive;
  return EXTENSIVE_UNITS.has(ind.unit) && !INTENSIVE_NAME.test(ind.name);
}

export interface Alignment {
  /** aligned: at least as demanding; weaker: less demanding than the parent's; notCompared: not comparable. */
  state: 'aligned' | 'weaker' | 'notCompared';
  note: string;
}

// A roll-up compares the same few targets across many children: each notation is read once.
const readTargets = new Map<string, Target | undefined>();

function read(written: string | undefined, ind: Indicator): Target | undefined {
  if (written === undefined) return undefined;
  const key = `${ind.name}\u0000${written}`;
  if (readTargets.has(key)) return readTargets.get(key);
  let t: Target | undefined;
  try {
    t = parseTarget(written, { name: ind.name, column: 'target' });
  } catch (e) {
    if (!(e instanceof NotationError)) throw e;
  }
  if (readTargets.size > 10_000) readTargets.clear();
  readTargets.set(key, t);
  return t;
}

const EPS = 1e-9;

/**
 * Compares the child's target (as judged: an assignment in place of 「完成上级下达目标」) with the
 * parent's. `who` names the child and parent in the note.
 */
export function alignTargets(
  child: { indicator: Indicator; written: string | undefined; name: string },
  parent: { indicator: Indicator; name: string },
): Alignment {
  const c = read(child.written, child.indicator);
  const p = read(parent.indicator.target ?? parent.indicator.growthTarget, parent.indicator);
  const no = (why: string): Alignment => ({ state: 'notCompared', note: why });
  if (!c || !p) return no('目标无法比较（未下达或非数量目标）');
  if (c.kind !== p.kind) return no(`目标写法不同（${child.written}、${p.written}），未比较`);
  if (child.indicator.unit !== parent.indicator.unit) return no('计量单位不同，未比较');
  let childFig: number;
  let parentFig: number;
  let higherIsStronger: boolean;
  switch (c.kind) {
    case 'growth':
    case 'yearlyChange': {
      childFig = c.kind === 'growth' ? c.ratePct : c.amount;
      parentFig = p.kind === 'growth' ? p.ratePct : (p as Extract<Target, { kind: 'yearlyChange' }>).amount;
      higherIsStronger = inferDirection(parent.indicator.name, p, parent.indicator.direction) !== 'down';
      break;
    }
    case 'level': {
      if (isAdditive(parent.indicator)) return no('总量指标：下级与上级的目标不可直接比较');
      const dir = inferDirection(parent.indicator.name, p, parent.indicator.direction);
      if (dir === 'band') return no('区间目标，未比较');
      childFig = c.value;
      parentFig = (p as Extract<Target, { kind: 'level' }>).value;
      higherIsStronger = dir !== 'down';
      break;
    }
    case 'cumulative':
    case 'cumulativeChange': {
      if (isAdditive(parent.indicator)) return no('总量指标：下级与上级的累计目标不可直接比较');
      // A five-year total of a reduction or of a change: the larger total asks more.
      childFig = c.total;
      parentFig = (p as { total: number }).total;
      higherIsStronger = true;
      break;
    }
    default:
      return no('该类目标不作比较');
  }
  const weaker = higherIsStronger ? childFig < parentFig - EPS : childFig > parentFig + EPS;
  return weaker
    ? { state: 'weaker', note: `${child.name}目标「${child.written}」弱于${parent.name}目标「${p.written}」` }
    : { state: 'aligned', note: `${child.name}目标「${child.written}」不低于${parent.name}目标「${p.written}」` };
}
