import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { demoValues } from '../../src/core/demo.js';
import { evaluatePlan } from '../../src/core/evaluate.js';
import type { Observation, Plan } from '../../src/core/model.js';
import { evaluateTaskTargets } from '../../src/core/targets.js';
import { readValuesFile } from '../../src/importers/spreadsheet.js';
import { loadPlan } from '../../src/plans/load.js';
import { indicatorCsv, indicatorWorkbook, safeCell, type IndicatorWorkbookOptions } from '../../src/reports/indicator-table.js';

const plan = loadPlan('xiuzhou-14th');
const demo = demoValues(plan, { seed: 1, until: 2023 }).observations;
const evaluation = evaluatePlan(plan, demo, { year: 2023 });

const HEADER = [
  '类别',
  '序号',
  '指标',
  '单位',
  '2020年',
  '2021年',
  '2022年',
  '2023年',
  '2025年目标',
  '属性',
  '时序进度',
  '完成进度',
  '状态',
  '正式结论',
  '说明',
  '数据来源',
  '口径说明',
];
const col = (header: string): number => HEADER.indexOf(header) + 1;

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

const rowValues = (ws: ExcelJS.Worksheet, r: number): unknown[] => (ws.getRow(r).values as unknown[]).slice(1);
const fillOf = (cell: ExcelJS.Cell): string | undefined =>
  cell.fill?.type === 'pattern' && cell.fill.pattern === 'solid' ? cell.fill.fgColor?.argb : undefined;

/** The demonstration value the table should show for an indicator and year. */
function shown(id: string, year: number): number | undefined {
  const growth = ['2', '5', '27.1', '27.2'].includes(id);
  return demo.find((o) => o.indicatorId === id && o.year === year && o.kind === (growth ? 'growth_pct' : 'level'))?.value;
}

