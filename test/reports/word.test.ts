/**
 * The Word reports read back: the .docx is unzipped, and the text of word/document.xml (paragraphs
 * and table cells) and the page headers checked against the evaluation that produced it. Then the
 * reports as a reader sees them: converted to PDF by LibreOffice and drawn page by page as PNG
 * (scripts/render-report.sh), kept under artifacts/report-pages/ for a look; skipped where
 * LibreOffice or poppler is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoValues } from '../../src/core/demo.js';
import { evaluatePlan, type PlanEvaluation } from '../../src/core/evaluate.js';
import { STATUS, VERDICT } from '../../src/core/labels.js';
import type { Observation, Plan } from '../../src/core/model.js';
import { evaluateTaskTargets } from '../../src/core/targets.js';
import { loadPlan } from '../../src/plans/load.js';
import { fmt } from '../../src/reports/word/format.js';
import {
  DEMO_TEXT,
  buildReport,
  finalHeaders,
  monitoringHeaders,
  projectsSection,
  reportTitle,
  type ReportInput,
} from '../../src/reports/word/index.js';

// ───────────────────────────── reading a .docx ─────────────────────────────

interface DocxText {
  /** Paragraphs of the body outside tables, in order. */
  paragraphs: string[];
  /** Tables in order: rows of cells; a cell's paragraphs are joined with 「\n」. */
  tables: string[][][];
  /** The XML of the page headers and footers. */
  headers: string[];
  footers: string[];
  documentXml: string;
  stylesXml: string;
  fontTableXml: string;
  /** All text of the body, tables included, a paragraph a line. */
  text: string;
}

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const runsText = (xml: string): string => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');
const paragraphsOf = (xml: string): string[] => [...xml.matchAll(/<w:p(?: [^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => runsText(m[1]!));

async function readDocx(buf: Buffer): Promise<DocxText> {
  const zip = await JSZip.loadAsync(buf);
  const documentXml = await zip.file('word/document.xml')!.async('string');
  const stylesXml = await zip.file('word/styles.xml')!.async('string');
  const fontTableXml = await zip.file('word/fontTable.xml')!.async('string');
  const headerNames = Object.keys(zip.files).filter((n) => /^word\/header\d*\.xml$/.test(n));
  const headers = await Promise.all(headerNames.map((n) => zip.file(n)!.async('string')));
  const footerNames = Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n));
  const footers = await Promise.all(footerNames.map((n) => zip.file(n)!.async('string')));
  const body = documentXml.slice(documentXml.indexOf('<w:body>'), documentXml.lastIndexOf('</w:body>'));
  const tables = [...body.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr(?: [^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => paragraphsOf(c[1]!).join('\n')),
    ),
  );
  const outside = body.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  return {
    paragraphs: paragraphsOf(outside),
    tables,
    headers,
    footers,
    documentXml,
    stylesXml,
    fontTableXml,
    text: paragraphsOf(body).join('\n'),
  };
}

/** The table whose first row is exactly these header cells (line breaks inside a header cell ignored). */
function tableWithHeader(doc: DocxText, header: string[]): string[][] | undefined {
  return doc.tables.find((t) => JSON.stringify(t[0]?.map((c) => c.replace(/\n/g, ''))) === JSON.stringify(header));
}

/** 「提前实现5项，快于预期5项，…」 back into counts keyed by code. */
function parseCounts(sentence: string, words: Record<string, { zh: string }>): Record<string, number> {
  const byWord = new Map(Object.entries(words).map(([code, w]) => [w.zh, code]));
  const out: Record<string, number> = {};
  for (const m of sentence.matchAll(/([\u4e00-\u9fa5]+?)(\d+)项/g)) {
    const word = m[1]!.replace(/^(中|，)/, '');
    const code = byWord.get(word);
    if (code) out[code] = Number(m[2]);
  }
  return out;
}

const raw = (v: number): string => String(Number(v.toFixed(4)));
const GENERATED = new Date(2025, 2, 15);
const pct1 = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** The paragraphs of 四（一）主要任务目标, outside its table. */
function taskSection(doc: DocxText): string[] {
  return doc.paragraphs.slice(doc.paragraphs.indexOf('（一）主要任务目标'), doc.paragraphs.indexOf('（二）重大项目'));
}

/** 「…已报送进展的58项中，提前实现9项，…；其余3项暂无进展数据…」 back into counts, the rest as dataMissing. */
function taskCounts(overview: string, words: Record<string, { zh: string }>): Record<string, number> {
  const m = overview.match(/已报送(?:进展|数据)的(\d+)项中，([^；。]+)(?:；其余(\d+)项暂无进展数据)?/)!;
  const counts = parseCounts(m[2]!, words);
  expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(Number(m[1]));
  if (m[3]) counts.dataMissing = Number(m[3]);
  return counts;
}

const TASK_HEADER = ['序号', '任务目标', '目标', '最新进展', '完成进度', '进展状态'];
const taskRows = (doc: DocxText, header = TASK_HEADER): string[][] =>
  tableWithHeader(doc, header)!
    .filter((row) => row.length === header.length)
    .slice(1);

// ───────────────────────────── fixtures ─────────────────────────────

const plan14 = loadPlan('xiuzhou-14th');
const plan13 = loadPlan('xiuzhou-13th');
const demo = demoValues(plan14, { seed: 1 }).observations;
const annualEval = evaluatePlan(plan14, demo, { year: 2024, annualTargets: plan14.annualTargets });

function input(plan: Plan, evaluation: PlanEvaluation, observations: Observation[], kind: ReportInput['kind']): ReportInput {
  return { plan, evaluation, observations, kind, generatedAt: GENERATED, charts: false };
}

describe('annual monitoring report (demo values)', () => {
  let doc: DocxText;
  const progress: [string, number, number][] = [];
  beforeAll(async () => {
    const buf = await buildReport({
      ...input(plan14, annualEval, demo, 'annual'),
      charts: true,
      onProgress: (step, done, total) => progress.push([step, done, total]),
    });
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    doc = await readDocx(buf);
  });

  it('has the title page: title, year, issuing body, date, in that order', () => {
    const title = reportTitle(plan14, 'annual');
    expect(title).toBe('嘉兴市秀洲区国民经济和社会发展第十四个五年规划纲要实施情况年度监测报告');
    const p = doc.paragraphs;
    const at = (s: string): number => p.findIndex((x) => x === s);
    expect(at(title)).toBeGreaterThanOrEqual(0);
    expect(at('（2024年度）')).toBeGreaterThan(at(title));
    expect(at('嘉兴市秀洲区发展和改革局')).toBeGreaterThan(at('（2024年度）'));
    expect(at('2025年3月15日')).toBeGreaterThan(at('嘉兴市秀洲区发展和改革局'));
  });

  it('puts the sections in order', () => {
    const heads = ['一、总体情况', '二、主要指标进展情况', '三、滞后指标分析', '四、主要任务与重大项目', '五、下一步工作建议', '附表'];
    const idx = heads.map((h) => doc.paragraphs.indexOf(h));
    expect(idx.every((i) => i > 0)).toBe(true);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  });

  it('states the summary counts exactly as the evaluation counts them', () => {
    const sentence = doc.paragraphs.find((p) => p.startsWith('截至2024年，规划纲要确定的'))!;
    // 37 main indicators, one of them printed with two sub-rows: both counts, each named for what it counts.
    expect(new Set(plan14.indicators.map((i) => i.no)).size).toBe(37);
    expect(sentence).toContain(`规划纲要确定的37项（${plan14.indicators.length}个测算项）主要指标中，`);
    expect(parseCounts(sentence, STATUS)).toEqual(annualEval.counts);
    // A sentence per status word, naming its indicators.
    for (const [code, n] of Object.entries(annualEval.counts)) {
      const line = doc.paragraphs.find((p) => p.startsWith(`${STATUS[code as keyof typeof STATUS].zh}${n}项：`));
      expect(line, code).toBeDefined();
      for (const r of annualEval.results.filter((x) => x.status === code)) expect(line).toContain(r.name);
    }
  });

  it('leads with the binding indicators that lag, and by how much', () => {
    const warnings = annualEval.results.filter((r) => r.warning);
    expect(warnings.length).toBeGreaterThan(0);
    const first = doc.paragraphs[doc.paragraphs.indexOf('一、总体情况') + 1]!;
    expect(first.startsWith('约束性指标预警：')).toBe(true);
    for (const r of warnings) {
      expect(first).toContain(r.name);
      const p = r.figures.completion!;
      const tau = r.figures.timeShare!;
      expect(first).toContain(
        `完成进度${(p * 100).toFixed(1)}%，比时序进度${(tau * 100).toFixed(1)}%低${((tau - p) * 100).toFixed(1)}个百分点`,
      );
    }
  });

  it('reports every indicator with its value, its status and its source', () => {
    for (const r of annualEval.results) {
      const para = doc.paragraphs.find((p) => /^\d+．/.test(p) && p.includes(`．${r.name}。`) && p.includes('数据来源'));
      expect(para, r.name).toBeDefined();
      expect(para).toContain(`评价为「${r.statusLabel}」`);
      const l = r.figures.latest;
      if (r.targetKind === 'level' && l) expect(para).toContain(`${l.year}年为${fmt(l.value)}${r.unit}`);
      if (r.observations.length) expect(para).toContain('示例数据（planwatch demo-values 生成）');
      if (r.status !== 'achieved' && r.targetKind === 'level' && r.figures.requiredGrowthPct !== undefined && r.unit !== '%')
        expect(para).toMatch(/2025年需(增长|下降)/);
    }
  });

  it('analyses each lagging indicator with the gap to the time share', () => {
    const start = doc.paragraphs.indexOf('三、滞后指标分析');
    const end = doc.paragraphs.indexOf('四、主要任务与重大项目');
    const section = doc.paragraphs.slice(start, end).join('\n');
    const lagging = annualEval.results.filter((r) => r.status === 'lagging' || r.status === 'seriouslyLagging');
    expect(lagging.length).toBeGreaterThan(0);
    for (const r of lagging) {
      expect(section, r.name).toContain(`．${r.name}（${r.statusLabel}`);
      if (r.targetKind === 'level')
        expect(section).toContain(`${r.figures.dataYear}年完成进度${(r.figures.completion! * 100).toFixed(1)}%`);
    }
    // Warnings first.
    const order = lagging.map((r) => section.indexOf(`．${r.name}（`));
    const firstExpected = Math.min(...lagging.filter((r) => !r.warning).map((r) => section.indexOf(`．${r.name}（`)));
    for (const r of lagging.filter((x) => x.warning)) expect(section.indexOf(`．${r.name}（`)).toBeLessThan(firstExpected);
    expect(order.every((i) => i > 0)).toBe(true);
  });

  it('counts the task targets apart, by the same status words, and analyses the lagging ones with their gaps', () => {
    const tasks = evaluateTaskTargets(plan14, demo, { year: 2024, annualTargets: plan14.annualTargets });
    const section = taskSection(doc);
    expect(section[1]).toContain(`规划纲要正文提出可量化的任务目标${plan14.taskTargets.length}项`);
    expect(taskCounts(section[1]!, STATUS)).toEqual(tasks.counts);
    const lagging = tasks.results.filter((r) => r.status === 'lagging' || r.status === 'seriouslyLagging');
    expect(lagging.length).toBeGreaterThan(0);
    for (const r of lagging) {
      const para = section.find((p) => p.includes(`．${r.name}（${r.statusLabel}）。`));
      expect(para, r.name).toBeDefined();
      expect(para).toContain(`${r.figures.dataYear}年完成进度${pct1(r.figures.completion!)}，比时序进度80.0%低`);
    }
    const slight = tasks.results.filter((r) => r.status === 'slightlyBehind');
    const slightPara = section.find((p) => p.includes('项任务目标基本符合预期，略低于时序进度'))!;
    for (const r of slight) expect(slightPara).toContain(`${r.name}（完成进度${pct1(r.figures.completion!)}`);
    expect(doc.text).toContain('由项目管理模块另行报告');
  });

  it('lists the task targets by section with their latest progress, completion and status', () => {
    const tasks = evaluateTaskTargets(plan14, demo, { year: 2024, annualTargets: plan14.annualTargets });
    const t = tableWithHeader(doc, TASK_HEADER)!;
    expect(t).toBeDefined();
    // A row per section across the table, then its task targets in the plan's order.
    expect(t.filter((row) => row.length === 1).map((row) => row[0])).toContain('7.4 增强现代化基础设施功能保障');
    const rows = taskRows(doc);
    expect(rows).toHaveLength(plan14.taskTargets.length);
    const byName = new Map(rows.map((row) => [row[1]!, row]));
    for (const r of tasks.results) {
      const row = byName.get(r.name)!;
      expect(row, r.name).toBeDefined();
      expect(row[4]).toBe(r.figures.completion === undefined ? '—' : pct1(r.figures.completion));
      expect(row[5]).toBe(r.statusLabel);
      if (r.targetKind === 'cumulative') expect(row[3]).toBe(`截至${r.figures.dataYear}年\n累计${fmt(r.figures.cumulativeSum!)}${r.unit}`);
    }
    expect(byName.get('天鹅湖未来科学城引进世界500强或行业领军企业长三角总部')![2]).toBe('期内累计\n10家');
  });

  it('suggests a next step for each warning indicator', () => {
    const start = doc.paragraphs.indexOf('五、下一步工作建议');
    const section = doc.paragraphs.slice(start).join('\n');
    for (const r of annualEval.results.filter((x) => x.warning)) expect(section).toContain(`．${r.name}。该约束性指标`);
  });

  it('has the appendix table in the layout of table 2-1, one row per indicator', () => {
    const header = monitoringHeaders(plan14, 2024);
    expect(header).toEqual(['类别', '序号', '指标', '单位', '2020年', '2024年', '2025年目标', '属性', '时序进度', '完成进度', '状态']);
    const t = tableWithHeader(doc, header)!;
    expect(t).toBeDefined();
    const rows = t.slice(1);
    expect(rows).toHaveLength(plan14.indicators.length);
    rows.forEach((row, i) => {
      const r = annualEval.results[i]!;
      expect(row).toHaveLength(header.length);
      expect(row[1] === '' || row[1] === String(r.no)).toBe(true); // merged sub-rows leave the number blank
      expect(row[2]).toContain(r.name);
      expect(row[10]).toBe(r.statusLabel);
      const l = r.figures.latest;
      if (l && l.year === 2024 && l.method === 'observed' && r.targetKind === 'level') expect(row[5]).toBe(raw(l.value));
      if (r.figures.completion !== undefined) expect(row[9]).toBe(`${(r.figures.completion * 100).toFixed(1)}%`);
      if (r.figures.timeShare !== undefined) expect(row[8]).toBe('80.0%');
    });
    // The category is printed once per category (merged cell).
    expect(rows.filter((row) => row[0] !== '').map((row) => row[0])).toEqual(plan14.meta.categories);
  });

  it('marks the report as demonstration data on the title page and in every header', () => {
    expect(doc.paragraphs[0]).toBe(DEMO_TEXT);
    expect(doc.documentXml).toMatch(new RegExp(`<w:color w:val="C00000"/>[\\s\\S]{0,400}${DEMO_TEXT}`));
    expect(doc.headers.length).toBeGreaterThan(0);
    for (const h of doc.headers) expect(h).toContain(DEMO_TEXT);
    // Every section uses a header that carries the banner.
    const sections = doc.documentXml.match(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)!;
    expect(sections.length).toBe(3);
    for (const s of sections) expect(s).toMatch(/<w:headerReference w:type="default"/);
  });

  it('embeds the two charts', () => {
    expect(doc.documentXml.match(/<pic:pic /g)?.length).toBe(2);
    expect(doc.paragraphs).toContain('图1　主要指标进展状态分布');
    expect(doc.paragraphs).toContain('图2　分领域主要指标进展状态');
  });

  it('reports its progress section by section', () => {
    expect(progress.length).toBeGreaterThanOrEqual(8);
    progress.forEach(([, done, total], i) => {
      expect(done).toBe(i + 1);
      expect(total).toBe(progress.length);
    });
    expect(progress.map((p) => p[0])).toEqual(expect.arrayContaining(['一、总体情况', '二、主要指标', '三、滞后指标', '附表']));
  });

  it('lays out A4 pages with the official margins, 仿宋 body text and 「— n —」 page numbers', () => {
    const x = doc.documentXml;
    expect(x).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(x).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    expect(x).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // Body text in 仿宋_GB2312 三号 on a fixed 28-pt line, first line indented by two characters.
    expect(doc.stylesXml).toMatch(/<w:docDefaults>[\s\S]*w:eastAsia="仿宋_GB2312"[\s\S]*<w:sz w:val="32"\/>[\s\S]*<\/w:docDefaults>/);
    expect(doc.stylesXml).toMatch(/<w:docDefaults>[\s\S]*<w:spacing [^>]*w:line="560" w:lineRule="exact"/);
    expect(x).toContain('<w:ind w:firstLine="640" w:firstLineChars="200"/>');
    expect(x).toContain('w:eastAsia="黑体"');
    expect(x).toContain('w:eastAsia="楷体_GB2312"');
    expect(x).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>/);
    // Fallbacks where the official fonts are not installed.
    expect(doc.fontTableXml).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(doc.fontTableXml).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    // Tables: 宋体 小五, the header row repeated on every page.
    expect(x).toMatch(/w:eastAsia="宋体"[^>]*\/><w:sz w:val="18"\/>/);
    expect(x).toContain('<w:tblHeader/>');
    // Page numbers 「— n —」 in the footer.
    expect(x).toMatch(/<w:footerReference w:type="default"/);
    expect(doc.footers.length).toBeGreaterThan(0);
    for (const f of doc.footers) {
      expect(f).toMatch(/<w:jc w:val="center"\/>/);
      expect(f).toMatch(/— <\/w:t>[\s\S]*PAGE[\s\S]*> —<\/w:t>/);
    }
    // Table widths never exceed the text width.
    for (const m of x.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)) {
      const sum = [...m[1]!.matchAll(/w:w="(\d+)"/g)].reduce((a, g) => a + Number(g[1]), 0);
      expect([11906 - 1587 - 1474, 16838 - 2098 - 1984]).toContain(sum);
    }
  });
});

