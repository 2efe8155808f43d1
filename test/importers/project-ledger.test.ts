import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readProjectLedger, type LedgerProject } from '../../src/importers/project-ledger.js';
import { ImportError, openSheetFile, readSheetRows, type SheetCell } from '../../src/importers/sheet/index.js';
import { encodeGb18030, xlsx } from './files.js';

const PROJECTS: LedgerProject[] = [
  {
    id: 'p-organic-waste',
    name: '嘉兴市有机废弃物综合处理项目',
    milestones: [
      { id: 'ow-1', name: '厌氧罐安装' },
      { id: 'ow-2', name: '试运行' },
    ],
  },
  { id: 'p-pv', name: '光伏组件智能工厂', milestones: [{ id: 'm1', name: '主体结构封顶' }] },
  { id: 'p-wetland', name: '湿地保护和建设工程', milestones: [] },
  { id: 'p-seven', name: '“七横”骨干通道', milestones: [] },
  { id: 'p-canal', name: '嘉兴运河文化省级旅游度假区', milestones: [] },
];

const HEADER = [
  '序号',
  '项目编号',
  '项目名称',
  '填报月份',
  '本月完成投资（亿元）',
  '项目阶段',
  '完成节点',
  '存在问题',
  '问题责任单位',
  '备注',
];

/** A ledger as the DRC office keeps it: a merged title, a date line, the header, then one row a month. */
function ledger(rows: ExcelJS.CellValue[][], header = HEADER): Promise<Buffer> {
  return xlsx((wb) => {
    const ws = wb.addWorksheet('2024年台账');
    ws.mergeCells('A1:J1');
    ws.getCell('A1').value = '秀洲区重大项目月度推进台账';
    ws.addRow(['填报单位：区发改局', null, null, null, null, null, null, null, null, '单位：亿元']);
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
  });
}

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

const pick = (i: { row?: number; column?: string }) => ({ row: i.row, column: i.column });