describe('indicator table as .xlsx', () => {
  it('has the demo banner, the title and the zh-CN header, frozen', async () => {
    const wb = await load(await indicatorWorkbook(plan, evaluation, demo));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['主要指标', '说明', '任务目标']);
    const ws = wb.getWorksheet('主要指标')!;
    expect(ws.getCell('A1').value).toBe('示例数据，非真实统计');
    expect(ws.getCell('A1').font?.color?.argb).toBe('FFC00000');
    expect(ws.getCell('A2').value).toBe(`${plan.meta.title} 主要指标监测表（2023年）`);
    expect(rowValues(ws, 3)).toEqual(HEADER);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 3 });
    expect(ws.getColumn(col('指标')).width).toBeGreaterThan(ws.getColumn(col('序号')).width!);
  });

  it('lists every indicator with its values, target and status', async () => {
    const ws = (await load(await indicatorWorkbook(plan, evaluation, demo))).getWorksheet('主要指标')!;
    expect(ws.rowCount).toBe(3 + plan.indicators.length);
    plan.indicators.forEach((ind, k) => {
      const row = ws.getRow(4 + k);
      const result = evaluation.results.find((r) => r.indicatorId === ind.id)!;
      expect(row.getCell(col('类别')).value).toBe(ind.category);
      expect(row.getCell(col('序号')).value).toBe(ind.no);
      expect(row.getCell(col('指标')).value).toBe(ind.name);
      expect(row.getCell(col('状态')).value).toBe(result.statusLabel);
      expect(row.getCell(col('说明')).value).toContain(result.explain());
      for (const year of [2021, 2022, 2023]) expect(row.getCell(col(`${year}年`)).value ?? undefined).toBe(shown(ind.id, year));
    });
    const gdp = ws.getRow(4);
    expect(gdp.getCell(col('2020年')).value).toBe(503.2);
    expect(gdp.getCell(col('2025年目标')).value).toBe(700);
    expect(gdp.getCell(col('数据来源')).value).toBe('示例数据（planwatch demo-values 生成）');
    const air = ws.getRow(4 + plan.indicators.findIndex((i) => i.id === '17'));
    expect(air.getCell(col('2025年目标')).value).toBe('93以上');
    expect(air.getCell(col('属性')).value).toBe('约束性');
  });

  it('stores 时序进度 and 完成进度 as numbers formatted as percentages', async () => {
    const ws = (await load(await indicatorWorkbook(plan, evaluation, demo))).getWorksheet('主要指标')!;
    const gdpResult = evaluation.results[0]!;
    for (const header of ['时序进度', '完成进度'] as const) {
      const cell = ws.getRow(4).getCell(col(header));
      expect(typeof cell.value).toBe('number');
      expect(cell.numFmt).toBe('0.0%');
    }
    expect(ws.getRow(4).getCell(col('时序进度')).value).toBeCloseTo(0.6);
    expect(ws.getRow(4).getCell(col('完成进度')).value).toBeCloseTo(gdpResult.figures.completion!);
  });

  it('fills binding lagging rows, and only those, in light red', async () => {
    const warned = evaluation.results.filter((r) => r.warning).map((r) => r.indicatorId);
    expect(warned.length).toBeGreaterThan(0);
    const ws = (await load(await indicatorWorkbook(plan, evaluation, demo))).getWorksheet('主要指标')!;
    plan.indicators.forEach((ind, k) => {
      const row = ws.getRow(4 + k);
      const expected = warned.includes(ind.id) ? 'FFFFC7CE' : undefined;
      expect(fillOf(row.getCell(col('指标'))), ind.name).toBe(expected);
      expect(fillOf(row.getCell(col('状态'))), ind.name).toBe(expected);
    });
  });

  it('explains the rules and lists the data sources on a second sheet', async () => {
    const ws = (await load(await indicatorWorkbook(plan, evaluation, demo))).getWorksheet('说明')!;
    const text = ws
      .getSheetValues()
      .flatMap((r) => (Array.isArray(r) ? r : []))
      .map(String);
    expect(text).toContain('示例数据，非真实统计');
    expect(text).toContain('scheduleDelta');
    expect(text).toContain(String(plan.settings.scheduleDelta));
    expect(text).toContain('示例数据（planwatch demo-values 生成）');
    expect(text).toContain(String(demo.length));
  });

  it('puts each category on its own sheet when asked', async () => {
    const wb = await load(await indicatorWorkbook(plan, evaluation, demo, { bySheet: 'category' }));
    expect(wb.worksheets.map((w) => w.name)).toEqual([...plan.meta.categories, '说明', '任务目标']);
    for (const category of plan.meta.categories) {
      const ws = wb.getWorksheet(category)!;
      const names = Array.from({ length: ws.rowCount - 3 }, (_, k) => ws.getRow(4 + k).getCell(col('指标')).value);
      expect(names).toEqual(plan.indicators.filter((i) => i.category === category).map((i) => i.name));
      expect(ws.getCell('A2').value).toContain(category);
    }
  });

  it('shows computed and official verdicts for a final evaluation, without a demo banner', async () => {
    const thirteenth = loadPlan('xiuzhou-13th');
    const final = evaluatePlan(thirteenth, thirteenth.observations, { year: 2020, final: true });
    const ws = (await load(await indicatorWorkbook(thirteenth, final, thirteenth.observations))).getWorksheet('主要指标')!;
    expect(ws.getCell('A1').value).toBe(`${thirteenth.meta.title} 主要指标监测表（2020年）`);
    const header = rowValues(ws, 2);
    expect(header).toContain('结论');
    expect(header).not.toContain('状态');
    const gdp = ws.getRow(3);
    expect(gdp.getCell(header.indexOf('正式结论') + 1).value).toBe('总量完成');
    expect(gdp.getCell(header.indexOf('2020年目标') + 1).value).toBe('400（年均增长7%）');
    expect(
      final.results.every(
        (r, k) => ws.getRow(3 + k).getCell(header.indexOf('结论') + 1).value === r.verdictLabel! + (r.exceeded ? '（超额）' : ''),
      ),
    ).toBe(true);
  });

  it('can be read back by the spreadsheet importer', async () => {
    const data = await indicatorWorkbook(plan, evaluation, demo);
    const { values, skippedSheets } = await readValuesFile({ name: 'table.xlsx', data }, plan);
    // The task sheet states amounts so far, not a year's values: the importer must not read it as values.
    expect(skippedSheets).toContain('任务目标');
    const yearly = values.filter((v) => v.year > 2020).map((v) => `${v.indicatorId} ${v.year} ${v.value}`);
    const expected = plan.indicators.flatMap((i) =>
      [2021, 2022, 2023].flatMap((y) => (shown(i.id, y) === undefined ? [] : [`${i.id} ${y} ${shown(i.id, y)}`])),
    );
    expect(yearly).toEqual(expected);
  });
});