describe('annual report on published values', () => {
  const evaluation = evaluatePlan(plan14, plan14.observations, { year: 2022, annualTargets: plan14.annualTargets });
  let doc: DocxText;
  beforeAll(async () => {
    doc = await readDocx(await buildReport(input(plan14, evaluation, plan14.observations, 'annual')));
  });

  it('carries no demonstration banner', () => {
    expect(doc.text).not.toContain(DEMO_TEXT);
    expect(doc.headers.join('')).not.toContain(DEMO_TEXT);
  });

  it("states the year's result against the yearly plan", () => {
    const gdp = evaluation.results.find((r) => r.name === '地区生产总值')!;
    expect(gdp.annual).toBeDefined();
    expect(doc.text).toContain(`对照2022年年度计划（${gdp.annual!.target}），${gdp.annual!.explanation}`);
  });

  it('states the scope (口径) and sources of published values', () => {
    const gdp = doc.paragraphs.find((p) => p.includes('．地区生产总值。'))!;
    expect(gdp).toContain('口径说明');
    expect(gdp).toContain('小口径');
    expect(gdp).toContain('数据来源：');
  });

  it('has no charts when asked for none', () => {
    expect(doc.documentXml).not.toContain('<pic:pic ');
  });

  it('counts every status the evaluation counts, data gaps included', () => {
    const sentence = doc.paragraphs.find((p) => p.startsWith('截至2022年，规划纲要确定的'))!;
    expect(parseCounts(sentence, STATUS)).toEqual(evaluation.counts);
  });

  it('says plainly that no task target has reported progress, and invents none', () => {
    const section = taskSection(doc);
    expect(section[1]).toBe(
      `规划纲要正文提出可量化的任务目标${plan14.taskTargets.length}项，分布在11节。截至2022年，各项任务目标均未报送进展数据，本报告不评价其完成情况，仅按章节列出目标，供各牵头部门对照推进。`,
    );
    // Neither counts by status nor any analysis of gaps: the table follows the overview directly.
    expect(section.join('\n')).not.toMatch(/已报送|滞后|符合预期|完成进度\d/);
    const rows = taskRows(doc);
    expect(rows).toHaveLength(plan14.taskTargets.length);
    for (const row of rows) expect(row.slice(3)).toEqual(['暂无数据', '—', '数据缺失']);
  });
});

