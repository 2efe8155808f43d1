import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { demoValues } from '../../src/core/demo.js';
import { evaluatePlan } from '../../src/core/evaluate.js';
import { formatObservationsCsv } from '../../src/importers/plan-csv.js';
import {
  ImportError,
  readValuesFile,
  readValuesFilePath,
  toObservations,
  type ImportProgress,
  type ImportedValue,
} from '../../src/importers/spreadsheet.js';
import { loadPlan } from '../../src/plans/load.js';
import { encodeGb18030, largePlan, WORKBOOK_PARTS, xlsx, zipFile } from './files.js';

const plan = loadPlan('xiuzhou-14th');

/** The ImportError a read throws; fails the test when the read succeeds. */
async function importError(p: Promise<unknown>): Promise<ImportError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError, but the file was accepted');
}

const pick = (v: ImportedValue) => ({ id: v.indicatorId, year: v.year, kind: v.kind, value: v.value });

/** Table 2-1 as a statistics bureau keeps it: a merged title, then 序号 / 指标名称 / 单位 / years. */
async function bureauWorkbook(edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  return xlsx((wb) => {
    const ws = wb.addWorksheet('主要指标');
    ws.mergeCells('A1:G1');
    ws.getCell('A1').value = '秀洲区主要指标2021—2024';
    ws.addRow(['序号', '指标名称', '单位', '2021年', '2022年', '2023年完成', '2024年']);
    ws.addRow(['一、经济发展']);
    ws.addRow([1, '地区生产总值', '亿元', 560.5, '622.31', { formula: 'E4*1.05', result: 653.43 }, '—']);
    // A growth-target row: values are that year's growth, typed 「7.5%」 or formatted as a percentage.
    const growth = ws.addRow([2, '全员劳动生产率年均增长', '%', '7.5%', 0.068, null, '-']);
    growth.getCell(5).numFmt = '0.0%';
    ws.addRow([3, '一般公共预算收入', '亿元', '1,234.5', 24.7, '/', '无']);
    // Full-width brackets where the plan has half-width ones.
    ws.addRow([18, '细颗粒物（PM2.5）平均浓度', '微克/立方米', 26, 25, 24, null]);
    ws.addRow([17, '空气质量优良天数比率', '%', '93以上', 94.2, null, null]);
    ws.addRow([27, '城镇居民人均可支配收入年均增长', '%', 9.1, 5.3, null, null]);
    ws.addRow([27, '农村居民人均可支配收入年均增长', '%', 10.4, 6.8, null, null]);
    ws.addRow(['注：2023年为快报数。']);
    edit?.(ws);
    wb.addWorksheet('说明').addRow(['本表由区统计局编制']);
  });
}

/** The same workbook with its parts in another valid order: worksheets before `xl/workbook.xml`. */
async function workbookPartLast(data: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const rank = (n: string): number =>
    n === 'xl/workbook.xml'
      ? 3
      : /^xl\/worksheets\/sheet\d+\.xml$/.test(n)
        ? 2
        : n === 'xl/sharedStrings.xml' || n.includes('_rels')
          ? 0
          : 1;
  const ordered = [...names].sort((a, b) => rank(a) - rank(b));
  return zipFile(await Promise.all(ordered.map(async (name) => ({ name, content: await zip.file(name)!.async('nodebuffer') }))));
}

