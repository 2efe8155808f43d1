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

  useEffect(() => {
    const el = ref.current!;
    const c = init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option }, true);
  }, [option]);

  return <div ref={ref} role="img" aria-label={ariaLabel} data-chart={testId ?? ''} style={{ width: '100%', height }} />;
}