describe('task targets with a few reported values', () => {
  // Charging piles (7.4, 「拟新建新能源汽车充电桩1847个」) reported for 2021–2023, beside the published indicator values.
  const chargers: Observation[] = [
    { indicatorId: 'tt-ev-chargers', year: 2021, kind: 'level', value: 300 },
    { indicatorId: 'tt-ev-chargers', year: 2022, kind: 'level', value: 320 },
    { indicatorId: 'tt-ev-chargers', year: 2023, kind: 'level', value: 330 },
  ];
  const observations = [...plan14.observations.filter((o) => o.year <= 2023), ...chargers];
  const options = { year: 2023, annualTargets: plan14.annualTargets };
  const evaluation = evaluatePlan(plan14, observations, options);
  const taskEvaluation = evaluateTaskTargets(plan14, observations, options);
  const piles = taskEvaluation.results.find((r) => r.indicatorId === 'tt-ev-chargers')!;
  let doc: DocxText;
  beforeAll(async () => {
    doc = await readDocx(await buildReport({ ...input(plan14, evaluation, observations, 'annual'), taskEvaluation }));
  });

  it('is judged from the figures: 950 of 1847 piles (51.4%) against a time share of 60%', () => {
    expect(piles.figures.cumulativeSum).toBe(950);
    expect(piles.figures.completion).toBeCloseTo(950 / 1847);
    expect(piles.status).toBe('slightlyBehind');
  });

  it('states the counts of the task evaluation, the reported one and the rest without data', () => {
    const overview = taskSection(doc)[1]!;
    expect(overview).toBe(
      `规划纲要正文提出可量化的任务目标${plan14.taskTargets.length}项，分布在11节。截至2023年，已报送进展的1项中，基本符合预期1项；其余${plan14.taskTargets.length - 1}项暂无进展数据，不作评价。`,
    );
    expect(taskCounts(overview, STATUS)).toEqual(taskEvaluation.counts);
  });

  it('names the target slightly behind with its completion against the time share', () => {
    const text = taskSection(doc).join('\n');
    expect(text).toContain('已报送进展的任务目标中，无滞后于预期或严重滞后的。');
    expect(text).toContain(
      '1项任务目标基本符合预期，略低于时序进度：新建新能源汽车充电桩（完成进度51.4%，比时序进度60.0%低8.6个百分点）。',
    );
  });

  it('shows the latest progress in its row and 「暂无数据」 in every other, with no figure made up', () => {
    const rows = taskRows(doc);
    expect(rows).toHaveLength(plan14.taskTargets.length);
    expect(rows.find((row) => row[1] === '新建新能源汽车充电桩')).toEqual([
      String(plan14.taskTargets.findIndex((t) => t.id === 'tt-ev-chargers') + 1),
      '新建新能源汽车充电桩',
      '期内累计\n1847个',
      '截至2023年\n累计950个',
      '51.4%',
      '基本符合预期',
    ]);
    for (const row of rows.filter((r) => r[1] !== '新建新能源汽车充电桩')) expect(row.slice(3)).toEqual(['暂无数据', '—', '数据缺失']);
    expect(doc.paragraphs.find((p) => p.startsWith('注：「期内累计」'))).toContain('2023年时序进度为60.0%');
  });

  it('judges the task targets itself, with the same year and mode, when not given them', async () => {
    const own = await readDocx(await buildReport(input(plan14, evaluation, observations, 'annual')));
    expect(taskSection(own)).toEqual(taskSection(doc));
    expect(taskRows(own)).toEqual(taskRows(doc));
  });

  it('refuses a task evaluation of another year', async () => {
    const other = evaluateTaskTargets(plan14, observations, { ...options, year: 2022 });
    await expect(buildReport({ ...input(plan14, evaluation, observations, 'annual'), taskEvaluation: other })).rejects.toThrow(
      /年份或方式不一致/,
    );
  });

  it('gives verdicts at the end of the period, as for the indicators', async () => {
    const finalOptions = { year: 2025, final: true, annualTargets: plan14.annualTargets };
    const finalEval = evaluatePlan(plan14, observations, finalOptions);
    const finalTasks = evaluateTaskTargets(plan14, observations, finalOptions);
    const final = await readDocx(await buildReport({ ...input(plan14, finalEval, observations, 'final'), taskEvaluation: finalTasks }));
    const section = taskSection(final);
    // 2021—2023 values only: a forecast, never 未完成 (issue 12, domain.md §4).
    expect(section[1]).toContain('规划期末（2025年），已报送数据的1项中，预计未完成1项；');
    expect(taskCounts(section[1]!, VERDICT)).toEqual(finalTasks.counts);
    // A forecast is not a shortfall: nothing is listed as 未完成.
    expect(section.join('\n')).toContain('已报送数据的任务目标中，无未完成、基本完成或仅总量完成的。');
    const header = ['序号', '任务目标', '目标', '最新进展', '完成进度', '评估结论'];
    expect(
      taskRows(final, header)
        .find((row) => row[1] === '新建新能源汽车充电桩')!
        .slice(3),
    ).toEqual(['截至2023年\n累计950个', '51.4%', '预计未完成']);
  });
});