describe('the sheet reader', () => {
  it('streams every sheet of a workbook with its name, row numbers, numbers, texts and dates', async () => {
    const data = await xlsx((wb) => {
      const a = wb.addWorksheet('甲');
      a.addRow(['名称', '数值', '日期']);
      a.addRow(['有机废弃物', 1.5, new Date(Date.UTC(2024, 2, 1))]);
      const b = wb.addWorksheet('乙');
      b.addRow([]);
      b.addRow(['x', { formula: '1+1', result: 2 }]);
    });
    const rows: { sheet?: string; row: number; cells: Map<number, SheetCell> }[] = [];
    for await (const r of readSheetRows({ name: 'a.xlsx', data })) rows.push(r);
    expect(rows.map((r) => [r.sheet, r.row])).toEqual([
      ['甲', 1],
      ['甲', 2],
      ['乙', 2],
    ]);
    expect(rows[1]!.cells.get(1)).toEqual({ kind: 'text', text: '有机废弃物' });
    expect(rows[1]!.cells.get(2)).toEqual({ kind: 'number', value: 1.5, percentFormat: false });
    const date = rows[1]!.cells.get(3)!;
    expect(date.kind).toBe('date');
    expect(date.kind === 'date' && date.value.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(rows[2]!.cells.get(2)).toMatchObject({ kind: 'number', value: 2 });
  });

  it('decides the format from the content and decodes GB18030 text', async () => {
    const f = await openSheetFile({ name: '台账.xlsx', data: encodeGb18030('项目名称,月份\n湿地保护和建设工程,2024-01\n') });
    expect(f.format).toBe('csv');
    const rows = [];
    for await (const s of f.sheets()) for await (const r of s.rows) rows.push([s.name, r.row, r.cells.get(1)]);
    expect(rows).toEqual([
      [undefined, 1, { kind: 'text', text: '项目名称' }],
      [undefined, 2, { kind: 'text', text: '湿地保护和建设工程' }],
    ]);
    expect(f.rowsRead).toBe(2);
  });

  it('refuses what is not a table, and more rows than the limit, with the file named', async () => {
    const pdf = await importError(openSheetFile({ name: 'a.csv', data: Buffer.from('%PDF-1.7 ...') }));
    expect(pdf.message).toBe('a.csv: 不是 .xlsx 或 .csv 文件：文件内容是PDF 文档');
    const f = await openSheetFile({ name: 'rows.csv', data: Buffer.from('a\n1\n2\n3\n') }, { limits: { maxRows: 2 } });
    const err = await importError(
      (async () => {
        for await (const s of f.sheets()) for await (const _ of s.rows);
      })(),
    );
    expect(err.message).toContain('行数超过上限2行');
  });
});

describe('the monthly project ledger', () => {
  it('reads a bureau workbook: title rows, id or name, month in any usual form, stages, milestones, issues', async () => {
    const data = await ledger([
      [
        1,
        'p-organic-waste',
        '嘉兴市有机废弃物综合处理项目',
        new Date(Date.UTC(2024, 0, 1)),
        0.3,
        '在建',
        '厌氧罐安装',
        '用地指标待落实',
        '区自然资源局',
        '—',
      ],
      [2, null, '嘉兴市 有机废弃物综合处理项目', '2024年2月', '0.5', null, 'ow-2', '无', null, '春节停工'],
      [3, 'p-pv', null, '2024.03', { formula: '0.2+0.5', result: 0.7 }, 'construction', '', null, null, null],
      [4, null, '"七横"骨干通道', 202403, 0, '前期', null, null, null, null],
      [null, null, '合计', null, 1.5, null, null, null, null, null],
      ['注：本表由各责任单位于每月5日前报送。'],
    ]);
    const rows = await readProjectLedger({ name: '台账.xlsx', data }, PROJECTS);
    expect(rows.map((r) => [r.projectId, r.period, r.investment, r.stage, r.milestonesDone, r.issue, r.note])).toEqual([
      ['p-organic-waste', '2024-01', 0.3, 'construction', ['ow-1'], { title: '用地指标待落实', ownerUnit: '区自然资源局' }, null],
      ['p-organic-waste', '2024-02', 0.5, null, ['ow-2'], null, '春节停工'],
      ['p-pv', '2024-03', 0.7, 'construction', [], null, null],
      ['p-seven', '2024-03', 0, 'preparation', [], null, null],
    ]);
    expect(rows[0]).toMatchObject({ projectName: '嘉兴市有机废弃物综合处理项目', cell: { sheet: '2024年台账', row: 4, column: 'B' } });
    expect(rows[1]!.cell).toEqual({ sheet: '2024年台账', row: 5, column: 'C' });
    expect(rows[0]!.columns).toMatchObject({ projectId: 'B', projectName: 'C', period: 'D', investment: 'E' });
  });

  it('reads a GB18030 CSV whose investment column is in 万元, converting to 亿元', async () => {
    const csv = [
      '项目名称,月份,本月完成投资(万元),形象进度阶段,需协调问题',
      '湿地保护和建设工程,2024-01,3000,开工,',
      '湿地保护和建设工程,2024-2,"1,250",投产/运营,征迁进度滞后',
      '嘉兴运河文化省级旅游度假区,2024/03/31,0,,',
    ].join('\r\n');
    const rows = await readProjectLedger({ name: '台账.csv', data: encodeGb18030(csv) }, PROJECTS);
    expect(rows.map((r) => [r.projectId, r.period, r.investment, r.stage, r.issue?.title ?? null])).toEqual([
      ['p-wetland', '2024-01', 0.3, 'started', null],
      ['p-wetland', '2024-02', 0.125, 'operation', '征迁进度滞后'],
      ['p-canal', '2024-03', 0, null, null],
    ]);
    expect(rows[1]!.cell).toEqual({ row: 3, column: 'A' });
  });

  it('refuses the whole ledger with every bad cell named: file, sheet, row, column', async () => {
    const data = await ledger([
      [1, null, '嘉兴市有机废弃物综合处理项目', '2024-01', 0.3, null, null, null, null, null],
      [2, null, '嘉兴有机废弃物处理项目', '2024-01', 0.2, null, null, null, null, null],
      [3, null, '嘉兴市有机废弃物综合处理项目', '2024-02', '三千万', null, null, null, null, null],
      [4, null, '嘉兴市有机废弃物综合处理项目', '2024-13', -1, null, null, null, null, null],
      [5, null, '光伏组件智能工厂', '2024-01', 0.5, '建设中', '设备进场', null, null, null],
      [6, null, '嘉兴市有机废弃物综合处理项目', '2024年1月', 0.1, null, null, null, null, null],
      [7, 'p-pv', '湿地保护和建设工程', '2024-02', null, null, null, null, null, null],
      [8, null, '光伏组件智能工厂', 2024.1, 0.5, null, null, null, null, null],
    ]);
    const err = await importError(readProjectLedger({ name: '台账.xlsx', data }, PROJECTS));
    expect(err.issues.map(pick)).toEqual([
      { row: 5, column: 'C' },
      { row: 6, column: 'E' },
      { row: 7, column: 'D' },
      { row: 7, column: 'E' },
      { row: 8, column: 'F' },
      { row: 8, column: 'G' },
      { row: 9, column: 'D' },
      { row: 10, column: 'C' },
      { row: 10, column: 'E' },
      { row: 11, column: 'D' },
    ]);
    expect(err.issues.every((i) => i.file === '台账.xlsx' && i.sheet === '2024年台账')).toBe(true);
    const [unknown, money, month, negative, stage, milestone, duplicate, mismatch, missing, ambiguous] = err.issues;
    expect(unknown!.message).toBe('没有名为「嘉兴有机废弃物处理项目」的项目');
    expect(unknown!.suggestions).toHaveLength(3);
    expect(unknown!.suggestions![0]).toBe('嘉兴市有机废弃物综合处理项目');
    expect(money!.message).toBe('本月完成投资「三千万」不是数值（应填写以亿元为单位的数字）');
    expect(month!.message).toContain('月份「2024-13」应写作 YYYY-MM');
    expect(negative!.message).toContain('不能为负数');
    expect(stage!.message).toContain('项目阶段「建设中」应为 谋划、前期、开工、在建、竣工、投产/运营 之一');
    expect(milestone!.message).toBe('项目「光伏组件智能工厂」没有节点「设备进场」');
    expect(duplicate!.message).toBe('与第4行重复：项目「嘉兴市有机废弃物综合处理项目」2024-01只能有一行');
    expect(mismatch!.message).toContain('项目编号「p-pv」登记的名称是「光伏组件智能工厂」，与「湿地保护和建设工程」不符');
    expect(missing!.message).toContain('未填写本月完成投资');
    expect(ambiguous!.message).toContain('有歧义');
    expect(err.message.split('\n')[1]).toBe(
      '台账.xlsx, 工作表「2024年台账」, 第6行, 列E: 本月完成投资「三千万」不是数值（应填写以亿元为单位的数字）',
    );
  });

  it('names the missing header columns, and a file without a ledger header', async () => {
    const noMonth = await ledger([[1, null, '湿地保护和建设工程', 0.3]], ['序号', '项目编号', '项目名称', '本月完成投资']);
    const a = await importError(readProjectLedger({ name: 'a.xlsx', data: noMonth }, PROJECTS));
    expect(a.issues).toEqual([{ file: 'a.xlsx', sheet: '2024年台账', row: 3, message: '表头缺少「月份」（或「填报月份」）列' }]);

    const yuan = await ledger(
      [[1, null, '湿地保护和建设工程', '2024-01', 3000000]],
      ['序号', '项目编号', '项目名称', '月份', '本月完成投资（元）'],
    );
    const b = await importError(readProjectLedger({ name: 'b.xlsx', data: yuan }, PROJECTS));
    expect(b.issues.map((i) => [i.row, i.column, i.message])).toEqual([[3, 'E', '「本月完成投资（元）」的单位应为亿元或万元']]);

    const c = await importError(readProjectLedger({ name: 'c.csv', data: Buffer.from('指标编号,2021\n1,5\n') }, PROJECTS));
    expect(c.message).toContain('没有找到项目台账的表头');

    const d = await importError(readProjectLedger({ name: 'd.csv', data: Buffer.from('项目名称,月份,本月完成投资\n') }, PROJECTS));
    expect(d.message).toBe('d.csv: 台账中没有数据行');
  });

  it('reads ledgers kept one sheet a month, and finds the same month twice across sheets', async () => {
    const data = await xlsx((wb: ExcelJS.Workbook) => {
      for (const m of ['1', '2', '2']) {
        const ws = wb.addWorksheet(`${m}月${wb.worksheets.length}`);
        ws.addRow(['项目名称', '月份', '本月完成投资']);
        ws.addRow(['湿地保护和建设工程', `2024年${m}月`, 0.1]);
      }
      wb.addWorksheet('说明').addRow(['各单位每月报送']);
    });
    const err = await importError(readProjectLedger({ name: 'm.xlsx', data }, PROJECTS));
    expect(err.issues).toEqual([
      expect.objectContaining({ sheet: '2月2', row: 2, column: 'B', message: expect.stringContaining('与工作表「2月1」第2行重复') }),
    ]);
  });
});