describe('wide workbooks from a statistics bureau', () => {
  it('reads a workbook whose worksheets come before its workbook part, sheet names kept', async () => {
    const data = await workbookPartLast(await bureauWorkbook());
    const order = Object.keys((await JSZip.loadAsync(data)).files);
    expect(order.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(order.indexOf('xl/workbook.xml'));
    expect(order.indexOf('xl/sharedStrings.xml')).toBeLessThan(order.indexOf('xl/worksheets/sheet1.xml'));
    const plain = await readValuesFile({ name: '秀洲区主要指标.xlsx', data: await bureauWorkbook() }, plan);
    // exceljs's own streaming pass loses parts now and then on such files (exceljs issue #3064): read it many times.
    for (let i = 0; i < 30; i++) {
      const r = await readValuesFile({ name: '秀洲区主要指标.xlsx', data }, plan);
      expect(r.sheets).toEqual(['主要指标']);
      expect(r.values.map(pick)).toEqual(plain.values.map(pick));
    }
  });

  it('reads every value under a title row, skipping headings, notes and 「—」 cells', async () => {
    const r = await readValuesFile({ name: '秀洲区主要指标.xlsx', data: await bureauWorkbook() }, plan);
    expect(r.layout).toBe('wide');
    expect(r.sheets).toEqual(['主要指标']);
    expect(r.skippedSheets).toEqual(['说明']);
    expect(r.rows).toBe(9);
    expect(r.values.map(pick)).toEqual([
      { id: '1', year: 2021, kind: 'level', value: 560.5 },
      { id: '1', year: 2022, kind: 'level', value: 622.31 },
      { id: '1', year: 2023, kind: 'level', value: 653.43 },
      { id: '2', year: 2021, kind: 'growth_pct', value: 7.5 },
      { id: '2', year: 2022, kind: 'growth_pct', value: 6.8 },
      { id: '3', year: 2021, kind: 'level', value: 1234.5 },
      { id: '3', year: 2022, kind: 'level', value: 24.7 },
      { id: '18', year: 2021, kind: 'level', value: 26 },
      { id: '18', year: 2022, kind: 'level', value: 25 },
      { id: '18', year: 2023, kind: 'level', value: 24 },
      { id: '17', year: 2021, kind: 'level', value: 93 },
      { id: '17', year: 2022, kind: 'level', value: 94.2 },
      { id: '27.1', year: 2021, kind: 'growth_pct', value: 9.1 },
      { id: '27.1', year: 2022, kind: 'growth_pct', value: 5.3 },
      { id: '27.2', year: 2021, kind: 'growth_pct', value: 10.4 },
      { id: '27.2', year: 2022, kind: 'growth_pct', value: 6.8 },
    ]);
    const bound = r.values.find((v) => v.indicatorId === '17' && v.year === 2021)!;
    expect(bound.bound).toBe('atLeast');
    expect(r.values[0]).toMatchObject({ unit: '亿元', cell: { sheet: '主要指标', row: 4, column: 'D' } });
    expect(r.values.find((v) => v.indicatorId === '1' && v.year === 2023)!.cell.column).toBe('F');
  });

  it('gives values the evaluation engine accepts', async () => {
    const r = await readValuesFile({ name: 'a.xlsx', data: await bureauWorkbook() }, plan);
    const ev = evaluatePlan(plan, toObservations(r.values), { year: 2023 });
    const pm = ev.results.find((x) => x.indicatorId === '18')!;
    expect(pm.figures.latest).toMatchObject({ year: 2023, value: 24 });
  });

  it('matches indicators by id, printed row number or name, and reads growth columns', async () => {
    const data = await xlsx((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['指标编号', '2021', '2021年增速', '2022']);
      ws.addRow(['1', 560, 8.5, 622.31]);
      ws.addRow(['27.1', 9.1, null, 5.3]);
      ws.addRow([7, 11.8, null, 12.3]);
    });
    const r = await readValuesFile({ name: 'ids.xlsx', data }, plan);
    expect(r.values.map(pick)).toEqual([
      { id: '1', year: 2021, kind: 'level', value: 560 },
      { id: '1', year: 2021, kind: 'growth_pct', value: 8.5 },
      { id: '1', year: 2022, kind: 'level', value: 622.31 },
      { id: '27.1', year: 2021, kind: 'growth_pct', value: 9.1 },
      { id: '27.1', year: 2022, kind: 'growth_pct', value: 5.3 },
      { id: '7', year: 2021, kind: 'level', value: 11.8 },
      { id: '7', year: 2022, kind: 'level', value: 12.3 },
    ]);
  });

  it('takes the name over a 序号 that is the bureau’s own numbering, but not over an explicit id', async () => {
    const own = await xlsx((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['序号', '指标', '2022年']);
      ws.addRow([1, '人才资源总量', 12.1]);
    });
    expect((await readValuesFile({ name: 'own.xlsx', data: own }, plan)).values.map(pick)).toEqual([
      { id: '7', year: 2022, kind: 'level', value: 12.1 },
    ]);
    const explicit = await xlsx((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['指标编号', '指标', '2022年']);
      ws.addRow(['1', '人才资源总量', 12.1]);
    });
    const err = await importError(readValuesFile({ name: 'explicit.xlsx', data: explicit }, plan));
    expect(err.issues[0]).toMatchObject({ row: 2, column: 'A' });
    expect(err.issues[0]!.message).toContain('指标编号「1」在规划中是「地区生产总值」');
  });

  it('reads every sheet with a header, including one in the long layout', async () => {
    const data = await xlsx((wb) => {
      wb.addWorksheet('封面').addRow(['秀洲区统计月报']);
      const a = wb.addWorksheet('经济');
      a.addRow(['指标名称', '2022年']);
      a.addRow(['地区生产总值', 622.31]);
      const b = wb.addWorksheet('民生');
      b.addRow(['指标编号', '年份', '数值', '类型', '来源', '备注']);
      b.addRow(['26', 2022, 2.1, 'level', '2022年统计公报', '快报']);
      b.addRow(['27.1', '2022年', 5.3, '增速', '', '']);
    });
    const r = await readValuesFile({ name: 'monthly.xlsx', data }, plan);
    expect(r.sheets).toEqual(['经济', '民生']);
    expect(r.skippedSheets).toEqual(['封面']);
    expect(r.layout).toBe('wide');
    expect(r.values.map(pick)).toEqual([
      { id: '1', year: 2022, kind: 'level', value: 622.31 },
      { id: '26', year: 2022, kind: 'level', value: 2.1 },
      { id: '27.1', year: 2022, kind: 'growth_pct', value: 5.3 },
    ]);
    expect(r.values[1]).toMatchObject({ source: { title: '2022年统计公报' }, note: '快报', cell: { sheet: '民生', row: 2, column: 'C' } });
  });

  it('uses the cached result of formulas, including 0 and filled-down (shared) formulas', async () => {
    const data = await xlsx((wb) => {
      const ws = wb.addWorksheet('公式');
      ws.addRow(['指标编号', '2021', '2022', '2023']);
      ws.addRow(['1', 560, { formula: 'B2-B2', result: 0 }, null]);
      ws.addRow(['3', 25, 24.7, null]);
      ws.fillFormula('D2:D3', 'C2*1.1', [0, 27.17]);
    });
    const r = await readValuesFile({ name: 'formulas.xlsx', data }, plan);
    expect(r.values.map(pick)).toEqual([
      { id: '1', year: 2021, kind: 'level', value: 560 },
      { id: '1', year: 2022, kind: 'level', value: 0 },
      { id: '1', year: 2023, kind: 'level', value: 0 },
      { id: '3', year: 2021, kind: 'level', value: 25 },
      { id: '3', year: 2022, kind: 'level', value: 24.7 },
      { id: '3', year: 2023, kind: 'level', value: 27.17 },
    ]);
  });

  it('reports a formula whose cached result is an error', async () => {
    // exceljs cannot write a cached error, so the sheet is written as Excel does.
    const sheet =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>指标名称</t></is></c><c r="B1"><v>2021</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>地区生产总值</t></is></c><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>' +
      '</sheetData></worksheet>';
    const data = zipFile([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', content: Buffer.from(sheet) }]);
    const err = await importError(readValuesFile({ name: 'div0.xlsx', data }, plan));
    expect(err.message).toBe('div0.xlsx, 工作表「Sheet1」, 第2行, 列B: 2021年：公式的计算结果是错误值（指标「地区生产总值」）');
  });

  it('refuses a workbook where no sheet has a recognisable header', async () => {
    const data = await xlsx((wb) => wb.addWorksheet('Sheet1').addRow(['随便写点什么']));
    const err = await importError(readValuesFile({ name: 'blank.xlsx', data }, plan));
    expect(err.message).toContain('blank.xlsx: 没有找到可识别的表头');
  });
});