describe('final report on the published figures alone', () => {
  it('counts every binding indicator under the word it is judged by, so none without data reads as fine', async () => {
    const finalEval = evaluatePlan(plan14, plan14.observations, { year: 2025, final: true, annualTargets: plan14.annualTargets });
    const doc = await readDocx(await buildReport(input(plan14, finalEval, plan14.observations, 'final')));
    const binding = finalEval.results.filter((r) => r.attribute === '约束性');
    const line = doc.paragraphs[doc.paragraphs.indexOf('一、总体情况') + 1]!;
    expect(line).not.toMatch(/均未出现/);
    const counted = parseCounts(line, VERDICT);
    const expected: Record<string, number> = {};
    for (const r of binding) expected[r.verdict ?? 'dataMissing'] = (expected[r.verdict ?? 'dataMissing'] ?? 0) + 1;
    expect(counted).toEqual(expected);
    expect(Object.values(counted).reduce((a, b) => a + b, 0)).toBe(binding.length);
    expect(doc.text).toContain('37项（38个测算项）主要指标');
  });
});

describe('mid-term evaluation report', () => {
  it('names the report and its period', async () => {
    const obs = demoValues(plan14, { seed: 2, until: 2023 }).observations;
    const evaluation = evaluatePlan(plan14, obs, { year: 2023 });
    const doc = await readDocx(await buildReport(input(plan14, evaluation, obs, 'midterm')));
    expect(doc.paragraphs).toContain('嘉兴市秀洲区国民经济和社会发展第十四个五年规划纲要实施情况中期评估报告');
    expect(doc.paragraphs).toContain('（2021—2023年）');
    expect(tableWithHeader(doc, monitoringHeaders(plan14, 2023))).toHaveLength(plan14.indicators.length + 1);
    expect(doc.text).toContain('60.0%');
  });

  it('refuses an evaluation of the wrong mode', async () => {
    const finalEval = evaluatePlan(plan13, plan13.observations, { year: 2020, final: true });
    await expect(buildReport(input(plan13, finalEval, plan13.observations, 'annual'))).rejects.toThrow(/期内监测结果/);
    await expect(buildReport(input(plan14, annualEval, demo, 'final'))).rejects.toThrow(/期末评估结果/);
  });
});

