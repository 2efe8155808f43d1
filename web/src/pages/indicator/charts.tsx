/** Parts of indicator/index.tsx: HistoryChart, CumulativeChart. */
import { useMemo, type ReactNode } from 'react';
import { Chart, type ChartOption } from '../../charts/Chart';
import { fmtNum, withUnit } from '../../format';
import { DICT, useLang, useT } from '../../i18n';
import type { IndicatorDetail, Observation, Series } from '../../types';

export const MARKS = '\u0000marks';

export function HistoryChart({ d, s }: { d: IndicatorDetail; s: Series }): ReactNode {
  const t = useT();
  const lang = useLang();
  const r = d.result;
  const f = r.figures;
  const option = useMemo<ChartOption>(() => {
    const years: number[] = [];
    for (let y = f.baseYear; y <= f.targetYear; y++) years.push(y);
    const idx = (y: number): number => years.indexOf(y);
    const at = (pairs: [number, number][]): (number | null)[] => {
      const out: (number | null)[] = years.map(() => null);
      for (const [y, v] of pairs) if (idx(y) >= 0) out[idx(y)] = Number(v.toFixed(6));
      return out;
    };
    const annual = d.annualTargets.map((a) => ({ year: a.year, ...parseAnnual(a.target), text: a.target }));
    const growthTargets = annual.filter((a) => a.growth !== undefined);
    const levelTargets = annual.filter((a) => a.level !== undefined);
    const growthYears = s.growth.filter((g) => g.year > f.baseYear);
    const hasGrowthAxis = growthYears.length > 0 || growthTargets.length > 0 || f.targetGrowthPct !== undefined;
    const base = f.base ?? s.base;
    const target = f.target ?? s.target ?? undefined;
    const hasLevels = s.levels.length > 0 || target !== undefined;
    const growthAxis = hasLevels ? 1 : 0;
    const u = r.unit;
    const series: unknown[] = [];
    if (hasLevels) {
      series.push({
        name: t('actual'),
        type: 'line',
        data: years.map((y) => {
          const p = s.levels.find((l) => l.year === y);
          if (!p) return null;
          const chained = p.method === 'chained' || p.method === 'fromAverage';
          return {
            value: Number(p.value.toFixed(6)),
            symbol: chained ? 'emptyCircle' : 'circle',
            itemStyle: chained ? { color: '#fa8c16' } : undefined,
          };
        }),
        connectNulls: true,
        symbolSize: 8,
        z: 5,
        lineStyle: { width: 2.5, color: '#1f4e9c' },
        itemStyle: { color: '#1f4e9c' },
      });
      if (base !== null && base !== undefined)
        series.push({
          name: t('basePoint'),
          type: 'scatter',
          data: at([[f.baseYear, base]]),
          symbol: 'rect',
          symbolSize: 10,
          itemStyle: { color: '#595959' },
        });
      if (target !== undefined) {
        series.push({
          name: t('targetPoint'),
          type: 'scatter',
          data: at([[f.targetYear, target]]),
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: '#c62828' },
          label: { show: true, position: 'left', formatter: `${t('target')} ${withUnit(target, u, lang)}`, fontSize: 11 },
        });
        if (base !== null && base !== undefined) {
          const b = base;
          const tg = target;
          series.push({
            name: t('schedulePath'),
            type: 'line',
            data: years.map((y) => Number((b + ((tg - b) * (y - f.baseYear)) / (f.targetYear - f.baseYear)).toFixed(6))),
            symbol: 'none',
            lineStyle: { type: 'dashed', width: 1.5, color: '#8c8c8c' },
            itemStyle: { color: '#8c8c8c' },
          });
        }
      }
      if (f.forecast && f.latest && f.latest.year < f.targetYear) {
        series.push({
          name: t('forecastLine'),
          type: 'line',
          data: at([
            [f.latest.year, f.latest.value],
            [f.targetYear, f.forecast.value],
          ]),
          connectNulls: true,
          symbol: 'triangle',
          symbolSize: 9,
          lineStyle: { type: 'dotted', width: 2, color: '#722ed1' },
          itemStyle: { color: '#722ed1' },
        });
      }
      if (levelTargets.length)
        series.push({
          name: t('yearlyTarget'),
          type: 'scatter',
          data: at(levelTargets.map((a) => [a.year, a.level!])),
          symbol: 'pin',
          symbolSize: 18,
          itemStyle: { color: '#d48806' },
        });
      if (s.incomparable.length)
        series.push({
          name: DICT[lang].otherScope,
          type: 'scatter',
          data: at(s.incomparable.filter((o) => o.kind === 'level').map((o) => [o.year, o.value])),
          symbolSize: 8,
          itemStyle: { color: '#bfbfbf' },
        });
    }
    if (hasGrowthAxis) {
      if (growthYears.length)
        series.push({
          name: t('yearlyGrowth'),
          type: 'bar',
          yAxisIndex: growthAxis,
          barMaxWidth: 18,
          data: at(growthYears.map((g) => [g.year, g.value])),
          itemStyle: { color: 'rgba(64,150,255,0.45)' },
          label: { show: true, position: 'top', fontSize: 10, formatter: (p: { value: number }) => `${fmtNum(p.value, lang)}%` },
        });
      if (growthTargets.length)
        series.push({
          name: `${t('yearlyTarget')}（%）`,
          type: 'scatter',
          yAxisIndex: growthAxis,
          data: at(growthTargets.map((a) => [a.year, a.growth!])),
          symbol: 'pin',
          symbolSize: 18,
          itemStyle: { color: '#d48806' },
        });
      const marks: unknown[] = [];
      if (f.requiredGrowthPct !== undefined && !hasLevels)
        marks.push({ yAxis: Number(f.requiredGrowthPct.toFixed(2)), name: t('requiredGrowth') });
      if (f.targetGrowthPct !== undefined)
        marks.push({ yAxis: f.targetGrowthPct, name: t('growthTarget'), lineStyle: { color: '#c62828' } });
      if (f.requiredGrowthPct !== undefined && hasLevels)
        marks.push({ yAxis: Number(f.requiredGrowthPct.toFixed(2)), name: t('requiredGrowth'), lineStyle: { color: '#722ed1' } });
      if (marks.length)
        series.push({
          // Holds the labelled mark lines only: not a legend entry.
          name: MARKS,
          type: 'line',
          yAxisIndex: growthAxis,
          data: [],
          markLine: {
            symbol: 'none',
            label: { formatter: '{b} {c}%', position: 'insideEndTop', fontSize: 10 },
            lineStyle: { type: 'dashed' },
            data: marks,
          },
        });
    }
    const yAxis: unknown[] = [];
    if (hasLevels) yAxis.push({ type: 'value', scale: true, name: u, nameTextStyle: { align: 'left' } });
    if (hasGrowthAxis) yAxis.push({ type: 'value', name: DICT[lang].growthAxis, splitLine: { show: !hasLevels } });
    return {
      tooltip: { trigger: 'axis' },
      legend: {
        bottom: 0,
        type: 'scroll',
        itemGap: 8,
        itemWidth: 18,
        itemHeight: 10,
        textStyle: { fontSize: 11 },
        data: (series as { name: string }[]).map((x) => x.name).filter((n) => n !== MARKS),
      },
      grid: { left: 8, right: 8, top: 30, bottom: 34, containLabel: true },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: yAxis.length ? yAxis : [{ type: 'value' }],
      series,
    };
  }, [d, s, f, r, t, lang]);
  return <Chart option={option} height={340} ariaLabel={`${r.name}：${t('historyAria')}`} testId="history" />;
}

