/**
 * The roll-up matrix as a workbook: one row per child plan, two columns per indicator (status,
 * value with year), the children's sums labelled as sums (never the parent's official figure) and,
 * on a second sheet, each cell's source, 口径 and 衔接 note. Demo matrices carry the demo banner.
 */
import ExcelJS from 'exceljs';
import type { Rollup } from '../core/rollup.js';
import { DEMO_BANNER } from '../importers/plan-csv.js';
import { safeCell } from './indicator-table.js';

export async function rollupWorkbook(m: Rollup): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Planwatch';
  const ws = wb.addWorksheet('下级规划汇总');
  const width = 1 + m.columns.length * 2;
  const title = `${m.parentTitle} 下级规划实施情况汇总（${m.year}年）${m.demo ? ` · ${DEMO_BANNER}` : ''}`;
  ws.addRow([safeCell(title)]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, width);
  const head1 = ['下级规划'];
  const head2 = [''];
  for (const c of m.columns) {
    head1.push(safeCell(`${c.no}. ${c.name}${c.unit ? `（${c.unit}）` : ''}${c.attribute === '约束性' ? ' [约束性]' : ''}`), '');
    head2.push('状态', '数值（年份）');
  }
  ws.addRow(head1).font = { bold: true };
  ws.addRow(head2).font = { bold: true };
  m.columns.forEach((_c, i) => ws.mergeCells(2, 2 + i * 2, 2, 3 + i * 2));
  for (const r of m.rows) {
    const row: (string | number)[] = [safeCell(r.title)];
    for (const c of m.columns) {
      const cell = r.cells[c.indicatorId];
      if (!cell) {
        row.push('无对应指标', '');
        continue;
      }
      const status = `${cell.statusLabel ?? '—'}${cell.alignment.state === 'weaker' ? '（目标弱于上级）' : ''}`;
      row.push(safeCell(status), cell.value ? `${cell.value.value}（${cell.value.year}）` : '暂无已审核数值');
    }
    ws.addRow(row);
  }
  const sums: string[] = ['各下级合计（非上级官方数据）'];
  for (const c of m.columns) sums.push('', c.sum ? `${c.sum.value}（${c.sum.year}）` : safeCell(c.sumRefused ?? ''));
  ws.addRow(sums).font = { italic: true };
  ws.getColumn(1).width = 22;
  for (let i = 2; i <= width; i++) ws.getColumn(i).width = 16;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 3 }];

  const notes = wb.addWorksheet('来源与口径');
  notes.addRow(['下级规划', '上级指标', '下级指标', '下级目标', '数值', '年份', '口径', '来源', '衔接']).font = { bold: true };
  for (const r of m.rows)
    for (const c of m.columns) {
      const cell = r.cells[c.indicatorId];
      if (!cell) continue;
      notes.addRow([
        safeCell(r.title),
        safeCell(c.name),
        safeCell(cell.name),
        safeCell(cell.target),
        cell.value?.value ?? '',
        cell.value?.year ?? '',
        safeCell(cell.scopeNote ?? cell.value?.scope ?? '与上级一致'),
        safeCell(cell.value?.source?.title ?? ''),
        safeCell(cell.alignment.note),
      ]);
    }
  if (m.demo) notes.addRow([DEMO_BANNER]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