describe('CSV files', () => {
  it('reads a long CSV saved by Chinese Excel in GB18030', async () => {
    const text = [
      '指标编号,指标名称,年份,数值,单位,类型,口径,来源,备注',
      '1,地区生产总值,2022,622.31,亿元,level,小口径,秀洲区人民政府网·经济发展综述,快报数',
      '1,地区生产总值,2022,4.3,%,growth_pct,小口径,秀洲区人民政府网·经济发展综述,',
      '3,一般公共预算收入,2022年,24.7,亿元,,,2023年秀洲区政府工作报告,',
      '26,城镇登记失业率,2023,—,%,,,,未公布',
    ].join('\r\n');
    const data = encodeGb18030(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(data)).toThrow();
    const r = await readValuesFile({ name: '指标数据.csv', data }, plan);
    expect(r.layout).toBe('long');
    expect(r.sheets).toEqual([]);
    expect(r.values.map(pick)).toEqual([
      { id: '1', year: 2022, kind: 'level', value: 622.31 },
      { id: '1', year: 2022, kind: 'growth_pct', value: 4.3 },
      { id: '3', year: 2022, kind: 'level', value: 24.7 },
    ]);
    expect(r.values[0]).toMatchObject({
      unit: '亿元',
      scope: '小口径',
      source: { title: '秀洲区人民政府网·经济发展综述' },
      note: '快报数',
      cell: { row: 2, column: 'D' },
    });
  });

  it('refuses a file with two values that differ only in their scope, naming both rows', async () => {
    const text = ['indicator,year,value,scope', '13,2025,90.1,口径甲', '13,2025,91.2,口径乙'].join('\n');
    const e = await importError(readValuesFile({ name: '口径.csv', data: Buffer.from(text) }, plan));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ file: '口径.csv', row: 3 });
    expect(e.issues[0]!.message).toContain('第2行');
    expect(e.issues[0]!.message).toContain('口径不同（「口径甲」与「口径乙」）');
  });

  it('reads back the values files the command line writes (UTF-8 with BOM, demo comment line)', async () => {
    const { observations } = demoValues(plan, { seed: 3, until: 2023 });
    const csv = '\ufeff' + formatObservationsCsv(observations, plan.indicators);
    const r = await readValuesFile({ name: 'demo.csv', data: Buffer.from(csv, 'utf8') }, plan);
    expect(r.values.map(pick)).toEqual(observations.map((o) => ({ id: o.indicatorId, year: o.year, kind: o.kind, value: o.value })));
  });

  it('reads tab-separated text and refuses an unknown kind, even one named like an object property', async () => {
    const tsv = 'indicator\tyear\tvalue\tkind\n1\t2022\t4.3\t增速\n1\t2021\t8.5\tconstructor\n';
    const err = await importError(readValuesFile({ name: 'values.txt', data: Buffer.from(tsv) }, plan));
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ row: 3, column: 'D' });
    expect(err.issues[0]!.message).toMatch(/^类型「constructor」应为 level/);
  });

  it('names the line and column of a bad value in a CSV', async () => {
    const csv = 'indicator,year,value\n1,2021,560\n1,2022,abc\n';
    const err = await importError(readValuesFile({ name: 'values.csv', data: Buffer.from(csv) }, plan));
    expect(err.message).toBe('values.csv, 第3行, 列C: 「abc」不是数值（指标「地区生产总值」）');
  });
});

