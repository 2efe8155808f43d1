/**
 * Demonstration data (示例数据) never enters a real store: every path by which a value, a ledger
 * or a project report reaches the store refuses a file or a value marked 示例数据, with a clear
 * message and nothing written, and a demo workspace (`serve --demo`) takes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoValues } from '../../src/core/demo.js';
import { monitoredTargets } from '../../src/core/targets.js';
import { formatObservationsCsv } from '../../src/importers/plan-csv.js';
import { buildApp } from '../../src/server/app.js';
import { addUser } from '../../src/store/accounts.js';
import { openDemoStore } from '../../src/store/demo.js';
import { getPlan } from '../../src/store/plans.js';
import { SYSTEM } from '../../src/store/util.js';
import { loadPlan } from '../../src/plans/load.js';
import { xlsx } from '../importers/files.js';
import { DIALECTS } from '../store/harness.js';
import { countRows, makeApi, multipart, PASSWORD, type Client, type TestApi } from './harness.js';

const plan = loadPlan('xiuzhou-14th');
/** What `planwatch demo-values xiuzhou-14th --seed 1` writes. */
const demoCsv = Buffer.from(
  formatObservationsCsv(demoValues(plan, { seed: 1 }).observations, monitoredTargets(plan), 'planwatch demo-values'),
);
/** Rows marked 示例数据 without the first-line comment. */
const rowsMarkedCsv = Buffer.from(
  'indicator,indicator_name,year,value,demo\n6,研发经费支出占地区生产总值比重,2023,3.5,示例数据\n7,人才资源总量,2023,12.9,示例数据\n',
);
const demoXlsx = (): Promise<Buffer> =>
  xlsx((wb) => {
    const ws = wb.addWorksheet('主要指标');
    ws.addRow(['示例数据，非真实统计']);
    ws.addRow(['序号', '指标名称', '2023年']);
    ws.addRow([6, '研发经费支出占地区生产总值比重', 3.5]);
  });
const demoLedger = (): Promise<Buffer> =>
  xlsx((wb) => {
    const ws = wb.addWorksheet('重大项目台账');
    ws.addRow(['重大项目月度推进台账（示例数据，非真实统计）']);
    ws.addRow(['项目名称', '填报月份', '本月完成投资（亿元）']);
    ws.addRow(['嘉兴市有机废弃物综合处理项目', '2024-01', 0.3]);
  });

interface Refusal {
  error: { code: string; message: string; details?: { issues: { file: string; row?: number; column?: string; message: string }[] } };
}

const upload = (client: Client, url: string, name: string, data: Buffer) => {
  const { payload, headers } = multipart(name, data);
  return client.request('POST', url, payload, headers);
};
const IMPORTS = '/api/v1/plans/xiuzhou-14th/imports';
const LEDGER = '/api/v1/plans/xiuzhou-14th/projects/ledger';

describe.each(DIALECTS)('demonstration data refused by the real store on %s', (dialect) => {
  let api: TestApi;
  const count = (table: 'plan_values' | 'project_reports' | 'audit_log'): Promise<number> => countRows(api.t, table);
  beforeAll(async () => {
    api = await makeApi(dialect);
  });
  afterAll(async () => api.cleanup());

  it.each([
    ['demo-values file (CSV, first-line comment)', 'demo.csv', () => Promise.resolve(demoCsv), 1],
    ['rows marked 示例数据 (CSV)', 'rows.csv', () => Promise.resolve(rowsMarkedCsv), 2],
    ['workbook with a 示例数据 title row (XLSX)', 'demo.xlsx', demoXlsx, 1],
  ])('refuses a %s in the web import, dry run and real, writing nothing', async (_what, name, file, row) => {
    const before = { values: await count('plan_values'), audit: await count('audit_log') };
    for (const query of ['?dryRun=true', '']) {
      const res = await upload(api.admin, IMPORTS + query, name, await file());
      expect(res.statusCode).toBe(422);
      const body = res.json() as Refusal;
      expect(body.error.code).toBe('importRefused');
      expect(body.error.message).toContain('示例数据');
      expect(body.error.message).toContain('不能进入正式数据库');
      expect(body.error.details!.issues[0]).toMatchObject({ file: name, row });
    }
    expect({ values: await count('plan_values'), audit: await count('audit_log') }).toEqual(before);
  });

  it('refuses a reporter’s upload of a demo file too', async () => {
    const res = await upload(api.reporter, IMPORTS, 'demo.csv', rowsMarkedCsv);
    expect(res.statusCode).toBe(422);
    expect((res.json() as Refusal).error.message).toContain('示例数据');
  });

  it('refuses a demo project ledger, dry run and real', async () => {
    const before = await count('project_reports');
    for (const query of ['?dryRun=true', '']) {
      const res = await upload(api.admin, LEDGER + query, '台账.xlsx', await demoLedger());
      expect(res.statusCode).toBe(422);
      expect((res.json() as Refusal).error.message).toContain('不能进入正式数据库');
    }
    expect(await count('project_reports')).toBe(before);
  });

  it('refuses a value entered through the values API whose source or note says 示例数据', async () => {
    const before = await count('plan_values');
    const bySource = await api.reporter.request('POST', '/api/v1/plans/xiuzhou-14th/values', {
      indicatorId: '17',
      year: 2023,
      value: 92,
      source: { title: '示例数据（planwatch demo-values 生成）' },
      submit: true,
    });
    expect(bySource.statusCode).toBe(422);
    expect((bySource.json() as Refusal).error).toMatchObject({ code: 'demoData', message: expect.stringContaining('不能进入正式数据库') });
    const byNote = await api.admin.request('POST', '/api/v1/plans/xiuzhou-14th/values', {
      indicatorId: '17',
      year: 2023,
      value: 92,
      note: '示例异常值：用于演示异常值提示（示例数据）',
    });
    expect(byNote.statusCode).toBe(422);
    expect(await count('plan_values')).toBe(before);
  });

  it('refuses a project’s monthly report marked 示例数据', async () => {
    const res = await api.admin.request('POST', '/api/v1/projects/p-organic-waste/reports', {
      period: '2024-01',
      investment: 0.3,
      note: '示例数据',
    });
    expect(res.statusCode).toBe(422);
    expect((res.json() as Refusal).error.code).toBe('demoData');
  });
});

describe('a demo workspace takes demonstration files', () => {
  it('imports a demo-values file there, every value marked demo', async () => {
    const demo = await openDemoStore();
    try {
      const app = await buildApp({ store: demo.store, demo: true });
      await addUser(demo.store.db, SYSTEM, { username: 'admin', password: PASSWORD, role: 'admin' });
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD } });
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const { csrfToken } = login.json() as { csrfToken: string };
      // The workspace holds demo values up to 2024, locked; the file brings 2025.
      const { payload, headers } = multipart('rows.csv', Buffer.from(rowsMarkedCsv.toString().replaceAll(',2023,', ',2025,')));
      const res = await app.inject({
        method: 'POST',
        url: IMPORTS,
        payload,
        headers: { ...headers, cookie, 'x-csrf-token': csrfToken },
      });
      expect(res.statusCode, res.body).toBe(200);
      const rows = await demo.store.db.selectFrom('plan_values').select(['demo']).where('origin', '=', 'import').execute();
      expect(rows.length).toBe(2);
      expect(rows.every((r) => r.demo === 1)).toBe(true);
      expect(await getPlan(demo.store.db, 'xiuzhou-14th')).toBeDefined();
      await app.close();
    } finally {
      await demo.dispose();
    }
  });
});
