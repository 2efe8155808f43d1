/**
 * Word reports: the annual monitoring report (年度监测报告), the mid-term evaluation report
 * (中期评估报告) and the end-of-period evaluation report (期末评估报告), as .docx in the manner of
 * Chinese official documents. Sections: 一、总体情况 … 五、下一步工作建议, then the appendix tables
 * on landscape pages. Demonstration data is marked in red on the title page and on every page.
 */
import { Document, Packer, PageOrientation, Paragraph, SectionType, TextRun, type ISectionOptions } from 'docx';
import type { AssignedTarget } from '../../core/assigned.js';
import type { PlanEvaluation } from '../../core/evaluate.js';
import type { Observation, Plan } from '../../core/model.js';
import { categoryChart, countsChart } from '../report-charts.js';
import { resolveTaskEvaluation } from '../task-targets.js';
import { assignedTableNotes } from './assigned.js';
import { cnDate, planOrdinal } from './format.js';
import {
  laggingSection,
  progressSection,
  summarySection,
  suggestionsSection,
  tasksSection,
  type Block,
  type Figure,
  type SectionContext,
} from './sections.js';
import {
  FONT,
  GAP,
  FONT_ALTERNATIVES,
  MARGIN,
  MARGIN_LANDSCAPE,
  PAGE,
  SIZE,
  STYLES,
  blank,
  body,
  caption,
  centred,
  demoBanner,
  demoHeader,
  font,
  heading1,
  pageNumberFooter,
} from './style.js';
import { finalTable, monitoringTable } from './tables.js';
import { supervisionSection, type SupervisionSummary } from './supervision.js';

export { projectsSection } from './sections.js';
export { DEMO_TEXT } from './style.js';
export { finalHeaders, monitoringHeaders } from './tables.js';

export type ReportKind = 'annual' | 'midterm' | 'final';

export interface ReportInput {
  plan: Plan;
  evaluation: PlanEvaluation;
  /**
   * The task targets of the plan text, judged with the same year and mode as `evaluation` (the
   * store's StoredEvaluation.taskEvaluation); judged from `observations` when not given.
   */
  taskEvaluation?: PlanEvaluation;
  observations: Observation[];
  kind: ReportKind;
  /** Marks every page 「示例数据，非真实统计」; by default when any observation is a demonstration value. */
  demo?: boolean;
  generatedAt?: Date;
  onProgress?: (step: string, done: number, total: number) => void;
  /** The issuing body on the title page; default 「{region}发展和改革局」 (a placeholder). */
  issuer?: string;
  /** Embed the two charts (default true); they are left out, and the report says nothing of them, when they cannot be drawn. */
  charts?: boolean;
  /** The 督办 ledger's figures: the annual report adds them to section 四 when given. */
  supervision?: SupervisionSummary;
  /** The targets the higher level assigned (the store's StoredEvaluation.assigned): printed with their source and who recorded them. */
  assigned?: readonly AssignedTarget[];
}

const KIND_WORD: Record<ReportKind, string> = { annual: '年度监测', midterm: '中期评估', final: '期末评估' };

/** 「嘉兴市秀洲区国民经济和社会发展第十四个五年规划纲要实施情况年度监测报告」. */
export function reportTitle(plan: Plan, kind: ReportKind): string {
  return `${plan.meta.region}国民经济和社会发展第${planOrdinal(plan)}个五年规划纲要实施情况${KIND_WORD[kind]}报告`;
}

/** The period line under the title: 「（2024年度）」, 「（2021—2023年）」. */
export function reportPeriod(plan: Plan, kind: ReportKind, year: number): string {
  return kind === 'annual' ? `（${year}年度）` : `（${plan.meta.baseYear + 1}—${year}年）`;
}

/** The title split where a reader would break it: region and plan, then what the report is. */
function titleLines(plan: Plan, kind: ReportKind): string[] {
  const full = reportTitle(plan, kind);
  const cut = full.indexOf('国民经济和社会发展');
  const plain = full.indexOf('实施情况');
  if (cut <= 0 || plain <= cut) return [full];
  const a = full.slice(0, cut + '国民经济和社会发展'.length);
  const b = full.slice(a.length, plain + '实施情况'.length);
  const c = full.slice(a.length + b.length);
  return [a, b, c].filter((s) => s !== '');
}

function titleParagraph(lines: string[], before: number): Paragraph {
  return new Paragraph({
    alignment: 'center',
    spacing: { line: 760, lineRule: 'exact', before, after: 0 },
    children: lines.map((text, i) => new TextRun({ text, break: i > 0 ? 1 : undefined, font: font(FONT.title), size: SIZE.erhao })),
  });
}