describe('problems are collected, located and reported all at once', () => {
  /** All 37 rows with demonstration values for 2021–2023, as a wide workbook. */
  async function fullWorkbook(edit: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
    const { observations } = demoValues(plan, { until: 2023 });
    return xlsx((wb) => {
      const ws = wb.addWorksheet('2021-2023');
      ws.addRow(['指标编号', '指标名称', '2021年', '2022年', '2023年']);
      for (const ind of plan.indicators) {
        const kind = ind.name.endsWith('年均增长') || ind.target?.includes('年均增长') ? 'growth_pct' : 'level';
        const at = (y: number) => observations.find((o) => o.indicatorId === ind.id && o.year === y && o.kind === kind)?.value ?? null;
        ws.addRow([ind.id, ind.name, at(2021), at(2022), at(2023)]);
      }
      edit(ws);
    });
  }

  it('rejects the whole file for one bad cell among many valid ones', async () => {
    const data = await fullWorkbook((ws) => {
      ws.getCell('D11').value = '约650';
    });
    const ok = await readValuesFile({ name: 'ok.xlsx', data: await fullWorkbook(() => {}) }, plan);
    expect(ok.values.length).toBeGreaterThan(50);
    const err = await importError(readValuesFile({ name: '2023年报.xlsx', data }, plan));
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ file: '2023年报.xlsx', sheet: '2021-2023', row: 11, column: 'D' });
    expect(err.message).toBe(
      `2023年报.xlsx, 工作表「2021-2023」, 第11行, 列D: 2022年：「约650」不是数值（指标「${plan.indicators[9]!.name}」）`,
    );
  });

  it('suggests the closest indicator names for an unknown one', async () => {
    const data = await xlsx((wb) => {
      const ws = wb.addWorksheet('表1');
      ws.addRow(['指标', '2022年']);
      ws.addRow(['地区生产总值（亿元）', 622.31]);
    });
    const err = await importError(readValuesFile({ name: 'names.xlsx', data }, plan));
    const issue = err.issues[0]!;
    expect(issue).toMatchObject({ row: 2, column: 'A', message: '规划中没有名为「地区生产总值（亿元）」的指标' });
    expect(issue.suggestions).toHaveLength(3);
    expect(issue.suggestions![0]).toBe('地区生产总值');
    expect(err.message).toMatch(
      /^names\.xlsx, 工作表「表1」, 第2行, 列A: 规划中没有名为「地区生产总值（亿元）」的指标（您是否要找：地区生产总值、.+、.+）$/,
    );
  });

  it('reports formulas without a result, bad years, units, percentages, duplicates and ambiguous rows together', async () => {
    const data = await xlsx((wb) => {
      const ws = wb.addWorksheet('检查');
      ws.addRow(['序号', '指标名称', '单位', '2021年', '2022年', '2040年']);
      ws.addRow([1, '地区生产总值', '万元', 5605000, null, null]); // 2: unit differs from 亿元
      ws.addRow([3, '一般公共预算收入', '亿元', { formula: 'D9*2' }, '25%', 30]); // 3: no cached result; % on 亿元; 2040
      ws.addRow([7, '人才资源总量', '万人', 11.8, 12.3, null]); // 4
      ws.addRow([7, '人才资源总量', '万人', null, 12.4, null]); // 5: duplicate of E4
      ws.addRow([27, '', '%', 9.1, null, null]); // 6: 27 is two indicators
      ws.addRow([8, '每万人高价值发明专利拥有量', '项', 12, null, null]); // 7: unit supplied by reviewer, not checked
      ws.addRow([null, null, null, 3, null, null]); // 8: a value without an indicator
    });
    const err = await importError(readValuesFile({ name: 'checks.xlsx', data }, plan));
    const got = err.issues.map((i) => `${i.row}${i.column}: ${i.message}`);
    expect(got).toEqual([
      '2C: 单位「万元」与指标「地区生产总值」的单位「亿元」不一致',
      '3D: 2021年：公式没有计算结果（请在 Excel 中打开、重新计算并保存后再导入）（指标「一般公共预算收入」）',
      '3E: 数值带百分号，但指标「一般公共预算收入」的单位是「亿元」、类型是 level',
      '5E: 与工作表「检查」第4行列E重复：同一指标「人才资源总量」、2022年、类型 level只能有一个数值',
      '6A: 序号「27」对应多个指标（27.1 城镇居民人均可支配收入年均增长、27.2 农村居民人均可支配收入年均增长），请写明指标编号或名称',
      '8B: 有数值但没有指标编号或名称',
      '1F: 年份2040超出本规划可接受的范围（2010—2030），该列有1个数值',
    ]);
  });

  it('stops listing after 200 issues and says how many more there are', async () => {
    const rows = Array.from({ length: 300 }, (_, k) => `未知指标${k},1`);
    const csv = ['指标名称,2022', ...rows].join('\n');
    const err = await importError(readValuesFile({ name: 'many.csv', data: Buffer.from(csv) }, plan));
    expect(err.issues).toHaveLength(200);
    expect(err.omitted).toBe(100);
    expect(err.message.split('\n')).toHaveLength(201);
    expect(err.message.split('\n').at(-1)).toBe('……另有100个问题未列出');
  });

  it('reads a file from disk, naming it by its base name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planwatch-import-'));
    const path = join(dir, '月报.xlsx');
    writeFileSync(path, await bureauWorkbook());
    expect((await readValuesFilePath(path, plan)).values).toHaveLength(16);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'indicator,year,value\n99,2021,1\n');
    const err = await importError(readValuesFilePath(bad, plan));
    expect(err.message).toBe('bad.csv, 第2行, 列A: 规划中没有编号为「99」的指标');
  });
});