describe('end-of-period report on the 13th plan (table 1-1)', () => {
  const evaluation = evaluatePlan(plan13, plan13.observations, { year: 2020, final: true });
  let doc: DocxText;
  let table: string[][];
  const row = (name: string): string[] => table.find((r) => r[2] === name || r[2]!.endsWith(`：${name}`))!;
  beforeAll(async () => {
    doc = await readDocx(await buildReport(input(plan13, evaluation, plan13.observations, 'final')));
    table = tableWithHeader(doc, finalHeaders(plan13))!;
  });

  it('is titled for the 13th plan', () => {
    expect(doc.paragraphs).toContain('嘉兴市秀洲区国民经济和社会发展第十三个五年规划纲要实施情况期末评估报告');
    expect(doc.paragraphs).toContain('（2016—2020年）');
  });

  it('has the end-of-period table with the columns of table 1-1 and a row per indicator', () => {
    expect(finalHeaders(plan13)).toEqual([
      '类别',
      '序号',
      '指标名称',
      '2015年',
      '规划目标',
      '年均增长（目标）',
      '2020年实际',
      '年均增长（实际）',
      '完成情况',
    ]);
    expect(table).toBeDefined();
    expect(table.slice(1)).toHaveLength(plan13.indicators.length);
    // The monitoring table (2-1 layout) is there as well.
    expect(tableWithHeader(doc, monitoringHeaders(plan13, 2020))).toHaveLength(plan13.indicators.length + 1);
  });

  it("reproduces table 1-1's verdicts", () => {
    for (const ind of plan13.indicators) {
      if (!ind.officialVerdict) continue;
      const cell = row(ind.name)[8]!;
      expect(cell.split('\n')[0]!.replace('（正式）', ''), ind.name).toBe(ind.officialVerdict.verdict);
    }
    expect(row('地区生产总值').slice(3)).toEqual(['296.4', '400', '7%', '503.2', '6.2%', '总量完成']);
    expect(row('城镇居民人均可支配收入').slice(3)).toEqual(['40823', '58600', '7.5%', '57915', '7.3%', '基本完成']);
  });

  it('shows the official 完成 beside the computed 未完成 for fixed-asset investment, with the reason', () => {
    const cell = row('固定资产投资')[8]!;
    expect(cell).toContain('完成（正式）');
    expect(cell).toContain('未完成（计算）');
    const n = cell.match(/见注(\d+)/)![1];
    const note = doc.paragraphs.find((p) => p.startsWith(`注${n}：固定资产投资`))!;
    expect(note).toContain('计算结论为「未完成」，正式结论为「完成」');
    expect(note).toContain('2018年投资统计制度改变');
  });

  it('counts the computed verdicts exactly and states the official ones beside them', () => {
    const sentence = doc.paragraphs.find((p) => p.startsWith('规划期末（2020年），规划纲要确定的'))!;
    expect(parseCounts(sentence, VERDICT)).toEqual(evaluation.counts);
    expect(doc.text).toContain('固定资产投资计算为「未完成」、正式为「完成」');
  });

  it('analyses the indicators that fell short', () => {
    const start = doc.paragraphs.indexOf('三、未完成指标分析');
    const section = doc.paragraphs.slice(start, doc.paragraphs.indexOf('四、主要任务与重大项目')).join('\n');
    expect(section).toContain('．地区生产总值（总量完成）');
    expect(section).toContain('．城镇居民人均可支配收入（基本完成）');
    expect(section).toContain('．固定资产投资（未完成）');
    expect(section).toContain('正式评估结论为「完成」');
    expect(doc.text).toContain('本规划未录入量化任务目标');
  });
});

