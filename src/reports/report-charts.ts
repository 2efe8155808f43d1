/**
 * Charts for the Word reports, drawn on the server without a browser: ECharts renders SVG in
 * server-side mode and resvg turns it into a PNG. Both are loaded lazily; when either cannot be
 * loaded, or a chart fails to render, the report is built without that chart and says why.
 */
import { existsSync } from 'node:fs';
import type { IndicatorResult, PlanEvaluation } from '../core/evaluate.js';
import { STATUS, VERDICT, type StatusCode, type VerdictCode } from '../core/labels.js';

export interface ChartImage {
  png: Buffer;
  /** Displayed size in pixels at 96 dpi (the PNG itself is drawn at `scale` times this). */
  width: number;
  height: number;
}

export type ChartOutcome = { ok: true; image: ChartImage } | { ok: false; reason: string };

const FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif";

/** One colour per word, the same in every chart: greens for progress, amber and red for lags, greys for gaps. */
export const STATUS_COLOURS: Record<StatusCode, string> = {
  achieved: '#1b7837',
  ahead: '#5aae61',
  onTrack: '#4575b4',
  slightlyBehind: '#fdae61',
  lagging: '#f46d43',
  seriouslyLagging: '#c00000',
  assigned: '#8c8c8c',
  notEvaluable: '#bfbfbf',
  dataMissing: '#d9d9d9',
};
export const VERDICT_COLOURS: Record<VerdictCode, string> = {
  completed: '#1b7837',
  totalCompleted: '#5aae61',
  basicallyCompleted: '#fdae61',
  expectedCompleted: '#4575b4',
  expectedNotCompleted: '#d6604d',
  notCompleted: '#c00000',
  assigned: '#8c8c8c',
  notEvaluable: '#bfbfbf',
  dataMissing: '#d9d9d9',
};

type ECharts = typeof import('echarts');
type ResvgModule = typeof import('@resvg/resvg-js');

let libs: Promise<{ echarts: ECharts; resvg: ResvgModule } | { error: string }> | undefined;

function loadLibs(): Promise<{ echarts: ECharts; resvg: ResvgModule } | { error: string }> {
  libs ??= Promise.all([import('echarts'), import('@resvg/resvg-js')]).then(
    ([echarts, resvg]) => ({ echarts, resvg }),
    (e: unknown) => ({ error: `图表组件不可用（${(e as Error).message}）` }),
  );
  return libs;
}

const SCALE = 2;

/**
 * A CJK font file where a usual one is installed: loading one file is quicker than scanning every
 * system font, which is what resvg does otherwise (and still does when none of these exists).
 */
const CJK_FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf',
  'C:\\Windows\\Fonts\\msyh.ttc',
  '/System/Library/Fonts/PingFang.ttc',
];
let fonts: { loadSystemFonts: boolean; fontFiles?: string[]; defaultFontFamily: string } | undefined;
function fontOptions(): { loadSystemFonts: boolean; fontFiles?: string[]; defaultFontFamily: string } {
  if (!fonts) {
    const file = CJK_FONT_FILES.find((f) => existsSync(f));
    fonts = file
      ? { loadSystemFonts: false, fontFiles: [file], defaultFontFamily: 'Noto Sans CJK SC' }
      : { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' };
  }
  return fonts;
}

async function render(option: Record<string, unknown>, width: number, height: number): Promise<ChartOutcome> {
  const l = await loadLibs();
  if ('error' in l) return { ok: false, reason: l.error };
  try {
    const chart = l.echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
    let svg: string;
    try {
      chart.setOption({ animation: false, textStyle: { fontFamily: FONT_FAMILY, fontSize: 12, color: '#000' }, ...option });
      svg = chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
    // Off the main thread (libuv's pool), so that the two charts of a report are drawn side by side.
    const image = await l.resvg.renderAsync(svg, { fitTo: { mode: 'zoom', value: SCALE }, background: '#ffffff', font: fontOptions() });
    return { ok: true, image: { png: Buffer.from(image.asPng()), width, height } };
  } catch (e) {
    return { ok: false, reason: `图表绘制失败（${(e as Error).message}）` };
  }
}

interface Word {
  code: string;
  label: string;
  colour: string;
}

function wordsOf(evaluation: PlanEvaluation): Word[] {
  const final = evaluation.mode === 'final';
  const codes: string[] = final ? Object.keys(VERDICT) : Object.keys(STATUS);
  const present = codes.filter((c) => (evaluation.counts[c] ?? 0) > 0);
  return present.map((code) => ({
    code,
    label: final ? VERDICT[code as VerdictCode].zh : STATUS[code as StatusCode].zh,
    colour: final ? VERDICT_COLOURS[code as VerdictCode] : STATUS_COLOURS[code as StatusCode],
  }));
}

/** Long words on two lines under their bar: 「基本符合\n预期」. */
const wrap = (label: string): string =>
  label.length > 4 ? `${label.slice(0, Math.ceil(label.length / 2))}\n${label.slice(Math.ceil(label.length / 2))}` : label;

const codeOf = (r: IndicatorResult): string => (r.mode === 'final' ? r.verdict : r.status) ?? 'dataMissing';

/** Bars of the number of indicators under each status (or verdict) word, as in the summary. */
export function countsChart(evaluation: PlanEvaluation): Promise<ChartOutcome> {
  const words = wordsOf(evaluation);
  return render(
    {
      grid: { left: 40, right: 20, top: 30, bottom: 48 },
      xAxis: { type: 'category', data: words.map((w) => wrap(w.label)), axisLabel: { interval: 0, fontSize: 12, lineHeight: 15 } },
      yAxis: { type: 'value', minInterval: 1, name: '指标数（项）', nameTextStyle: { fontSize: 11, align: 'left' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 46,
          data: words.map((w) => ({ value: evaluation.counts[w.code] ?? 0, itemStyle: { color: w.colour } })),
          label: { show: true, position: 'top', fontSize: 12 },
        },
      ],
    },
    600,
    260,
  );
}

/** Stacked bars: for each category of the plan, its indicators by status (or verdict) word. */
export function categoryChart(evaluation: PlanEvaluation, categories: string[]): Promise<ChartOutcome> {
  const words = wordsOf(evaluation);
  const cats = categories.filter((c) => evaluation.results.some((r) => r.category === c));
  const count = (cat: string, code: string): number => evaluation.results.filter((r) => r.category === cat && codeOf(r) === code).length;
  return render(
    {
      grid: { left: 40, right: 20, top: 60, bottom: 40 },
      legend: { top: 0, left: 'center', itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 11 }, data: words.map((w) => w.label) },
      xAxis: { type: 'category', data: cats, axisLabel: { interval: 0, fontSize: 12 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: words.map((w) => ({
        name: w.label,
        type: 'bar',
        stack: 'all',
        barMaxWidth: 40,
        itemStyle: { color: w.colour },
        label: { show: true, fontSize: 10, formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : '') },
        data: cats.map((c) => count(c, w.code)),
      })),
    },
    600,
    300,
  );
}
