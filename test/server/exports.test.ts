import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readValuesFile } from '../../src/importers/spreadsheet.js';
import { buildApp } from '../../src/server/app.js';
import { openDemoStore } from '../../src/store/demo.js';
import { applyImport } from '../../src/store/imports.js';
import { getPlan } from '../../src/store/plans.js';
import { SYSTEM } from '../../src/store/util.js';
import { DIALECTS } from '../store/harness.js';
import { makeApi, type TestApi } from './harness.js';

async function sheetRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) =>
    rows.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) =>
          v === null || v === undefined
            ? ''
            : typeof v === 'object' && 'richText' in (v as object)
              ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('')
              : String(v),
        ),
    ),
  );
  return rows;
}

describe.each(DIALECTS)('indicator table export on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
  });
  afterAll(async () => api.cleanup());

  it('downloads the table 2-1 layout with the published values and statuses as .xlsx', async () => {
    const res = await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/export.xlsx?year=2022');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const rows = await sheetRows(res.rawPayload);
    const text = rows.map((r) => r.join('|')).join('\n');
    expect(text).toContain('地区生产总值');
    expect(text).toContain('基本符合预期');
    expect(text).toContain('一般公共预算收入');
    expect(text).toContain('严重滞后');
    for (const name of ['人均预期寿命', '粮食综合生产能力', '城镇居民人均可支配收入年均增长']) expect(text).toContain(name);
  });

  it('downloads CSV with a BOM', async () => {
    const res = await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-13th/export.csv?final=true');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect(res.body).toContain('总量完成');
  });
});

describe('the demo workspace', () => {
  it('marks every response and export as demonstration data and never touches the real store', async () => {
    const demo = await openDemoStore(3);
    const app = await buildApp({ store: demo.store, demo: true });
    try {
      const ev = await app.inject({ method: 'GET', url: '/api/v1/plans/xiuzhou-14th/evaluation' });
      expect(ev.headers['x-planwatch-demo']).toBeDefined();
      const body = ev.json() as { demo: boolean; results: { observations: { demo?: boolean; value: number }[] }[] };
      expect(body.demo).toBe(true);
      const obs = body.results.flatMap((r) => r.observations);
      expect(obs.length).toBeGreaterThan(50);
      expect(obs.every((o) => o.demo === true)).toBe(true);
      expect(obs.some((o) => o.value === 622.31)).toBe(false);
      const values = (await app.inject({ method: 'GET', url: '/api/v1/plans/xiuzhou-14th/values' })).json() as { demo: boolean }[];
      expect(values.every((v) => v.demo)).toBe(true);
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session' })).json()).toMatchObject({ demo: true });
      const csv = await app.inject({ method: 'GET', url: '/api/v1/plans/xiuzhou-14th/export.csv' });
      expect(csv.body).toContain('示例数据');
      expect(demo.dir).toContain('planwatch-demo-');
    } finally {
      await app.close();
      await demo.dispose();
    }
  });
});

describe.each(DIALECTS)('Word reports through the API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
  });
  afterAll(async () => api.cleanup());

  it('builds the end-of-period report of the 13th plan as .docx, with progress under a job id', async () => {
    const job = '6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f';
    const res = await api.admin.request('GET', `/api/v1/plans/xiuzhou-13th/reports/final.docx?job=${job}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const word of ['总量完成', '基本完成', '固定资产投资', '未完成']) expect(text).toContain(word);
    const progress = (await api.admin.request('GET', `/api/v1/jobs/${job}`)).json();
    expect(progress).toMatchObject({ status: 'done', kind: 'report.final' });
    expect(progress.done).toBe(progress.total);
  });

  it('builds the annual report for the year asked, and refuses an unknown kind', async () => {
    const res = await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/reports/annual.docx?year=2022');
    expect(res.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('地区生产总值');
    expect((await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/reports/weekly.docx')).statusCode).toBe(400);
  });

  it('reports the approved progress of a task target in the report and in the spreadsheet', async () => {
    const plan = (await getPlan(api.t.store.db, 'xiuzhou-14th'))!;
    const csv = 'indicator,year,value\ntt-ev-chargers,2021,300\ntt-ev-chargers,2022,320\ntt-ev-chargers,2023,330\n';
    const { values } = await readValuesFile({ name: 'chargers.csv', data: Buffer.from(csv) }, plan);
    await applyImport(api.t.store.db, SYSTEM, plan, values, { file: 'chargers.csv', mode: 'approve' });

    const res = await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/reports/annual.docx?year=2023');
    expect(res.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('已报送进展的1项中，基本符合预期1项');
    expect(text).toContain('新建新能源汽车充电桩（完成进度51.4%，比时序进度60.0%低8.6个百分点）');
    expect(text).toContain('截至2023年累计950个');

    const xlsx = await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/export.xlsx?year=2023');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['主要指标', '说明', '任务目标']);
    const rows: unknown[][] = [];
    wb.getWorksheet('任务目标')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const piles = rows.find((r) => r[0] === 'tt-ev-chargers')!;
    expect(piles.slice(5, 9)).toEqual([2023, 950, expect.closeTo(950 / 1847, 6), '基本符合预期']);
  });
});