describe('files that are not spreadsheets', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
  const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);

  it.each([
    ['a PNG renamed .xlsx', 'chart.xlsx', png, '不是 .xlsx 或 .csv 文件：文件内容是PNG 图片'],
    ['a PDF renamed .xlsx', 'report.xlsx', pdf, '不是 .xlsx 或 .csv 文件：文件内容是PDF 文档'],
    ['an .xls workbook', 'old.xls', xls, '另存为」Excel 工作簿（.xlsx）'],
    ['random bytes', 'noise.csv', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), '不是 .xlsx 或 .csv 文件'],
    ['an HTML table saved as .xls', 'export.xls', Buffer.from('<html><table><tr><td>1</td></tr></table></html>'), '网页或 XML'],
    ['an empty file', 'empty.csv', Buffer.alloc(0), '文件为空'],
    ['a zip that is not a workbook', 'photos.xlsx', zipFile([{ name: 'a.txt', content: Buffer.from('hi') }]), '不是 Excel 工作簿'],
  ])('refuses %s, naming the file', async (_what, name, data, message) => {
    const err = await importError(readValuesFile({ name, data }, plan));
    expect(err.issues).toHaveLength(1);
    expect(err.message.startsWith(`${name}: `)).toBe(true);
    expect(err.message).toContain(message);
  });

  it('refuses a file larger than the limit before reading it', async () => {
    const err = await importError(
      readValuesFile({ name: 'big.csv', data: Buffer.alloc(2048, 0x31) }, plan, { limits: { maxBytes: 1024 } }),
    );
    expect(err.message).toContain('超过上限');
  });
});