/** Word uses a font's altName when the font itself is not installed: 仿宋_GB2312 falls back to 仿宋, and so on. */
function fontTableXml(): string {
  const cjk = (name: string, alt?: string): string =>
    `<w:font w:name="${name}">${alt ? `<w:altName w:val="${alt}"/>` : ''}<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`;
  const fonts = [
    `<w:font w:name="${FONT.latin}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`,
    cjk('宋体', 'SimSun'),
    cjk('黑体', 'SimHei'),
    cjk('仿宋', 'FangSong'),
    cjk('楷体', 'KaiTi'),
    ...Object.entries(FONT_ALTERNATIVES).map(([name, alt]) => cjk(name, alt)),
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts.join('')}</w:fonts>`
  );
}

/** The two figures, numbered in the order they appear; a chart that cannot be drawn is left out. */
async function drawCharts(input: ReportInput): Promise<{ counts?: Figure; categories?: Figure }> {
  if (input.charts === false) return {};
  const [counts, categories] = await Promise.all([
    countsChart(input.evaluation),
    categoryChart(input.evaluation, input.plan.meta.categories),
  ]);
  const what = input.kind === 'final' ? '评估结论' : '进展状态';
  let n = 0;
  const out: { counts?: Figure; categories?: Figure } = {};
  if (counts.ok) out.counts = { image: counts.image, caption: `图${++n}${GAP}主要指标${what}分布` };
  if (categories.ok) out.categories = { image: categories.image, caption: `图${++n}${GAP}分领域主要指标${what}` };
  return out;
}

/** Builds the report as .docx bytes. */
export async function buildReport(input: ReportInput): Promise<Buffer> {
  const { plan, evaluation, kind } = input;
  const final = kind === 'final';
  if (final !== (evaluation.mode === 'final'))
    throw new Error(
      final
        ? '期末评估报告需要期末评估结果（evaluatePlan 的 final: true）'
        : `${KIND_WORD[kind]}报告需要期内监测结果（evaluatePlan 不带 final）`,
    );
  const demo = input.demo ?? input.observations.some((o) => o.demo);
  const year = evaluation.year;
  const date = input.generatedAt ?? new Date();
  const ctx: SectionContext = {
    plan,
    evaluation,
    taskEvaluation: resolveTaskEvaluation(plan, evaluation, input.observations, input.taskEvaluation),
    observations: input.observations,
    final,
    demo,
    year,
    indicators: new Map(plan.indicators.map((i) => [i.id, i])),
    assigned: input.assigned ?? [],
  };

  const steps = [
    '封面',
    '图表',
    '一、总体情况',
    '二、主要指标',
    final ? '三、未完成指标' : '三、滞后指标',
    '四、主要任务与重大项目',
    '五、下一步工作建议',
    '附表',
    '生成文件',
  ];
  if (final) steps.splice(8, 0, '附表（期末）');
  let done = 0;
  const step = <T>(name: string, f: () => T): T => {
    const out = f();
    input.onProgress?.(name, ++done, steps.length);
    return out;
  };

  // Title page.
  const cover = step('封面', (): Block[] => [
    ...(demo ? [demoBanner(SIZE.sanhao)] : [blank()]),
    titleParagraph(titleLines(plan, kind), 2600),
    centred(reportPeriod(plan, kind, year), { before: 400, font: FONT.heading2 }),
    centred(input.issuer ?? `${plan.meta.region}发展和改革局`, { before: 5200 }),
    centred(cnDate(date)),
  ]);

  const charts = await drawCharts(input);
  input.onProgress?.('图表', ++done, steps.length);

  const preamble: Block[] = [
    titleParagraph(titleLines(plan, kind), 0),
    blank(),
    body(
      `为掌握${plan.meta.shortTitle}实施进展，依据规划纲要确定的主要指标及${final ? `${plan.meta.baseYear + 1}—${year}年` : `截至${year}年`}的数据，对规划实施情况开展${KIND_WORD[kind]}。现将有关情况报告如下。`,
    ),
  ];
  const summary = step('一、总体情况', () => summarySection(ctx, charts.counts));
  const progress = step('二、主要指标', () => progressSection(ctx, charts.categories));
  const lagging = step(steps[4]!, () => laggingSection(ctx));
  const tasks = step('四、主要任务与重大项目', () => [
    ...tasksSection(ctx),
    ...(input.supervision && kind === 'annual' ? supervisionSection(input.supervision, ctx.taskEvaluation.results.length ? 2 : 1) : []),
  ]);
  const suggestions = step('五、下一步工作建议', () => suggestionsSection(ctx));

  const short = plan.meta.shortTitle.replace(/纲要$/, '');
  const appendix = step('附表', (): Block[] => [
    heading1('附表'),
    caption(`附表1${GAP}${short}主要指标${final ? '评估' : '监测'}表（${year}年）`),
    ...monitoringTable(plan, evaluation),
    ...assignedTableNotes(plan, ctx.assigned, year, final),
  ]);
  const finalAppendix = final
    ? step('附表（期末）', (): Block[] => [
        new Paragraph({ pageBreakBefore: true, children: [] }),
        caption(`附表2${GAP}${short}主要指标完成情况表`),
        ...finalTable(plan, evaluation),
        ...assignedTableNotes(plan, ctx.assigned, year, final),
      ])
    : [];

  const header = demo ? { default: demoHeader() } : undefined;
  const footer = { default: pageNumberFooter() };
  const portrait = { size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT } };
  const sections: ISectionOptions[] = [
    { properties: { page: { ...portrait, margin: MARGIN } }, headers: header, children: cover },
    {
      properties: { type: SectionType.NEXT_PAGE, page: { ...portrait, margin: MARGIN, pageNumbers: { start: 1 } } },
      headers: header,
      footers: footer,
      children: [...preamble, ...summary, ...progress, ...lagging, ...tasks, ...suggestions],
    },
    {
      properties: {
        type: SectionType.NEXT_PAGE,
        page: {
          size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
          margin: MARGIN_LANDSCAPE,
        },
      },
      headers: header,
      footers: footer,
      children: [...appendix, ...finalAppendix],
    },
  ];

  const doc = new Document({
    creator: 'Planwatch',
    title: reportTitle(plan, kind),
    description: demo ? '示例数据，非真实统计' : `${KIND_WORD[kind]}报告（${year}年）`,
    styles: STYLES,
    sections,
  });
  const buf = await Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
  input.onProgress?.('生成文件', ++done, steps.length);
  return buf;
}