/**
 * A target over the period (「[1847]」): each year's addition as a bar, the running total as a line,
 * against the target and the schedule path from nothing in the base year to the target at the end.
 */
export function CumulativeChart({ d }: { d: IndicatorDetail }): ReactNode {
  const t = useT();
  const lang = useLang();
  const r = d.result;
  const f = r.figures;
  const option = useMemo<ChartOption>(() => {
    const years: number[] = [];
    for (let y = f.baseYear; y <= f.targetYear; y++) years.push(y);
    const added = new Map<number, number>();
    const reported = new Map<number, number>();
    for (const o of r.observations as Observation[]) {
      if (o.year <= f.baseYear || o.year > r.year) continue;
      if (o.kind === 'level') added.set(o.year, o.value);
      else if (o.kind === 'cumulative') reported.set(o.year, o.value);
    }
    let total = 0;
    const running = years.map((y) => {
      if (y === f.baseYear) return 0;
      if (reported.has(y)) total = reported.get(y)!;
      else if (added.has(y)) total += added.get(y)!;
      else return null;
      return Number(total.toFixed(6));
    });
    const target = f.target;
    const u = r.unit;
    const series: unknown[] = [
      {
        name: t('addedThatYear'),
        type: 'bar',
        barMaxWidth: 22,
        data: years.map((y) => (added.has(y) ? Number(added.get(y)!.toFixed(6)) : null)),
        itemStyle: { color: 'rgba(64,150,255,0.45)' },
      },
      {
        name: t('cumulative'),
        type: 'line',
        data: running,
        connectNulls: true,
        symbolSize: 8,
        z: 5,
        lineStyle: { width: 2.5, color: '#1f4e9c' },
        itemStyle: { color: '#1f4e9c' },
      },
    ];
    if (target !== undefined) {
      series.push(
        {
          name: t('schedulePath'),
          type: 'line',
          data: years.map((y) => Number(((target * (y - f.baseYear)) / (f.targetYear - f.baseYear)).toFixed(6))),
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 1.5, color: '#8c8c8c' },
          itemStyle: { color: '#8c8c8c' },
        },
        {
          name: t('targetPoint'),
          type: 'scatter',
          data: years.map((y) => (y === f.targetYear ? target : null)),
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: '#c62828' },
          label: { show: true, position: 'left', formatter: `${t('target')} ${withUnit(target, u, lang)}`, fontSize: 11 },
        },
      );
    }
    if (f.forecast && f.dataYear !== undefined && f.cumulativeSum !== undefined && f.dataYear < f.targetYear)
      series.push({
        name: t('forecastLine'),
        type: 'line',
        data: years.map((y) => (y === f.dataYear ? f.cumulativeSum! : y === f.targetYear ? Number(f.forecast!.value.toFixed(6)) : null)),
        connectNulls: true,
        symbol: 'triangle',
        symbolSize: 9,
        lineStyle: { type: 'dotted', width: 2, color: '#722ed1' },
        itemStyle: { color: '#722ed1' },
      });
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, type: 'scroll', itemGap: 8, itemWidth: 18, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 8, top: 30, bottom: 34, containLabel: true },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: [{ type: 'value', name: u, nameTextStyle: { align: 'left' } }],
      series,
    };
  }, [r, f, t, lang]);
  return <Chart option={option} height={340} ariaLabel={`${r.name}：${t('historyAria')}`} testId="history" />;
}

/** 「增长7.5%左右」 → 7.5 (a growth target); 「93以上」 → a level. */
function parseAnnual(target: string): { growth?: number; level?: number } {
  const g = /(增长|增速|提高)\s*(-?\d+(?:\.\d+)?)\s*%/.exec(target);
  if (g) return { growth: Number(g[2]) };
  const l = /^\s*(-?\d+(?:\.\d+)?)/.exec(target);
  if (l) return { level: Number(l[1]) };
  return {};
}
