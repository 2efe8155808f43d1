/**
 * The floor of any chart page, for `npm run bench -- web`: one ECharts bar chart from inline data,
 * drawn with the same build (echarts/core, SVG renderer) as the app's charts and nothing else.
 */
import { init, use } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, SVGRenderer]);

const chart = init(document.getElementById('chart')!, undefined, { renderer: 'svg' });
chart.setOption({
  animation: false,
  xAxis: { type: 'category', data: ['提前实现', '快于预期', '符合预期', '基本符合预期', '滞后于预期', '严重滞后'] },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: [5, 3, 12, 6, 4, 2] }],
});
