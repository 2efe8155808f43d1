/**
 * ECharts from 'echarts/core' with only the charts and components the app draws (SVG renderer),
 * so the cockpit ships a small part of the library. Every chart is labelled for screen readers.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { init, use, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// What the cockpit draws; pages with more (scatter points, mark lines) register them with `use`.
use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);
export { use as registerCharts };

export const FONT = '-apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export type ChartOption = EChartsCoreOption;

function draw(c: ECharts, option: ChartOption): void {
  c.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option }, true);
}

export function Chart({
  option,
  height,
  ariaLabel,
  testId,
}: {
  option: ChartOption;
  height: number;
  ariaLabel: string;
  testId?: string;
}): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;

  // The chart starts in the ResizeObserver's first report, with the size it gives: measuring the
  // container in an effect forced a layout of the whole page for every chart (the cockpit has five).
  useEffect(() => {
    const el = ref.current!;
    const ro = new ResizeObserver(([entry]) => {
      const { width, height: h } = entry!.contentRect;
      if (chart.current) return chart.current.resize({ width, height: h });
      chart.current = init(el, undefined, { renderer: 'svg', width, height: h });
      draw(chart.current, latest.current);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (chart.current) draw(chart.current, option);
  }, [option]);

  return <div ref={ref} role="img" aria-label={ariaLabel} data-chart={testId ?? ''} style={{ width: '100%', height }} />;
}