describe('task targets sheet', () => {
  const TASK_HEADER = [
    '任务编号',
    '章节',
    '任务目标',
    '单位',
    '规划目标',
    '数据年份',
    '最新值（期内累计目标为累计完成量）',
    '完成进度',
    '状态',
    '说明',
  ];
  const tcol = (header: string): number => TASK_HEADER.indexOf(header) + 1;
  const chargers: Observation[] = [
    { indicatorId: 'tt-ev-chargers', year: 2021, kind: 'level', value: 300 },
    { indicatorId: 'tt-ev-chargers', year: 2022, kind: 'level', value: 320 },
    { indicatorId: 'tt-ev-chargers', year: 2023, kind: 'level', value: 330 },
  ];
  const observations = [...plan.observations.filter((o) => o.year <= 2023), ...chargers];
  const published = evaluatePlan(plan, observations, { year: 2023 });
  const taskEvaluation = evaluateTaskTargets(plan, observations, { year: 2023 });

  async function taskSheet(opts: IndicatorWorkbookOptions = { taskEvaluation }): Promise<ExcelJS.Worksheet> {
    return (await load(await indicatorWorkbook(plan, published, observations, opts))).getWorksheet('任务目标')!;
  }

  it('has a title, the header and a row per task target in the order of the plan', async () => {
    const ws = await taskSheet();
    expect(ws.getCell('A1').value).toBe(`${plan.meta.title} 任务目标监测表（2023年）`);
    expect(rowValues(ws, 2)).toEqual(TASK_HEADER);
    expect(ws.rowCount).toBe(2 + plan.taskTargets.length);
    plan.taskTargets.forEach((t, k) => {
      const row = ws.getRow(3 + k);
      const r = taskEvaluation.results[k]!;
      expect(row.getCell(tcol('任务编号')).value).toBe(t.id);
      expect(row.getCell(tcol('任务目标')).value).toBe(t.name);
      expect(row.getCell(tcol('单位')).value).toBe(t.unit);
      expect(String(row.getCell(tcol('章节')).value)).toMatch(new RegExp(`^${t.sectionId.replace('.', '\\.')} `));
      expect(row.getCell(tcol('状态')).value).toBe(r.statusLabel);
      expect(row.getCell(tcol('说明')).value).toContain(r.explain());
    });
  });

  it('gives the reported one its amount so far, completion and status, and the others nothing made up', async () => {
    const ws = await taskSheet();
    const k = plan.taskTargets.findIndex((t) => t.id === 'tt-ev-chargers');
    const row = ws.getRow(3 + k);
    expect(row.getCell(tcol('规划目标')).value).toBe('[1847]');
    expect(row.getCell(tcol('数据年份')).value).toBe(2023);
    expect(row.getCell(tcol('最新值（期内累计目标为累计完成量）')).value).toBe(950);
    const completion = row.getCell(tcol('完成进度'));
    expect(completion.type).toBe(ExcelJS.ValueType.Number);
    expect(completion.value).toBeCloseTo(950 / 1847);
    expect(completion.numFmt).toBe('0.0%');
    expect(row.getCell(tcol('状态')).value).toBe('基本符合预期');
    expect(row.getCell(tcol('说明')).value).toBe('2021—2023年累计950个，为目标[1847]的51.4%，时序进度60%');
    plan.taskTargets.forEach((t, j) => {
      if (j === k) return;
      const other = ws.getRow(3 + j);
      expect(other.getCell(tcol('最新值（期内累计目标为累计完成量）')).value ?? null, t.id).toBeNull();
      expect(other.getCell(tcol('完成进度')).value ?? null).toBeNull();
      expect(other.getCell(tcol('状态')).value).toBe('数据缺失');
    });
  });

  it('judges the task targets itself, with the same year, when not given them', async () => {
    const given = await taskSheet();
    const own = await taskSheet({});
    for (let r = 1; r <= given.rowCount; r++) expect(rowValues(own, r)).toEqual(rowValues(given, r));
  });

  it('is left out for a plan with no task targets, and says 结论 at the end of the period', async () => {
    const thirteenth = loadPlan('xiuzhou-13th');
    const final = evaluatePlan(thirteenth, thirteenth.observations, { year: 2020, final: true });
    expect((await load(await indicatorWorkbook(thirteenth, final, thirteenth.observations))).worksheets.map((w) => w.name)).toEqual([
      '主要指标',
      '说明',
    ]);
    const finalTasks = evaluateTaskTargets(plan, observations, { year: 2025, final: true });
    const finalEval = evaluatePlan(plan, observations, { year: 2025, final: true });
    const ws = (await load(await indicatorWorkbook(plan, finalEval, observations, { taskEvaluation: finalTasks }))).getWorksheet(
      '任务目标',
    )!;
    expect(rowValues(ws, 2)).toContain('结论');
    const k = plan.taskTargets.findIndex((t) => t.id === 'tt-ev-chargers');
    // 2021—2023 values only: a forecast at the end of the period, never 未完成 (issue 12, domain.md §4).
    expect(ws.getRow(3 + k).getCell(tcol('状态')).value).toBe('预计未完成');
  });
});