describe('hostile workbooks', () => {
  const zeros = (mb: number) => Buffer.alloc(mb * 1024 * 1024);
  const checks = (events: ImportProgress[]) => events.filter((e) => e.phase === 'check');

  it('refuses a zip bomb from its central directory, before inflating anything', async () => {
    const bomb = zipFile([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', content: zeros(20) }]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const events: ImportProgress[] = [];
    const err = await importError(
      readValuesFile({ name: 'bomb.xlsx', data: bomb }, plan, {
        limits: { maxUncompressedBytes: 10 * 1024 * 1024 },
        onProgress: (p) => events.push(p),
      }),
    );
    expect(err.message).toMatch(/^bomb\.xlsx: 解压后共 20 MB，超过上限 10 MB（疑似 ZIP 炸弹）/);
    expect(checks(events)).toEqual([]);

    // With the default limits: a container declaring 200 MB is refused on its declaration alone.
    const declared = zipFile([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', content: zeros(1), declaredSize: 200 * 1024 * 1024 }]);
    const big = await importError(readValuesFile({ name: 'declared.xlsx', data: declared }, plan, { onProgress: (p) => events.push(p) }));
    expect(big.message).toContain('解压后共 200 MB，超过上限 100 MB');
    expect(checks(events)).toEqual([]);
  });

  it('refuses an entry compressed beyond the ratio limit', async () => {
    const bomb = zipFile([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', content: zeros(5) }]);
    const err = await importError(readValuesFile({ name: 'ratio.xlsx', data: bomb }, plan));
    expect(err.message).toMatch(/条目「xl\/worksheets\/sheet1\.xml」压缩比 \d+:1，超过上限 100:1/);
  });

  it('refuses an entry that inflates to more than it declares', async () => {
    const liar = zipFile([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', content: zeros(5), declaredSize: 4000 }]);
    const err = await importError(readValuesFile({ name: 'liar.xlsx', data: liar }, plan));
    expect(err.message).toContain('实际解压后超过其声明的 4000 字节');
  });

  it('refuses bytes hidden between entries, which a streaming reader would inflate', async () => {
    const hidden = zipFile([{ ...WORKBOOK_PARTS[0]!, junkAfter: Buffer.from('PK\x03\x04hidden entry') }, WORKBOOK_PARTS[1]!]);
    const err = await importError(readValuesFile({ name: 'hidden.xlsx', data: hidden }, plan));
    expect(err.message).toContain('ZIP 结构异常');
  });

  it('refuses more sheets or rows than the limits allow', async () => {
    const three = await xlsx((wb) => ['a', 'b', 'c'].forEach((n) => wb.addWorksheet(n).addRow(['指标', '2021'])));
    const sheets = await importError(readValuesFile({ name: 'sheets.xlsx', data: three }, plan, { limits: { maxSheets: 2 } }));
    expect(sheets.message).toContain('工作表过多（3个），上限为2个');
    const csv = ['指标编号,2021', ...Array.from({ length: 50 }, () => '1,')].join('\n');
    const rows = await importError(readValuesFile({ name: 'rows.csv', data: Buffer.from(csv) }, plan, { limits: { maxRows: 20 } }));
    expect(rows.message).toContain('行数超过上限20行');
  });
});

describe('large files', () => {
  it('streams a wide workbook of 100 000 values and reports progress', async () => {
    const big = largePlan(5000);
    const years = Array.from({ length: 20 }, (_, i) => 2010 + i);
    const dir = mkdtempSync(join(tmpdir(), 'planwatch-large-'));
    const path = join(dir, '大表.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const ws = writer.addWorksheet('全部指标');
    ws.addRow(['指标编号', '指标名称', ...years.map((y) => `${y}年`)]).commit();
    for (let k = 1; k <= 5000; k++) ws.addRow([String(k), `指标${k}`, ...years.map((y) => k + (y - 2000) / 100)]).commit();
    ws.commit();
    await writer.commit();

    const events: ImportProgress[] = [];
    const r = await readValuesFilePath(path, big, { onProgress: (p) => events.push(p) });
    expect(r.values).toHaveLength(100_000);
    expect(r.rows).toBe(5000);
    expect(r.values.at(-1)).toMatchObject({ indicatorId: '5000', year: 2029, value: 5000.29, cell: { row: 5001, column: 'V' } });
    const reads = events.filter((e) => e.phase === 'read').map((e) => e.done);
    expect(reads.length).toBeGreaterThan(3);
    expect(reads).toEqual([...reads].sort((a, b) => a - b));
    expect(reads.at(-1)).toBe(5001);
    expect(events.some((e) => e.phase === 'check')).toBe(true);
  });
});