describe('projectsSection', () => {
  it('renders a placeholder sentence, with the number of projects when known', () => {
    expect(projectsSection()).toHaveLength(1);
    expect(projectsSection([{}, {}])).toHaveLength(1);
  });
});

// ───────────────────────────── rendered by LibreOffice ─────────────────────────────

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const script = join(root, 'scripts/render-report.sh');
const pagesDir = join(root, 'artifacts/report-pages');
const have = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const canRender = have('soffice') && have('pdftoppm') && have('pdfinfo');

const work = mkdtempSync(join(tmpdir(), 'planwatch-word-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Builds the report, renders it and returns the PDF's page count, its PNG pages and its fonts. */
async function render(name: string, report: ReportInput): Promise<{ pages: number; pngs: string[]; fonts: string; text: string }> {
  const docx = join(work, `${name}.docx`);
  writeFileSync(docx, await buildReport(report));
  const out = execFileSync('bash', [script, docx, pagesDir, name, '60'], { encoding: 'utf8', timeout: 110_000 });
  const pages = Number(out.match(/^pages: (\d+)$/m)?.[1]);
  const pngs = readdirSync(pagesDir).filter((f) => new RegExp(`^${name}-\\d+\\.png$`).test(f));
  const pdf = join(pagesDir, `${name}.pdf`);
  const fonts = have('pdffonts') ? execFileSync('pdffonts', [pdf], { encoding: 'utf8' }) : '';
  const text = have('pdftotext') ? execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }) : '';
  return { pages, pngs, fonts, text };
}

