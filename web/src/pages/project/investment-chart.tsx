/** Parts of project/index.tsx: InvestmentChart. */
import { useMemo, type ReactNode } from 'react';
import { Chart, type ChartOption } from '../../charts/Chart';
import { fmtNum } from '../../format';
import { DICT, fill, useLang } from '../../i18n';
import { money } from '../../projects';
import type { ProjectDetail } from '../../types';

export function InvestmentChart({ d, asOf }: { d: ProjectDetail; asOf: string }): ReactNode {
  const lang = useLang();
  const w = DICT[lang];
  const inv = d.investment;
  const option = useMemo<ChartOption>(() => {
    const year = inv.year;
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const approved = new Map(d.reports.filter((r) => r.status === 'approved').map((r) => [r.period, r.investment]));
    const pending = new Map(d.reports.filter((r) => r.status !== 'approved').map((r) => [r.period, r.investment]));
    let sum = 0;
    const cumulative = months.map((m) => {
      if (m > asOf) return null;
      sum += approved.get(m) ?? 0;
      return Number(sum.toFixed(4));
    });
    const planned = inv.planned;
    const series: unknown[] = [
      {
        name: w.invMonthApproved,
        type: 'bar',
        barMaxWidth: 22,
        data: months.map((m) => approved.get(m) ?? null),
        itemStyle: { color: '#4096ff' },
        label: { show: true, position: 'top', fontSize: 10, formatter: (p: { value: number }) => (p.value ? fmtNum(p.value, lang) : '') },
      },
    ];
    if ([...pending.keys()].some((m) => m.startsWith(`${year}-`)))
      series.push({
        name: w.invMonthPending,
        type: 'bar',
        barMaxWidth: 22,
        barGap: '-100%',
        z: 1,
        data: months.map((m) => (approved.has(m) ? null : (pending.get(m) ?? null))),
        itemStyle: { color: 'rgba(64,150,255,0.25)', borderColor: '#4096ff', borderType: 'dashed' },
      });
    series.push({
      name: w.invCumulative,
      type: 'line',
      data: cumulative,
      symbolSize: 6,
      lineStyle: { width: 2.5, color: '#1f4e9c' },
      itemStyle: { color: '#1f4e9c' },
      ...(planned
        ? {
            markLine: {
              symbol: 'none',
              silent: true,
              label: { formatter: `${w.invYearlyPlan} ${fmtNum(planned, lang)}`, position: 'insideEndTop', fontSize: 11 },
              lineStyle: { color: '#c62828', type: 'solid', width: 1.5 },
              data: [{ yAxis: planned }],
            },
          }
        : {}),
    });
    if (planned)
      series.push({
        name: w.invTimeShareLine,
        type: 'line',
        data: months.map((_, i) => Number(((planned * (i + 1)) / 12).toFixed(4))),
        symbol: 'none',
        lineStyle: { type: 'dashed', width: 1.5, color: '#8c8c8c' },
        itemStyle: { color: '#8c8c8c' },
      });
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : money(v, lang)) },
      legend: { bottom: 0, itemWidth: 16, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 16, top: 28, bottom: 30, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => fill(w.monthShortOf, { m: Number(m.slice(5)), mm: m.slice(5) })) },
      yAxis: {
        type: 'value',
        name: w.unitYi,
        nameTextStyle: { align: 'left' },
        // Room above the yearly plan's line for its label.
        max: planned ? (v: { max: number }) => niceCeil(Math.max(v.max, planned) * 1.12) : undefined,
      },
      series,
    };
  }, [d, inv, asOf, lang, w]);
  return (
    <Chart
      option={option}
      height={300}
      testId="investment"
      ariaLabel={`${d.project.name}：${w.invChartAria}（${inv.year}）。${inv.text}`}
    />
  );
}

/** 5.6 → 6, 0.56 → 0.6, 56 → 60: an axis top that is a round number. */
export function niceCeil(x: number): number {
  if (x <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(x));
  return Math.ceil(x / step) * step;
}
