import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsx } from '../importers/files.js';
import { openStore } from '../../src/store/index.js';
import { addPlan } from '../../src/store/plans.js';
import { loadPlanDir } from '../../src/plans/load.js';
import { syntheticCsv, writeSyntheticPlan } from '../../bench/synthetic-plan.js';
import { DIALECTS, makeStore, TEST_PG_URL } from '../store/harness.js';
import { makeApi, multipart, type Client, type TestApi } from './harness.js';

async function upload(api: TestApi, client: Client, name: string, data: Buffer, query = '') {
  const { payload, headers } = multipart(name, data);
  return client.request('POST', `/api/v1/plans/xiuzhou-14th/imports${query}`, payload, headers);
}

/** A statistics-bureau style wide sheet: title row, then 序号 | 指标名称 | years. */
function bureauSheet(rows: (string | number | null)[][]): Promise<Buffer> {
  return xlsx((wb) => {
    const ws = wb.addWorksheet('主要指标');
    ws.addRow(['秀洲区“十四五”主要指标完成情况（2021—2023）']);
    ws.addRow(['序号', '指标名称', '2021年', '2022年', '2023年']);
    for (const r of rows) ws.addRow(r);
  });
}

describe.each(DIALECTS)('spreadsheet import through the API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
  });
  afterAll(async () => api.cleanup());

  const count = async (): Promise<number> =>
    Number(
      (
        await api.t.store.db
          .selectFrom('plan_values')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const auditCount = async (): Promise<number> =>
    Number(
      (
        await api.t.store.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('cites the file’s source column as each value’s source, never the file name', async () => {
    const file = await xlsx((wb) => {
      const ws = wb.addWorksheet('主要指标');
      ws.addRow(['指标编号', '指标名称', '年份', '数值', '数据来源', '来源链接']);
      ws.addRow([
        '9',
        '数字经济核心产业增加值占地区生产总值比重',
        2023,
        12.2,
        '秀洲区统计局《2023年统计公报》',
        'http://www.xiuzhou.gov.cn/',
      ]);
      ws.addRow(['4', '常住人口城镇化率', 2023, 72.1, null, null]);
    });
    const done = await upload(api, api.admin, '来源.xlsx', file);
    expect(done.statusCode, done.body).toBe(200);
    const values = (await api.admin.request('GET', '/api/v1/plans/xiuzhou-14th/values?year=2023')).json() as {
      indicatorId: string;
      source: { title: string; url?: string } | null;
    }[];
    expect(values.find((v) => v.indicatorId === '9')!.source).toEqual({
      title: '秀洲区统计局《2023年统计公报》',
      url: 'http://www.xiuzhou.gov.cn/',
    });
    expect(values.find((v) => v.indicatorId === '4')!.source).toBeNull();
  });

  it('previews with dryRun, then imports a bureau sheet as approved values, each change audited', async () => {
    const file = await bureauSheet([
      [6, '研发经费支出占地区生产总值比重', 3.25, 3.4, 3.52],
      [7, '人才资源总量', 11.9, 12.3, 12.8],
    ]);
    const before = await count();
    const preview = await upload(api, api.admin, '主要指标.xlsx', file, '?dryRun=true');
    expect(preview.statusCode).toBe(200);
    expect(preview.json().summary).toMatchObject({ dryRun: true, total: 6, added: 6 });
    expect(await count()).toBe(before);
    const done = await upload(api, api.admin, '主要指标.xlsx', file);
    expect(done.json().summary).toMatchObject({ dryRun: false, added: 6 });
    expect(await count()).toBe(before + 6);
    const ev = (await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/evaluation?year=2023')).json() as {
      results: { indicatorId: string; figures: { latest?: { value: number } } }[];
    };
    expect(ev.results.find((r) => r.indicatorId === '6')!.figures.latest?.value).toBe(3.52);
    const audit = (await api.admin.request('GET', '/api/v1/audit?plan=xiuzhou-14th&indicator=7')).json() as {
      action: string;
      reason: string;
    }[];
    expect(audit.filter((a) => a.action === 'value.import')).toHaveLength(3);
    const job = (await api.admin.request('GET', `/api/v1/jobs/${done.json().job}`)).json();
    expect(job).toMatchObject({ status: 'done', result: expect.objectContaining({ added: 6 }) });
  });

  it('refuses a whole file with one bad cell: nothing stored, the cell named', async () => {
    const file = await bureauSheet([
      [9, '数字经济核心产业增加值占地区生产总值比重', 12.1, 12.9, 13.5],
      [10, '货物贸易进出口额', 230, '二百四', 260],
    ]);
    const before = await count();
    const audits = await auditCount();
    const res = await upload(api, api.admin, '坏一格.xlsx', file);
    expect(res.statusCode).toBe(422);
    const body = res.json() as {
      error: { code: string; message: string; details: { issues: { file: string; sheet: string; row: number; column: string }[] } };
    };
    expect(body.error.code).toBe('importRefused');
    expect(body.error.details.issues).toEqual([expect.objectContaining({ file: '坏一格.xlsx', sheet: '主要指标', row: 4, column: 'D' })]);
    expect(body.error.message).toContain('未写入任何数据');
    expect(await count()).toBe(before);
    expect(await auditCount()).toBe(audits);
  });

  it('suggests the closest indicator names for an unknown one', async () => {
    const res = await upload(api, api.admin, '名称.xlsx', await bureauSheet([[null, '地区生产总值（亿元）', 546, 622, 650]]));
    if (res.statusCode === 200) {
      // Normalisation may match it outright; then the row was read as GDP.
      expect(res.json().summary.indicators).toBe(1);
      return;
    }
    const issue = res.json().error.details.issues[0];
    expect(issue.suggestions).toContain('地区生产总值');
  });

  it('gives hostile uploads a clear error and stores nothing', async () => {
    const before = await count();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const notSheet = await upload(api, api.admin, 'photo.xlsx', png);
    expect(notSheet.statusCode).toBe(422);
    expect(notSheet.json().error.message).toContain('photo.xlsx');
    const xls = await upload(api, api.admin, 'old.xls', Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'));
    expect(xls.statusCode).toBe(422);
    expect(xls.json().error.message).toMatch(/xlsx/);
    expect(await count()).toBe(before);
  });

  it('a reporter may import only its own unit’s indicators, as submitted values', async () => {
    const mine = await bureauSheet([[17, '空气质量优良天数比率', 88.1, 88.9, 89.6]]);
    const ok = await upload(api, api.reporter, 'env.xlsx', mine);
    expect(ok.statusCode).toBe(200);
    const v = (await api.admin.request('GET', '/api/v1/plans/xiuzhou-14th/values?indicator=17&year=2021')).json() as { status: string }[];
    expect(v[0]!.status).toBe('submitted');
    const other = await upload(api, api.reporter, 'gdp.xlsx', await bureauSheet([[1, '地区生产总值', 546, 600, 650]]));
    expect(other.statusCode).toBe(422);
    expect(other.json().error.message).toContain('不属于您所在单位');
    expect((await upload(api, api.anonymous, 'x.xlsx', mine)).statusCode).toBe(401);
    expect((await upload(api, api.leader, 'x.xlsx', mine)).statusCode).toBe(403);
  });
});

describe.each(DIALECTS)('a process killed in the middle of an import on %s', (dialect) => {
  it('leaves the store as it was before', async () => {
    const t = await makeStore(dialect);
    const dir = mkdtempSync(join(tmpdir(), 'pw-kill-'));
    // 5,000 indicators × 20 years: the write phase lasts long enough to be interrupted.
    await t.store.db.transaction().execute((trx) => addPlan(trx, loadPlanDir(writeSyntheticPlan(dir, 5000))));
    const file = join(dir, 'values.csv');
    writeFileSync(file, syntheticCsv(5000));
    const countValues = async (db = t.store.db): Promise<number> =>
      Number(
        (
          await db
            .selectFrom('plan_values')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await countValues();
    await t.store.close();
    const env = { ...process.env, DATABASE_URL: dialect === 'postgres' ? TEST_PG_URL : '', PLANWATCH_PG_SCHEMA: t.options.pgSchema ?? '' };
    const child = spawn(
      process.execPath,
      ['bin/planwatch.js', 'import', 'synthetic-county', file, ...(t.options.dataDir ? ['--data', t.options.dataDir] : [])],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    const exit = new Promise<string>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // Once the write phase has begun, some batches are inside the open transaction.
        if (/写入 \d+\/100000/.test(stderr) && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`));
    });
    expect(await exit, stderr).toBe('SIGKILL');
    const reopened = await openStore(t.options);
    try {
      expect(await countValues(reopened.db)).toBe(before);
      const audit = await reopened.db.selectFrom('audit_log').select('action').where('action', '=', 'value.import').execute();
      expect(audit).toEqual([]);
    } finally {
      await reopened.close();
      await t.cleanup().catch(() => undefined);
    }
  });
});
