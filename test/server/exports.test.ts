import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openDemoStore } from '../../src/store/demo.js';
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
