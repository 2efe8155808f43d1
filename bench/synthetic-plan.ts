/**
 * A large synthetic plan folder and a values file for it, for import benchmarks and the test that
 * kills an import halfway: `indicators` level indicators, one value per indicator and year.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { stringify } from 'yaml';

export const SYNTHETIC_YEARS = Array.from({ length: 20 }, (_, i) => 2011 + i);

export function writeSyntheticPlan(dir: string, indicators: number, id = 'synthetic-county'): string {
  const planDir = join(dir, id);
  mkdirSync(planDir, { recursive: true });
  writeFileSync(
    join(planDir, 'plan.yaml'),
    stringify({
      id,
      title: '合成县级规划（基准测试用）',
      shortTitle: '合成规划',
      region: '合成县',
      baseYear: 2020,
      targetYear: 2025,
      categories: ['经济发展'],
    }),
  );
  writeFileSync(
    join(planDir, 'indicators.yaml'),
    stringify({
      indicators: Array.from({ length: indicators }, (_, i) => ({
        id: `s${i + 1}`,
        no: i + 1,
        category: '经济发展',
        name: `合成指标${i + 1}`,
        unit: '万元',
        base: 100,
        target: '150',
        attribute: '预期性',
      })),
    }),
  );
  return planDir;
}

/** Long-format CSV: indicator, year, value. */
export function syntheticCsv(indicators: number): string {
  const lines = ['indicator,year,value,kind'];
  for (let i = 1; i <= indicators; i++) for (const y of SYNTHETIC_YEARS) lines.push(`s${i},${y},${100 + (y - 2011) * 2.5 + (i % 7)},level`);
  return lines.join('\n') + '\n';
}

/** Wide workbook in a statistics bureau's layout: a title row, then 序号 | 指标名称 | years. */
export async function syntheticWorkbook(indicators: number, file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
  const ws = wb.addWorksheet('主要指标');
  ws.addRow(['合成县主要指标（2011—2030）']).commit();
  ws.addRow(['序号', '指标名称', ...SYNTHETIC_YEARS.map((y) => `${y}年`)]).commit();
  for (let i = 1; i <= indicators; i++)
    ws.addRow([i, `合成指标${i}`, ...SYNTHETIC_YEARS.map((y) => 100 + (y - 2011) * 2.5 + (i % 7))]).commit();
  ws.commit();
  await wb.commit();
}
