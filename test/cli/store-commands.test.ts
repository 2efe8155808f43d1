import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('CLI commands on a SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-cli-store-'));
  const data = join(dir, 'data');

  it('adds a user with a generated password, printed once', async () => {
    const r = await cli('user', 'add', 'admin', '--role', 'admin', '--data', data);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/初始密码：\S{12,}/);
    const dup = await cli('user', 'add', 'admin', '--role', 'admin', '--data', data);
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('已存在');
    expect((await cli('user', 'add', 'town', '--role', 'reporter', '--data', data)).err).toContain('填报员必须指定所属单位');
  });

  it('imports a long CSV, exports the table and builds a report', async () => {
    const csv = join(dir, 'values.csv');
    writeFileSync(csv, 'indicator,indicator_name,year,value\n6,研发经费支出占地区生产总值比重,2023,3.5\n7,人才资源总量,2023,12.9\n');
    const dry = await cli('import', 'xiuzhou-14th', csv, '--dry-run', '--data', data);
    expect(dry.out).toContain('预览（未写入）：2 个数值');
    expect((await cli('import', 'xiuzhou-14th', csv, '--data', data)).out).toContain('已导入：2 个数值，新增 2');
    const xlsx = join(dir, 'table.xlsx');
    expect((await cli('export', 'xiuzhou-14th', '--year', '2023', '-o', xlsx, '--data', data)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const text: string[] = [];
    wb.worksheets[0]!.eachRow((row) => text.push(JSON.stringify(row.values)));
    expect(text.join()).toContain('3.5');
    const docx = join(dir, 'annual.docx');
    expect((await cli('report', 'annual', 'xiuzhou-14th', '--year', '2023', '-o', docx, '--data', data)).out).toContain('2023年');
    const xml = await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('人才资源总量');
    expect((await cli('report', 'weekly', 'xiuzhou-14th', '-o', docx, '--data', data)).err).toContain('annual、midterm 或 final');
  });

  it('takes a consistent backup that opens as a store', async () => {
    const target = join(dir, 'backup', 'pw.sqlite');
    expect((await cli('backup', '-o', target, '--data', data)).code).toBe(0);
    expect(existsSync(target)).toBe(true);
    const db = new Database(target, { readonly: true });
    const n = db.prepare("select count(*) as n from plan_values where plan_id = 'xiuzhou-14th'").get() as { n: number };
    db.close();
    expect(n.n).toBe(7);
  });

  it('puts imported task-target progress into the report and the task sheet of the export', async () => {
    const csv = join(dir, 'chargers.csv');
    writeFileSync(csv, 'indicator,year,value\ntt-ev-chargers,2021,300\ntt-ev-chargers,2022,320\ntt-ev-chargers,2023,330\n');
    expect((await cli('import', 'xiuzhou-14th', csv, '--data', data)).out).toContain('已导入：3 个数值，新增 3');
    const docx = join(dir, 'annual-tasks.docx');
    expect((await cli('report', 'annual', 'xiuzhou-14th', '--year', '2023', '-o', docx, '--data', data)).code).toBe(0);
    const xml = await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('已报送进展的1项中，基本符合预期1项');
    expect(text).toContain('截至2023年累计950个');
    const xlsx = join(dir, 'tasks.xlsx');
    expect((await cli('export', 'xiuzhou-14th', '--year', '2023', '-o', xlsx, '--data', data)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const rows: unknown[][] = [];
    wb.getWorksheet('任务目标')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[0] === 'tt-ev-chargers')!.slice(5, 7)).toEqual([2023, 950]);
  });
});