describe('formula injection', () => {
  it('prefixes text that a spreadsheet would run as a formula', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(safeCell(bad)).toBe(`'${bad}`);
    for (const ok of ['地区生产总值', '', '7以上', "'=1", ' =1', '＝1']) expect(safeCell(ok)).toBe(ok);
  });

  /** A plan whose first indicator carries a DDE payload as its name, and a value whose source is a formula. */
  function hostile(): { plan: Plan; observations: Observation[] } {
    const p: Plan = { ...plan, indicators: plan.indicators.map((i, k) => (k === 0 ? { ...i, name: "=cmd|' /C calc'!A0" } : i)) };
    const observations: Observation[] = [
      { indicatorId: '1', year: 2021, kind: 'level', value: 560, source: { title: "@SUM(1+1)*cmd|' /C calc'!A0" } },
      { indicatorId: '1', year: 2022, kind: 'level', value: -5 },
    ];
    return { plan: p, observations };
  }

  it('writes hostile text as text starting with an apostrophe, and numbers as numbers, in the workbook', async () => {
    const { plan: p, observations } = hostile();
    const ev = evaluatePlan(p, observations, { year: 2023 });
    const ws = (await load(await indicatorWorkbook(p, ev, observations))).getWorksheet('主要指标')!;
    const name = ws.getRow(3).getCell(col('指标'));
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe("'=cmd|' /C calc'!A0");
    expect(ws.getRow(3).getCell(col('数据来源')).value).toBe("'@SUM(1+1)*cmd|' /C calc'!A0");
    expect(ws.getRow(3).getCell(col('2022年')).value).toBe(-5);
    expect(ws.getRow(3).getCell(col('完成进度')).type).toBe(ExcelJS.ValueType.Number);
  });

  it('writes a hostile task target name as text in the task sheet', async () => {
    const p: Plan = { ...plan, taskTargets: plan.taskTargets.map((t, k) => (k === 0 ? { ...t, name: '=HYPERLINK("http://x","y")' } : t)) };
    const ws = (await load(await indicatorWorkbook(p, evaluatePlan(p, [], { year: 2023 }), []))).getWorksheet('任务目标')!;
    const name = ws.getRow(3).getCell(3);
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe('\'=HYPERLINK("http://x","y")');
  });

  it('does the same in the CSV', () => {
    const { plan: p, observations } = hostile();
    const csv = indicatorCsv(p, evaluatePlan(p, observations, { year: 2023 }), observations);
    const records = parse(csv, { bom: true }) as string[][];
    const gdp = records[1]!;
    expect(gdp[2]).toBe("'=cmd|' /C calc'!A0");
    expect(gdp[col('数据来源') - 1]).toBe("'@SUM(1+1)*cmd|' /C calc'!A0");
    expect(gdp[col('2022年') - 1]).toBe('-5');
  });
});

describe('indicator table as CSV', () => {
  it('is UTF-8 with a BOM, marks a demo set on its first line and has one row per indicator', () => {
    const csv = indicatorCsv(plan, evaluation, demo);
    expect(csv.startsWith('\ufeff# 示例数据，非真实统计')).toBe(true);
    const records = parse(csv, { bom: true, comment: '#', comment_no_infix: true }) as string[][];
    expect(records[0]).toEqual(HEADER);
    expect(records).toHaveLength(1 + plan.indicators.length);
    const gdp = records[1]!;
    expect(gdp.slice(0, 5)).toEqual(['经济发展', '1', '地区生产总值', '亿元', '503.2']);
    expect(gdp[col('2022年') - 1]).toBe(String(shown('1', 2022)));
    expect(gdp[col('时序进度') - 1]).toBe('60%');
    expect(gdp[col('状态') - 1]).toBe(evaluation.results[0]!.statusLabel);
  });

  it('has no comment line for published values', () => {
    const published = evaluatePlan(plan, plan.observations, { year: 2022 });
    const csv = indicatorCsv(plan, published, plan.observations);
    expect(csv.startsWith('\ufeff类别,序号,指标,单位,2020年,2021年,2022年,2025年目标')).toBe(true);
    const [header, gdp] = parse(csv, { bom: true }) as string[][];
    const at = (h: string): string => gdp![header!.indexOf(h)]!;
    expect(at('2022年')).toBe('622.31');
    expect(at('数据来源')).toContain('秀洲区人民政府网·秀洲概况·经济发展综述');
    expect(at('口径说明')).toContain('2022年为小口径');
    expect(indicatorCsv(plan, published, plan.observations, { demo: true })).toMatch(/^\ufeff# 示例数据，非真实统计/);
  });
});
