/**
 * Town figures and the district's. A town reports its own figure; the district's figure is the
 * lead unit's, or — where the indicator adds up (an amount, a count) — the sum of every assigned
 * town's figure, labelled as such. A rate, a share, a per-head or per-thousand figure never adds
 * up, so a town's 每千人口托位数 is never read as the district's.
 */
import type { Indicator, Observation, ObservationKind } from './model.js';

const ADDITIVE_UNITS = new Set([
  '亿元',
  '万元',
  '个',
  '家',
  '人',
  '万人',
  '名',
  '件',
  '项',
  '张',
  '所',
  '座',
  '条',
  '处',
  '户',
  '辆',
  '台',
  '套',
  '吨',
  '万吨',
  '公里',
  '千米',
  '亩',
  '万亩',
  '平方米',
  '万平方米',
]);
/** Names of figures that are ratios or averages whatever their unit. */
const NOT_A_TOTAL = /每|人均|率|比重|占|平均|指数|强度|密度|浓度|年均|增长|增速|降低|下降|提高|减少/;
const SUMMABLE_KINDS = new Set<ObservationKind>(['level', 'cumulative', 'change']);

/** Whether the towns' figures of an indicator add up to the district's figure. */
export function addsUp(ind: Pick<Indicator, 'name' | 'unit'>): boolean {
  return ADDITIVE_UNITS.has(ind.unit.trim()) && !NOT_A_TOTAL.test(ind.name);
}

export interface TownValue {
  unitId: string;
  unitName: string;
  observation: Observation;
}

/**
 * The district's figures computed from the towns: for an indicator that adds up, a year and kind
 * the district has no figure of its own, and every assigned town has reported, the sum, its source
 * naming each town's figure. Fewer than all towns give no sum: a partial sum would understate.
 */
export function districtSums(
  indicators: readonly Indicator[],
  district: readonly Observation[],
  towns: readonly TownValue[],
  assignedTowns: ReadonlyMap<string, readonly string[]>,
): Observation[] {
  const own = new Set(district.map((o) => `${o.indicatorId}|${o.year}|${o.kind}`));
  const out: Observation[] = [];
  for (const ind of indicators) {
    const assigned = assignedTowns.get(ind.id);
    if (!assigned?.length || !addsUp(ind)) continue;
    const groups = new Map<string, TownValue[]>();
    for (const t of towns) {
      const o = t.observation;
      if (o.indicatorId !== ind.id || !SUMMABLE_KINDS.has(o.kind) || !assigned.includes(t.unitId)) continue;
      const k = `${o.year}|${o.kind}`;
      groups.set(k, [...(groups.get(k) ?? []), t]);
    }
    for (const [k, vs] of groups) {
      if (own.has(`${ind.id}|${k}`) || new Set(vs.map((v) => v.unitId)).size < assigned.length) continue;
      const { year, kind } = vs[0]!.observation;
      const total = vs.reduce((s, v) => s + v.observation.value, 0);
      out.push({
        indicatorId: ind.id,
        year,
        kind,
        value: Number(total.toPrecision(12)),
        source: {
          title: `各镇（街道）报送数合计（${vs.length}个镇街）`,
          quote: vs.map((v) => `${v.unitName}${String(v.observation.value)}${ind.unit}`).join('、'),
        },
        note: `全区数值由${vs.length}个镇（街道）报送数相加得出，非统计部门公布数`,
      });
    }
  }
  return out;
}
