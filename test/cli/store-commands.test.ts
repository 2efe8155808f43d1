import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    // The plan's 8 published figures and the 2 imported above.
    expect(n.n).toBe(10);
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

describe('demonstration data refused by every CLI path into a real store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-cli-demo-'));
  const data = join(dir, 'data');
  const count = (): number => {
    const db = new Database(join(data, 'planwatch.sqlite'), { readonly: true });
    const n = (db.prepare('select count(*) as n from plan_values').get() as { n: number }).n;
    db.close();
    return n;
  };

  it('refuses the file demo-values writes in `import`, dry run and real', async () => {
    const file = join(dir, 'demo.csv');
    expect((await cli('demo-values', 'xiuzhou-14th', '--seed', '1', '-o', file)).code).toBe(0);
    expect((await cli('user', 'add', 'admin', '--role', 'admin', '--data', data)).code).toBe(0);
    const before = count();
    for (const flags of [['--dry-run'], []]) {
      const r = await cli('import', 'xiuzhou-14th', file, ...flags, '--data', data);
      expect(r.code).toBe(1);
      expect(r.err).toContain('demo.csv, 第1行, 列A');
      expect(r.err).toContain('不能进入正式数据库');
    }
    expect(count()).toBe(before);
  });

  it('refuses a workbook with rows marked 示例数据 in `import`', async () => {
    const file = join(dir, '主要指标.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('主要指标');
    ws.addRow(['指标编号', '指标名称', '年份', '数值', '备注']);
    ws.addRow(['6', '研发经费支出占地区生产总值比重', 2025, 3.6, '示例数据']);
    await wb.xlsx.writeFile(file);
    const r = await cli('import', 'xiuzhou-14th', file, '--data', data);
    expect(r.code).toBe(1);
    expect(r.err).toContain('第2行, 列E');
    expect(r.err).toContain('示例数据');
  });

  it('refuses a demo project ledger in `project-ledger`', async () => {
    const file = join(dir, '台账.csv');
    writeFileSync(file, '# 示例数据，非真实统计\n项目名称,填报月份,本月完成投资（亿元）\n嘉兴市有机废弃物综合处理项目,2024-01,0.3\n');
    const r = await cli('project-ledger', 'xiuzhou-14th', file, '--data', data);
    expect(r.code).toBe(1);
    expect(r.err).toContain('不能进入正式数据库');
  });

  it('refuses a plan folder whose published values are a demo set in `plan-add`', async () => {
    const folder = join(dir, 'demo-plan');
    cpSync(join('src', 'plans', 'xiuzhou-14th'), folder, { recursive: true });
    const yaml = join(folder, 'plan.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^id: xiuzhou-14th$/m, 'id: demo-plan'));
    expect((await cli('demo-values', folder, '--seed', '2', '-o', join(folder, 'observations.csv'))).code).toBe(0);
    const r = await cli('plan-add', folder, '--data', data);
    expect(r.code).toBe(1);
    expect(r.err).toContain('规划「demo-plan」的公布数据');
    expect(r.err).toContain('不能进入正式数据库');
    const db = new Database(join(data, 'planwatch.sqlite'), { readonly: true });
    expect(db.prepare("select count(*) as n from plans where id = 'demo-plan'").get()).toEqual({ n: 0 });
    db.close();
  });
});
