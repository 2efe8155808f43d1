/**
 * Plans over time. A successor plan's base is its predecessor's final year: for each continuing
 * indicator (linked as predecessor), the predecessor's approved value for its target year is
 * proposed as the base — never where the two count on different 口径. And one indicator's values
 * across several periods (13th → 14th → 15th) as one series, with the 口径 breaks marked.
 */
import type { Indicator, Observation, Plan, Source } from './model.js';

export interface BaseProposal {
  indicatorId: string;
  name: string;
  /** The base the successor's table prints (null: left blank). */
  printedBase: number | null;
  predecessor: { planId: string; indicatorId: string; name: string };
  /** The predecessor's approved final-year value, when there is one on the same 口径. */
  proposed: { value: number; year: number; scope: string | null; source: Source | null } | null;
  note: string;
}

export interface PredecessorLink {
  indicatorId: string;
  otherIndicatorId: string;
  sameScope: boolean;
  note?: string | null;
}

export function proposeBases(
  successor: Plan,
  predecessor: Plan,
  observations: readonly Observation[],
  links: readonly PredecessorLink[],
): BaseProposal[] {
  const finalYear = predecessor.meta.targetYear;
  const out: BaseProposal[] = [];
  for (const ind of successor.indicators) {
    const link = links.find((l) => l.indicatorId === ind.id);
    if (!link) continue;
    const prev = predecessor.indicators.find((i) => i.id === link.otherIndicatorId);
    if (!prev) continue;
    const o = observations.find((x) => x.indicatorId === prev.id && x.year === finalYear && x.kind === 'level');
    const renamed = prev.name !== ind.name ? `上一期名为「${prev.name}」；` : '';
    let proposed: BaseProposal['proposed'] = null;
    let note: string;
    if (!link.sameScope) note = `${renamed}口径不同，不沿用上一期${finalYear}年数值${link.note ? `（${link.note}）` : ''}`;
    else if (!o) note = `${renamed}上一期无${finalYear}年已审核数值`;
    else {
      proposed = { value: o.value, year: o.year, scope: o.scope ?? null, source: o.source ?? null };
      note =
        ind.base === null
          ? `${renamed}本期表中基期值空缺，建议以上一期${finalYear}年实际值${o.value}为基期`
          : Math.abs(ind.base - o.value) < 1e-9
            ? `${renamed}与本期表中基期值一致`
            : `${renamed}本期表中基期值${ind.base}与上一期${finalYear}年实际值${o.value}不同，请核对`;
    }
    out.push({
      indicatorId: ind.id,
      name: ind.name,
      printedBase: ind.base,
      predecessor: { planId: predecessor.meta.id, indicatorId: prev.id, name: prev.name },
      proposed,
      note,
    });
  }
  return out;
}

export interface PeriodOfSeries {
  planId: string;
  title: string;
  baseYear: number;
  targetYear: number;
  indicatorId: string;
  name: string;
  unit: string;
  target: string;
  /** Whether this period's indicator counts on the same 口径 as the next period's. */
  sameScopeAsNext: boolean | null;
}

export interface SeriesPoint {
  year: number;
  value: number;
  planId: string;
  scope: string | null;
  /** 'value': an approved value; 'base': the base the plan's table prints. */
  origin: 'value' | 'base';
  source: Source | null;
}

export interface ScopeBreak {
  /** The break falls between the point of this year and the one before. */
  year: number;
  reason: string;
}

export interface CrossPeriodSeries {
  name: string;
  unit: string;
  periods: PeriodOfSeries[];
  points: SeriesPoint[];
  breaks: ScopeBreak[];
}

export interface PeriodInput {
  plan: Plan;
  indicator: Indicator;
  observations: readonly Observation[];
  sameScopeAsNext: boolean | null;
}

/**
 * The level values of one indicator over consecutive periods, oldest first. Where two periods
 * overlap (the 13th plan's 2020 value is the 14th plan's base) the later period's value is kept
 * only if the earlier has none. A break is marked where the 口径 of consecutive points differs or
 * where the link between two periods says the 口径 changed.
 */
export function crossPeriodSeries(periods: readonly PeriodInput[]): CrossPeriodSeries {
  const points: SeriesPoint[] = [];
  const seen = new Set<number>();
  const breaks: ScopeBreak[] = [];
  periods.forEach((p, i) => {
    const own: SeriesPoint[] = p.observations
      .filter((o) => o.indicatorId === p.indicator.id && o.kind === 'level')
      .map((o) => ({
        year: o.year,
        value: o.value,
        planId: p.plan.meta.id,
        scope: o.scope ?? null,
        origin: 'value' as const,
        source: o.source ?? null,
      }));
    if (p.indicator.base !== null && !own.some((o) => o.year === p.plan.meta.baseYear))
      own.push({
        year: p.plan.meta.baseYear,
        value: p.indicator.base,
        planId: p.plan.meta.id,
        scope: p.indicator.baseScope ?? null,
        origin: 'base',
        source: { title: `${p.plan.meta.shortTitle}主要指标表（基期值）` },
      });
    const prevSame = i > 0 ? periods[i - 1]!.sameScopeAsNext : null;
    const firstYear = Math.min(...own.map((o) => o.year));
    if (prevSame === false && own.length)
      breaks.push({ year: firstYear, reason: `「${periods[i - 1]!.indicator.name}」与「${p.indicator.name}」口径不同` });
    for (const o of own.sort((a, b) => a.year - b.year)) {
      if (seen.has(o.year)) continue;
      seen.add(o.year);
      points.push(o);
    }
  });
  points.sort((a, b) => a.year - b.year);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if ((a.scope ?? '') !== (b.scope ?? '') && !breaks.some((x) => x.year === b.year))
      breaks.push({ year: b.year, reason: `口径由「${a.scope ?? '未注明'}」变为「${b.scope ?? '未注明'}」` });
  }
  breaks.sort((a, b) => a.year - b.year);
  const last = periods[periods.length - 1];
  return {
    name: last?.indicator.name ?? '',
    unit: last?.indicator.unit ?? '',
    periods: periods.map((p) => ({
      planId: p.plan.meta.id,
      title: p.plan.meta.shortTitle,
      baseYear: p.plan.meta.baseYear,
      targetYear: p.plan.meta.targetYear,
      indicatorId: p.indicator.id,
      name: p.indicator.name,
      unit: p.indicator.unit,
      target: p.indicator.target ?? p.indicator.growthTarget ?? '',
      sameScopeAsNext: p.sameScopeAsNext,
    })),
    points,
    breaks,
  };
}