// Skipped only outside CI: .ci/run installs LibreOffice, so there a missing renderer fails.
describe.skipIf(!canRender && !process.env.CI)('Word reports rendered by LibreOffice', () => {
  it('renders the annual monitoring report (demo values) to pages', { timeout: 120_000 }, async () => {
    const plan = loadPlan('xiuzhou-14th');
    const observations = demoValues(plan, { seed: 1 }).observations;
    const evaluation = evaluatePlan(plan, observations, { year: 2024, annualTargets: plan.annualTargets });
    const r = await render('annual', { plan, evaluation, observations, kind: 'annual', generatedAt: new Date(2025, 2, 15) });
    expect(r.pages).toBeGreaterThanOrEqual(3);
    expect(r.pngs).toHaveLength(r.pages);
    for (const f of r.pngs) expect(existsSync(join(pagesDir, f))).toBe(true);
    // The Chinese text is set in a CJK font (no tofu) and survives into the PDF.
    if (r.fonts) expect(r.fonts).toMatch(/CJK|Song|Hei|Fang|Kai|Han/i);
    if (r.text) {
      expect(r.text).toContain('年度监测报告');
      expect(r.text).toContain('示例数据，非真实统计');
      expect(r.text).toMatch(/—\s*1\s*—/);
      expect(r.text).toMatch(/附表\s*1/);
      expect(r.text).toMatch(/表\s*1\s*规划纲要主要任务目标进展情况/);
    }
  });

  it('renders the end-of-period report of the 13th plan to pages', { timeout: 120_000 }, async () => {
    const plan = loadPlan('xiuzhou-13th');
    const evaluation = evaluatePlan(plan, plan.observations, { year: 2020, final: true });
    const r = await render('final-13th', {
      plan,
      evaluation,
      observations: plan.observations,
      kind: 'final',
      generatedAt: new Date(2021, 0, 20),
    });
    expect(r.pages).toBeGreaterThanOrEqual(3);
    expect(r.pngs).toHaveLength(r.pages);
    if (r.fonts) expect(r.fonts).toMatch(/CJK|Song|Hei|Fang|Kai|Han/i);
    if (r.text) {
      expect(r.text).toContain('期末评估报告');
      expect(r.text).not.toContain('示例数据');
      expect(r.text).toContain('总量完成');
    }
  });
});

describe('sources that are not the original', () => {
  it('cites a reprint as 转载 with the original named, and the figure’s caveat beside it', async () => {
    const ev = evaluatePlan(plan14, plan14.observations, { year: 2022, annualTargets: plan14.annualTargets });
    const doc = await readDocx(await buildReport(input(plan14, ev, plan14.observations, 'annual')));
    const para = doc.paragraphs.find((p) => /^\d+．一般公共预算收入。/.test(p))!;
    expect(para).toContain(
      '2023年秀洲区政府工作报告（全文转载于 m.medicalnewstody.com）（转载，原文：嘉兴市秀洲区人民政府《2023年秀洲区政府工作报告》（2023-02-03））',
    );
    expect(para).toContain('（2022-09-23，评论文章转载）（第三方整理，非统计部门发布）');
    expect(para.slice(para.indexOf('数据说明：'))).toContain('转载页非政府网站');
  });
});
